import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as core from "../../dist/core/index.js";
import { BUILT_IN_RULES, PinekeyError, RULES } from "../../dist/core/index.js";

describe("RULES", () => {
  it("describes exactly the built-in rules the detector reports", () => {
    assert.deepEqual(RULES.map((rule) => rule.id).sort(), ["pinecone-api-key", "pinecone-legacy-api-key", "pinecone-pckey-api-key"]);
    assert.deepEqual(RULES.map((rule) => rule.id), BUILT_IN_RULES.map((rule) => rule.id));
    for (const rule of RULES) {
      assert.ok(rule.name.length > 0 && rule.description.length > 0);
    }
  });
});

describe("PinekeyError", () => {
  it("carries a code and an optional hint", () => {
    const error = new PinekeyError("NOT_A_REPOSITORY", "not a git repository", "run it inside a repository");
    assert.ok(error instanceof Error);
    assert.equal(error.name, "PinekeyError");
    assert.equal(error.code, "NOT_A_REPOSITORY");
    assert.equal(error.hint, "run it inside a repository");
    assert.equal(new PinekeyError("GIT_FAILED", "x").hint, undefined);
  });
});

describe("the core's public surface", () => {
  it("re-exports every module from index.ts", () => {
    for (const name of [
      "Detector",
      "DIFF_CONTEXT_LINES",
      "LEGACY_CONTEXT_WINDOW",
      "DiffParser",
      "PinekeyError",
      "RULES",
      "BUILT_IN_RULES",
      "customRule",
      "fingerprintOf",
      "redactCurrentKey",
      "redactLegacyKey",
      "scrubKeys",
      "isPlaceholderSecret",
      "isPlaceholderUuid",
      "commentSyntaxOf",
      "languageOf",
      "PatchScanner",
    ]) {
      assert.ok(name in core, name);
    }
    assert.equal(core.DIFF_CONTEXT_LINES, core.LEGACY_CONTEXT_WINDOW, "git must show the whole context window");
  });
});
