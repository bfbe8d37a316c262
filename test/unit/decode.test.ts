/**
 * The decoders (decode.ts) on their own, then end to end through the detector: the disguises keys
 * really get committed in — notebooks, Kubernetes Secrets, URLs.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Detector, type Finding } from "../../dist/core/index.js";
import {
  base64Needles,
  decodeBase64Tokens,
  decodePercent,
  hasBase64Run,
  jsonRawIndexer,
  percentRawIndexer,
  unescapeJson,
} from "../../dist/core/decode.js";
import { base64, fakeKey, fakeUuid, splitKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";

describe("hasBase64Run", () => {
  /** The definition, character by character. */
  function longestRun(text: string): number {
    let longest = 0;
    let run = 0;
    for (const c of text) {
      run = /[A-Za-z0-9+/_-]/.test(c) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  it("answers as the definition does: a run of at least that many base64 or base64url characters", () => {
    // Short texts over a small alphabet, half of it base64, so runs of every length come up.
    const text = fc.array(fc.constantFrom(..."aZ9+/_-", ..." .=\"é\u0000"), { maxLength: 60 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 20 }), (t, length) => {
        assert.equal(hasBase64Run(t, length), longestRun(t) >= length);
      }),
      { numRuns: 2000 },
    );
  });

  it("finds a run at the very start, the very end, and one exactly long enough", () => {
    assert.equal(hasBase64Run(`${"A".repeat(48)} x`, 48), true);
    assert.equal(hasBase64Run(`x ${"A".repeat(48)}`, 48), true);
    assert.equal(hasBase64Run(`x ${"A".repeat(47)} ${"B".repeat(47)}`, 48), false);
  });
});

describe("unescapeJson", () => {
  it("undoes every JSON escape and returns null when there is none", () => {
    assert.equal(unescapeJson('a \\"b\\" \\\\ \\/ \\n\\t\\r\\b\\f \\u00e9\\u005F'), 'a "b" \\ / \n\t\r\b\f é_');
    assert.equal(unescapeJson("plain"), null);
    assert.equal(unescapeJson("\\x and \\q are not JSON escapes"), null);
  });
});

describe("decodePercent", () => {
  it("decodes %XX, leaves malformed escapes and returns null when nothing changes", () => {
    assert.equal(decodePercent("a%5Fb%2fc%zz%4"), "a_b/c%zz%4");
    assert.equal(decodePercent("100% sure"), null);
    assert.equal(decodePercent("no percent"), null);
  });
});

describe("jsonRawIndexer / percentRawIndexer", () => {
  const samples = [
    ['x\\"y\\u0041z\\\\ tail', unescapeJson, jsonRawIndexer],
    ['\\n\\n\\"abc\\t', unescapeJson, jsonRawIndexer],
    ["%41b%5F%zzc%2F%2F", decodePercent, percentRawIndexer],
  ] as const;

  it("map every index of the decoded reading to where that character starts on the raw line", () => {
    for (const [raw, decode, indexer] of samples) {
      const decoded = decode(raw)!;
      const check = (rawIndex: (index: number) => number, i: number) => {
        const at = rawIndex(i);
        const fromThere = decode(raw.slice(at)) ?? raw.slice(at);
        assert.equal(fromThere[0], decoded[i], `${JSON.stringify(raw)} index ${i}`);
      };
      const forwards = indexer(raw);
      for (let i = 0; i < decoded.length; i++) check(forwards, i);
      assert.equal(forwards(decoded.length), raw.length, "one past the end");
      // Lookups in any order give the same answers (the indexer resumes or restarts its walk).
      const anyOrder = indexer(raw);
      for (const i of [3, 1, 4, 1, 5, 0, 2, decoded.length - 1].filter((i) => i < decoded.length)) check(anyOrder, i);
    }
  });
});

describe("base64Needles", () => {
  it("finds the needle in base64 text at all three byte alignments", () => {
    const needles = base64Needles("pcsk_");
    assert.equal(needles.length, 3);
    for (const prefix of ["", "a", "ab", "abc", "abcd"]) {
      const encoded = base64(`${prefix}pcsk_label_rest of the text`);
      assert.ok(needles.some((needle) => encoded.includes(needle)), `after ${prefix.length} bytes`);
    }
  });
});

