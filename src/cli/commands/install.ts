import { accessSync, constants, existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, relative, resolve, sep } from "node:path";
import { PinekeyError } from "../../core/errors.js";
import { commonGitDir, configValue, workTreeRoot } from "../../git/repository.js";
import { huskyHookLine, shQuote } from "../hook-scripts.js";
import { installMessage, type InstallReport } from "../install-messages.js";
import { installAdvice, ownPackage } from "../package-info.js";
import type { CommandResult } from "../result.js";
import { addHookLine } from "./hook-files.js";

export interface InstallOptions {
  /** Also add the pre-push hook (default); `install --no-pre-push` turns it off. */
  prePush?: boolean;
  cwd?: string;
}

/**
 * `pinekey-hook install`: husky sets `core.hooksPath` to `<package>/.husky/_` and writes its shims
 * there; we add our line to `.husky/pre-commit`; in a Node project package.json learns what
 * teammates need (devDependencies and a `prepare` script that runs husky) so `npm install` brings
 * the hook back for them.
 *
 * Monorepos: run in a subfolder package (`repo/web/package.json`), install follows husky's
 * documented pattern for a project below the git root: the hooks live in `web/.husky`, the prepare
 * script is `cd .. && husky web/.husky`, and the hook line runs `web/node_modules/.bin/pinekey-hook`
 * (git runs hooks at the top of the work tree, where there is no node_modules/.bin).
 */
export async function installCommand(options: InstallOptions = {}): Promise<CommandResult> {
  const { prePush = true, cwd = process.cwd() } = options;
  const root = await workTreeRoot(cwd);
  const packageDir = packageFolder(root, cwd);
  const huskyDir = packageDir === "" ? ".husky" : `${packageDir}/.husky`;
  await refuseForeignHooksPath(root, huskyDir);

  // Read and check package.json before changing anything: an invalid one must stop the install
  // before husky has taken over core.hooksPath and the hook file exists, not half-way through.
  const packageJsonPath = join(root, packageDir, "package.json");
  const hasPackageJson = existsSync(packageJsonPath);
  const packageJson = hasPackageJson ? readPackageJson(packageJsonPath) : undefined;

  const shadowedHook = existingPlainHook(await commonGitDir(root));
  const huskyNote = await runHusky(root, huskyDir);

  const advice = hasPackageJson ? undefined : installAdvice();
  const hooks: InstallReport["hooks"] = [];
  // commit-msg beside pre-commit: a key pasted into a commit message is blocked before the commit exists.
  for (const hook of prePush ? (["pre-commit", "commit-msg", "pre-push"] as const) : (["pre-commit", "commit-msg"] as const)) {
    const file = `${huskyDir}/${hook}`;
    const line = huskyHookLine(hook, { packageDir, ...(advice ? { installAdvice: advice } : {}) });
    hooks.push({ file, changed: addHookLine(join(root, file), line, hook) });
  }

  const packageJsonChanges = packageJson ? recordInPackageJson(packageJsonPath, packageJson, packageDir) : [];

  const report: InstallReport = {
    hooks,
    huskyDir,
    packageDir,
    packageJsonChanges,
    huskyNote,
    cliOnPath: cliReachable(join(root, packageDir)),
    hasPackageJson,
    shadowedHook,
    installAdvice: installAdvice(),
  };
  return { exitCode: 0, stdout: installMessage(report) };
}

/**
 * The folder of the package install was run for, relative to the top of the work tree ("" for the
 * top): the nearest package.json from the current directory up to the top. Without one, the top.
 */
function packageFolder(root: string, cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const rel = relative(root, dir);
    if (rel.startsWith("..")) return "";
    if (existsSync(join(dir, "package.json"))) return rel.split(sep).join("/");
    if (rel === "" || dirname(dir) === dir) return "";
  }
}

/** Another hook manager (or a hand-made hooks folder) owns core.hooksPath: do not take it over. */
async function refuseForeignHooksPath(root: string, huskyDir: string): Promise<void> {
  const hooksPath = await configValue("core.hooksPath", root);
  if (hooksPath === undefined) return;
  const normalized = hooksPath.replace(/\\/g, "/").replace(/\/+$/, "");
  if (normalized === `${huskyDir}/_` || normalized === huskyDir || normalized === ".husky/_" || normalized === ".husky") return;
  throw new PinekeyError(
    "HOOKS_PATH_CONFLICT",
    `core.hooksPath is set to "${hooksPath}", so git runs hooks from there and installing husky would replace them.`,
    `Add "pinekey-hook pre-commit" to ${hooksPath}/pre-commit yourself, or run "git config --unset core.hooksPath" and install again.`,
  );
}

