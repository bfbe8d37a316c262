// The commit header pinekey-hook asks `git log` for, apart from the scanner so that starting
// `git log` does not wait for the detector's modules to load.

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
