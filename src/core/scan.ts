import { ContextGate } from "./context-gate.js";
import { TextSpan } from "./decode.js";
import { Detector } from "./detector.js";
import { PinekeyError } from "./errors.js";
import { DiffParser, type DiffSink } from "./diff-parser.js";
import { InterestMarks } from "./prefilter.js";
import { lineFeedCounter } from "./literal-filter.js";
import type { Finding } from "./finding.js";
import { isContainerPath } from "./containers.js";
import { parseCommitRecord, scrubCommitText, type CommitInfo } from "./commit-record.js";
import { Utf8BinaryScan } from "./utf8.js";

export { COMMIT_RECORD_FORMAT, parseCommitRecord, type CommitInfo } from "./commit-record.js";

/**
 * Glue from git's patch text to findings: text chunks → DiffParser → Detector → findings.
 * Feed chunks as they arrive from git; nothing is buffered beyond one line. For history output
 * (`git log -p` with COMMIT_RECORD_FORMAT) each finding also names its commit.
 */
export class PatchScanner {
  readonly findings: Finding[] = [];
  /** Commits seen (history output only). */
  commits = 0;
  /** Called with each commit's id as its record arrives (history output only). */
  onCommit: ((oid: string) => void) | undefined;
  /** Unmerged index entries git reported (`* Unmerged path …`): they have no staged version to scan. */
  unmergedEntries = 0;
  /**
   * Archives and compressed files the patch added or changed (by name: isContainerPath), with the
   * commit for history output. Their patch text is compressed bytes: the caller reads each one's
   * blob and scans what is inside it (src/git/containers.ts).
   */
  readonly containers: ContainerChange[] = [];
  private readonly parser: DiffParser;
  private readonly marks: InterestMarks;
  private commit: CommitInfo | undefined;
  private readonly binary: BinaryMarks;
  /**
   * Chunks are pushed read as Latin-1, a character per byte (see utf8.ts): git's output is copied,
   * not decoded, and only what the detector reads is decoded as UTF-8. Otherwise, as UTF-8 text.
   */
  readonly latin1: boolean;

