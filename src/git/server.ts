import { isAbsolute, resolve } from "node:path";
import { gitOutput } from "./git.js";

/**
 * What a server hook (pre-receive) asks git about the repository it serves, apart from the pushed
 * content: the admin's settings and where the repository's own files live.
 */

/** The absolute path of the repository's git directory (for a bare repository, the repository). */
export async function absoluteGitDir(cwd = process.cwd()): Promise<string> {
  return (await gitOutput(["rev-parse", "--absolute-git-dir"], cwd)).replace(/\n$/, "");
}

/**
 * The policy file named by `git config pinekey.config`, as an absolute path, or undefined when the
 * setting is absent. `--type=path` expands `~/`; a relative path is taken from the git directory
 * (where the repository's own `config` file is). The setting comes from the repository's (or the
 * system's, or the server user's) git config, which a push cannot change.
 */
export async function policyFilePath(gitDir: string, cwd = process.cwd()): Promise<string | undefined> {
  // --default "" makes an unset key answer with an empty line instead of exit code 1.
  const value = (await gitOutput(["config", "--type=path", "--default", "", "--get", "pinekey.config"], cwd)).replace(/\n$/, "");
  if (value === "") return undefined;
  return isAbsolute(value) ? value : resolve(gitDir, value);
}

