import { resolve } from "node:path";
import { gitOutput } from "./git.js";

/**
 * The directory git runs hooks from: `core.hooksPath` when set (relative to the top of the work
 * tree), otherwise the common git directory's `hooks/`. git answers this itself:
 *
 *   git rev-parse --git-path hooks      stdout: <dir> LF   (may be relative to cwd)
 */
export async function activeHooksDirectory(cwd = process.cwd()): Promise<string> {
  const dir = (await gitOutput(["rev-parse", "--git-path", "hooks"], cwd)).replace(/\n$/, "");
  return resolve(cwd, dir);
}

/** `git --version` as numbers and text, e.g. `{ text: "2.39.5", parts: [2, 39, 5] }`. */
export async function gitVersion(cwd = process.cwd()): Promise<{ text: string; parts: number[] }> {
  const output = await gitOutput(["--version"], cwd);
  const found = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (!found) return { text: output.trim(), parts: [] };
  const parts = [Number(found[1]), Number(found[2]), Number(found[3] ?? 0)];
  return { text: found[0], parts };
}

/** The commit a revision names (`git rev-parse --verify <rev>^{commit}`), or undefined. */
export async function commitOid(rev: string, cwd = process.cwd()): Promise<string | undefined> {
  try {
    return (await gitOutput(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], cwd)).trim() || undefined;
  } catch {
    return undefined;
  }
}
