import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Detector, PatchScanner, type Finding } from "../../dist/core/index.js";
import { base64, fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { chunked, commitBase, stagedPatch } from "../helpers/patches.js";

function scanPatch(chunks: string[]): Finding[] {
  const scanner = new PatchScanner();
  for (const chunk of chunks) scanner.push(chunk);
  return scanner.end();
}

const where = (findings: Finding[]) => findings.map((f) => [f.file, f.line, f.rule, f.allowed]);

describe("PatchScanner end to end on `git diff --cached -U3`", () => {
  it("reports keys on added lines of the new versions, with the right files and lines", () => {
    const current = fakeKey();
    const legacy = fakeUuid();
    const removed = fakeKey();
    const preexisting = fakeKey();
    const allowed = fakeKey();
    const inDeletedFile = fakeKey();
    const inNotebook = fakeKey();
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `x${i} = ${i}`);

    const patch = stagedPatch((repo) => {
      repo.stage("app/settings.py", [...filler(10), `OLD_KEY = "${preexisting}"  # already committed`, ...filler(10), ""].join("\n"));
      repo.stage("app/old.py", `KEY = "${removed}"\n`);
      repo.stage("doomed.env", `PINECONE_API_KEY=${inDeletedFile}\n`);
      repo.stage("config.py", ["import pinecone", ...filler(5), ""].join("\n"));
      commitBase(repo);

      // A change right next to a key that was already there: the old key is context, not news.
      repo.stage(
        "app/settings.py",
        [...filler(10), `OLD_KEY = "${preexisting}"  # already committed`, "NEW_SETTING = True", ...filler(10), ""].join("\n"),
      );
      repo.stage("app/old.py", "KEY = os.environ['PINECONE_API_KEY']\n");
      repo.gitOk("rm", "-q", "doomed.env");
      repo.stage("config.py", ["import pinecone", `api_key = "${legacy}"`, ...filler(5), ""].join("\n"));
      repo.stage("src/new.ts", `export const key = "${current}";\n// pinekey-allow-next-line: revoked\nexport const old = "${allowed}";\n`);
      repo.stage(
        "nb/demo.ipynb",
        JSON.stringify({ cells: [{ cell_type: "code", source: [`import os\n`, `os.environ["PINECONE_API_KEY"] = "${inNotebook}"\n`] }] }, null, 1) + "\n",
      );
    });
    assert.match(patch, /^@@ -\d+,\d+ \+\d+,\d+ @@/m);

    const findings = scanPatch([patch]);
    // Not reported: the pre-existing key (context line 11 of app/settings.py), the removed key of
    // app/old.py, the deleted doomed.env.
    assert.deepEqual(where(findings), [
      ["config.py", 2, "pinecone-legacy-api-key", false],
      ["nb/demo.ipynb", 7, "pinecone-api-key", false],
      ["src/new.ts", 1, "pinecone-api-key", false],
      ["src/new.ts", 3, "pinecone-api-key", true],
    ]);
    assert.ok(patch.includes(` OLD_KEY = "${preexisting}"`), "the old key really is a context line");
    assertNoKeyIn(JSON.stringify(findings), [current, legacy, removed, preexisting, allowed, inDeletedFile, inNotebook]);
    assert.deepEqual(scanPatch(chunked(patch, [1])), findings, "one character at a time");
    assert.deepEqual(scanPatch(chunked(patch, [7, 300, 2])), findings, "odd chunks");
  });

  it("agrees with Detector.scanText on a new file", () => {
    const text = [
      "# settings",
      `PINECONE_API_KEY=${fakeKey()}`,
      "pinecone:",
      `  api_key: ${fakeUuid()}`,
      `blob: ${base64(`PINECONE_API_KEY=${fakeKey()}`)}`,
      "",
    ].join("\n");
    const patch = stagedPatch((repo) => repo.stage("conf/all.yaml", text));
    const viaPatch = scanPatch([patch]);
    assert.equal(viaPatch.length, 3);
    assert.deepEqual(viaPatch, new Detector().scanText("conf/all.yaml", text));
  });

  it("finds every key whatever the chunk boundaries, next to UUIDs read across the junction of two chunks", () => {
    // Short lines alternating a current key with a UUID under a key-like name: whichever big chunk
    // starts among them, the UUIDs in its first characters (found at the junction with the previous
    // chunk) and the keys after them must both reach the detector.
    const lines = Array.from({ length: 12 }, (_, i) => [`+k${i} = "${fakeKey()}"`, `+token = "${fakeUuid()}"`, "+pinecone"]).flat();
    const patch = `diff --git a/a.py b/a.py\n--- /dev/null\n+++ b/a.py\n@@ -0,0 +1,${lines.length} @@\n${lines.join("\n")}\n`;
    const whole = scanPatch([patch]);
    assert.equal(whole.filter((f) => f.rule === "pinecone-api-key").length, 12);
    for (let split = 1; split < patch.length - 330; split++) {
      assert.deepEqual(scanPatch([patch.slice(0, split), patch.slice(split)]), whole, `split at ${split}`);
    }
  });

  it("where `pinecone` is on every line, a UUID passed to a Pinecone client is read and an upserted id is not", () => {
    // Dense context: `pinecone` is a note, not a mark, and a line holding only notes is not read. A
    // client constructor takes the key with no name and no key word on the line: the UUID itself must
    // be a mark. An id in an upsert's tuple is not a key.
    const client = fakeUuid();
    const wrapped = fakeUuid();
    const id = fakeUuid();
    const lines = Array.from({ length: 300 }, (_, i) => `+pinecone_index = pinecone_client.Index("docs-${i}")`);
    lines[100] = `+pc = Pinecone("${client}")  # pinecone`;
    lines[200] = `+pc = pinecone.Pinecone(SecretStr('${wrapped}'))`;
    lines[250] = `+pinecone_index.upsert(vectors=[("${id}", vector)])`;
    const patch = `diff --git a/a.py b/a.py\n--- /dev/null\n+++ b/a.py\n@@ -0,0 +1,${lines.length} @@\n${lines.join("\n")}\n`;
    const scanner = new PatchScanner(new Detector(), undefined, { latin1: true });
    assert.equal(scanner.detector.takesNotes, true);
    scanner.push(patch, true);
    assert.deepEqual(where(scanner.end()), [["a.py", 101, "pinecone-legacy-api-key", false], ["a.py", 201, "pinecone-legacy-api-key", false]]);
    assert.deepEqual(where(scanPatch([patch])), [["a.py", 101, "pinecone-legacy-api-key", false], ["a.py", 201, "pinecone-legacy-api-key", false]]);
  });

  it("passes over a stretch of context-only lines together, and its last context line still counts below it", () => {
    // Lines 1-4 say only `pinecone` (passed over together, the last few noted), 5-6 hold nothing; the
    // generic name on line 7 is a key only through line 4 (3 lines up), as is the base64-encoded key
    // on line 7 of the second file. In the third, line 7 holds no mark: it is read only because a
    // base64 run lies within reach of context, so that context must be known before it is decided.
    // The last file's run ends with its hunk, and the next hunk's key, 2 lines below, still sees it.
    // Every chunking gives the same.
    const [plain, encoded, nextHunk, unmarked] = [fakeUuid(), fakeUuid(), fakeUuid(), fakeUuid()];
    const run = ["+import pinecone", "+pinecone.a()", "+pinecone.b()", "+pinecone.c()", "+x = 1", "+y = 2"];
    const after = ["+z = 3", "+w = 4", "+v = 5", "+u = 6"];
    const file = (name: string, lines: string[]) => `diff --git a/${name} b/${name}\n--- /dev/null\n+++ b/${name}\n@@ -0,0 +1,${lines.length} @@\n${lines.join("\n")}\n`;
    const patch =
      file("a.py", [...run, `+api_key = "${plain}"`, ...after]) +
      file("b.yaml", [...run, `+  api-key: ${base64(encoded)}`, ...after]) +
      file("d.yaml", [...run, `+token: ${base64(unmarked)}`, ...after]) +
      `diff --git a/c.py b/c.py\n--- a/c.py\n+++ b/c.py\n@@ -1,4 +1,4 @@\n${run.slice(0, 4).map((l) => ` ${l.slice(1)}`).join("\n")}\n` +
      `@@ -6,4 +6,5 @@\n+api_key = "${nextHunk}"\n${after.map((l) => ` ${l.slice(1)}`).join("\n")}\n`;
    const expected = [
      ["a.py", 7, "pinecone-legacy-api-key", false],
      ["b.yaml", 7, "pinecone-legacy-api-key", false],
      ["d.yaml", 7, "pinecone-legacy-api-key", false],
      ["c.py", 6, "pinecone-legacy-api-key", false],
    ];
    assert.deepEqual(where(scanPatch([patch])), expected);
    for (const size of [1 << 16, 97, 31, 7]) {
      const scanner = new PatchScanner(new Detector(), undefined, { latin1: true });
      for (let at = 0; at < patch.length; at += size) scanner.push(patch.slice(at, at + size), true);
      assert.deepEqual(where(scanner.end()), expected, `${size}-character chunks`);
    }
  });

  it("after a chunk dense in context words, a context word on a line the next chunk leaves unfinished still counts", () => {
    // Chunk 1 says `pinecone` on every line, so chunk 2's notes are found where asked, not listed.
    // Chunk 2 ends inside line A, far past A's `pinecone` (beyond the junction the next chunk is
    // searched with): A's note must be listed before chunk 3 is read. A is the only context within
    // reach of the generic name on line B.
    const uuid = fakeUuid();
    const dense = Array.from({ length: 40 }, (_, i) => `+pinecone_index = pinecone_client.Index("docs-${i}")`);
    const plain = ["+x = 1", "+y = 2", "+z = 3", "+w = 4"];
    const a = `+import pinecone  # ${" ".repeat(400)} end`;
    const b = `+api_key = "${uuid}"`;
    const lines = [...dense, ...plain, a, "+v = 5", b, "+u = 6", "+t = 7", "+s = 8", "+r = 9"];
    const header = `diff --git a/a.py b/a.py\n--- /dev/null\n+++ b/a.py\n@@ -0,0 +1,${lines.length} @@\n`;
    const chunk1 = `${header}${dense.join("\n")}\n`;
    const cut = a.length - 30;
    const chunk2 = `${plain.join("\n")}\n${a.slice(0, cut)}`;
    const chunk3 = `${a.slice(cut)}\n${lines.slice(dense.length + plain.length + 1).join("\n")}\n`;
    const expected = [["a.py", dense.length + plain.length + 3, "pinecone-legacy-api-key", false]];
    assert.deepEqual(where(scanPatch([chunk1 + chunk2 + chunk3])), expected);
    const scanner = new PatchScanner(new Detector(), undefined, { latin1: true });
    for (const chunk of [chunk1, chunk2, chunk3]) scanner.push(chunk, true);
    assert.deepEqual(where(scanner.end()), expected);
  });

  it("counts lines that come in pieces without reading them, and reads those that matter", () => {
    // Long lines streamed across many chunks (a notebook's base64 image): a removed one, an unwanted
    // added one and a context one are passed over unjoined; the line numbers after them stay right,
    // and a long line holding a key, or a UUID below Pinecone context, is still read.
    const image = "iVBORw0KGgo".repeat(2000);
    const key = fakeKey();
    const uuid = fakeUuid();
    const body = [`-${image}`, `+${image}`, ` ${image}`, `+k = "${key}" # ${image}`, "+import pinecone", `+${image}`, `+api_key = "${uuid}" # ${image}`];
    const patch = `diff --git a/n.ipynb b/n.ipynb\n--- a/n.ipynb\n+++ b/n.ipynb\n@@ -1,2 +1,6 @@\n${body.join("\n")}\n`;
    const expected = [["n.ipynb", 3, "pinecone-api-key", false], ["n.ipynb", 6, "pinecone-legacy-api-key", false]];
    for (const size of [4096, 1000, 333]) {
      const scanner = new PatchScanner(new Detector(), undefined, { latin1: true });
      for (let at = 0; at < patch.length; at += size) scanner.push(patch.slice(at, at + size), true);
      assert.deepEqual(where(scanner.end()), expected, `${size}-character chunks`);
    }
    assert.deepEqual(where(scanPatch([patch])), expected);
  });

});