  /**
   * `isIgnoredPath`: the config's `ignorePaths`, decided by the caller (globs are not the core's
   * business). `options.latin1`: how chunks are pushed (above).
   */
  constructor(readonly detector: Detector = new Detector(), isIgnoredPath?: (path: string) => boolean, options: { latin1?: boolean } = {}) {
    this.latin1 = options.latin1 ?? false;
    this.binary = new BinaryMarks(this.latin1);
    this.marks = new InterestMarks(detector.rules, { notes: detector.takesNotes });
    const notes = detector.takesNotes;
    const marks = this.marks;
    const binary = this.binary;
    let skipping = false;
    /**
     * A quiet stretch being passed over (see quietUntil): the offset just past the context line that
     * began it (-1: none). Its last lines are noted before anything after it is decided.
     */
    let quietAfter = -1;
    const reach = detector.contextReach;
    const lastLines: number[] = []; // [line, start, end] of each, newest first
    /**
     * The end of a quiet stretch: the new-version lines just before the raw line at `nextStart` (line
     * `nextLine`, or the end of a hunk or chunk) are found from there backwards, as many as a rule
     * looks down from a context line (a removed line or a `\` marker is none), and those holding a
     * context word are noted, in order. A context line further up changes nothing below the stretch.
     */
    const noteQuietRun = (nextLine: number, nextStart: number): void => {
      const after = quietAfter;
      quietAfter = -1;
      const chunk = this.chunk;
      const base = this.chunkStart;
      lastLines.length = 0;
      let line = nextLine;
      for (let lineEnd = nextStart - 1; lastLines.length < 3 * reach && lineEnd >= after; ) {
        const lineStart = chunk.lastIndexOf("\n", lineEnd - 1 - base) + 1 + base;
        const prefix = chunk.charCodeAt(lineStart - base);
        if (prefix !== 45 /* - */ && prefix !== 92 /* \ */) lastLines.push(--line, lineStart, lineEnd);
        lineEnd = lineStart - 1;
      }
      for (let i = lastLines.length - 3; i >= 0; i -= 3) {
        if (marks.nextNote(lastLines[i + 1]!) <= lastLines[i + 2]!) detector.noteContext(lastLines[i]!);
      }
    };
    const sink: DiffSink = {
      commit: (record) => {
        this.commit = parseCommitRecord(record);
        this.commits++;
        this.onCommit?.(this.commit.oid);
      },
      fileHeader: (line, start, end) => {
        // A new file name may itself hold a key (`git add "pcsk_…"`): the header names it.
        if (!marks.holds(start, end)) return;
        const path = headerPath(line);
        if (isIgnoredPath?.(path)) return;
        detector.beginFile(path);
        detector.addLine(1, line, true);
        // The name is printed with the finding, and it is what holds the key: redacted.
        for (const finding of detector.endFile()) this.findings.push(this.withCommit({ ...finding, file: scrubCommitText(path), origin: "file-name" }));
      },
      beginFile: (path) => {
        skipping = isIgnoredPath?.(path) ?? false;
        quietAfter = -1;
        this.fileBinary = false;
        if (!skipping) detector.beginFile(path);
        if (!skipping && isContainerPath(path)) this.containers.push({ path, ...(this.commit ? { commit: this.commit } : {}) });
      },
      // Where a line is next worth reading: at once when the detector needs this line (a pending
      // candidate, or a line below Pinecone context long enough to hold an encoded key); just past
      // it when only a longer line there would be needed; else at the next mark. Never, in a file
      // the config ignores.
      //
      // A line holding only context words (`pinecone`) and nothing else a rule reads is noted, not
      // read (see Detector.noteContext): in code that says "pinecone" on every line, reading each one
      // was most of the scan.
      //
      // Such a line also begins a quiet stretch: the lines below it that hold context words or
      // nothing a rule reads are passed over with it, up to the next place where anything else could
      // be, and only the last of them are noted (noteQuietRun). Not while a rule wants the next line
      // whatever it holds (a candidate waiting for context, the lines below a pair's name).
      quietUntil: (lineNumber, start, end) => {
        if (skipping) return Infinity;
        if (quietAfter !== -1) noteQuietRun(lineNumber, start);
        // A rule that wants the line may say, once it looks at the text in place, that it does not
        // after all (a line below Pinecone context holding no base64 run). A line that came in pieces
        // (begun in an earlier chunk) has no place in this one to look at: it is read if a rule
        // might want it.
        const inChunk = start >= this.chunkStart;
        const look = inChunk ? this.look.set(this.chunk, start + 1 - this.chunkStart, end - this.chunkStart) : undefined;
        if (detector.needsLine(lineNumber, end - start - 1, look)) return start;
        // Lines holding binary content are read too (until the file is known to be binary).
        const mark = this.fileBinary ? marks.nextMark(start) : Math.min(marks.nextMark(start), binary.next(start));
        if (mark <= end) return start;
        let next = mark;
        if (notes) {
          const note = marks.nextNote(start);
          if (note <= end) {
            if (!inChunk || !this.gate.onlyContext(start + 1 - this.chunkStart, end - this.chunkStart)) return start;
            detector.noteContext(lineNumber);
            if (detector.needsLine(lineNumber + 1, Infinity, NOTHING_ENCODED)) return end + 1;
            quietAfter = end + 1;
            return Math.min(mark, this.gate.quietEnd(end + 1 - this.chunkStart) + this.chunkStart);
          }
          next = Math.min(next, note);
        }
        return detector.needsLine(lineNumber) ? Math.min(next, end + 1) : next;
      },
      skip: (lines, length, nextLine, nextStart) => {
        if (skipping) return;
        detector.skipLines(lines, length);
        if (quietAfter !== -1) noteQuietRun(nextLine, nextStart);
      },
      line: (lineNumber, text, added, start, end) => {
        if (skipping) return;
        if (!this.fileBinary && binary.next(start) <= end) {
          this.fileBinary = true;
          detector.markFileBinary();
        }
        detector.addLine(lineNumber, text, added, marks.holds(start, end));
      },
      endFile: () => {
        if (skipping) return;
        for (const finding of detector.endFile()) this.findings.push(this.withCommit(finding));
      },
      unmerged: () => {
        this.unmergedEntries++;
      },
    };
    this.parser = new DiffParser(sink, this.latin1, this.latin1 ? lineFeedCounter() : undefined);
  }

