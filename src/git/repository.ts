import { resolve } from "node:path";
import { gitOutput } from "./git.js";
import { PinekeyError } from "../core/errors.js";

/** Where a work tree's files and git directories are (absolute paths). */
export interface WorkTree {
  /** The top of the working tree. */
  root: string;
  /** This work tree's git directory (`.git`, or `.git/worktrees/<name>` in a linked worktree). */
  gitDir: string;
  /** The git directory shared by all worktrees. */
  commonDir: string;
}

/**
 * The work tree we are in, from one `git rev-parse` (a hook runs on every commit: one process, not
 * three). Fails (NOT_A_REPOSITORY) outside a repository, in a bare one and inside `.git`.
 *
 *   git rev-parse --show-toplevel --git-dir --git-common-dir
 *   stdout: <top> LF <git-dir> LF <common-dir> LF      (the last two may be relative to cwd)
 */
export async function workTree(cwd = process.cwd()): Promise<WorkTree> {
  let output: string;
  try {
    output = await gitOutput(["rev-parse", "--show-toplevel", "--git-dir", "--git-common-dir"], cwd);
  } catch (error) {
    if (error instanceof PinekeyError && /must be run in a work tree/.test(error.message)) {
      // git says the same inside the .git directory of an ordinary repository: tell the two apart.
      const bare = (await gitOutput(["rev-parse", "--is-bare-repository"], cwd).catch(() => "true\n")).trim();
      throw new PinekeyError(
        "NOT_A_REPOSITORY",
        bare === "true"
          ? "this is a bare repository: there is no index or working tree to scan."
          : "this is the git directory, not a working tree.",
        "Run it inside a working tree.",
      );
    }
    throw error;
  }
  const [root = "", gitDir = "", commonDir = ""] = output.split("\n");
  if (root.length === 0) {
    throw new PinekeyError("NOT_A_REPOSITORY", "not inside a git working tree.", "Run it inside a working tree.");
  }
  return { root, gitDir: resolve(cwd, gitDir), commonDir: resolve(cwd, commonDir) };
}

/**
 * The work tree we are in, or undefined in a bare repository (history scans and server hooks run
 * there). Outside any repository it fails like workTree.
 */
export async function workTreeIfAny(cwd = process.cwd()): Promise<WorkTree | undefined> {
  const inside = (await gitOutput(["rev-parse", "--is-inside-work-tree"], cwd)).trim();
  return inside === "true" ? workTree(cwd) : undefined;
}

/** The top of the working tree we are in (see workTree). */
export async function workTreeRoot(cwd = process.cwd()): Promise<string> {
  return (await workTree(cwd)).root;
}

/** `git config --get <key>`, or undefined when unset. */
export async function configValue(key: string, cwd = process.cwd()): Promise<string | undefined> {
  // --default "" makes an unset key answer with an empty line instead of exit code 1.
  const value = await gitOutput(["config", "--default", "", "--get", key], cwd);
  const trimmed = value.replace(/\n$/, "");
  return trimmed.length > 0 ? trimmed : undefined;
}

/** Absolute path of the repository's common git directory (shared by all worktrees). */
export async function commonGitDir(cwd = process.cwd()): Promise<string> {
  const dir = (await gitOutput(["rev-parse", "--git-common-dir"], cwd)).replace(/\n$/, "");
  return resolve(cwd, dir);
}

/**
 * `git config --global` for the user's own settings (install --global). git picks the file: $HOME's
 * .gitconfig, or $XDG_CONFIG_HOME/git/config when only that exists, or GIT_CONFIG_GLOBAL.
 */
export async function globalConfigValue(key: string, cwd = process.cwd()): Promise<string | undefined> {
  const value = (await gitOutput(["config", "--global", "--default", "", "--get", key], cwd)).replace(/\n$/, "");
  return value.length > 0 ? value : undefined;
}

export async function setGlobalConfig(key: string, value: string, cwd = process.cwd()): Promise<void> {
  await gitOutput(["config", "--global", key, value], cwd);
}

export async function unsetGlobalConfig(key: string, cwd = process.cwd()): Promise<void> {
  // --unset-all exits 5 when the key is not set: first ask.
  if ((await globalConfigValue(key, cwd)) !== undefined) await gitOutput(["config", "--global", "--unset-all", key], cwd);
}

/**
 * Where the value of a key comes from: `global`, `local`, `system`, `worktree`, `command`, or
 * undefined when unset.
 *
 *   git config --show-scope --get <key>      stdout: <scope> TAB <value> LF   (git 2.26+)
 */
export async function configScope(key: string, cwd = process.cwd()): Promise<string | undefined> {
  const output = await gitOutput(["config", "--show-scope", "--default", "", "--get", key], cwd);
  const [scope, value = ""] = output.replace(/\n$/, "").split("\t");
  return value.length > 0 ? scope : undefined;
}
