import { Detector } from "./detector.js";
import { DiffParser, type DiffSink } from "./diff-parser.js";
import { InterestMarks } from "./prefilter.js";
import type { Finding } from "./finding.js";
import { isContainerPath } from "./containers.js";
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
  /**
   * Archives and compressed files the patch added or changed (by name: isContainerPath), with the
   * commit for history output. Their patch text is compressed bytes: the caller reads each one's
   * blob and scans what is inside it (src/git/containers.ts).
   */
  readonly containers: ContainerChange[] = [];
  private readonly parser: DiffParser;
  private readonly marks: InterestMarks;
  private commit: CommitInfo | undefined;

  /** `isIgnoredPath`: the config's `ignorePaths`, decided by the caller (globs are not the core's business). */
  constructor(readonly detector: Detector = new Detector(), isIgnoredPath?: (path: string) => boolean) {
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
        if (!skipping && isContainerPath(path)) this.containers.push({ path, ...(this.commit ? { commit: this.commit } : {}) });
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
    return withCommit(finding, this.commit);
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
