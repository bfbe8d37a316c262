import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../core/finding.js";
import { isFingerprint } from "./config.js";
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
}

function storePath(gitDir: string): string {
  return join(gitDir, "pinekey", "last-findings.json");
}

export function rememberFindings(gitDir: string, findings: Finding[]): void {
  const blocking: RememberedFinding[] = findings
    .filter((f) => !f.allowed)
    .map(({ fingerprint, rule, file, line, redacted }) => ({ fingerprint, rule, file, line, redacted }));
  if (blocking.length === 0) return;
  try {
    writeTextFile(storePath(gitDir), JSON.stringify({ findings: blocking }, null, 2) + "\n");
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
  let parsed: { findings?: unknown };
  try {
    parsed = JSON.parse(readFileSync(storePath(gitDir), "utf8")) as { findings?: unknown };
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed?.findings)) return undefined;
  return parsed.findings.filter(isRemembered);
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
