import { parseHeaderPath } from "./cquote.js";
import type { LineFeedCounter } from "./literal-filter.js";
import { utf8FromLatin1 } from "./utf8.js";

/**
 * An incremental parser for git's unified (and combined) patch output. It takes text in chunks of
 * any size and calls a sink for each file's lines in the new version. It never holds more than one
 * line at a time, so a 100 MB diff costs no more memory than a small one.
 *
 * What git prints (`git diff -p -U3 --src-prefix=a/ --dst-prefix=b/`):
 *
 *   diff --git a/app.py b/app.py               <- a file starts; header lines follow
 *   index 3b18e51..a9f5c2e 100644
 *   --- a/app.py                                <- old path (or /dev/null for a new file)
 *   +++ b/app.py                                <- new path (or /dev/null for a deleted file)
 *   @@ -10,3 +10,4 @@ def main():              <- hunk: old start,count  new start,count
 *    context line                               <- in both versions
 *   -removed line                               <- old version only: ignored
 *   +added line                                 <- new version only: scanned
 *   \ No newline at end of file                 <- marker, not content
 *
 * A combined diff of a merge (`--cc`) has one prefix column per parent (`diff --cc path`,
 * `@@@ -1,2 -1,2 +1,3 @@@`, lines like `++added`, ` +from one parent`). A line counts as added
 * only when every column is `+`: new relative to all parents, i.e. written by the merge itself.
 *
 * Hunk line counts tell exactly where a hunk ends, so file content that looks like a header
 * (`diff --git` inside a text file) is never mistaken for one.
 */
export interface DiffSink {
  /**
   * A commit starts (history output only). pinekey-hook asks `git log` for a header line that
   * begins with a NUL byte, which no diff line can: `\0<oid>\0<author>\0<date>\0<subject>`.
   * `record` is that line without the leading NUL.
   */
  commit?(record: string): void;
  /**
   * Optional: a file's first header line, `diff --git a/<old> b/<new>` (or `diff --cc <path>`), lying
   * at [start, end) of the output: every file the diff touches has one, even with no hunks (an empty
   * new file, a pure rename, a mode change), so it is where new file names are seen.
   */
  fileHeader?(line: string, start: number, end: number): void;
  /** A file with hunks starts; `path` is the new path, repository-relative. */
  beginFile(path: string): void;
  /**
   * A line of the new version: `added` lines are scanned, context lines lend context. `start` and
   * `end` are where the raw line (prefix included) lies in the whole output pushed so far, counted
   * in characters from the first push (bytes, for output pushed as Latin-1): a scanner that marked
   * interesting offsets in the raw output can tell whether this line holds one.
   */
  line(lineNumber: number, text: string, added: boolean, start: number, end: number): void;
  /**
   * Optional: where the sink's interest resumes, asked at the new-version line `lineNumber` whose raw
   * text lies at [start, end) (offsets as for `line`). The answer covers that line and the ones after
   * it: each line ending before the returned offset is one the sink does not want, counted in a tight
   * loop without ever being cut out of git's output, and reported through `skip`. The first line the
   * answer does not cover is asked about again, and is read when the answer given at it says so
   * (an offset at or before its end). This is what keeps a 50 MB diff cheap: between two interesting
   * places there is no per-line call at all. Absent: every line is read.
   */
  quietUntil?(lineNumber: number, start: number, end: number): number;
  /**
   * New-version lines not read (see quietUntil): how many, and their text's length (as offsets count:
   * see line). They end just before the raw line at `nextStart`, which is new-version line
   * `nextLine` or would be (the end of a hunk or of the chunk).
   */
  skip?(lines: number, length: number, nextLine: number, nextStart: number): void;
  endFile(): void;
  /**
   * An index entry with unresolved merge conflicts: `git diff --cached` prints
   * `* Unmerged path <name>` for it (name unquoted, so a caller wanting it exactly asks
   * `git ls-files -u -z`) and no hunks, since the index holds no single version of it.
   */
  unmerged?(name: string): void;
}

const UNMERGED = "* Unmerged path ";

/**
 * Unwanted text (in characters) ahead of a line from which readHunkLines counts the lines it can pass
 * at once rather than one by one: below it the count's call costs more than it saves.
 */
const COUNTED_STRETCH = 256;

const HUNK_HEADER = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,(\d+))? @{2,}/;

