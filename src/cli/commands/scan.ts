import type { Finding } from "../../core/finding.js";
import { PinekeyError } from "../../core/errors.js";
import { scanHistory } from "../../git/history.js";
import { workTreeRoot } from "../../git/repository.js";
import { scanStaged } from "../../git/staged.js";
import { workingTreeFiles } from "../../git/worktree.js";
import { formatJson, formatSarif, type Format } from "../format.js";
import { renderReport, type ReportContext, type ReportScope } from "../messages.js";
import { ownPackage } from "../package-info.js";
import type { CommandResult } from "../result.js";

/** What `scan` looks at: exactly one of these. */
export type ScanTarget =
  | { kind: "staged" }
  | { kind: "range"; range: string }
  | { kind: "all" }
  | { kind: "files"; paths: string[] };

export interface ScanOptions {
  target: ScanTarget;
  format: Format;
  cwd?: string;
}

export function exitCodeFor(findings: Finding[]): 0 | 1 {
  return findings.some((finding) => !finding.allowed) ? 1 : 0;
}

/** The report in the chosen format; the text report says what was scanned. */
export function formatResult(
  findings: Finding[],
  format: Format,
  context: ReportContext,
  scope: ReportScope = {},
): string {
  switch (format) {
    case "json":
      return formatJson(findings);
    case "sarif":
      return formatSarif(findings, ownPackage().version);
    case "text":
      return renderReport(findings, context, scope);
  }
}

/** `pinekey-hook scan --staged | --range <a..b> | --all | [paths…]`: the report on stdout. */
export async function scanCommand(options: ScanOptions): Promise<CommandResult> {
  const { target, format, cwd } = options;
  let findings: Finding[];
  let context: ReportContext;
  let scope: ReportScope = {};
  switch (target.kind) {
    case "staged":
      findings = await scanStaged(cwd);
      context = "staged";
      break;
    case "range":
    case "all": {
      await workTreeRootOrBare(cwd);
      if (target.kind === "range" && target.range.startsWith("-")) {
        throw new PinekeyError("BAD_ARGUMENTS", `--range takes a revision range such as origin/main..HEAD, not "${target.range}".`);
      }
      const history = await scanHistory(target.kind === "all" ? ["--all"] : [target.range], cwd ? { cwd } : {});
      findings = history.findings;
      scope = { commits: history.commits };
      context = "history";
      break;
    }
    case "files": {
      const root = await workTreeRoot(cwd);
      const { scanFiles } = await import("../files.js");
      const files = await workingTreeFiles(target.paths, cwd);
      const result = await scanFiles(root, files);
      findings = result.findings;
      scope = { files: result.scanned };
      context = "files";
      break;
    }
  }
  return { exitCode: exitCodeFor(findings), stdout: formatResult(findings, format, context, scope) };
}

/** History scans work in bare repositories too; only "not a repository at all" is an error. */
async function workTreeRootOrBare(cwd?: string): Promise<void> {
  const { gitOutput } = await import("../../git/git.js");
  await gitOutput(["rev-parse", "--git-dir"], cwd ? { cwd } : {});
}
