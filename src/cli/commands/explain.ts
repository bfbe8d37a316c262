import { PinekeyError } from "../../core/errors.js";
import type { Finding } from "../../core/finding.js";
import { activeRules } from "../../core/rules/index.js";
import { commonGitDir, workTreeIfAny } from "../../git/repository.js";
import { loadConfig } from "../config.js";
import { lastRun } from "../last-findings.js";
import { renderReport } from "../messages.js";
import { remediateFlagsFor } from "../remediation.js";
import type { CommandResult } from "../result.js";

const ORIGINS: readonly unknown[] = ["file-name", "commit", "tag", "ref-name"] satisfies Array<Finding["origin"]>;

/**
 * `pinekey-hook explain`: the full report of the most recent blocked commit, push or scan in this
 * repository, which a hook shows in short: every file's fix, the secrets managers, the rotation
 * checklist, every way to allow a false positive. It reads what the blocked run recorded in the git
 * directory (places and redacted keys only, never a key) and scans nothing again.
 */
export async function explainCommand(cwd = process.cwd()): Promise<CommandResult> {
  const run = lastRun(await commonGitDir(cwd));
  if (run === undefined || run.findings.length === 0) {
    throw new PinekeyError(
      "BAD_ARGUMENTS",
      "there is no blocked run to explain here.",
      "It explains the most recent commit, push or scan pinekey-hook blocked in this repository.",
    );
  }
  const findings: Finding[] = run.findings.map((f) => ({
    rule: f.rule,
    file: f.file,
    line: f.line,
    column: f.column ?? 1,
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    allowed: false,
    ...(f.commit !== undefined ? { commit: f.commit, subject: f.subject ?? "" } : {}),
    ...(ORIGINS.includes(f.origin as string) ? { origin: f.origin } : {}),
    ...(typeof f.ref === "string" ? { ref: f.ref } : {}),
    ...(typeof f.via === "string" ? { via: f.via } : {}),
  }));
  // The config's custom rules give their findings their own words (a rule removed since: generic ones).
  const config = await loadConfig((await workTreeIfAny(cwd))?.root);
  const stdout = renderReport(findings, run.context ?? "staged", {
    detail: "full",
    rules: activeRules(config.rules, new Set(config.disableRules)),
    remediateFlags: remediateFlagsFor,
    ...(run.commits !== undefined ? { commits: run.commits } : {}),
  });
  return { exitCode: 0, stdout };
}
