import { workTree, type WorkTree } from "../../git/repository.js";
import { scanStaged } from "../../git/staged.js";
import type { CommandResult } from "../result.js";
import { ScanContext } from "../scan-context.js";

/**
 * What `.husky/pre-commit` runs. Silent when clean; the report on stderr (where git shows hook
 * output) and exit 1 when the staged changes add a key, which makes git abort the commit.
 *
 * A clean commit does as little as it can: inside the hook (git sets GIT_INDEX_FILE for pre-commit,
 * and runs hooks from the top of the work tree) the diff starts at once, and `git rev-parse` runs
 * only when there is something to report; the report, its colours and the remediation text are
 * imported only then too.
 */
export async function preCommitCommand(options: { verify?: boolean; cwd?: string } = {}): Promise<CommandResult> {
  const { cwd } = options;
  const inHook = cwd === undefined && process.env.GIT_INDEX_FILE !== undefined;
  let tree: WorkTree | undefined = inHook ? undefined : await workTree(cwd);
  const findTree = async (): Promise<WorkTree> => (tree ??= await workTree(cwd));
  const context = new ScanContext(tree?.root ?? process.cwd(), { verify: options.verify === true });
  const { findings, unmergedPaths } = await scanStaged(cwd, () => context.createScanner(), findTree);
  if (findings.length === 0 && context.truncatedFiles().length === 0 && unmergedPaths.length === 0) return { exitCode: 0 };
  const { completeScan, exitCodeFor } = await import("./scan.js");
  const { renderReport } = await import("../messages.js");
  const scope = await completeScan(context, findings, { unmerged: unmergedPaths }, (await findTree()).commonDir);
  const report = renderReport(findings, "pre-commit", scope);
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}
