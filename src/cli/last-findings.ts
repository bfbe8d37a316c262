import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../core/finding.js";
import { isFingerprint } from "./config.js";
import type { ReportContext } from "./messages.js";
import { writeTextFile } from "./output.js";

/**
 * What the most recent blocked run found, for `pinekey-hook ignore --last`: kept in the repository's
 * git directory (never committed), and holding fingerprints, places and redacted forms only, never
 * a key.
 */
export interface RememberedFinding {
  fingerprint: string;
  rule: string;
  file: string;
  line: number;
  redacted: string;
  /** For `explain`, which shows the report again in full. */
  column?: number;
  commit?: string;
  subject?: string;
  /** Where the key was when not on a line of a file's content, and how it arrived (see Finding). */
  origin?: Finding["origin"];
  ref?: string;
  via?: string;
}

/** What ran and was blocked, for `explain`: the report's context and how many commits it scanned. */
export interface RememberedRun {
  context?: ReportContext;
  commits?: number;
  findings: RememberedFinding[];
}

function storePath(gitDir: string): string {
  return join(gitDir, "pinekey", "last-findings.json");
}

export function rememberFindings(gitDir: string, findings: Finding[], run: { context?: ReportContext; commits?: number } = {}): void {
  const blocking: RememberedFinding[] = findings
    .filter((f) => !f.allowed)
    .map(({ fingerprint, rule, file, line, redacted, column, commit, subject, origin, ref, via }) => ({
      fingerprint,
      rule,
      file,
      line,
      redacted,
      column,
      ...(commit !== undefined ? { commit, subject: subject ?? "" } : {}),
      ...(origin !== undefined ? { origin } : {}),
      ...(ref !== undefined ? { ref } : {}),
      ...(via !== undefined ? { via } : {}),
    }));
  if (blocking.length === 0) return;
  try {
    writeTextFile(storePath(gitDir), JSON.stringify({ ...run, findings: blocking }, null, 2) + "\n");
  } catch {
    // A read-only git directory (a server, a sandbox) must not turn a block into a crash.
  }
}

/**
 * The findings of the most recent blocked run, or undefined when there was none. Entries that are
 * not well-formed (a hand-edited or truncated file) are dropped: `ignore --last` must never write a
 * line to .pinekeyignore that would then stop every scan as malformed.
 */
export function lastFindings(gitDir: string): RememberedFinding[] | undefined {
  return lastRun(gitDir)?.findings;
}

const CONTEXTS: readonly string[] = ["pre-commit", "commit-msg", "staged", "pre-push", "pre-receive", "history", "files"];

/** The most recent blocked run, or undefined (see lastFindings). */
export function lastRun(gitDir: string): RememberedRun | undefined {
  let parsed: { findings?: unknown; context?: unknown; commits?: unknown };
  try {
    parsed = JSON.parse(readFileSync(storePath(gitDir), "utf8")) as typeof parsed;
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed?.findings)) return undefined;
  const run: RememberedRun = { findings: parsed.findings.filter(isRemembered) };
  if (typeof parsed.context === "string" && CONTEXTS.includes(parsed.context)) run.context = parsed.context as ReportContext;
  if (typeof parsed.commits === "number") run.commits = parsed.commits;
  return run;
}

function isRemembered(entry: unknown): entry is RememberedFinding {
  if (typeof entry !== "object" || entry === null) return false;
  const { fingerprint, rule, file, line, redacted } = entry as Record<string, unknown>;
  return (
    typeof fingerprint === "string" &&
    isFingerprint(fingerprint) &&
    typeof rule === "string" &&
    typeof file === "string" &&
    typeof line === "number" &&
    typeof redacted === "string"
  );
}
