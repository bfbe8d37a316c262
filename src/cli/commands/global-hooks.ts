import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { PinekeyError } from "../../core/errors.js";
import { configScope, configValue, globalConfigValue, setGlobalConfig, unsetGlobalConfig } from "../../git/repository.js";
import { GLOBAL_MARK, globalHookScript } from "../hook-scripts.js";
import { installGlobalMessage, uninstallGlobalMessage } from "../install-messages.js";
import { installAdvice, ownBin, runsFromNpxCache } from "../package-info.js";
import type { CommandResult } from "../result.js";

/** The hooks that run the check (then the repository's own hook of that name). */
export const GLOBAL_CHECKED_HOOKS: readonly string[] = ["pre-commit", "commit-msg", "pre-push"];

/**
 * Every hook git may run from core.hooksPath. With a global core.hooksPath git no longer looks in
 * a repository's .git/hooks at all, so each name gets a script that runs the repository's own
 * hook: git-lfs's post-checkout, a server repository's pre-receive, the pre-commit framework's
 * hooks keep working.
 */
const ALL_HOOKS: readonly string[] = [
  "applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit",
  "prepare-commit-msg", "commit-msg", "post-commit", "pre-rebase", "post-checkout", "post-merge",
  "pre-push", "pre-receive", "update", "proc-receive", "post-receive", "post-update",
  "reference-transaction", "push-to-checkout", "pre-auto-gc", "post-rewrite", "sendemail-validate",
  "post-index-change",
];

export interface GlobalOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Where pinekey-hook keeps the global hooks: $XDG_CONFIG_HOME/pinekey-hook/hooks (~/.config/…). */
export function globalHooksDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== "" ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(config, "pinekey-hook", "hooks");
}

/** A core.hooksPath value as a folder: `~/` expanded as git does. */
function asFolder(value: string): string {
  return resolve(value.startsWith("~/") ? join(homedir(), value.slice(2)) : value);
}

function isOurs(file: string): boolean {
  try {
    return readFileSync(file, "utf8").includes(GLOBAL_MARK);
  } catch {
    return false;
  }
}

/**
 * `pinekey-hook install --global`: git's global core.hooksPath names a folder of hooks
 * pinekey-hook owns, so every repository of this user is checked, including teammates' clones
 * that never ran install. Those hooks run the CLI by absolute path (the node and bin.cjs running
 * now), so a GUI client's short PATH does not matter. A repository's own core.hooksPath (husky)
 * still wins: git reads the local setting first.
 */
export async function installGlobalCommand(options: GlobalOptions = {}): Promise<CommandResult> {
  const { cwd = process.cwd(), env = process.env } = options;
  const dir = globalHooksDirectory(env);
  const current = await globalConfigValue("core.hooksPath", cwd);
  if (current !== undefined && asFolder(current) !== dir) {
    throw new PinekeyError(
      "HOOKS_PATH_CONFLICT",
      `git's global core.hooksPath is already "${current}" (another tool's hooks).`,
      `Add "pinekey-hook pre-commit || exit $?" to its pre-commit, or run\n  git config --global --unset core.hooksPath  and install --global again.`,
    );
  }
  const target = { node: process.execPath, bin: ownBin(), installAdvice: installAdvice() };
  mkdirSync(dir, { recursive: true });
  for (const name of ALL_HOOKS) {
    const file = join(dir, name);
    writeFileSync(file, globalHookScript(name, GLOBAL_CHECKED_HOOKS.includes(name) ? target : undefined));
    chmodSync(file, 0o755);
  }
  await setGlobalConfig("core.hooksPath", dir, cwd);
  let localHooksPath: string | undefined;
  try {
    if ((await configScope("core.hooksPath", cwd)) === "local") localHooksPath = await configValue("core.hooksPath", cwd);
  } catch {
    // not in a repository: nothing to say about one
  }
  const stdout = installGlobalMessage({
    hooksDir: dir,
    node: target.node,
    bin: target.bin,
    temporaryCli: runsFromNpxCache(),
    installAdvice: target.installAdvice,
    localHooksPath,
  });
  return { exitCode: 0, stdout };
}

/** `pinekey-hook uninstall --global`: unset the global core.hooksPath if it is ours, remove our scripts. */
export async function uninstallGlobalCommand(options: GlobalOptions = {}): Promise<CommandResult> {
  const { cwd = process.cwd(), env = process.env } = options;
  const dir = globalHooksDirectory(env);
  const current = await globalConfigValue("core.hooksPath", cwd);
  const ours = current !== undefined && asFolder(current) === dir;
  if (ours) await unsetGlobalConfig("core.hooksPath", cwd);
  let removed = 0;
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      if (!isOurs(join(dir, name))) continue;
      rmSync(join(dir, name));
      removed++;
    }
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  }
  return { exitCode: 0, stdout: uninstallGlobalMessage(ours, removed, ours ? undefined : current) };
}
