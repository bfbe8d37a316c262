import { gitOutput } from "./git.js";

/**
 * The files of the working tree that `scan [paths…]` reads: tracked files plus untracked ones git
 * does not ignore, under the given pathspecs (all when none), relative to the top of the work tree.
 *
 *   git ls-files -z --cached --others --exclude-standard --full-name -- <paths>
 *   stdout: <path> NUL <path> NUL …     (names exactly as stored: -z never quotes)
 */
export async function workingTreeFiles(paths: string[], cwd?: string): Promise<string[]> {
  const output = await gitOutput(
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name", "--", ...paths],
    cwd ? { cwd } : {},
  );
  return [...new Set(output.split("\0").filter((path) => path.length > 0))];
}
