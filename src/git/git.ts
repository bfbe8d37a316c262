import { createRequire } from "node:module";
import { StringDecoder } from "node:string_decoder";
import type { SimpleGit } from "simple-git";
import { PinekeyError } from "../core/errors.js";
import { scrubKeys } from "../core/mask.js";

/**
 * The one chokepoint through which pinekey-hook talks to git. Every call:
 * - goes through simple-git;
 * - runs with `-c core.quotepath=off`, so non-ASCII paths come out as UTF-8, not octal escapes;
 * - inherits the caller's environment unchanged. simple-git (v4) strips GIT_* and editor/pager
 *   variables from the child unless they are allowed by name; a hook must pass them on, because
 *   `git commit <path>` and `git commit -a` put the index to be committed in GIT_INDEX_FILE, and
 *   server hooks and worktrees rely on GIT_DIR, GIT_OBJECT_DIRECTORY, GIT_QUARANTINE_PATH….
 *   pinekey-hook only runs read-only commands with arguments it builds itself, so the guards that
 *   protect against untrusted arguments have nothing to protect here.
 */

/**
 * simple-git is loaded through `require`: its CommonJS build loads in about two thirds of the time
 * its ES module build takes (measured: ~16 ms against ~25 ms), and every commit pays for it.
 */
const { simpleGit } = createRequire(import.meta.url)("simple-git") as typeof import("simple-git");

/** Environment names simple-git treats as guarded (see @simple-git/argv-parser). */
const GUARDED_NAME = /^(?:git_.*|editor|pager|visual|prefix|ssh_askpass)$/i;

/**
 * The exception: GIT_DIFF_OPTS (`-u<n>` / `--unified=<n>`) overrides even an explicit `--unified`
 * on the command line (git reads it last, in builtin_diff), so a user's `GIT_DIFF_OPTS=-u0` would
 * take away the context lines the detector needs to see `pinecone.init(` above a legacy key. It
 * only shapes patch output, so leaving it out (simple-git then drops it) changes nothing else.
 */
const NOT_INHERITED = /^git_diff_opts$/i;

function inheritedEnvironmentNames(): string[] {
  return Object.keys(process.env).filter((name) => GUARDED_NAME.test(name) && !NOT_INHERITED.test(name));
}

export interface GitCallOptions {
  cwd?: string;
  /** Written to git's stdin (for `--stdin` and `--batch` commands). */
  input?: string;
}

function createGit(cwd: string, input?: string): SimpleGit {
  return simpleGit({
    baseDir: cwd,
    ...(input !== undefined ? { input: () => input } : {}),
    config: ["core.quotepath=off"],
    // Finish when git's streams close. The default also arms a 50 ms timer at exit, which keeps
    // Node alive 50 ms after the last git call: a tenth of a second added to every commit.
    completion: { onClose: true, onExit: false },
    allowEnvironment: inheritedEnvironmentNames(),
    unsafe: {
      allowUnsafeAskPass: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeDiffExternal: true,
      allowUnsafeEditor: true,
      allowUnsafeExec: true,
      allowUnsafeGitProxy: true,
      allowUnsafePager: true,
      allowUnsafeSshCommand: true,
      allowUnsafeTemplateDir: true,
    },
  } as Parameters<typeof simpleGit>[0]);
}

/** Run git and return its whole output: for small answers (rev-parse, config). */
export async function gitOutput(args: string[], options: GitCallOptions | string = {}): Promise<string> {
  const { cwd = process.cwd(), input } = typeof options === "string" ? { cwd: options } : options;
  try {
    return await createGit(cwd, input).raw(args);
  } catch (error) {
    throw await explainFailure(toPinekeyError(error, args), cwd);
  }
}

/**
 * Run git and hand its output to `onText` piece by piece as it arrives, never holding it whole.
 * simple-git collects a child's stdout in memory for its own result; its `outputHandler` hands us the
 * child's streams, and we take the stdout data listeners over so large diffs are not buffered twice.
 */
export async function gitStream(
  args: string[],
  onText: (text: string) => void,
  options: GitCallOptions | string = {},
): Promise<void> {
  const { cwd = process.cwd(), input } = typeof options === "string" ? { cwd: options } : options;
  // StringDecoder, not TextDecoder: both keep a multi-byte character split between two chunks whole,
  // but TextDecoder's streaming mode decodes five times slower (measured: ~100 ms against ~20 ms for
  // 50 MB), and every byte of a big diff goes through here.
  const decoder = new StringDecoder("utf8");
  let handlerError: unknown;
  const git = createGit(cwd, input).outputHandler((_command, stdout) => {
    stdout.removeAllListeners("data");
    stdout.on("data", (chunk: Buffer) => {
      if (handlerError !== undefined) return;
      try {
        onText(decoder.write(chunk));
      } catch (error) {
        handlerError = error;
      }
    });
  });
  try {
    await git.raw(args);
  } catch (error) {
    throw await explainFailure(toPinekeyError(error, args), cwd);
  }
  if (handlerError !== undefined) throw handlerError;
  const rest = decoder.end();
  if (rest.length > 0) onText(rest);
}

/**
 * The oldest git pinekey-hook works with: 2.28 brought `diff --no-relative` (and the diff.relative
 * setting it overrides). Checked only after a git command failed, so a working commit pays nothing.
 */
export const MINIMUM_GIT_VERSION = [2, 28, 0] as const;

/** When git failed, say so plainly if the reason is that it is too old. */
async function explainFailure(error: PinekeyError, cwd: string): Promise<PinekeyError> {
  if (error.code !== "GIT_FAILED") return error;
  let version: string;
  try {
    version = await createGit(cwd).raw(["--version"]);
  } catch {
    return error;
  }
  const found = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!found) return error;
  const parts = [Number(found[1]), Number(found[2]), Number(found[3] ?? 0)];
  const tooOld = MINIMUM_GIT_VERSION.some((minimum, i) => parts.slice(0, i).every((p, j) => p === MINIMUM_GIT_VERSION[j]) && parts[i]! < minimum);
  if (!tooOld) return error;
  return new PinekeyError(
    "GIT_TOO_OLD",
    `git ${parts.join(".")} is too old: pinekey-hook needs git ${MINIMUM_GIT_VERSION.join(".")} or newer.`,
    "Upgrade git (https://git-scm.com/downloads), then try again.",
  );
}

function toPinekeyError(error: unknown, args: string[]): PinekeyError {
  if (error instanceof PinekeyError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrubKeys(raw).trim();
  if (/ENOENT/.test(message) && /spawn/.test(message)) {
    return new PinekeyError("GIT_NOT_FOUND", "git was not found on PATH.", "Install git (2.28 or newer) and make sure `git --version` works in this shell.");
  }
  if (/not a git repository/i.test(message)) {
    return new PinekeyError(
      "NOT_A_REPOSITORY",
      "not inside a git repository.",
      "Run pinekey-hook from inside a git working tree (or set GIT_DIR).",
    );
  }
  const firstLines = message.split("\n").filter((line) => line.trim().length > 0).slice(0, 3).join("\n");
  return new PinekeyError("GIT_FAILED", `git ${args[0] ?? ""} failed: ${firstLines}`);
}
