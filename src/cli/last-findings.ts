import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../core/finding.js";

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
    mkdirSync(join(gitDir, "pinekey"), { recursive: true });
    writeFileSync(storePath(gitDir), JSON.stringify({ findings: blocking }, null, 2) + "\n");
  } catch {
    // A read-only git directory (a server, a sandbox) must not turn a block into a crash.
  }
}

export function lastFindings(gitDir: string): RememberedFinding[] | undefined {
  try {
    const parsed = JSON.parse(readFileSync(storePath(gitDir), "utf8")) as { findings?: RememberedFinding[] };
    return Array.isArray(parsed.findings) ? parsed.findings : undefined;
  } catch {
    return undefined;
  }
}