  /**
   * The next chunk of git's output. `plainAscii`: the caller knows the chunk holds only ASCII and no
   * NUL (read as Latin-1: it then needs no look for binary content, and no decoding). `bytes`: the
   * bytes the chunk was read from as Latin-1, if at hand (the prefilter searches them faster, and the
   * parser counts lines in them).
   */
  push(chunk: string, plainAscii = false, bytes?: Uint8Array): void {
    this.marks.add(chunk, this.latin1 ? bytes : undefined);
    // Whether a header continues is the parser's to say, which holds the unfinished line: looking for
    // the chunk's last line feed from its end (lastIndexOf reads backwards a character at a time) had
    // taken 74 ms of the main thread's 500 on the notebook-heavy corpus, whose base64 images are
    // lines across many chunks.
    const ascii = this.binary.add(chunk, plainAscii, this.fileBinary, this.fileBinary && this.parser.unfinishedLineMayBeHeader());
    this.chunk = chunk;
    this.chunkStart = this.consumed;
    this.gate.reset(chunk, this.marks.lazyLowerCase, this.latin1 ? bytes : undefined);
    this.parser.push(chunk, ascii, this.latin1 ? bytes : undefined);
    this.consumed += chunk.length;
  }

  /** The current file is known to be binary: its NULs and other binary bytes need no more looking at. */
  private fileBinary = false;

  /** The chunk being parsed, where it starts in the output, and the output's length before it. */
  private chunk = "";
  private chunkStart = 0;
  private consumed = 0;
  /** Whether a line holding a context word holds anything else a rule reads (see quietUntil). */
  private readonly gate = new ContextGate();

  /** A look at the line quietUntil asks about, in place in the chunk (one object, reused). */
  private readonly look = new TextSpan();

  /** The output is complete; fails (GIT_OUTPUT_INCOMPLETE) when it ended in the middle of a hunk. */
  end(): Finding[] {
    this.binary.end();
    this.parser.end();
    if (this.parser.endedEarly) {
      throw new PinekeyError(
        "GIT_OUTPUT_INCOMPLETE",
        "git's diff output ended in the middle of a change: git stopped before it had shown everything.",
        "Nothing was decided; try again (if it keeps happening, check that git is not being killed, e.g. for lack of memory).",
      );
    }
    return this.findings;
  }

  /** For history output: findings from outside the diff (a commit's own text) join this scan's. */
  addFindings(findings: Finding[]): void {
    this.findings.push(...findings);
  }

  private withCommit(finding: Finding): Finding {
    return withCommit(finding, this.commit);
  }
}

/** A look at a line holding no base64 run (nor anything else): what a quiet stretch's lines hold, for the rules' needsLine. */
const NOTHING_ENCODED = new TextSpan();

/**
 * The new path in a file's first header line (`diff --git a/<old> b/<new>`, `diff --cc <path>`),
 * for naming a key found in it. Quoted names (git C-quotes those with control characters) are named
 * as printed: the finding is about the name itself, shown redacted.
 */
function headerPath(line: string): string {
  if (line.startsWith("diff --cc ") || line.startsWith("diff --combined ")) return line.slice(line.indexOf(" ", 5) + 1);
  const rest = line.slice("diff --git ".length);
  const half = (rest.length - 1) / 2;
  // Unquoted and unrenamed, both halves are the same path: "a/<path> b/<path>".
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) return rest.slice(half + 3);
  const b = rest.lastIndexOf(" b/");
  return b !== -1 ? rest.slice(b + 3) : rest;
}

