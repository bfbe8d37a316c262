import { workTree, type WorkTree } from "../../git/repository.js";
import { scanStaged } from "../../git/staged.js";
import type { CommandResult } from "../result.js";

/**
 * What `.husky/pre-commit` runs. Silent when clean; the report on stderr (where git shows hook
 * output) and exit 1 when the staged changes add a key, which makes git abort the commit.
 *
 * A clean commit does as little as it can, and git starts first: inside the hook (git sets
 * GIT_INDEX_FILE for pre-commit, and runs hooks from the top of the work tree) the diff starts at
 * once, the detector and the config load while git works, and `git rev-parse` runs only when there
 * is something to report; the report, its colours and the remediation text load only then too.
 */
export async function preCommitCommand(options: { verify?: boolean; cwd?: string } = {}): Promise<CommandResult> {
  const { cwd } = options;
  const inHook = cwd === undefined && process.env.GIT_INDEX_FILE !== undefined;
  const treeAtStart: Promise<WorkTree> | undefined = inHook ? undefined : workTree(cwd);
  let tree: WorkTree | undefined;
  const findTree = async (): Promise<WorkTree> => (tree ??= await (treeAtStart ?? workTree(cwd)));
  const contextReady = (async () => {
    const root = treeAtStart ? (await treeAtStart).root : process.cwd();
    const { ScanContext } = await import("../scan-context.js");
    return ScanContext.create(root, { verify: options.verify === true });
  })();
  contextReady.catch(() => undefined); // its failure is thrown where it is awaited, not left unobserved
  const { findings, unmergedPaths } = await scanStaged(
    cwd,
    async () => (await contextReady).createScanner(),
    treeAtStart ?? findTree,
  );
  const context = await contextReady;
  if (findings.length === 0 && context.truncatedFiles().length === 0 && unmergedPaths.length === 0) return { exitCode: 0 };
  const { completeScan, exitCodeFor } = await import("./scan.js");
  const { renderReport } = await import("../messages.js");
  const scope = await completeScan(context, findings, { unmerged: unmergedPaths }, (await findTree()).commonDir, "pre-commit");
  const report = renderReport(findings, "pre-commit", scope);
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}
