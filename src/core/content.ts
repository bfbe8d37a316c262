import type { Detector } from "./detector.js";
import type { Finding } from "./finding.js";
import { InterestMarks } from "./prefilter.js";

/**
 * A whole file's content (a file on disk, a blob read from git), given in text pieces of any size,
 * line by line to the detector: every line counts as added. The same prefilter as for diffs: only
 * the lines it marks, or that sit just below Pinecone context, are cut out for the detector; the
 * others are only counted. Nothing is held but the line being read, so a file of any size costs the
 * same memory. A piece holding a NUL or U+FFFD (a byte that is not UTF-8, once decoded) makes the
 * file binary for the detector, wherever in the file it is.
 *
 *   const content = new ContentScanner(detector);
 *   content.begin("model.pkl");
 *   content.push(text); …
 *   const findings = content.end();
 */
export class ContentScanner {
  private marks: InterestMarks;
  private lineNumber = 1;
  /** The pieces of a line that began in an earlier push, joined once when it ends. */
  private pieces: string[] = [];
  private lineStart = 0;
  private consumed = 0;
  private file = "";

  constructor(private readonly detector: Detector) {
    this.marks = new InterestMarks(detector.rules);
  }

  begin(file: string): void {
    this.file = file;
    this.detector.beginFile(file);
    this.marks = new InterestMarks(this.detector.rules);
    this.lineNumber = 1;
    this.pieces = [];
    this.lineStart = 0;
    this.consumed = 0;
  }

  /** Past maxFileBytes: the rest of the file need not be read (the detector has listed it). */
  get stopped(): boolean {
    return this.detector.truncatedFiles.includes(this.file);
  }

  /** The next piece; `bytes`: the bytes it was read from as Latin-1, if it was (see InterestMarks.add). */
  push(text: string, bytes?: Uint8Array): void {
    if (text.length === 0) return;
    const detector = this.detector;
    if (text.indexOf("\0") !== -1 || text.indexOf("\ufffd") !== -1) detector.markFileBinary();
    this.marks.add(text, bytes);
    const consumed = this.consumed;
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      if (this.pieces.length > 0) {
        this.pieces.push(text.slice(start, end));
        detector.addLine(this.lineNumber, this.pieces.join(""), true, this.marks.holds(this.lineStart, consumed + end));
        this.pieces = [];
      } else {
        this.lineStart = consumed + start;
        if (this.marks.holds(this.lineStart, consumed + end) || detector.needsLine(this.lineNumber, end - start)) {
          detector.addLine(this.lineNumber, text.slice(start, end), true, true);
        } else {
          detector.skipLines(1, end - start);
        }
      }
      this.lineNumber++;
      start = end + 1;
    }
    if (start < text.length) {
      if (this.pieces.length === 0) this.lineStart = consumed + start;
      this.pieces.push(text.slice(start));
    }
    this.consumed += text.length;
  }

  end(): Finding[] {
    if (this.pieces.length > 0) {
      this.detector.addLine(this.lineNumber, this.pieces.join(""), true, this.marks.holds(this.lineStart, this.consumed));
      this.pieces = [];
    }
    return this.detector.endFile();
  }
}
