import { redactLegacyKey } from "./mask.js";
import { scrubKeys } from "./rules/index.js";

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

/**
 * The author and subject are the commit's own text, which may hold a key: they are kept only with
 * every key-shaped string in them redacted, since they are printed with each finding.
 */
export function parseCommitRecord(record: string): CommitInfo {
  const [oid = "", author = "", date = "", ...subject] = record.split("\0");
  return { oid, author: scrubCommitText(author), date, subject: scrubCommitText(subject.join(" ")) };
}

const ANY_UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;

/** A commit's text with current keys and every UUID (a legacy key is one) redacted. */
export function scrubCommitText(text: string): string {
  return scrubKeys(text).replace(ANY_UUID, (uuid: string) => redactLegacyKey(uuid));
}
