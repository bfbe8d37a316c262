/**
 * The fast path against the plain one, on generated corpora (issue 14): the same diff bytes scanned
 *
 * - as before: git's output decoded as UTF-8 chunk by chunk, every line holding a mark read in full
 *   (a scan that hands keys to a live check reads lines this way: no notes);
 * - as the CLI scans now: chunks read as Latin-1 (decoded only where the detector reads), lines
 *   holding only context words noted, not read;
 *
 * must give the same findings, JSON-equal. The corpora mix what the detector decodes or weighs:
 * Pinecone context on most lines or few, UUIDs under every kind of name, pairs, `pcsk_` keys,
 * placeholders, JSON and percent escapes, base64, UTF-16 text with NULs, a byte-order mark, CRLF,
 * non-ASCII text, bytes that are not UTF-8 (binary files), allow comments; cut into chunks of every
 * size, down to single bytes, so every line, character and mark is split somewhere.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StringDecoder } from "node:string_decoder";
import { Detector, PatchScanner, type Finding } from "../../dist/core/index.js";
import { seeded as generator } from "../helpers/seeded.js";

const HEX = "0123456789abcdef";
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/**
 * A diff of `lines` new lines from the seed. Every third corpus is sparse in context (a Pinecone
 * line in dozens, as in ordinary code: the prefilter then marks such lines rather than noting them).
 */
function corpus(seed: number, lines: number): Buffer {
  const { random, pick, chars } = generator(seed);
  const sparse = seed % 3 === 0;
  const uuid = () => [8, 4, 4, 4, 12].map((n) => chars(n, random(4) === 0 ? HEX.toUpperCase() : HEX)).join("-");
  const key = () => `pcsk_${chars(5, BASE58)}_${chars(63, BASE58)}`;
  const placeholder = () => pick(["pcsk_...", "pcsk_xxxxx_" + "x".repeat(63), "YOUR_API_KEY", "00000000-0000-0000-0000-000000000000"]);
  const value = () => pick([uuid, uuid, uuid, key, placeholder])();
  const name = () =>
    pick([
      "api_key", "apiKey", "PINECONE_API_KEY", "pinecone_api_key", "token", "secret", "key", "value", "default",
      "index_id", "x", "id", "PINECONE_API_KEY_ID", "openai.api_key", "setApiKey(", "Pinecone(", "--api-key",
      // Calls: a Pinecone client takes its key with no name (through a wrapper too); an upsert's
      // tuple holds an id, not a key.
      "PineconeClient(", "new Pinecone.Builder(", "Pinecone(SecretStr(", "Pinecone(String(", "index.upsert([(",
    ]);
  const contextWord = () => pick(["pinecone", "Pinecone", "PINECONE", "import pinecone", "pinecone_index.query(vector=v)", "us-west1-gcp", "gcp-starter", "pinecone.init("]);
  const context = () => (sparse && random(40) > 0 ? code() : contextWord());
  const code = () => pick(["x = compute(a, b)", "for item in items:", "    return {'score': 0.5}", "", "    logger.info('%d done in %.2fs', n, t)", "const q = await index.query({ topK: 5 });", "# key points to remember"]);
  const assignment = () => {
    const n = name();
    const v = value();
    if (n.endsWith("(")) return `${n}${pick(['"', "'", ' "', '@"', ""])}${v}")`;
    return pick([`${n} = "${v}"`, `${n}: ${v}`, `"${n}": "${v}",`, `${n}=${v}`, `- name: ${n}`, `  value: "${v}"`, `${n} ${v}`, `os.getenv("${n}") or "${v}"`]);
  };
  const encoded = (text: string): string =>
    pick([
      () => JSON.stringify(text).slice(1, -1).replace(/p/g, "\\u0070").replace(/-/g, "\\u002d"),
      () => text.replace(/[-_"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
      () => `secret: ${Buffer.from(text).toString("base64")}`,
      () => text,
    ])();
  const textLine = (): string =>
    pick([
      code, code, code, context,
      () => `${context()} ${assignment()}`,
      () => `${assignment()}  # ${context()}`,
      assignment,
      () => encoded(assignment()),
      () => `${context()} ${encoded(assignment())}`,
      () => `${assignment()} # pinekey-allow: test fixture`,
      () => "# pinekey-allow-next-line",
      () => `"image/png": "${Buffer.from(chars(60 + random(200), BASE58)).toString("base64")}pCsK${chars(20, BASE58)}",`,
      () => `${context()} naïve café — ünïcode ${code()}`,
      () => `${context()} ${chars(50, BASE58)}`,
    ])();
  const lineBytes = (): Buffer => {
    const kind = random(30);
    if (kind === 0) {
      // Binary: any byte but a line feed.
      return Buffer.from(Array.from({ length: 1 + random(80) }, () => {
        const b = random(255);
        return b >= 10 ? b + 1 : b;
      }));
    }
    if (kind === 1) return Buffer.from(textLine(), "utf16le");
    if (kind === 2) return Buffer.from(`${textLine()}\r`);
    if (kind === 3) return Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(textLine())]);
    if (kind === 4) return Buffer.concat([Buffer.from(textLine()), Buffer.from([0xc3]), Buffer.from(textLine())]);
    return Buffer.from(textLine());
  };

  const parts: Buffer[] = [];
  let left = lines;
  for (let file = 0; left > 0; file++) {
    const path = pick(["app.py", "notebook.ipynb", ".env", "k8s/secret.yaml", "src/ünï.ts", "data.bin"]).replace(".", `${file}.`);
    const body: { kind: string; bytes: Buffer }[] = [];
    const count = Math.min(left, 1 + random(60));
    for (let i = 0; i < count; i++) {
      body.push({ kind: pick(["+", "+", "+", " ", "-"]), bytes: lineBytes() });
      if (random(12) === 0) {
        // A stretch of lines holding only context words (the fast path passes over them together and
        // notes its last few), then a line whose key needs that context: a generic name, or encoded.
        for (let k = 3 + random(8); k > 0; k--) body.push({ kind: pick(["+", "+", " ", "-"]), bytes: Buffer.from(random(4) === 0 ? code() : contextWord()) });
        body.push({ kind: "+", bytes: Buffer.from(pick([assignment, () => encoded(assignment()), () => `secret: ${Buffer.from(`api_key=${uuid()}`).toString("base64")}`])()) });
      }
    }
    left -= count;
    const oldCount = body.filter((l) => l.kind !== "+").length;
    const newCount = body.filter((l) => l.kind !== "-").length;
    parts.push(Buffer.from(`diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,${oldCount} +1,${newCount} @@\n`));
    for (const line of body) parts.push(Buffer.from(line.kind), line.bytes, Buffer.from("\n"));
  }
  return Buffer.concat(parts);
}

