import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { delimiter, dirname, join, relative, resolve, sep } from "node:path";
import { PinekeyError } from "../../core/errors.js";
import { MINIMUM_GIT_VERSION } from "../../git/git.js";
import { activeHooksDirectory, gitVersion } from "../../git/hooks.js";
import { configScope, configValue, workTree } from "../../git/repository.js";
import { GLOBAL_MARK } from "../hook-scripts.js";
import { CONFIG_FILE, IGNORE_FILE, loadConfig, loadIgnoredFingerprints } from "../config.js";
import { doctorMessage, doctorVerdict, type DoctorCli, type DoctorHook, type DoctorMode, type DoctorReport } from "../messages.js";
import type { CommandResult } from "../result.js";

export interface DoctorOptions {
  cwd?: string;
  /** The environment the hooks run with (PATH, HUSKY); the process's own by default. */
  env?: NodeJS.ProcessEnv;
}

type HookName = DoctorHook["hook"];

/** Config files of the hook managers whose hook scripts hand over to a config file. */
const LEFTHOOK_FILES = [
  "lefthook.yml",
  "lefthook.yaml",
  ".lefthook.yml",
  ".lefthook.yaml",
  ".config/lefthook.yml",
  ".config/lefthook.yaml",
  "lefthook-local.yml",
  "lefthook-local.yaml",
];
const PRE_COMMIT_CONFIG = ".pre-commit-config.yaml";
const PACKAGE_JSON_CONFIG = 'package.json "pinekey"';
/** The PATH GUI clients (GitHub Desktop, Sourcetree, IDEs started from a dock) give hooks on macOS and Linux. */
export const GUI_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";

/** The hook ids of this repository's .pre-commit-hooks.yaml. */
const FRAMEWORK_IDS: Record<HookName, string> = { "pre-commit": "pinekey", "commit-msg": "pinekey-msg", "pre-push": "pinekey-push" };

/**
 * `pinekey-hook doctor`: is the check installed and active here, which CLI would the hooks run,
 * which config and ignore files apply, and are git and Node recent enough. Exit 0 when all is well,
 * 1 when something needs fixing (each problem says how), 2 outside a repository.
 */
export async function doctorCommand(options: DoctorOptions = {}): Promise<CommandResult> {
  const report = await diagnose(options);
  const problems = problemCount(report);
  const pushesChecked = report.hooks.some((hook) => hook.hook === "pre-push" && hook.state === "active");
  return { exitCode: problems === 0 ? 0 : 1, stdout: doctorMessage(report) + doctorVerdict(problems, pushesChecked) };
}

/** What doctor found; every `ok: false` is a problem and makes the exit code 1. */
export async function diagnose(options: DoctorOptions = {}): Promise<DoctorReport> {
  const { cwd = process.cwd(), env = process.env } = options;
  const root = (await workTree(cwd)).root;
  const show = (path: string): string => {
    const rel = relative(root, path);
    return rel === "" ? "." : rel.startsWith("..") ? path : rel.split(sep).join("/");
  };

  const hooksPath = await configValue("core.hooksPath", root);
  const hooksPathScope = hooksPath === undefined ? undefined : await configScope("core.hooksPath", root);
  const hooksDir = await activeHooksDirectory(root);
  const hooks = (["pre-commit", "commit-msg", "pre-push"] as const).map((hook) => inspectHook(hook, root, hooksDir, show));
  // A husky set-up git does not read: .husky/<hook> runs pinekey-hook, core.hooksPath is not set.
  const strandedHusky = hooksPath === undefined && hooks.some((h) => h.state !== "active" && h.huskyFileRunsPinekey);
  for (const hook of hooks) {
    // pre-push is optional (install --no-pre-push), and commit-msg came later (an older install, a
    // pre-commit framework set-up without the commit-msg stage): a repository without one is fine.
    // It is a problem only where pinekey-hook was meant to run: a .husky/<hook> git does not read.
    const optional = hook.hook !== "pre-commit" && hook.state !== "not-executable" && !hook.huskyFileRunsPinekey;
    hook.ok = hook.state === "active" || optional;
  }

  const usesHusky = hooks.some((h) => h.manager === "husky");
  const needsCli = hooks.some((h) => h.state === "active" && h.manager !== "pre-commit");
  const global = hooks.some((h) => h.manager === "pinekey-hook --global");
  const mode: DoctorMode = global
    ? { kind: "global", where: hooksPathScope === "global" ? "git's global config" : `${hooksPathScope ?? "git"} config` }
    : usesHusky
      ? { kind: "husky", where: show(dirname(hooksDir)) }
      : hooksPath === undefined
        ? { kind: "repository", where: show(hooksDir) }
        : { kind: hooksPathScope === "global" ? "global-other" : "repository", where: show(hooksDir) };
  const cli = needsCli ? (global ? globalCli(hooksDir) : findCli(root, env, hooks)) : undefined;
  const git = await gitVersion(root);
  const tooOld = MINIMUM_GIT_VERSION.some(
    (minimum, i) => git.parts.slice(0, i).every((p, j) => p === MINIMUM_GIT_VERSION[j]) && (git.parts[i] ?? 0) < minimum,
  );
  return {
    hooksDir: show(hooksDir),
    hooksPath,
    mode,
    hooks,
    strandedHusky,
    ...(cli ? { cli } : {}),
    huskyDisabled: usesHusky && env.HUSKY === "0",
    config: await configInEffect(root),
    ignore: ignoreInEffect(root),
    git: { version: git.text, ok: !tooOld, minimum: MINIMUM_GIT_VERSION.join(".") },
    node: process.versions.node,
  };
}

