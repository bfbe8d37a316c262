import { Detector } from "./detector.js";
import { DiffParser, type DiffSink } from "./diff-parser.js";
import { InterestMarks } from "./prefilter.js";
import type { Finding } from "./finding.js";
import { parseCommitRecord, type CommitInfo } from "./commit-record.js";

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
  /** Unmerged index entries git reported (`* Unmerged path …`): they have no staged version to scan. */
  unmergedEntries = 0;
  private readonly parser: DiffParser;
  private readonly marks: InterestMarks;
  private commit: CommitInfo | undefined;

  /** `isIgnoredPath`: the config's `ignorePaths`, decided by the caller (globs are not the core's business). */
  constructor(detector: Detector = new Detector(), isIgnoredPath?: (path: string) => boolean) {
    this.marks = new InterestMarks(detector.rules);
    const marks = this.marks;
    let skipping = false;
    const sink: DiffSink = {
      commit: (record) => {
        this.commit = parseCommitRecord(record);
        this.commits++;
      },
      beginFile: (path) => {
        skipping = isIgnoredPath?.(path) ?? false;
        if (!skipping) detector.beginFile(path);
      },
      // Where a line is next worth reading: at once when the detector needs this line (a pending
      // candidate, or a line below Pinecone context long enough to hold an encoded key); just past
      // it when only a longer line there would be needed; else at the next mark. Never, in a file
      // the config ignores.
      quietUntil: (lineNumber, start, end) => {
        if (skipping) return Infinity;
        if (detector.needsLine(lineNumber, end - start - 1)) return start;
        const next = marks.nextMark(start);
        return detector.needsLine(lineNumber) ? Math.min(next, end + 1) : next;
      },
      skip: (lines, length) => {
        if (!skipping) detector.skipLines(lines, length);
      },
      line: (lineNumber, text, added, start, end) => {
        if (!skipping) detector.addLine(lineNumber, text, added, marks.holds(start, end));
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
    this.parser.push(chunk);
  }

  end(): Finding[] {
    this.parser.end();
    return this.findings;
  }

  private withCommit(finding: Finding): Finding {
    if (!this.commit) return finding;
    const { oid, author, date, subject } = this.commit;
    return { ...finding, commit: oid, author, date, subject };
  }
}