export class DiffParser {
  /**
   * The pieces of a line not yet ended by "\n". Kept as a list and joined once, when the line ends:
   * appending each chunk to one string and searching it again would make a long single line (a
   * minified bundle streamed in 64 KB chunks) cost time quadratic in its length.
   */
  private partial: string[] = [];
  /** Path from the current file's `+++` header; null for deleted files and before the header. */
  private newPath: string | null = null;
  private fileOpen = false;
  private inHunk = false;
  private columns = 1;
  private newLine = 0;
  private newRemaining = 0;
  /** Old-side lines left in the hunk (exact for two-way diffs, where it ends the hunk). */
  private oldRemaining = 0;

  /**
   * `latin1`: the output is pushed read as Latin-1, a character per byte (see utf8.ts); what the sink
   * gets (lines, paths, records) is decoded as UTF-8, and offsets count bytes. `countLineFeeds`: for
   * output read as Latin-1, what counts the line feeds in a chunk's bytes (see readHunkLines).
   */
  constructor(
    private readonly sink: DiffSink,
    private readonly latin1 = false,
    private readonly countLineFeeds?: LineFeedCounter,
  ) {}

  /** Characters pushed before the current chunk. */
  private consumed = 0;
  /** Where the line being parsed starts and ends, in characters since the first push. */
  private lineStart = 0;
  private lineEnd = 0;

  /** Read as Latin-1: whether the chunk being parsed, and every piece of `partial`, is ASCII (nothing to decode). */
  private chunkAscii = false;
  private partialAscii = true;
  /** The bytes of the chunk being parsed (read as Latin-1, character i is byte i), when given and a counter is. */
  private chunkBytes: Uint8Array | undefined;
  /** In the chunk being parsed: where readHunkLines found a hunk to end in an unwanted stretch (nothing to count up to there). */
  private countedTo = -1;

  /**
   * Feed the next piece of git's output; pieces may split lines anywhere. `ascii`: the piece is known
   * to be ASCII throughout (output read as Latin-1 then needs no decoding). `bytes`: for output read
   * as Latin-1, the bytes the chunk was read from.
   */
  push(chunk: string, ascii = false, bytes?: Uint8Array): void {
    this.chunkAscii = ascii;
    this.chunkBytes = this.countLineFeeds && this.latin1 && bytes?.length === chunk.length ? bytes : undefined;
    this.countedTo = -1;
    let start = 0;
    let end = chunk.indexOf("\n");
    while (end !== -1) {
      this.lineEnd = this.consumed + end;
      if (this.partial.length > 0) {
        this.partial.push(chunk.slice(start, end));
        if (!(this.inTwoWayHunk() && this.passPartialLine())) this.parseLine(this.partial.join(""), this.partialAscii && ascii);
        this.partial = [];
        this.partialAscii = true;
      } else {
        this.lineStart = this.consumed + start;
        if (this.inTwoWayHunk()) {
          const next = this.readHunkLines(chunk, start, end);
          if (next !== start) {
            start = next;
            end = chunk.indexOf("\n", start);
            continue;
          }
        }
        this.parseLine(chunk.slice(start, end), ascii);
      }
      start = end + 1;
      end = chunk.indexOf("\n", start);
    }
    if (start < chunk.length) {
      if (this.partial.length === 0) this.lineStart = this.consumed + start;
      this.partial.push(chunk.slice(start));
      this.partialAscii &&= ascii;
    }
    this.consumed += chunk.length;
  }

  /**
   * May the line the output has left unfinished so far be a file's header (`diff …`, or the start of
   * it)? False when the last chunk ended a line. A line that does end is no longer this parser's
   * business here: a header at the next chunk's start is the caller's to see.
   */
  unfinishedLineMayBeHeader(): boolean {
    let head = "";
    for (const piece of this.partial) {
      head += piece.slice(0, 5 - head.length);
      if (head.length >= 5) break;
    }
    return head.length > 0 && "diff ".startsWith(head);
  }

  /**
   * The output ended inside a hunk, before the lines its header announced: git stopped part-way
   * (set by end()). A reader must not take what it saw for the whole change.
   */
  endedEarly = false;

  /** The output is complete. */
  end(): void {
    if (this.partial.length > 0) {
      this.lineEnd = this.consumed;
      this.parseLine(this.partial.join(""), this.partialAscii);
      this.partial = [];
    }
    this.endedEarly = this.inHunk && (this.newRemaining > 0 || (this.columns === 1 && this.oldRemaining > 0));
    this.closeFile();
  }

  /** Inside a two-way hunk of an open file, with new-version lines to come: the hot path applies. */
  private inTwoWayHunk(): boolean {
    return this.inHunk && this.columns === 1 && this.newRemaining > 0 && this.fileOpen;
  }