/** A hook in .git/hooks stops running once core.hooksPath points at husky; tell the person. */
function existingPlainHook(gitDir: string): string | undefined {
  const file = join(gitDir, "hooks", "pre-commit");
  if (!existsSync(file)) return undefined;
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return undefined;
  }
  return ".git/hooks/pre-commit";
}

/** husky's own installer works on the current directory; run it at the top of the work tree. */
async function runHusky(root: string, huskyDir: string): Promise<string | undefined> {
  const { default: husky } = await import("husky");
  const previous = process.cwd();
  let note: string;
  try {
    process.chdir(root);
    note = husky(huskyDir) ?? "";
  } finally {
    process.chdir(previous);
  }
  if (note === "") return undefined;
  if (note.startsWith("HUSKY=0")) return "HUSKY=0 is set, so husky skipped its set-up and hooks will not run until it is unset.";
  throw new PinekeyError("INSTALL_FAILED", `husky could not set up the hooks: ${note.trim()}`, "Fix the cause and run install again.");
}

interface PackageJsonFile {
  text: string;
  pkg: Record<string, unknown>;
}

/** package.json's text and object; fails (BAD_PACKAGE_JSON) unless it holds a JSON object. */
function readPackageJson(path: string): PackageJsonFile {
  const text = readFileSync(path, "utf8");
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new PinekeyError(
      "BAD_PACKAGE_JSON",
      `package.json is not valid JSON (${(error as Error).message}).`,
      "Fix package.json and run install again.",
    );
  }
  if (typeof pkg !== "object" || pkg === null || Array.isArray(pkg)) {
    throw new PinekeyError("BAD_PACKAGE_JSON", "package.json does not hold a JSON object.", "Fix package.json and run install again.");
  }
  return { text, pkg };
}

/**
 * The prepare script that sets the hooks up: `husky` at the top, and for a package in a subfolder
 * husky's documented form, `cd .. && husky web/.husky` (husky must run where .git is).
 */
function prepareScript(packageDir: string): string {
  if (packageDir === "") return "husky";
  const up = packageDir.split("/").map(() => "..").join("/");
  return `cd ${up} && husky ${shQuote(`${packageDir}/.husky`)}`;
}

/** Record pinekey-hook, husky and the prepare script in package.json; returns what changed. */
function recordInPackageJson(path: string, { text, pkg }: PackageJsonFile, packageDir: string): string[] {
  const own = ownPackage();
  const changes: string[] = [];
  const dependencies = (pkg.dependencies ?? {}) as Record<string, string>;
  const devDependencies = { ...((pkg.devDependencies ?? {}) as Record<string, string>) };
  const wanted: Array<[string, string]> = [
    [own.name, `^${own.version}`],
    ["husky", own.dependencies.husky ?? "^9"],
  ];
  for (const [name, range] of wanted) {
    if (pkg.name === name || name in dependencies || name in devDependencies) continue;
    devDependencies[name] = range;
    changes.push(`added ${name}@${range} to devDependencies`);
  }
  if (changes.length > 0) pkg.devDependencies = sortedKeys(devDependencies);

  const scripts = { ...((pkg.scripts ?? {}) as Record<string, string>) };
  const prepare = scripts.prepare;
  const wantedPrepare = prepareScript(packageDir);
  if (prepare === undefined || prepare.trim() === "") {
    scripts.prepare = wantedPrepare;
    changes.push(`added the script "prepare": "${wantedPrepare}"`);
  } else if (prepare.trim() === "husky" && wantedPrepare !== "husky") {
    scripts.prepare = wantedPrepare;
    changes.push(`changed the script "prepare" to "${wantedPrepare}"`);
  } else if (!/\bhusky\b/.test(prepare)) {
    // After the person's own steps, from the package folder again ("cd .." would stay for them).
    scripts.prepare = packageDir === "" ? `${prepare} && husky` : `${prepare} && (${wantedPrepare})`;
    changes.push(`appended the husky set-up to the prepare script`);
  }
  pkg.scripts = scripts;

  if (changes.length > 0) {
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
    writeFileSync(path, JSON.stringify(pkg, null, indent) + (text.endsWith("\n") ? "\n" : ""));
  }
  return changes;
}

function sortedKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Will the hook find the CLI? husky puts node_modules/.bin on PATH before running it. */
function cliReachable(root: string): boolean {
  const directories = [join(root, "node_modules", ".bin"), ...(process.env.PATH ?? "").split(delimiter)];
  return directories.some((directory) => {
    if (directory === "") return false;
    try {
      accessSync(join(directory, "pinekey-hook"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
