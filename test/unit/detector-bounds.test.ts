/**
 * Bounds found by the config and robustness work: an allow pattern still sees the text near a key on
 * a long line, and a legacy key confirmed by a later line still honours allow patterns. (That allow
 * patterns and base64 decoding stay linear on long lines is measured by `npm run bench`, on the
 * adversarial inputs of test/helpers/adversarial.ts.)
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Detector } from "../../dist/core/index.js";
import { compileLinear } from "../../dist/core/linear-regex.js";
import { renderReport } from "../../dist/cli/messages.js";
import { base64, fakeKey, fakeUuid } from "../helpers/keys.js";

test("an allow pattern matches anywhere on a long line", () => {
  const key = fakeKey();
  const line = `${"x".repeat(100000)} k = "${key}" // EXAMPLE-ONLY`;
  const findings = new Detector({ allowPatterns: [compileLinear("EXAMPLE-ONLY")] }).scanText("bundle.js", line);
  assert.equal(findings[0]!.allowed, true);
});

test("a base64 legacy key keeps the line's Pinecone context however far away it is", () => {
  const uuid = fakeUuid();
  const line = `# pinecone ${"-".repeat(300)} api_key: ${base64(uuid)}`;
  const findings = new Detector().scanText("secret.yaml", line);
  assert.deepEqual(findings.map((f) => [f.rule, f.encoding]), [["pinecone-legacy-api-key", "base64"]]);
});

test("a legacy key confirmed by a later line still honours the config's allow patterns", () => {
  const uuid = fakeUuid();
  const text = `api_key = "${uuid}"  # EXAMPLE-KEY\nimport pinecone\n`;
  const findings = new Detector({ allowPatterns: [compileLinear("EXAMPLE-KEY")] }).scanText("app.py", text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.allowed, true);
});

test("the report says what allowed keys, and counts custom rules' findings as secrets", () => {
  const report = renderReport(
    [
      { rule: "pinecone-api-key", file: "a.py", line: 1, column: 1, redacted: "pcsk_abcde_1234…", fingerprint: "pinecone-api-key:0000000000000000", allowed: true, allowReason: "listed in .pinekeyignore" },
      { rule: "pinecone-api-key", file: "b.py", line: 1, column: 1, redacted: "pcsk_abcde_5678…", fingerprint: "pinecone-api-key:1111111111111111", allowed: true },
      { rule: "openai-api-key", file: "c.py", line: 2, column: 5, redacted: "sk-p…", fingerprint: "openai-api-key:2222222222222222", allowed: false },
    ],
    "staged",
  );
  assert.match(report, /1 secret in the staged changes/);
  assert.match(report, /2 keys allowed \(1 by \.pinekeyignore, 1 by pinekey-allow comments\)/);
});
