import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fingerprintOf, redactCurrentKey, redactLegacyKey, scrubKeys } from "../../dist/core/index.js";
import { fakeKey, fakeUuid, splitKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";

describe("redaction", () => {
  it("shows the label and four characters of the secret, never more", () => {
    const key = fakeKey({ labelLength: 6 });
    const { label, secret } = splitKey(key);
    assert.equal(redactCurrentKey(label, secret), `pcsk_${label}_${secret.slice(0, 4)}…`);
    assertNoKeyIn(redactCurrentKey(label, secret), [key]);
  });

  it("shows four characters of a legacy key", () => {
    const uuid = fakeUuid();
    assert.equal(redactLegacyKey(uuid), `${uuid.slice(0, 4)}…`);
  });
});

describe("fingerprintOf", () => {
  it("is <rule>:<16 hex>, stable for a key, different for another key or rule", () => {
    const key = fakeKey();
    const fingerprint = fingerprintOf("pinecone-api-key", key);
    assert.match(fingerprint, /^pinecone-api-key:[0-9a-f]{16}$/);
    assert.equal(fingerprintOf("pinecone-api-key", key), fingerprint);
    assert.notEqual(fingerprintOf("pinecone-api-key", fakeKey()), fingerprint);
    assert.notEqual(fingerprintOf("pinecone-legacy-api-key", key).split(":")[1], fingerprint.split(":")[1]);
    assertNoKeyIn(fingerprint, [key]);
  });
});

describe("scrubKeys", () => {
  it("redacts full and truncated keys in free text and leaves the rest alone", () => {
    const key = fakeKey();
    const truncated = key.slice(0, key.length - 20);
    const text = `error: push rejected\n  ${key} in app.py\n  partial ${truncated}\n  pcsk_abcde_short stays\n`;
    const scrubbed = scrubKeys(text);
    assertNoKeyIn(scrubbed, [key]);
    assert.ok(!scrubbed.includes(splitKey(key).secret.slice(4, 30)));
    assert.ok(scrubbed.includes(`pcsk_${splitKey(key).label}_${splitKey(key).secret.slice(0, 4)}…`));
    assert.ok(scrubbed.includes("pcsk_abcde_short stays"), "fewer than 20 secret characters are not a key");
    assert.ok(scrubbed.startsWith("error: push rejected\n"));
  });

  it("handles a 12 MB run after pcsk_ without overflowing the regexp stack", () => {
    const scrubbed = scrubKeys(`pcsk_abcde_${"a".repeat(12 * 1024 * 1024)}`);
    assert.equal(scrubbed, "pcsk_abcde_aaaa…");
  });
});
