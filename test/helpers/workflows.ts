/**
 * Helpers for the workflow recipes (hook managers, the pre-commit framework, plain hooks, servers,
 * CI): npm with the machine's cache, a `pinekey-hook` shim on PATH, and a snapshot of this checkout
 * as a git repository that other tools can clone.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { CLI, PROJECT_ROOT, type RunResult, type TempRepo } from "./repo.js";

/** Keep using the machine's npm cache even though each repository has its own HOME. */
export const NPM_CACHE = process.env.npm_config_cache ?? join(homedir(), ".npm");

/** The environment for npm in a temp repository: the machine's cache, none of `npm test`'s npm_* settings. */
export function npmEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    npm_config_cache: NPM_CACHE,
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
  for (const name of Object.keys(process.env)) if (/^npm_/i.test(name) && !(name in env)) env[name] = undefined;
  return { ...env, ...extra };
}

/** Run a program in the repository with its clean environment plus `env`. */
export function runIn(repo: TempRepo, command: string, args: string[], env: Record<string, string | undefined> = {}, cwd = repo.dir): RunResult {
  const child = spawnSync(command, args, { cwd, env: repo.env(env), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (child.error) throw child.error;
  return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** PATH without any `pinekey-hook` on it (git, sh and node stay reachable). */
export const PATH_WITHOUT_CLI = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !existsSync(join(dir, "pinekey-hook")))
  .join(delimiter);

/** Single-quoted for sh, whatever the path holds (spaces, quotes). */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** An executable `pinekey-hook` in `dir` that runs this checkout's built CLI. */
export function writeCliShim(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const shim = join(dir, "pinekey-hook");
  writeFileSync(shim, `#!/bin/sh\nexec ${shQuote(process.execPath)} ${shQuote(CLI)} "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

/** PATH with a shim directory (may contain spaces) first and no other pinekey-hook. */
export function pathWithShim(dir: string): string {
  return `${writeCliShim(dir)}${delimiter}${PATH_WITHOUT_CLI}`;
}

/** Copy one of the package's shipped hook scripts (hooks/<name>) into a hooks directory. */
export function copyShippedHook(name: string, hooksDir: string): string {
  mkdirSync(hooksDir, { recursive: true });
  const target = join(hooksDir, name);
  copyFileSync(join(PROJECT_ROOT, "hooks", name), target);
  chmodSync(target, 0o755);
  return target;
}

/**
 * This checkout as it is now (tracked and untracked files, not ignored ones) committed into a fresh
 * repository at `dir`: what the pre-commit framework clones as a hook repository. Returns the commit.
 */
export function snapshotProject(repo: TempRepo, dir: string): string {
  const list = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: PROJECT_ROOT, encoding: "utf8" });
  if (list.status !== 0) throw new Error(`git ls-files failed: ${list.stderr}`);
  mkdirSync(dir, { recursive: true });
  for (const file of list.stdout.split("\0")) {
    if (file === "") continue;
    const source = join(PROJECT_ROOT, file);
    if (!existsSync(source) || lstatSync(source).isSymbolicLink() || lstatSync(source).isDirectory()) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(source, join(dir, file));
    chmodSync(join(dir, file), lstatSync(source).mode & 0o777);
  }
  const git = (...args: string[]): string => {
    const run = runIn(repo, "git", args, {}, dir);
    if (run.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${run.stderr}`);
    return run.stdout;
  };
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "--no-verify", "-m", "pinekey-hook snapshot");
  return git("rev-parse", "HEAD").trim();
}

/** doctor's report with the lines it wrapped (within 80 columns, continued under the text) joined again. */
export function unwrapDoctor(text: string): string {
  return text.replace(/\n {16,}(?=\S)/g, " ");
}