export function problemCount(report: DoctorReport): number {
  return [
    ...report.hooks.map((hook) => hook.ok),
    report.cli?.found !== undefined || report.cli === undefined,
    !report.huskyDisabled,
    report.config.error === undefined,
    report.ignore.error === undefined,
    report.git.ok,
  ].filter((ok) => !ok).length;
}

function readText(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A line (not a comment) that runs `pinekey-hook <hook>`, in a script or a manager's YAML. */
function runsPinekey(text: string | undefined, hook: HookName): boolean {
  if (text === undefined) return false;
  const call = new RegExp(`\\bpinekey-hook\\s+${hook}\\b`);
  return text.split("\n").some((line) => !/^\s*#/.test(line) && call.test(line));
}

/** The pre-commit framework's config lists this repository's hook id for that stage. */
function frameworkRunsPinekey(text: string | undefined, hook: HookName): boolean {
  if (text === undefined) return false;
  const id = new RegExp(`^\\s*-?\\s*id:\\s*["']?${FRAMEWORK_IDS[hook]}["']?\\s*(#.*)?$`);
  return text.split("\n").some((line) => id.test(line));
}

/** What runs when git fires `hook` here, and whether pinekey-hook is part of it. */
function inspectHook(hook: HookName, root: string, hooksDir: string, show: (path: string) => string): DoctorHook {
  const file = join(hooksDir, hook);
  const huskyFile = join(root, ".husky", hook);
  const base = { hook, file: show(file), huskyFileRunsPinekey: runsPinekey(readText(huskyFile), hook), ok: false };
  const text = readText(file);
  if (text === undefined) {
    const huskyShimsMissing = /(^|[\\/])_$/.test(hooksDir) && !existsSync(hooksDir);
    return { ...base, state: huskyShimsMissing ? "husky-shims-missing" : "missing" };
  }
  if (!isExecutable(file)) return { ...base, state: "not-executable" };
  if (text.includes(GLOBAL_MARK)) {
    // install --global: the check, then the repository's own .git/hooks/<hook>, if executable.
    return { ...base, manager: "pinekey-hook --global", state: /^pinekey\(\) \{/m.test(text) ? "active" : "no-pinekey" };
  }

  // husky 9: .husky/_/<hook> is a two-line shim that sources .husky/_/h, which runs .husky/<hook>.
  if (/dirname\s+(--\s+)?"\$0"\)\/h"|husky\.sh/.test(text)) {
    const script = join(dirname(hooksDir), hook);
    return { ...base, manager: "husky", via: show(script), state: runsPinekey(readText(script), hook) ? "active" : "no-pinekey" };
  }
  if (runsPinekey(text, hook)) {
    return { ...base, manager: /simple-git-hooks|SKIP_SIMPLE_GIT_HOOKS/i.test(text) ? "simple-git-hooks" : undefined, state: "active" };
  }
  if (/\blefthook\b/.test(text)) {
    const configs = LEFTHOOK_FILES.map((name) => join(root, name)).filter((path) => existsSync(path));
    const found = configs.find((path) => runsPinekey(readText(path), hook));
    return { ...base, manager: "lefthook", via: show(found ?? configs[0] ?? join(root, "lefthook.yml")), state: found ? "active" : "no-pinekey" };
  }
  if (/pre-commit\.com|hook-impl|File generated by pre-commit/.test(text)) {
    const config = join(root, PRE_COMMIT_CONFIG);
    return { ...base, manager: "pre-commit", via: PRE_COMMIT_CONFIG, state: frameworkRunsPinekey(readText(config), hook) ? "active" : "no-pinekey" };
  }
  return { ...base, state: "no-pinekey" };
}

/** The global hooks run the node and bin.cjs named in them (see hook-scripts.ts). */
function globalCli(hooksDir: string): DoctorCli {
  const text = readText(join(hooksDir, "pre-commit")) ?? "";
  const named = (name: string): string | undefined => new RegExp(`^${name}='?([^'\n]*)'?$`, "m").exec(text)?.[1];
  const [node, bin] = [named("node"), named("bin")];
  if (node && bin && isExecutable(node) && readText(bin) !== undefined) return { found: bin, gui: "ok" };
  return { install: "global", gone: bin ?? "the CLI" };
}

/**
 * Where the hooks would find `pinekey-hook`, from the top of the repository as git runs them: a
 * husky line naming a package folder's `<dir>/node_modules/.bin/pinekey-hook` (a monorepo) uses that;
 * otherwise node_modules/.bin (husky and hooks/ put it first), then PATH. Then the same on a GUI
 * client's short PATH, after ~/.config/husky/init.sh, which husky and pinekey-hook's hooks read.
 */
function findCli(root: string, env: NodeJS.ProcessEnv, hooks: DoctorHook[]): DoctorCli {
  const script = hooks.map((h) => readText(resolve(root, h.via ?? h.file))).find((text) => text !== undefined && /pinekey-hook/.test(text)) ?? "";
  const named = /(?:^|[\s;&|{])'?([^\s;&|']+)'?\/node_modules\/\.bin\/pinekey-hook\b/m.exec(script)?.[1];
  const binDirectory = join(root, named ?? "", "node_modules", ".bin");
  const directories = named !== undefined ? [binDirectory] : [binDirectory, ...(env.PATH ?? "").split(delimiter).filter((d) => d !== "")];
  const found = directories.map((d) => join(d, "pinekey-hook")).find((path) => readText(path) !== undefined && isExecutable(path));
  if (found) {
    const gui = guiReach(root, binDirectory, env);
    return { found, ...(gui ? { gui } : {}) };
  }
  const pkg = readPackageJson(named !== undefined ? join(root, named) : root);
  if (pkg === undefined) return { install: "global" };
  const listed = ["dependencies", "devDependencies"].some((field) => {
    const deps = pkg[field];
    return typeof deps === "object" && deps !== null && "pinekey-hook" in deps;
  });
  return { install: listed ? "npm-install" : "save-dev", ...(named !== undefined ? { packageDir: named } : {}) };
}

/**
 * Would node and the CLI be found on a GUI client's PATH? Runs sh as a hook would run there:
 * PATH=/usr/bin:/bin:/usr/sbin:/sbin, ~/.config/husky/init.sh read, node_modules/.bin first.
 */
function guiReach(root: string, binDirectory: string, env: NodeJS.ProcessEnv): DoctorCli["gui"] {
  const script =
    'i="${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"; [ -f "$i" ] && . "$i" >/dev/null 2>&1; ' +
    'PATH="$1:$PATH"; command -v node >/dev/null 2>&1 || echo node; command -v pinekey-hook >/dev/null 2>&1 || echo cli';
  const child = spawnSync("sh", ["-c", script, "sh", binDirectory], {
    cwd: root,
    env: { HOME: env.HOME, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, PATH: GUI_PATH },
    encoding: "utf8",
  });
  if (child.error || child.status !== 0) return undefined; // no sh (Windows without Git Bash on PATH): nothing to say
  const missing = child.stdout.split("\n").filter((word) => word === "node" || word === "cli");
  if (missing.length === 0) return "ok";
  return missing.includes("node") ? (missing.includes("cli") ? "neither" : "no-node") : "no-cli";
}

function readPackageJson(root: string): Record<string, unknown> | undefined {
  const text = readText(join(root, "package.json"));
  if (text === undefined) return undefined;
  try {
    const pkg = JSON.parse(text) as unknown;
    return typeof pkg === "object" && pkg !== null && !Array.isArray(pkg) ? (pkg as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function configInEffect(root: string): Promise<DoctorReport["config"]> {
  const hasRc = existsSync(join(root, CONFIG_FILE));
  const inPackageJson = "pinekey" in (readPackageJson(root) ?? {});
  const source = hasRc ? CONFIG_FILE : inPackageJson ? PACKAGE_JSON_CONFIG : undefined;
  const shadowed = hasRc && inPackageJson ? PACKAGE_JSON_CONFIG : undefined;
  try {
    await loadConfig(root);
    return { source, shadowed };
  } catch (error) {
    if (!(error instanceof PinekeyError)) throw error;
    return { source, shadowed, error };
  }
}

function ignoreInEffect(root: string): DoctorReport["ignore"] {
  if (!existsSync(join(root, IGNORE_FILE))) return {};
  try {
    return { file: IGNORE_FILE, count: loadIgnoredFingerprints(root).size };
  } catch (error) {
    if (!(error instanceof PinekeyError)) throw error;
    return { file: IGNORE_FILE, error };
  }
}
