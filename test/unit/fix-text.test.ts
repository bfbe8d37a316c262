/** The fix command's small pure pieces: the dry run's diff, dotenv reading and writing, positions. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unifiedDiff } from "../../dist/cli/fix/diff.js";
import { appendLines, dotenvLine, ignoreLineFor, isExampleDotenv, parseDotenv } from "../../dist/cli/fix/env-files.js";
import { applyEdits, keyOffsets, positionsOf } from "../../dist/cli/fix/text.js";

describe("unifiedDiff", () => {
  it("shows only the changed lines with three lines of context, in git's format", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const after = before.replace("line 10\n", "line ten\n").replace("line 1\n", "import os\nline 1\n");
    assert.equal(
      unifiedDiff("a.py", before, after),
      [
        "--- a/a.py",
        "+++ b/a.py",
        "@@ -1,3 +1,4 @@",
        "+import os",
        " line 1",
        " line 2",
        " line 3",
        "@@ -7,7 +8,7 @@",
        " line 7",
        " line 8",
        " line 9",
        "-line 10",
        "+line ten",
        " line 11",
        " line 12",
        " line 13",
        "",
      ].join("\n"),
    );
  });

  it("a new file is diffed against /dev/null; no change, no diff", () => {
    assert.equal(unifiedDiff(".env", undefined, "A=1\n"), "--- /dev/null\n+++ b/.env\n@@ -0,0 +1,1 @@\n+A=1\n");
    assert.equal(unifiedDiff("x", "same\n", "same\n"), "");
  });
});

describe("dotenv files", () => {
  it("reads NAME=value, export, quotes and trailing comments", () => {
    const values = parseDotenv('A=1\nexport B="two words"\nC=3 # note\n# D=4\nE=\n');
    assert.deepEqual([...values], [["A", "1"], ["B", "two words"], ["C", "3"], ["E", ""]]);
  });

  it("appends lines, adding the missing final newline first, keeping CRLF files CRLF", () => {
    assert.equal(appendLines("", ["A=1"]), "A=1\n");
    assert.equal(appendLines("X=1", ["A=1"]), "X=1\nA=1\n");
    assert.equal(appendLines("X=1\r\n", ["A=1"]), "X=1\r\nA=1\r\n");
    assert.equal(appendLines("X=1\n", []), "X=1\n");
  });

  it("quotes a value only when it needs it", () => {
    assert.equal(dotenvLine("K", "abc_DEF-1"), "K=abc_DEF-1");
    assert.equal(dotenvLine("K", 'a b"$'), 'K="a b\\"\\$"');
  });

  it("ignore lines: .env anywhere, other paths anchored and escaped", () => {
    assert.equal(ignoreLineFor(".env"), ".env");
    assert.equal(ignoreLineFor("config/.env.production"), "/config/.env.production");
    assert.equal(ignoreLineFor("a b/#x!.env"), "/a\\ b/\\#x\\!.env");
  });

  it("templates are told from real dotenv files by name", () => {
    for (const name of [".env.example", "config/.env.sample", ".env.template", ".env.dist"]) assert.ok(isExampleDotenv(name), name);
    for (const name of [".env", ".env.local", ".env.production", "app.env"]) assert.ok(!isExampleDotenv(name), name);
  });
});

describe("positions", () => {
  it("positionsOf and keyOffsets agree, with a byte-order mark and CRLF lines", () => {
    const text = "\ufeffk = 'SECRETVALUE'\r\nx = 1\r\ny = \"SECRETVALUE\"\r\n";
    const positions = positionsOf(text, "SECRETVALUE");
    assert.deepEqual(positions, [{ line: 1, column: 6 }, { line: 3, column: 6 }]);
    const located = keyOffsets(text, positions.map((p) => ({ ...p, key: "SECRETVALUE", name: "N" })));
    assert.ok(located);
    assert.equal(applyEdits(text, located.map(({ start, end }) => ({ start, end, text: "<N>" }))), "\ufeffk = '<N>'\r\nx = 1\r\ny = \"<N>\"\r\n");
  });

  it("overlapping edits are a bug, never a guess", () => {
    assert.throws(() => applyEdits("abcdef", [{ start: 0, end: 3, text: "x" }, { start: 2, end: 4, text: "y" }]), /overlapping/);
  });
});
