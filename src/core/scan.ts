import { Detector } from "./detector.js";
import { DiffParser, type DiffSink } from "./diff-parser.js";
import { InterestMarks } from "./prefilter.js";
import type { Finding } from "./finding.js";

/** The commit a stretch of `git log -p` output belongs to. */
export interface CommitInfo {
  oid: string;
  author: string;
  date: string;
  subject: string;
}

/**
 * The `--format` that makes each commit's header one NUL-led line the DiffParser recognises:
 * `\0<oid>\0<author name> <email>\0<ISO date>\0<subject>`.
 */
export const COMMIT_RECORD_FORMAT = "--format=%x00%H%x00%an <%ae>%x00%aI%x00%s";

export function parseCommitRecord(record: string): CommitInfo {
  const [oid = "", author = "", date = "", ...subject] = record.split("\0");
  return { oid, author, date, subject: subject.join(" ") };
}

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
    this.marks = new InterestMarks(detector.customRules);
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
      wants: (lineNumber, start, end) => !skipping && (marks.holds(start, end) || detector.needsLine(lineNumber)),
      skip: (_lineNumber, length) => {
        if (!skipping) detector.skipLine(length);
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
