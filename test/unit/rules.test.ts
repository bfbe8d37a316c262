/**
 * The Rule model: every built-in rule is complete data, custom rules get words of their own, and the
 * announced `pckey_` format is matched, redacted and told from placeholders like the other keys.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILT_IN_RULES, customRule, Detector, scrubKeys } from "../../dist/core/index.js";
import { compileLinear } from "../../dist/core/linear-regex.js";
import { environmentVariableFor } from "../../dist/core/rules/index.js";
import { ALNUM, fakePckey, HEX, randomString } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";

describe("built-in rules", () => {
  it("each carries its keywords, words and verification", () => {
    for (const rule of BUILT_IN_RULES) {
      assert.ok(rule.keywords.words.length > 0, `${rule.id}: keywords`);
      assert.ok(rule.name && rule.description, `${rule.id}: name and description`);
      assert.equal(rule.words.envVar, "PINECONE_API_KEY");
      assert.ok(rule.verification, `${rule.id}: a Pinecone key can be checked live`);
    }
    const ids = BUILT_IN_RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe("custom rules", () => {
  it("get an environment variable from their id", () => {
    assert.equal(environmentVariableFor("openai-api-key"), "OPENAI_API_KEY");
    assert.equal(environmentVariableFor("acme.token_v2"), "ACME_TOKEN_V2");
    assert.equal(environmentVariableFor("1password-token"), "SECRET_1PASSWORD_TOKEN");
  });

  it("speak only of themselves: their description, their variable, no Pinecone words, no verification", () => {
    const rule = customRule({ id: "openai-api-key", regex: compileLinear("sk-[A-Za-z0-9]{48}"), keywords: ["sk-"], description: "OpenAI API key" });
    assert.equal(rule.verification, undefined);
    assert.equal(rule.words.one, "OpenAI API key");
    assert.equal(rule.words.many, "OpenAI API keys");
    assert.equal(rule.words.envVar, "OPENAI_API_KEY");
    assert.equal(rule.words.client, undefined);
    assert.doesNotMatch(JSON.stringify(rule.words), /pinecone/i);
  });
});

describe("rule pinecone-pckey-api-key", () => {
  it("finds every length of label and secret, alphanumeric or hex, redacted to its label and 4 characters", () => {
    for (let n = 0; n < 300; n++) {
      const key = fakePckey({ alphabet: n % 2 === 0 ? ALNUM : HEX, secretLength: 32 + (n % 97), labelLength: 1 + (n % 16) });
      const findings = new Detector().scanText("app.py", `PINECONE_API_KEY = "${key}"`);
      assert.deepEqual(findings.map((f) => [f.rule, f.column]), [["pinecone-pckey-api-key", 21]], key.length.toString());
      const [, label, secret] = key.split("_") as [string, string, string];
      assert.equal(findings[0]!.redacted, `pckey_${label}_${secret.slice(0, 4)}…`);
      assertNoKeyIn(JSON.stringify(findings), [key]);
    }
  });

  it("ignores near misses and placeholders", () => {
    for (const value of [
      fakePckey({ labelLength: 17 }),
      fakePckey({ secretLength: 31 }),
      fakePckey({ secretLength: 129 }),
      `pckey_label_${"x".repeat(40)}`,
      `pckey_demo_${"abcdefgh".repeat(5)}`,
      `pckey_demo_${randomString(30, ALNUM)}example${randomString(10, ALNUM)}`,
      "pckey_<public-label>_<unique-key>",
      `my${fakePckey()}`,
    ]) {
      assert.deepEqual(new Detector().scanText("a.md", `key: ${value}`), [], value.slice(0, 30));
    }
  });

  it("is scrubbed from free text like pcsk_ keys, even cut short", () => {
    const key = fakePckey({ labelLength: 5, secretLength: 64 });
    const scrubbed = scrubKeys(`fatal: bad value ${key} and ${key.slice(0, 40)}`);
    assertNoKeyIn(scrubbed, [key, key.slice(0, 40)]);
    assert.match(scrubbed, /pckey_\w+_\w{4}…/);
  });
});
