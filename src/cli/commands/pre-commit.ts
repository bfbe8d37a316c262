import { commonGitDir, workTreeRoot } from "../../git/repository.js";
import { scanStaged } from "../../git/staged.js";
import { renderReport } from "../messages.js";
import type { CommandResult } from "../result.js";
import { ScanContext } from "../scan-context.js";
import { completeScan, exitCodeFor } from "./scan.js";

/**
 * What `.husky/pre-commit` runs. Silent when clean; the report on stderr (where git shows hook
 * output) and exit 1 when the staged changes add a key, which makes git abort the commit.
 */
export async function preCommitCommand(options: { verify?: boolean; cwd?: string } = {}): Promise<CommandResult> {
  const { cwd } = options;
  const root = await workTreeRoot(cwd);
  const context = new ScanContext(root, { verify: options.verify === true });
  const findings = await scanStaged(cwd, () => context.createScanner());
  const scope = await completeScan(context, findings, {}, await commonGitDir(root));
  const report = renderReport(findings, "pre-commit", scope);
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}
