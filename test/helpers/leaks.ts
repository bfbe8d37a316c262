import assert from "node:assert/strict";

/**
 * No output may contain a full key. For a current key we also refuse its 63-character secret and any
 * 12-character slice of it beyond what redaction shows; for a legacy key, the whole UUID.
 */
export function assertNoKeyIn(output: string, keys: string[], where = "output"): void {
  for (const key of keys) {
    assert.ok(!output.includes(key), `${where} contains a full key`);
    if (key.startsWith("pcsk_")) {
      const secret = key.slice(key.lastIndexOf("_") + 1);
      for (let i = 4; i + 12 <= secret.length; i += 6) {
        assert.ok(!output.includes(secret.slice(i, i + 12)), `${where} contains part of a key's secret`);
      }
    } else {
      assert.ok(!output.toLowerCase().includes(key.toLowerCase()), `${where} contains a full legacy key`);
    }
  }
}
