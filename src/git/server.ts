import { isAbsolute, resolve } from "node:path";
import { isZeroOid, type ReceivedRef } from "../core/push-lines.js";
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

/**
 * For each given commit, the first pushed ref that brings it (the new commits of a ref are those
 * reachable from its new tip and from no existing ref: one `git rev-list` per updated ref). Asked
 * only for the few commits an audit record needs.
 */
export async function refsBringing(commits: readonly string[], refs: readonly ReceivedRef[], cwd = process.cwd()): Promise<Map<string, string>> {
  const wanted = new Set(commits);
  const found = new Map<string, string>();
  for (const ref of refs) {
    if (found.size === wanted.size) break;
    if (isZeroOid(ref.newOid)) continue;
    const types = await gitOutput(["cat-file", "-t", ref.newOid], cwd);
    if (types.trim() !== "commit" && types.trim() !== "tag") continue;
    const listed = await gitOutput(["rev-list", ref.newOid, "--not", "--all"], cwd);
    for (const oid of listed.split("\n")) {
      if (wanted.has(oid) && !found.has(oid)) found.set(oid, ref.ref);
    }
  }
  return found;
}
