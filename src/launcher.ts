/**
 * The package's bin, dist/bin.cjs: runs the CLI bundle, dist/cli.cjs, through a V8 code cache.
 *
 * Why: the bin runs on every commit, and before git can even start, Node must compile the bundle,
 * simple-git's code with it. V8 can save what it compiled and reuse it on the next run; Node 22 does
 * this itself (module.enableCompileCache), Node 20 does not. Measured side by side on this machine:
 * `pre-commit` 91 -> 77 ms (node -e 0: 54 ms), `scan --staged` over 50 MB 363 -> 349 ms.
 *
 * Trust: the bin runs dist/cli.cjs only if its SHA-256 is the one scripts/bundle.mjs wrote into this
 * file at build time. An empty, truncated or replaced bundle (`module.exports = {}` would otherwise
 * run nothing and exit 0: every hook "clean") is refused with exit 2. The bytes hashed are the bytes
 * compiled: the file is read once.
 *
 * Where: dist/.cache/ inside the package itself, beside the bundle. V8 runs whatever bytecode a
 * cache holds and checks it against the source only by length, so the cache must be exactly as
 * hard to write as the package: whoever can write dist/.cache/ can already replace dist/bin.cjs.
 * Not node_modules/.cache/ (CI systems save and restore that directory between jobs and branches as
 * a build cache, so a job of another branch could hand the next one its bytecode), and never a
 * shared temporary directory. A read-only install runs without a cache.
 *
 * Which: a cache file is named by the bundle's SHA-256 (V8 itself only compares the source's
 * length), the Node version and the architecture. V8 refuses a cache made by another V8 or with
 * other flags; the bundle is then compiled from source as usual. A cache holds bytecode compiled from
 * the bundle's own source: nothing a run reads (no diff, no file, no key) goes into it.
 *
 * When: only for the commands that run on every commit or push, and `scan`. The others run rarely
 * and are compiled as `require` would compile them: a script compiled by vm cannot `import()` (that
 * needs a callback, which Node 20 loses when the script comes from a cache; see
 * zertosh/v8-compile-cache#30), and `install` imports husky, an ES module. A cache is written at the
 * exit of such a run that had none it could use, so it holds the scanner's functions, compiled during
 * that run. Writing it never fails a run. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does
 * Node's own.
 *
 * This file loads nothing of the CLI, so its one message cannot come from cli/messages.ts.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire, wrap } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

/** The commands that run on every commit or push, whose speed the cache is for. */
const CACHED_COMMANDS: ReadonlySet<string> = new Set(["pre-commit", "commit-msg", "pre-push", "pre-receive", "scan"]);
const CACHE_SUFFIX = ".v8cache";

/** The SHA-256 of dist/cli.cjs, set by scripts/bundle.mjs when it bundles this file. */
declare const PINEKEY_CLI_DIGEST: string;

const dist = dirname(fileURLToPath(import.meta.url));
const cliFile = join(dist, "cli.cjs");
const cacheDirectory = join(dist, ".cache");

class DamagedBundleError extends Error {}

/** The bundle's text, if its bytes are the ones built with this bin. */
function verifiedSource(): string {
  const bytes = readFileSync(cliFile);
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (digest !== PINEKEY_CLI_DIGEST) {
    throw new DamagedBundleError(
      `its code (${cliFile}) is not the code it was built with (SHA-256 ${digest.slice(0, 16)}…, expected ${PINEKEY_CLI_DIGEST.slice(0, 16)}…): it was changed, truncated or damaged after the build`,
    );
  }
  return bytes.toString("utf8");
}

/** Run the verified bundle as Node would `require` it; for the hooks and scan, through the cache. */
function runCli(): void {
  const source = verifiedSource();
  if (!CACHED_COMMANDS.has(process.argv[2] ?? "") || process.env.NODE_DISABLE_COMPILE_CACHE) {
    // Module#_compile is what `require` uses: `import()` works in code compiled by it.
    const module = new Module(cliFile) as Module & { _compile(source: string, file: string): void };
    module.filename = cliFile;
    module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dist);
    module._compile(source, cliFile);
    return;
  }
  const build = `cli-${PINEKEY_CLI_DIGEST.slice(0, 32)}-`;
  const cacheFile = join(cacheDirectory, `${build}${process.version}-${process.arch}${CACHE_SUFFIX}`);
  let cachedData: Buffer | undefined;
  try {
    // Only a plain file: a link could point anywhere.
    if (lstatSync(cacheFile).isFile()) cachedData = readFileSync(cacheFile);
  } catch {
    // none yet, or unreadable: compile from source
  }
  const script = new Script(wrap(source), { filename: cliFile, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once("exit", () => saveCache(script, cacheFile, build));
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(cliFile), module, cliFile, dist);
}

/**
 * Write the cache (to a temporary name, then renamed: hooks of several repositories may run at
 * once) and remove the caches of other builds of the bundle, or of the same build before an edit.
 * A cache is only ever an optimisation.
 */
function saveCache(script: Script, file: string, currentPrefix: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDirectory, { recursive: true, mode: 0o755 });
    for (const name of readdirSync(cacheDirectory)) {
      if (name.endsWith(CACHE_SUFFIX) && !name.startsWith(currentPrefix)) rmSync(join(cacheDirectory, name), { force: true });
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

/**
 * Fail closed whatever the bundle does: the exit code is 2 until the CLI states its verdict (bin.ts
 * marks it when a command has returned), so a run that ends early, runs nothing, or dies of an
 * uncaught exception (Node's exit code 1 would read as "keys found") ends with 2. Codes from 128 up
 * (an interrupted run exits as its signal) are kept.
 */
const VERDICT = Symbol.for("pinekey-hook.verdict");
process.exitCode = 2;
process.once("exit", (code) => {
  if ((globalThis as Record<symbol, unknown>)[VERDICT] === true || loadFailed || code >= 128) return;
  process.stderr.write("pinekey-hook: error: it stopped before reaching a result; nothing was decided (exit 2).\n");
  process.exitCode = 2;
});
let loadFailed = false;

try {
  runCli();
} catch (error) {
  loadFailed = true;
  const reason =
    error instanceof DamagedBundleError
      ? `refusing to run: ${error.message}.`
      : // Only what happens while loading lands here (the CLI reports its own errors): a missing or
        // damaged install. Exit 2, so a hook fails closed with the reason.
        `could not load its code (${cliFile}): ${(error as Error)?.message ?? String(error)}`;
  process.stderr.write(`pinekey-hook: ${reason}\nReinstall it (npm install), or in a checkout of pinekey-hook run npm run build.\n`);
  process.exitCode = 2;
}
