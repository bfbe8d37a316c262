import { join } from "node:path";
import { workTreeRoot } from "../../git/repository.js";
import { uninstallMessage } from "../messages.js";
import type { CommandResult } from "../result.js";
import { removeHookLines } from "./hook-files.js";

const HOOK_FILES = [".husky/pre-commit", ".husky/commit-msg", ".husky/pre-push"];

/** `pinekey-hook uninstall`: remove our lines only; husky and every other line stay. */
export async function uninstallCommand(cwd = process.cwd()): Promise<CommandResult> {
  const root = await workTreeRoot(cwd);
  const changed: string[] = [];
  const deleted: string[] = [];
  const shared: string[] = [];
  for (const file of HOOK_FILES) {
    const { outcome, sharedLines } = removeHookLines(join(root, file));
    if (outcome === "changed") changed.push(file);
    if (outcome === "deleted") deleted.push(file);
    for (const line of sharedLines) shared.push(`${file}:${line}`);
  }
  return { exitCode: 0, stdout: uninstallMessage(changed, deleted, shared) };
}