describe("decodeBase64Tokens", () => {
  it("decodes runs long enough to hold a key, padded or not, standard or url-safe", () => {
    const text = "a".repeat(40) + "?~";
    const padded = base64(text);
    const urlSafe = padded.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    assert.notEqual(padded, urlSafe, "the sample uses + or /");
    const tokens = decodeBase64Tokens(`x: ${padded} y: ${urlSafe}`);
    assert.deepEqual(tokens, [
      { index: 3, decoded: text },
      { index: 3 + padded.length + 4, decoded: text },
    ]);
  });

  it("skips short runs, binary results, and runs longer than maxLength", () => {
    assert.deepEqual(decodeBase64Tokens(base64("too short for a key")), []);
    assert.deepEqual(decodeBase64Tokens(Buffer.from(new Uint8Array(60).fill(0xff)).toString("base64")), []);
    const uuidB64 = base64(fakeUuid());
    assert.equal(uuidB64.length, 48);
    assert.equal(decodeBase64Tokens(uuidB64, 52).length, 1);
    assert.equal(decodeBase64Tokens(base64(`${fakeUuid()}\n`), 52).length, 1, "with echo's newline");
    assert.equal(decodeBase64Tokens(base64(fakeKey()), 52).length, 0);
  });
});

/** Scan one line (optionally with lines before it) and return its findings. */
function scanLine(line: string, before: string[] = [], file = "x"): Finding[] {
  return new Detector().scanText(file, [...before, line].join("\n"));
}

/** The finding's column must point at the key as committed: check what the raw line holds there. */
function textAtColumn(line: string, finding: Finding): string {
  return line.slice(finding.column - 1);
}