  /**
   * The hot path: the lines of a two-way hunk, from the complete line at [start, end) of the chunk
   * on, as long as the hunk has new-version lines left and the chunk has complete lines. A line the
   * sink does not want (see DiffSink.quietUntil) is counted from its first character alone: no
   * string is made and nothing is called for it. A wanted line is cut out once, prefix and CR off.
   * The sink is asked again only at a line its last answer does not cover. Returns where the first
   * line left to the general parse starts (`start` itself when none was taken here).
   *
   * Same reading as parseLine + parseHunkLine: a trailing CR is not content, `\` lines are markers,
   * an empty line is context.
   */
  private readHunkLines(chunk: string, start: number, end: number): number {
    const sink = this.sink;
    const consumed = this.consumed;
    // Chunk-relative: lines ending before it are not wanted. Kept within [-1, chunk.length] (the
    // sink may answer Infinity), so it stays a small integer: a double here made V8 throw away and
    // recompile this function's optimised code in every run.
    let quietUntil = -1;
    let askedAt = -1;
    let skipped = 0;
    let skippedLength = 0;
    while (end !== -1 && this.newRemaining > 0) {
      const mark = chunk.charCodeAt(start);
      if (mark === 45 /* - */) {
        this.oldRemaining--;
      } else if (mark !== 92 /* \ : "\ No newline at end of file" */) {
        if (end >= quietUntil && askedAt !== start && sink.quietUntil !== undefined) {
          quietUntil = Math.min(sink.quietUntil(this.newLine, consumed + start, consumed + end) - consumed, chunk.length);
          askedAt = start;
        }
        if (end < quietUntil && mark === 43 && this.oldRemaining <= 0 && quietUntil - end > COUNTED_STRETCH && end > this.countedTo && this.chunkBytes) {
          // Only added lines are left in the hunk (its old side is done), and nobody wants the text
          // up to quietUntil: the lines that end there are passed at once, counted by their line
          // feeds, if the hunk goes on past them (else, one by one as below).
          const last = chunk.lastIndexOf("\n", quietUntil - 1);
          const lines = this.countLineFeeds!(this.chunkBytes, start, last + 1);
          if (lines < this.newRemaining) {
            skipped += lines;
            skippedLength += last + 1 - start - 2 * lines; // each line: its mark and line feed are not text
            this.newLine += lines;
            this.newRemaining -= lines;
            start = last + 1;
            end = chunk.indexOf("\n", start);
            continue;
          }
          this.countedTo = last;
        }
        if (end < quietUntil) {
          skipped++;
          skippedLength += end - start - 1;
        } else {
          if (skipped > 0) {
            sink.skip?.(skipped, skippedLength, this.newLine, consumed + start);
            skipped = 0;
            skippedLength = 0;
          }
          const textEnd = end > start && chunk.charCodeAt(end - 1) === 13 /* \r */ ? end - 1 : end;
          const text = chunk.slice(start + 1, textEnd);
          sink.line(this.newLine, this.latin1 && !this.chunkAscii ? utf8FromLatin1(text) : text, mark === 43, consumed + start, consumed + end);
        }
        if (mark !== 43 /* + */) this.oldRemaining--;
        this.newLine++;
        this.newRemaining--;
      }
      start = end + 1;
      if (this.newRemaining <= 0 && this.oldRemaining <= 0) {
        this.inHunk = false;
        break;
      }
      end = chunk.indexOf("\n", start);
    }
    if (skipped > 0) sink.skip?.(skipped, skippedLength, this.newLine, consumed + start);
    return start;
  }

  /**
   * A hunk line that came in pieces (longer than what was left of a chunk: a notebook's base64 image,
   * a minified bundle) and has just ended: passed over without joining its pieces when it is a
   * removal, a marker or a line the sink does not want (the same reading as readHunkLines). Returns
   * false when the line is to be read (joined and parsed).
   */
  private passPartialLine(): boolean {
    const sink = this.sink;
    if (sink.quietUntil === undefined) return false;
    const mark = this.partial[0]!.charCodeAt(0);
    if (mark === 45 /* - */) {
      this.oldRemaining--;
    } else if (mark !== 92 /* \ */) {
      if (sink.quietUntil(this.newLine, this.lineStart, this.lineEnd) <= this.lineEnd) return false;
      sink.skip?.(1, this.lineEnd - this.lineStart - 1, this.newLine + 1, this.lineEnd + 1);
      if (mark !== 43 /* + */) this.oldRemaining--;
      this.newLine++;
      this.newRemaining--;
    }
    if (this.newRemaining <= 0 && this.oldRemaining <= 0) this.inHunk = false;
    return true;
  }

