/**
 * Binary files in a patch read as Latin-1 (as the CLI reads git's output): once a file is known to be
 * binary, the rest of it is not looked at for binary content, up to the next file's header. The next
 * file must still be judged on its own lines wherever the chunks cut its header: a key glued to its
 * neighbours is a key only in a binary file.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Detector, PatchScanner, type Finding } from "../../dist/core/index.js";
import { fakeKey } from "../helpers/keys.js";
import { seeded } from "../helpers/seeded.js";

function newFile(path: string, lines: Buffer[]): Buffer {
  const header = Buffer.from(`diff --git a/${path} b/${path}\nnew file mode 100644\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n`);
  return Buffer.concat([header, ...lines.flatMap((line) => [Buffer.from("+"), line, Buffer.from("\n")])]);
}

/** The findings of the patch cut at `cuts` (offsets), read as Latin-1 with the chunks' bytes. */
function scanCut(patch: Buffer, cuts: number[]): Finding[] {
  const scanner = new PatchScanner(new Detector(), undefined, { latin1: true });
  let from = 0;
  for (const cut of [...cuts, patch.length]) {
    const chunk = patch.subarray(from, cut);
    scanner.push(chunk.toString("latin1"), false, chunk);
    from = cut;
  }
  return scanner.end();
}

describe("binary files read as Latin-1", () => {
  const { random } = seeded(7);
  // A binary file of 2,000 lines (any byte but a line feed); then one with a binary line (which holds
  // no mark: only the look for binary content has it read) above a key glued to the byte before it;
  // then a text file with the same glue, no key there.
  const binaryLine = (): Buffer => Buffer.from(Array.from({ length: 1 + random(120) }, () => [0, 0x80, 0xff, 0x41][random(4)]!));
  const key = fakeKey();
  const first = newFile("model.bin", Array.from({ length: 2000 }, binaryLine));
  const second = newFile("blob.bin", [Buffer.from("\u0000\u0000\u0001\u00ff", "latin1"), Buffer.from(`ZK${key}`)]);
  const third = newFile("notes.txt", [Buffer.from(`ZK${key}`)]);
  const patch = Buffer.concat([first, second, third]);

  it("judges the next file on its own lines, wherever the chunks cut its header", () => {
    for (let at = first.length - 8; at <= first.length + 24; at++) {
      // A chunk of the first file ends at `at`, the next ends in the middle of the second.
      const findings = scanCut(patch, [65_536, at, first.length + second.length - 3]);
      assert.deepEqual(
        findings.map((finding) => [finding.file, finding.line]),
        [["blob.bin", 2]],
        `cut at ${at - first.length} from the second file's header`,
      );
    }
    // Its first characters in chunks of their own: `d`, `di`, `dif`, `diff` and `diff ` left unfinished.
    for (let at = first.length - 2; at <= first.length + 5; at++) {
      for (const size of [1, 2, 3]) {
        const findings = scanCut(patch, [65_536, at, at + size, first.length + second.length - 3]);
        assert.deepEqual(findings.map((finding) => [finding.file, finding.line]), [["blob.bin", 2]], `cuts at ${at - first.length} and ${size} after`);
      }
    }
  });

  it("finds the same in 64 KiB chunks as the plain reading does", () => {
    const cuts = Array.from({ length: Math.floor(patch.length / 65_536) }, (_, i) => (i + 1) * 65_536);
    const plain = new PatchScanner(new Detector());
    plain.push(patch.toString("utf8"));
    assert.deepEqual(scanCut(patch, cuts), plain.end());
  });
});
