/**
 * The package's bin, dist/bin.cjs: runs the CLI bundle, dist/cli.cjs, through a V8 code cache.
 *
 * Why: the bin runs on every commit, and before git can even start, Node must compile the bundle,
 * simple-git's code with it. V8 can save what it compiled and reuse it on the next run; Node 22 does
 * this itself (module.enableCompileCache), Node 20 does not. Measured side by side on this machine:
 * `pre-commit` 91 -> 77 ms (node -e 0: 54 ms), `scan --staged` over 50 MB 363 -> 349 ms.
 *
 * Where: node_modules/.cache/pinekey-hook/ beside the installed package (the convention babel and
 * eslint follow), or under the checkout's node_modules. Never a shared temporary directory: V8 runs
 * whatever bytecode a cache holds, so the cache must sit where only those who could already change
 * the package itself can write.
 *
 * Which: a cache file is named by the bundle's SHA-256, taken at build time (V8 itself only compares
 * the source's length), the bundle's modification time (an edit after the build), the Node version
 * and the architecture. V8 refuses a cache made by another V8 or with other flags; the bundle is then
 * compiled from source as usual. A cache holds bytecode compiled from the bundle's own source:
 * nothing a run reads (no diff, no file, no key) goes into it.
 *
 * When: only for the commands that run on every commit or push, and `scan`. The others run rarely
 * and load as before: a script compiled here cannot `import()` (that needs a callback, which Node 20
 * loses when the script comes from a cache; see zertosh/v8-compile-cache#30), and `install` imports
 * husky, an ES module. A cache is written at the exit of such a run that had none it could use, so it
 * holds the scanner's functions, compiled during that run. Writing it never fails a run.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
 *
 * This file loads nothing of the CLI, so its one message cannot come from cli/messages.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire, wrap } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

/** The commands that run on every commit or push, whose speed the cache is for. */
const CACHED_COMMANDS: ReadonlySet<string> = new Set(["pre-commit", "pre-push", "pre-receive", "scan"]);
const CACHE_SUFFIX = ".v8cache";

/** The SHA-256 of dist/cli.cjs, set by scripts/bundle.mjs when it bundles this file. */
declare const PINEKEY_CLI_DIGEST: string;

const dist = dirname(fileURLToPath(import.meta.url));
const cliFile = join(dist, "cli.cjs");

/** node_modules holding the installed package, or the checkout's own node_modules. */
function nodeModulesDirectory(): string {
  const packageRoot = dirname(dist);
  const parent = dirname(packageRoot);
  return basename(parent) === "node_modules" ? parent : join(packageRoot, "node_modules");
}

/** Run the bundle as Node would `require` it, with its compiled code from (and for) the cache. */
function runCachedCli(): void {
  const requireFromCli = createRequire(cliFile);
  if (!CACHED_COMMANDS.has(process.argv[2] ?? "") || process.env.NODE_DISABLE_COMPILE_CACHE) {
    requireFromCli(cliFile);
    return;
  }
  const { mtimeMs } = statSync(cliFile);
  const source = readFileSync(cliFile, "utf8");
  const build = `cli-${PINEKEY_CLI_DIGEST.slice(0, 16)}-${Math.trunc(mtimeMs)}-`;
  const cacheDirectory = join(nodeModulesDirectory(), ".cache", "pinekey-hook");
  const cacheFile = join(cacheDirectory, `${build}${process.version}-${process.arch}${CACHE_SUFFIX}`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet, or unreadable: compile from source
  }
  const script = new Script(wrap(source), { filename: cliFile, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once("exit", () => saveCache(script, cacheDirectory, cacheFile, build));
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireFromCli, module, cliFile, dist);
}

/**
 * Write the cache (to a temporary name, then renamed: hooks of several repositories may run at
 * once) and remove the caches of other builds of the bundle, or of the same build before an edit.
 * A cache is only ever an optimisation.
 */
function saveCache(script: Script, directory: string, file: string, currentPrefix: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    if (!existsSync(dirname(dirname(directory)))) return; // no node_modules: not ours to create
    mkdirSync(directory, { recursive: true });
    for (const name of readdirSync(directory)) {
      if (name.endsWith(CACHE_SUFFIX) && !name.startsWith(currentPrefix)) rmSync(join(directory, name), { force: true });
    }
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing more to do: this runs as the process exits
    }
  }
}

try {
  runCachedCli();
} catch (error) {
  // Only what happens while loading lands here (the CLI reports its own errors): a missing or
  // damaged install. Exit 2, so a hook fails closed with the reason.
  process.stderr.write(
    `pinekey-hook: could not load its code (${cliFile}): ${(error as Error)?.message ?? String(error)}\n` +
      "Reinstall it (npm install), or in a checkout of pinekey-hook run npm run build.\n",
  );
  process.exitCode = 2;
}
