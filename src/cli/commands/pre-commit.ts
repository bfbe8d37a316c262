import { scanStaged } from "../../git/staged.js";
import { renderReport } from "../messages.js";
import type { CommandResult } from "../result.js";
import { exitCodeFor } from "./scan.js";

/**
 * What `.husky/pre-commit` runs. Silent when clean; the report on stderr (where git shows hook
 * output) and exit 1 when the staged changes add a key, which makes git abort the commit.
 */
export async function preCommitCommand(cwd?: string): Promise<CommandResult> {
  const findings = await scanStaged(cwd);
  const report = renderReport(findings, "pre-commit");
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}
