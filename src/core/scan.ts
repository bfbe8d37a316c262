import { Detector } from "./detector.js";
import { PinekeyError } from "./errors.js";
import { DiffParser, type DiffSink } from "./diff-parser.js";
import { InterestMarks } from "./prefilter.js";
import type { Finding } from "./finding.js";
import { isContainerPath } from "./containers.js";
import { parseCommitRecord, scrubCommitText, type CommitInfo } from "./commit-record.js";

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
  private readonly binary = new BinaryMarks();

  /** `isIgnoredPath`: the config's `ignorePaths`, decided by the caller (globs are not the core's business). */
  constructor(readonly detector: Detector = new Detector(), isIgnoredPath?: (path: string) => boolean) {
    this.marks = new InterestMarks(detector.rules);
    const marks = this.marks;
    const binary = this.binary;
    let skipping = false;
    /** The current file is known to be binary: its NULs need no more looking at. */
    let fileBinary = false;
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
        fileBinary = false;
        if (!skipping) detector.beginFile(path);
        if (!skipping && isContainerPath(path)) this.containers.push({ path, ...(this.commit ? { commit: this.commit } : {}) });
      },
      // Where a line is next worth reading: at once when the detector needs this line (a pending
      // candidate, or a line below Pinecone context long enough to hold an encoded key); just past
      // it when only a longer line there would be needed; else at the next mark. Never, in a file
      // the config ignores.
      quietUntil: (lineNumber, start, end) => {
        if (skipping) return Infinity;
        if (detector.needsLine(lineNumber, end - start - 1)) return start;
        // Lines holding binary content are read too (until the file is known to be binary).
        const next = fileBinary ? marks.nextMark(start) : Math.min(marks.nextMark(start), binary.next(start));
        return detector.needsLine(lineNumber) ? Math.min(next, end + 1) : next;
      },
      skip: (lines, length) => {
        if (!skipping) detector.skipLines(lines, length);
      },
      line: (lineNumber, text, added, start, end) => {
        if (skipping) return;
        if (!fileBinary && binary.next(start) <= end) {
          fileBinary = true;
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
    this.parser = new DiffParser(sink);
  }

  push(chunk: string): void {
    this.marks.add(chunk);
    this.binary.add(chunk);
    this.parser.push(chunk);
  }

  /** The output is complete; fails (GIT_OUTPUT_INCOMPLETE) when it ended in the middle of a hunk. */
  end(): Finding[] {
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
 * detector reads. Offsets count characters from the first chunk, as the parser's do.
 */
class BinaryMarks {
  private offsets: number[] = [];
  private cursor = 0;
  private consumed = 0;

  add(chunk: string): void {
    if (chunk.indexOf("\0") !== -1 || chunk.indexOf("\ufffd") !== -1) {
      if (this.cursor > 0) {
        this.offsets = this.offsets.slice(this.cursor);
        this.cursor = 0;
      }
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
  }

  /** The first offset at or after `start`, or Infinity (asked in increasing order). */
  next(start: number): number {
    while (this.cursor < this.offsets.length && this.offsets[this.cursor]! < start) this.cursor++;
    return this.cursor < this.offsets.length ? this.offsets[this.cursor]! : Infinity;
  }
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