describe("encodings through the detector", () => {
  it("finds a key in a Jupyter notebook source line, plainly (current) and JSON-escaped (legacy)", () => {
    const key = fakeKey();
    const currentLine = `    "os.environ[\\"PINECONE_API_KEY\\"] = \\"${key}\\"\\n",`;
    const [current] = scanLine(currentLine, [], "demo.ipynb");
    assert.equal(current!.rule, "pinecone-api-key");
    assert.equal(current!.encoding, undefined, "the key itself needs no decoding");
    assert.ok(textAtColumn(currentLine, current!).startsWith(key));

    const uuid = fakeUuid();
    const legacyLine = `    "os.environ[\\"PINECONE_API_KEY\\"] = \\"${uuid}\\"\\n",`;
    const [legacy] = scanLine(legacyLine, [], "demo.ipynb");
    assert.equal(legacy!.rule, "pinecone-legacy-api-key");
    assert.equal(legacy!.encoding, "json-escaped", "the name is only readable once unescaped");
    assert.ok(textAtColumn(legacyLine, legacy!).startsWith(uuid));
  });

  it("finds a key right after a JSON \\n escape, where the raw text has no word boundary", () => {
    const key = fakeKey();
    const line = `      "text": "Your key:\\n${key}\\n"`;
    const findings = scanLine(line);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.encoding, "json-escaped");
    assert.ok(textAtColumn(line, findings[0]!).startsWith(key));
  });

  it("finds a key written with \\u005f escapes and points at its first character", () => {
    const key = fakeKey();
    const line = `{"k": "${key.replace(/_/g, "\\u005f")}"}`;
    const [finding] = scanLine(line);
    assert.equal(finding!.encoding, "json-escaped");
    assert.equal(finding!.column, 8);
  });

  it("finds a key in a notebook output line", () => {
    const key = fakeKey();
    const findings = scanLine(`      "PINECONE_API_KEY=${key}\\n",`, ['    "outputs": [', '      "name": "stdout",']);
    assert.deepEqual(findings.map((f) => [f.line, f.rule]), [[3, "pinecone-api-key"]]);
  });

  it("finds base64 of a key alone on a line and points at the encoded token", () => {
    const key = fakeKey();
    const encoded = base64(key);
    const line = `echo ${encoded} | base64 -d > key.txt`;
    const [finding] = scanLine(line);
    assert.equal(finding!.rule, "pinecone-api-key");
    assert.equal(finding!.encoding, "base64");
    assert.ok(textAtColumn(line, finding!).startsWith(encoded));
    assert.equal(finding!.redacted, `pcsk_${splitKey(key).label}_${splitKey(key).secret.slice(0, 4)}…`);
  });

  it("finds base64 of PINECONE_API_KEY=<key> (an env file as one blob), at every byte alignment", () => {
    for (const prefix of ["", "#", "# ", "#  "]) {
      const key = fakeKey();
      const line = `ENV_FILE: ${base64(`${prefix}PINECONE_API_KEY=${key}\n`)}`;
      const findings = scanLine(line);
      assert.deepEqual(findings.map((f) => [f.rule, f.encoding]), [["pinecone-api-key", "base64"]], `prefix ${prefix.length}`);
    }
  });

  it("finds a base64 legacy key in a Kubernetes Secret, named or with pinecone only in the metadata", () => {
    const named = `  PINECONE_API_KEY: ${base64(fakeUuid())}`;
    const [finding] = scanLine(named, ["apiVersion: v1", "kind: Secret", "data:"], "secret.yaml");
    assert.equal(finding!.rule, "pinecone-legacy-api-key");
    assert.equal(finding!.encoding, "base64");
    assert.equal(finding!.column, 21);

    // `kubectl get secret -o yaml` sorts keys: data comes before metadata.
    const metadataAfter = new Detector().scanText(
      "secret.yaml",
      ["apiVersion: v1", "data:", `  api-key: ${base64(fakeUuid())}`, "kind: Secret", "metadata:", "  name: pinecone"].join("\n"),
    );
    assert.deepEqual(metadataAfter.map((f) => [f.line, f.rule, f.encoding]), [[3, "pinecone-legacy-api-key", "base64"]]);

    const unrelated = new Detector().scanText(
      "secret.yaml",
      ["kind: Secret", "metadata:", "  name: postgres", "data:", `  api-key: ${base64(fakeUuid())}`].join("\n"),
    );
    assert.deepEqual(unrelated, [], "a UUID in some other Secret is not a Pinecone key");
  });

  it("finds a key in a URL query string, plain and percent-encoded, pointing at its first character", () => {
    const key = fakeKey();
    const plainLine = `fetch("https://api.example.invalid/v1/query?api_key=${key}&x=1")`;
    const [plain] = scanLine(plainLine);
    assert.equal(plain!.encoding, undefined);
    assert.ok(textAtColumn(plainLine, plain!).startsWith(key));

    const underscoresEncoded = key.replace(/_/g, "%5F");
    const encodedLine = `GET /v1/query?api_key=${underscoresEncoded}&x=1`;
    const [encoded] = scanLine(encodedLine);
    assert.equal(encoded!.encoding, "url-encoded");
    assert.ok(textAtColumn(encodedLine, encoded!).startsWith(underscoresEncoded));

    const allEncoded = [...key].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
    const fullLine = `curl "https://x.invalid/?token=${allEncoded}"`;
    const [full] = scanLine(fullLine);
    assert.equal(full!.encoding, "url-encoded");
    assert.ok(textAtColumn(fullLine, full!).startsWith(allEncoded));
  });

  it("reports a key found plainly once, even when decoded readings also contain it", () => {
    const key = fakeKey();
    const findings = scanLine(`pinecone ${key} %20 \\n ${base64(key)}`);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.encoding, undefined);
  });

  it("never shows the key in findings from any encoding", () => {
    const key = fakeKey();
    const uuid = fakeUuid();
    const findings = new Detector().scanText(
      "x",
      [
        `a: ${base64(key)}`,
        `b=${key.replace(/_/g, "%5F")}`,
        `"c\\n${key}"`,
        `  PINECONE_API_KEY: ${base64(uuid)}`,
      ].join("\n"),
    );
    assert.equal(findings.length, 4);
    assertNoKeyIn(JSON.stringify(findings), [key, uuid], "findings");
  });
});
