import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Detector, isPlaceholderSecret, isPlaceholderUuid } from "../../dist/core/index.js";
import { fakeAlnumKey, fakeKey, fakeUuid, randomString, splitKey } from "../helpers/keys.js";

/** A random 63-character secret with `insert` written over it at a random place. */
function secretWith(insert: string): string {
  const secret = splitKey(fakeKey()).secret;
  const at = Math.floor(Math.random() * (secret.length - insert.length));
  return secret.slice(0, at) + insert + secret.slice(at + insert.length);
}

describe("isPlaceholderSecret", () => {
  it("accepts random secrets as real", () => {
    for (let i = 0; i < 200; i++) assert.equal(isPlaceholderSecret(splitKey(fakeKey()).secret), false);
  });

  it("rejects too few distinct characters, long repeats, long sequences and placeholder words", () => {
    assert.equal(isPlaceholderSecret("x".repeat(63)), true);
    assert.equal(isPlaceholderSecret("ab".repeat(31) + "c"), true);
    assert.equal(isPlaceholderSecret(randomString(63, "0123456789abcde")), true, "15 distinct characters");
    assert.equal(isPlaceholderSecret(secretWith("zzzzzz")), true, "a run of 6");
    assert.equal(isPlaceholderSecret(secretWith("abcdef")), true, "a rising sequence of 6");
    assert.equal(isPlaceholderSecret(secretWith("987654")), true, "a falling sequence of 6");
    for (const word of ["example", "EXAMPLE", "Sample", "placeholder", "redacted", "changeme", "yourapikey", "notareal"]) {
      assert.equal(isPlaceholderSecret(secretWith(word)), true, word);
    }
  });

  it("keeps a random secret with a run of 5 and a sequence of 5 real", () => {
    // The filler has no `z` and no `f`, so neither the run nor `abcde` can grow to 6 by chance.
    const filler = (n: number) => randomString(n, "0123456789ABCDEFGHJKLMNPQRSTUVWXYghijkmnopqrstuvwxy");
    assert.equal(isPlaceholderSecret(filler(26) + "zzzzz" + filler(1) + "abcde" + filler(26)), false);
  });
});

describe("isPlaceholderUuid", () => {
  it("rejects documentation UUIDs and accepts random ones", () => {
    for (const uuid of [
      "00000000-0000-0000-0000-000000000000",
      "12345678-1234-1234-1234-123456789abc",
      "11111111-2222-3333-4444-555555555555",
      "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      "deadbeef-dead-beef-dead-beefdeadbeef",
      "abcdef01-2345-6789-abcd-ef0123456789",
      "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    ]) {
      assert.equal(isPlaceholderUuid(uuid), true, uuid);
    }
    for (let i = 0; i < 200; i++) assert.equal(isPlaceholderUuid(fakeUuid()), false);
  });

  it("keeps a UUID with a run or a sequence of 7 real: random UUIDs have them too often (~3e-6)", () => {
    // "-0xxx-4xxx-yxxx-xxxxxxxxxxxx": the 0 keeps a run of e or a 1…7 sequence from growing by chance.
    const tail = `-0${fakeUuid().slice(10)}`;
    assert.equal(isPlaceholderUuid(`1${"e".repeat(7)}${tail}`), false, "run of 7");
    assert.equal(isPlaceholderUuid(`f1234567${tail}`), false, "sequence of 7");
    assert.equal(isPlaceholderUuid(`${"e".repeat(8)}${tail}`), true, "run of 8");
    assert.equal(isPlaceholderUuid(`12345678${tail}`), true, "sequence of 8");
  });
});

describe("placeholders are never flagged", () => {
  const key = () => fakeKey();
  const lines: Array<[string, string]> = [
    ["pcsk_...", 'PINECONE_API_KEY="pcsk_..."'],
    ["pcsk_abc123_secretvalue", "api_key: pcsk_abc123_secretvalue"],
    ["pcsk_xxxxx_ + 63 x", `PINECONE_API_KEY=pcsk_xxxxx_${"x".repeat(63)}`],
    ["pcsk_<label>_ + 63 *", `PINECONE_API_KEY=pcsk_${splitKey(key()).label}_${"*".repeat(63)}`],
    ["YOUR_API_KEY", 'pc = Pinecone(api_key="YOUR_API_KEY")'],
    ["<your-pinecone-api-key>", "PINECONE_API_KEY=<your-pinecone-api-key>"],
    ["${PINECONE_API_KEY}", "      PINECONE_API_KEY: ${PINECONE_API_KEY}"],
    ["os.environ", 'pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])'],
    ["process.env", "const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY! });"],
    ["repeated secret", `PINECONE_API_KEY=pcsk_${splitKey(key()).label}_${"Ab".repeat(31)}C`],
    ["sequential secret", `PINECONE_API_KEY=pcsk_abcde_${secretWith("123456789")}`],
    ["secret containing example", `PINECONE_API_KEY=pcsk_${splitKey(key()).label}_${secretWith("example")}`],
    ["secret containing EXAMPLE", `pcsk_${splitKey(key()).label}_${secretWith("EXAMPLEKEY")}`],
    ["zero UUID", "PINECONE_API_KEY=00000000-0000-0000-0000-000000000000"],
    ["12345678 UUID", 'pinecone.init(api_key="12345678-1234-1234-1234-123456789abc", environment="us-west1-gcp")'],
    ["x UUID", "PINECONE_API_KEY=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"],
  ];
  for (const [what, line] of lines) {
    it(what, () => {
      assert.deepEqual(new Detector().scanText("x", `import pinecone\n${line}\n`), []);
    });
  }
});

describe("random keys are never mistaken for placeholders", () => {
  it("reports all of 2,000 random base58 and alphanumeric keys", () => {
    const keys = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? fakeKey({ labelLength: 5 + (i % 4 === 0 ? 1 : 0) }) : fakeAlnumKey()));
    const findings = new Detector().scanText("keys.txt", keys.map((k) => `KEY=${k}`).join("\n"));
    assert.equal(findings.length, keys.length);
    assert.deepEqual(
      findings.map((f) => f.line),
      keys.map((_, i) => i + 1),
    );
  });

  it("reports all of 2,000 random UUIDs under PINECONE_API_KEY=", () => {
    const uuids = Array.from({ length: 2000 }, () => fakeUuid());
    const findings = new Detector().scanText(".env", uuids.map((u) => `PINECONE_API_KEY=${u}`).join("\n"));
    assert.equal(findings.length, uuids.length);
    assert.ok(findings.every((f) => f.rule === "pinecone-legacy-api-key" && !f.allowed));
  });
});
