/**
 * The prefilter's UUID marks: a UUID whose name says nothing is a mark only when an escape, a
 * percent-encoded byte or a NUL before it on its own line could hide its name. An escape on the line
 * before hides nothing (the detector reads a line at a time): a notebook's output lines each end in
 * `\n",`, and the UUIDs of a result table below one are ids, not lines to read.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILT_IN_RULES, Detector, PatchScanner, type Finding } from "../../dist/core/index.js";
import { compileLinear } from "../../dist/core/linear-regex.js";
import { InterestMarks } from "../../dist/core/prefilter.js";
import { fakeUuid } from "../helpers/keys.js";

/** Does the prefilter mark the line of `text` that holds `needle`? */
function marked(text: string, needle: string): boolean {
  const marks = new InterestMarks(BUILT_IN_RULES);
  marks.add(text);
  const start = text.lastIndexOf("\n", text.indexOf(needle)) + 1;
  const end = text.indexOf("\n", start);
  return marks.holds(start, end === -1 ? text.length : end);
}

/** A notebook cell's outputs: a result table, a line each, every line a JSON string ending in `\n`. */
function notebookPatch(rows: string[]): string {
  const body = ['+    "outputs": [', '+     {', '+      "text": [', ...rows.map((row) => `+       "${row}\\n",`), "+      ]", "+     }", "+    ]"];
  return `diff --git a/q.ipynb b/q.ipynb\nnew file mode 100644\n--- /dev/null\n+++ b/q.ipynb\n@@ -0,0 +1,${body.length} @@\n${body.join("\n")}\n`;
}

/** The findings as the CLI reads (Latin-1 chunks with their bytes) and with every line read in full. */
function bothWays(patch: string): { fast: Finding[]; full: Finding[] } {
  const fast = new PatchScanner(new Detector(), undefined, { latin1: true });
  const bytes = Buffer.from(patch, "utf8");
  fast.push(bytes.toString("latin1"), false, bytes);
  // A custom rule without keywords makes the prefilter mark every line (see prefilter.ts).
  const everyLine = { id: "never", regex: compileLinear("[^\\s\\S]"), keywords: [], description: "matches nothing" };
  const full = new PatchScanner(new Detector({ customRules: [everyLine] }));
  full.push(patch);
  return { fast: fast.end(), full: full.end().filter((finding) => finding.rule !== "never") };
}

describe("UUID marks: an escape counts on the UUID's own line", () => {
  it("does not mark a result-table id below a line that ends in an escape", () => {
    const id = fakeUuid();
    const text = `       "{'id': '${fakeUuid()}', 'score': 0.79}\\n",\n       "{'id': '${id}', 'score': 0.62}\\n",\n`;
    assert.equal(marked(text, id), false);
  });

  it("marks a UUID after an escape, a percent-encoded byte or a NUL on its own line", () => {
    for (const before of ['"id\\": \\"', "id%3D", "i\0d\0=\0"]) {
      const id = fakeUuid();
      assert.equal(marked(`plain line\\n\n${before}${id}\n`, id), true, JSON.stringify(before));
    }
  });

  it("finds the same keys as reading every line, in a notebook's outputs with escaped names", () => {
    const rows = [
      ...Array.from({ length: 20 }, () => `{'id': '${fakeUuid()}', 'score': 0.5}`),
      `pinecone api\\u005fkey: ${fakeUuid()}`, // the name spelled with an escape: a key
      `{'id': '${fakeUuid()}'}`,
      `PINECONE_API_KEY=${fakeUuid()}`,
    ];
    const { fast, full } = bothWays(notebookPatch(rows));
    assert.deepEqual(fast, full);
    assert.equal(full.length, 2);
  });
});