/** The bytes in chunks of the sizes `sizes` gives in turn. */
function* chunksOf(bytes: Buffer, sizes: () => number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; ) {
    const size = Math.max(1, sizes());
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/** As before: UTF-8 decoding of every chunk, every marked line read (a live check's scan takes no notes). */
function scanPlain(bytes: Buffer, sizes: () => number): Finding[] {
  const scanner = new PatchScanner(new Detector({ onKey: () => undefined }));
  assert.equal(scanner.detector.takesNotes, false);
  const decoder = new StringDecoder("utf8");
  for (const chunk of chunksOf(bytes, sizes)) scanner.push(decoder.write(chunk));
  const rest = decoder.end();
  if (rest) scanner.push(rest);
  return scanner.end();
}

/** As the CLI scans: Latin-1 chunks with their bytes (for the literal filter), context-only lines noted. */
function scanFast(bytes: Buffer, sizes: () => number): Finding[] {
  const scanner = new PatchScanner(new Detector(), undefined, { latin1: true });
  assert.equal(scanner.detector.takesNotes, true);
  for (const chunk of chunksOf(bytes, sizes)) scanner.push(chunk.toString("latin1"), false, chunk);
  return scanner.end();
}

const SIZES: Array<[string, (seed: number) => () => number]> = [
  ["64 KiB chunks", () => () => 65536],
  // Longer than the literal filter's window: a chunk searched in several windows.
  ["200,000-byte chunks", () => () => 200_000],
  ["random chunks up to 300 bytes", (seed) => {
    const { random } = generator(seed * 7 + 1);
    return () => 1 + random(300);
  }],
  // Chunks longer than twice the prefilter's junction: where context words are dense, their notes
  // are found where asked rather than listed (and those on a line a chunk leaves unfinished, listed).
  ["random chunks of 400 to 3,000 bytes", (seed) => {
    const { random } = generator(seed * 11 + 3);
    return () => 400 + random(2600);
  }],
  ["chunks of 1 to 7 bytes", (seed) => {
    const { random } = generator(seed * 13 + 5);
    return () => 1 + random(7);
  }],
];

describe("the fast path finds exactly what the plain path finds (differential)", () => {
  for (const [label, sizes] of SIZES) {
    it(`on 40 generated corpora, ${label}`, () => {
      let findings = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const bytes = corpus(seed, label.startsWith("chunks of 1") ? 150 : 600);
        const plain = scanPlain(bytes, sizes(seed));
        const fast = scanFast(bytes, sizes(seed));
        assert.deepEqual(fast, plain, `corpus ${seed} (${label})`);
        findings += plain.length;
      }
      // The corpora are worth comparing: they hold findings of every rule.
      assert.ok(findings > 100, `only ${findings} findings`);
    });
  }

  it("the corpora reach every reading the detector decodes", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      for (const finding of scanPlain(corpus(seed, 600), () => 65536)) seen.add(`${finding.rule}/${finding.encoding ?? "plain"}`);
    }
    for (const expected of ["pinecone-api-key/plain", "pinecone-legacy-api-key/plain", "pinecone-legacy-api-key/json-escaped", "pinecone-legacy-api-key/url-encoded", "pinecone-legacy-api-key/base64", "pinecone-api-key/utf-16"]) {
      assert.ok(seen.has(expected), `no ${expected} finding among ${[...seen].join(", ")}`);
    }
  });
});
