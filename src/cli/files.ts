import { closeSync, lstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import { InterestMarks } from "../core/prefilter.js";

const READ_SIZE = 1 << 20;

/**
 * Scan files as they are on disk, whole content: each read in 1 MiB pieces through the same
 * prefilter as diffs, and only the lines it marks (or that sit just below Pinecone context) are cut
 * out for the detector; the others are only counted. A large file, or one long minified line, is
 * never held in memory whole or re-joined per read. Reads are synchronous: on a local disk that is
 * much faster than a stream per file, and nothing else in this process waits meanwhile.
 * Symlinks (their target may be anything, anywhere), directories (submodules) and files that
 * vanished since git listed them are skipped.
 */
export function scanFiles(
  root: string,
  files: string[],
  detector: Detector = new Detector(),
): { findings: Finding[]; scanned: number } {
  const findings: Finding[] = [];
  const buffer = Buffer.allocUnsafe(READ_SIZE);
  let scanned = 0;
  for (const file of files) {
    const path = join(root, file);
    let fd: number;
    try {
      if (!lstatSync(path).isFile()) continue;
      fd = openSync(path, "r");
    } catch {
      continue;
    }
    try {
      scanned++;
      scanOneFile(fd, file, buffer, detector);
      findings.push(...detector.endFile());
    } finally {
      closeSync(fd);
    }
  }
  return { findings, scanned };
}

function scanOneFile(fd: number, file: string, buffer: Buffer, detector: Detector): void {
  detector.beginFile(file);
  const marks = new InterestMarks(detector.rules);
  const decoder = new StringDecoder("utf8");
  let lineNumber = 1;
  /** The pieces of a line that began in an earlier read, joined once when it ends. */
  let pieces: string[] = [];
  let lineStart = 0;
  let consumed = 0;
  for (let done = false; !done; ) {
    if (detector.truncatedFiles.includes(file)) return; // past maxFileBytes: stop reading
    const read = readSync(fd, buffer, 0, buffer.length, null);
    done = read === 0;
    const text = done ? decoder.end() : decoder.write(buffer.subarray(0, read));
    if (text.length > 0) marks.add(text);
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      if (pieces.length > 0) {
        pieces.push(text.slice(start, end));
        detector.addLine(lineNumber, pieces.join(""), true, marks.holds(lineStart, consumed + end));
        pieces = [];
      } else {
        lineStart = consumed + start;
        if (marks.holds(lineStart, consumed + end) || detector.needsLine(lineNumber, end - start)) {
          detector.addLine(lineNumber, text.slice(start, end), true, true);
        } else {
          detector.skipLines(1, end - start);
        }
      }
      lineNumber++;
      start = end + 1;
    }
    if (start < text.length) {
      if (pieces.length === 0) lineStart = consumed + start;
      pieces.push(text.slice(start));
    }
    consumed += text.length;
  }
  if (pieces.length > 0) detector.addLine(lineNumber, pieces.join(""), true, marks.holds(lineStart, consumed));
}