/**
 * Where binary content (a NUL, or U+FFFD: a byte that was not UTF-8) lies in the output, one offset
 * per line holding some, so a file's binary-ness is decided by all its lines, not only those the
 * detector reads. Offsets count characters from the first chunk, as the parser's do (bytes, for
 * output read as Latin-1: then the bytes that would decode to U+FFFD are found by Utf8BinaryScan).
 */
class BinaryMarks {
  private offsets: number[] = [];
  private cursor = 0;
  private consumed = 0;
  private readonly latin1: Utf8BinaryScan | undefined;

  constructor(latin1: boolean) {
    this.latin1 = latin1 ? new Utf8BinaryScan() : undefined;
  }

  /**
   * Returns whether a chunk read as Latin-1 is ASCII throughout (false when unknown). `plainAscii`:
   * the caller knows it is, and holds no NUL. `inBinaryFile`: the chunk begins inside a file known
   * to be binary, whose lines' offsets change nothing (see PatchScanner.fileBinary): read as Latin-1,
   * it is looked at from the next file's header on (a line beginning `diff `; a PNG or a PDF under
   * `--text` is thousands of lines of binary content, each one found and passed over), unless
   * `headerMayContinue`: the line the last chunk left unfinished may be a file's header, which this
   * chunk's first line then ends.
   */
  add(chunk: string, plainAscii: boolean, inBinaryFile = false, headerMayContinue = false): boolean {
    if (this.latin1) {
      this.drop();
      if (plainAscii) {
        this.latin1.scanAscii(chunk, this.offsets);
        return true;
      }
      return this.latin1.scan(chunk, this.offsets, inBinaryFile && !headerMayContinue ? nextFileHeader(chunk) : 0);
    }
    if (chunk.indexOf("\0") !== -1 || chunk.indexOf("\ufffd") !== -1) {
      this.drop();
      // Each search resumes only once passed: a chunk is read at most once for each character.
      let nul = chunk.indexOf("\0");
      let bad = chunk.indexOf("\ufffd");
      for (let i = 0; i < chunk.length; ) {
        if (nul !== -1 && nul < i) nul = chunk.indexOf("\0", i);
        if (bad !== -1 && bad < i) bad = chunk.indexOf("\ufffd", i);
        const at = nul === -1 ? bad : bad === -1 ? nul : Math.min(nul, bad);
        if (at === -1) break;
        this.offsets.push(this.consumed + at);
        const lineEnd = chunk.indexOf("\n", at);
        i = lineEnd === -1 ? chunk.length : lineEnd + 1;
      }
    }
    this.consumed += chunk.length;
    return false;
  }

  /** The output is complete (a UTF-8 sequence left unfinished is binary content). */
  end(): void {
    this.latin1?.end(this.offsets);
  }

  /** Drop what the cursor has passed, so the list stays short. */
  private drop(): void {
    if (this.cursor > 0) {
      this.offsets = this.offsets.slice(this.cursor);
      this.cursor = 0;
    }
  }

  /** The first offset at or after `start`, or Infinity (asked in increasing order). */
  next(start: number): number {
    while (this.cursor < this.offsets.length && this.offsets[this.cursor]! < start) this.cursor++;
    return this.cursor < this.offsets.length ? this.offsets[this.cursor]! : Infinity;
  }
}

/**
 * Where the first line beginning `diff ` (a file's header: `diff --git`, `diff --cc`) starts in the
 * chunk, or its length. A chunk that begins with one begins a line only if the last chunk ended one;
 * either way it is looked at from there, which is never wrong, only a little more work.
 */
function nextFileHeader(chunk: string): number {
  if (chunk.startsWith("diff ")) return 0;
  const at = chunk.indexOf("\ndiff ");
  return at === -1 ? chunk.length : at + 1;
}

/** An archive or compressed file a patch touched: its path, and the commit (history only). */
export interface ContainerChange {
  path: string;
  commit?: CommitInfo;
}

/** `finding` as found in `commit` (history scans name the commit that added the key). */
export function withCommit(finding: Finding, commit: CommitInfo | undefined): Finding {
  if (!commit) return finding;
  const { oid, author, date, subject } = commit;
  return { ...finding, commit: oid, author, date, subject };
}
