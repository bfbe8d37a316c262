import { createReadStream } from "node:fs";
import { lstat } from "node:fs/promises";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import { InterestMarks } from "../core/prefilter.js";

/**
 * Scan files as they are on disk, whole content, streaming each one in 1 MiB reads through the
 * same prefilter as diffs and then line by line into the detector (a large file, or one long
 * minified line, is never held in memory whole or re-joined per read). Symlinks, directories
 * (submodules) and files that vanished since git listed them are skipped.
 */
export async function scanFiles(
  root: string,
  files: string[],
  detector: Detector = new Detector(),
): Promise<{ findings: Finding[]; scanned: number }> {
  const findings: Finding[] = [];
  let scanned = 0;
  for (const file of files) {
    const full = join(root, file);
    const stat = await lstat(full).catch(() => undefined);
    if (!stat?.isFile()) continue;
    scanned++;
    detector.beginFile(file);
    const marks = new InterestMarks(detector.customRules);
    const decoder = new StringDecoder("utf8"); // much faster than TextDecoder's streaming mode
    let lineNumber = 1;
    /** The pieces of the line not yet ended, joined once when it ends. */
    let pieces: string[] = [];
    let lineStart = 0;
    let consumed = 0;
    const emit = (line: string, end: number): void => {
      detector.addLine(lineNumber++, line, true, marks.holds(lineStart, end));
    };
    for await (const chunk of createReadStream(full, { highWaterMark: 1 << 20 })) {
      if (detector.truncatedFiles.includes(file)) break; // past maxFileBytes: stop reading
      const text = decoder.write(chunk as Buffer);
      marks.add(text);
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        const piece = text.slice(start, end);
        if (pieces.length > 0) {
          pieces.push(piece);
          emit(pieces.join(""), consumed + end);
          pieces = [];
        } else {
          lineStart = consumed + start;
          emit(piece, consumed + end);
        }
        start = end + 1;
        lineStart = consumed + start;
      }
      if (start < text.length) pieces.push(text.slice(start));
      consumed += text.length;
    }
    const rest = decoder.end();
    if (rest.length > 0) {
      marks.add(rest);
      pieces.push(rest);
      consumed += rest.length;
    }
    if (pieces.length > 0) emit(pieces.join(""), consumed);
    findings.push(...detector.endFile());
  }
  return { findings, scanned };
}
