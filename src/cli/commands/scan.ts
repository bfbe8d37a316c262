import type { Finding } from "../../core/finding.js";
import { scanStaged } from "../../git/staged.js";
import { formatJson, formatSarif, type Format } from "../format.js";
import { renderReport } from "../messages.js";
import { ownPackage } from "../package-info.js";
import type { CommandResult } from "../result.js";

export interface ScanOptions {
  format: Format;
  cwd?: string;
}

export function exitCodeFor(findings: Finding[]): 0 | 1 {
  return findings.some((finding) => !finding.allowed) ? 1 : 0;
}

/** `pinekey-hook scan --staged`: the report on stdout, in the chosen format. */
export async function scanStagedCommand(options: ScanOptions): Promise<CommandResult> {
  const findings = await scanStaged(options.cwd);
  const exitCode = exitCodeFor(findings);
  switch (options.format) {
    case "json":
      return { exitCode, stdout: formatJson(findings) };
    case "sarif":
      return { exitCode, stdout: formatSarif(findings, ownPackage().version) };
    case "text":
      return { exitCode, stdout: renderReport(findings, "scan") };
  }
}