  /** `ascii`: the line needs no decoding (ASCII, or decoded already). */
  private parseLine(rawLine: string, ascii: boolean): void {
    // A file with CRLF line endings shows up as "+text\r\n": the "\r" ends the line, it is not
    // content, so no sink ever sees it. (Git quotes a path holding a CR, so headers lose nothing.)
    const text = this.latin1 && !ascii ? utf8FromLatin1(rawLine) : rawLine;
    const line = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (this.inHunk) {
      this.parseHunkLine(line);
      return;
    }
    if (line.charCodeAt(0) === 0) {
      this.closeFile();
      this.newPath = null;
      this.sink.commit?.(line.slice(1));
      return;
    }
    if (line.startsWith("diff ")) {
      this.closeFile();
      this.newPath = null;
      this.sink.fileHeader?.(line, this.lineStart, this.lineEnd);
      return;
    }
    if (line.startsWith("+++ ")) {
      const field = line.slice(4);
      this.newPath = field === "/dev/null" ? null : stripPrefix(parseHeaderPath(field));
      return;
    }
    if (line.startsWith("@@")) {
      this.beginHunk(line);
      return;
    }
    if (line.startsWith(UNMERGED)) {
      this.closeFile();
      this.newPath = null;
      this.sink.unmerged?.(line.slice(UNMERGED.length));
      return;
    }
    // Anything else is an extended header (index, mode, rename, similarity, Binary files …).
  }

  private beginHunk(header: string): void {
    const match = HUNK_HEADER.exec(header);
    if (!match) return;
    this.columns = match[1]!.length - 1;
    this.newLine = Number(match[2]);
    this.newRemaining = match[3] === undefined ? 1 : Number(match[3]);
    const oldCount = / -\d+(?:,(\d+))?/.exec(header)?.[1];
    this.oldRemaining = oldCount === undefined ? 1 : Number(oldCount);
    this.inHunk = this.newRemaining > 0 || this.oldRemaining > 0;
    if (this.newPath !== null && !this.fileOpen) {
      this.sink.beginFile(this.newPath);
      this.fileOpen = true;
    }
  }

  private parseHunkLine(line: string): void {
    if (line.startsWith("\\")) return; // "\ No newline at end of file"
    if (this.newRemaining <= 0 && !this.isRemovalLine(line)) {
      // Only a combined diff gets here: its per-parent old counts are not tracked, so its hunk ends
      // at the first line after the last new-side line that is not a removal.
      this.inHunk = false;
      this.parseLine(line, true); // decoded already
      return;
    }
    if (this.columns === 1) {
      // The common two-way case, on every line of a big diff: no prefix string, no regex.
      const mark = line.charCodeAt(0);
      if (mark === 45 /* - */) {
        this.oldRemaining -= 1;
      } else {
        // An empty line (a context line whose leading space was stripped, which `git apply`
        // accepts) is context, not an addition.
        const added = mark === 43; /* + */
        if (!added) this.oldRemaining -= 1;
        if (this.fileOpen) this.sink.line(this.newLine, line.slice(1), added, this.lineStart, this.lineEnd);
        this.newLine++;
        this.newRemaining--;
      }
      if (this.newRemaining <= 0 && this.oldRemaining <= 0) this.inHunk = false;
      return;
    }
    const prefix = line.slice(0, this.columns);
    if (prefix.includes("-")) {
      this.oldRemaining -= 1;
    } else {
      if (prefix.includes(" ") || prefix.length < this.columns) this.oldRemaining -= 1;
      // Added means a `+` in every column; a line shorter than the prefix is context.
      const added = prefix.length === this.columns && !/[^+]/.test(prefix);
      if (this.fileOpen) this.sink.line(this.newLine, line.slice(this.columns), added, this.lineStart, this.lineEnd);
      this.newLine++;
      this.newRemaining--;
    }
  }

  /** A line that exists in some parent but not in the result: only `-` and ` ` in its prefix. */
  private isRemovalLine(line: string): boolean {
    const prefix = line.slice(0, this.columns);
    return prefix.length === this.columns && prefix.includes("-") && /^[- ]+$/.test(prefix);
  }

  private closeFile(): void {
    this.inHunk = false;
    if (this.fileOpen) {
      this.fileOpen = false;
      this.sink.endFile();
    }
  }
}

/** `b/src/app.py` → `src/app.py`; the prefix is fixed by `--dst-prefix=b/`. */
function stripPrefix(path: string): string {
  return path.startsWith("b/") ? path.slice(2) : path;
}
