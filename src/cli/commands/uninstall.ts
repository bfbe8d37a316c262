import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { configValue, workTreeRoot } from "../../git/repository.js";
import { uninstallMessage } from "../install-messages.js";
import type { CommandResult } from "../result.js";
import { removeHookLines } from "./hook-files.js";

/**
 * The husky folders install may have written to: `.husky` at the top, the one of the package the
 * command runs in (a monorepo's `web/.husky`), and the one git reads (core.hooksPath `<dir>/_`).
 */
async function huskyFolders(root: string, cwd: string): Promise<string[]> {
  const folders = new Set([".husky"]);
  for (let dir = resolve(cwd); !relative(root, dir).startsWith("..") && relative(root, dir) !== ""; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) {
      folders.add(`${relative(root, dir).split(sep).join("/")}/.husky`);
      break;
    }
  }
  const hooksPath = (await configValue("core.hooksPath", root))?.replace(/\\/g, "/").replace(/\/+$/, "");
  if (hooksPath?.endsWith("/_") && !hooksPath.startsWith("/") && !hooksPath.includes("..")) folders.add(hooksPath.slice(0, -2));
  return [...folders];
}

/** `pinekey-hook uninstall`: remove our lines only; husky and every other line stay. */
export async function uninstallCommand(cwd = process.cwd()): Promise<CommandResult> {
  const root = await workTreeRoot(cwd);
  const changed: string[] = [];
  const deleted: string[] = [];
  const shared: string[] = [];
  for (const folder of await huskyFolders(root, cwd)) {
    for (const hook of ["pre-commit", "commit-msg", "pre-push"]) {
      const file = `${folder}/${hook}`;
      const { outcome, sharedLines } = removeHookLines(join(root, file));
      if (outcome === "changed") changed.push(file);
      if (outcome === "deleted") deleted.push(file);
      for (const line of sharedLines) shared.push(`${file}:${line}`);
    }
  }
  return { exitCode: 0, stdout: uninstallMessage(changed, deleted, shared) };
}
