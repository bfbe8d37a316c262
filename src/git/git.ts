import { isAscii } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
// Bundled into dist/cli.cjs with the CLI (scripts/bundle.mjs): no module lookups at start-up, and
// its compiled code is cached with ours (src/launcher.ts).
import { simpleGit, type SimpleGit } from "simple-git";
import { PinekeyError } from "../core/errors.js";
import { scrubKeys } from "../core/rules/index.js";

/**
 * The one chokepoint through which pinekey-hook talks to git. Every call:
 * - goes through simple-git;
 * - runs with `-c core.quotepath=off`, so non-ASCII paths come out as UTF-8, not octal escapes;
 * - runs with replace refs off (GIT_NO_REPLACE_OBJECTS=1): `refs/replace/<oid>` makes git show
 *   another object in place of <oid>, so a pushed replace ref could show the scan a clean commit
 *   while every clone checks out the real one. The scan reads the objects as stored;
 * - fails unless git exits 0: a non-zero exit (even without a word on stderr) or a death by signal
 *   (an OOM kill part-way through `git log`) is an error, never a short, clean-looking answer;
 * - inherits the caller's environment unchanged. simple-git (v4) strips GIT_* and editor/pager
 *   variables from the child unless they are allowed by name; a hook must pass them on, because
 *   `git commit <path>` and `git commit -a` put the index to be committed in GIT_INDEX_FILE, and
 *   server hooks and worktrees rely on GIT_DIR, GIT_OBJECT_DIRECTORY, GIT_QUARANTINE_PATH….
 *   pinekey-hook only runs read-only commands with arguments it builds itself, so the guards that
 *   protect against untrusted arguments have nothing to protect here.
 */

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

/**
 * Every git process pinekey-hook starts is tied to this signal. An interrupted hook (Ctrl-C, or a
 * GUI cancelling the commit) must not leave git running: a git reading a huge diff keeps its CPU
 * busy until its next write fails, which for rename detection on a big change can be a long time.
 * `stopGit()` kills every git child still running (simple-git's abort plugin sends each a SIGINT).
 */
const interrupted = new AbortController();

/** Variables every git process gets, on top of the inherited environment. */
const ALWAYS: Record<string, string> = { GIT_NO_REPLACE_OBJECTS: "1" };

/**
 * simple-git counts a run as failed only when git exits non-zero AND wrote to stderr; a git killed
 * by a signal has no exit code at all (null) and also passes. Both must fail here: a hook that
 * took a silent failure for "no output" would report a clean commit without having looked.
 */
function exitStatusCheck(
  error: Buffer | Error | undefined,
  result: { exitCode: number | null; stdErr: Buffer[] },
  answers: readonly number[] = [],
): Buffer | Error | undefined {
  if (result.exitCode === 0 || error !== undefined) return error;
  // A status the caller named as an answer (e.g. check-ignore's 1: "none ignored") is not a failure.
  if (result.exitCode !== null && answers.includes(result.exitCode)) return undefined;
  const stderr = Buffer.concat(result.stdErr).toString("utf8").trim();
  if (result.exitCode === null || result.exitCode === undefined) return new Error(`git was killed by a signal before it finished${stderr ? `: ${stderr}` : ""}`);
  return new Error(`git exited with status ${result.exitCode}${stderr ? `: ${stderr}` : " without saying why"}`);
}

/** Kill every git child process still running (for the bin's signal handlers). */
export function stopGit(): void {
  interrupted.abort();
}

export interface GitCallOptions {
  cwd?: string;
  /** Written to git's stdin (for `--stdin` and `--batch` commands). */
  input?: string;
  /** Variables set for this git process on top of the inherited environment. */
  env?: Record<string, string>;
  /**
   * Non-zero exit statuses that are an answer, not a failure, for this command: only for commands
   * whose output is checked to be complete another way (every other non-zero status fails closed).
   */
  answerStatuses?: readonly number[];
}

function createGit(
  cwd: string,
  input?: string,
  config: string[] = ["core.quotepath=off"],
  env?: Record<string, string>,
  answerStatuses: readonly number[] = [],
): SimpleGit {
  const git = simpleGit({
    baseDir: cwd,
    ...(input !== undefined ? { input: () => input } : {}),
    config,
    abort: interrupted.signal,
    errors: (error: Buffer | Error | undefined, result: { exitCode: number | null; stdErr: Buffer[] }) => exitStatusCheck(error, result, answerStatuses),
    // Finish when git's streams close. The default also arms a 50 ms timer at exit, which keeps
    // Node alive 50 ms after the last git call: a tenth of a second added to every commit.
    completion: { onClose: true, onExit: false },
    allowEnvironment: [...inheritedEnvironmentNames(), ...Object.keys(ALWAYS), ...Object.keys(env ?? {})],
    unsafe: {
      allowUnsafeAskPass: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeDiffExternal: true,
      allowUnsafeEditor: true,
      allowUnsafeExec: true,
      allowUnsafeHooksPath: true, // install --global sets the user's core.hooksPath

      allowUnsafeGitProxy: true,
      allowUnsafePager: true,
      allowUnsafeSshCommand: true,
      allowUnsafeTemplateDir: true,
    },
  } as Parameters<typeof simpleGit>[0]);
  return git.env(environmentWith({ ...ALWAYS, ...env }));
}

/**
 * The inherited environment plus `extra`, for a git given an environment of its own. It leaves out
 * what simple-git would drop from the inherited one (GIT_DIFF_OPTS, see NOT_INHERITED): given
 * explicitly, simple-git refuses to run rather than drop it.
 */
function environmentWith(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !NOT_INHERITED.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Run git and return its whole output: for small answers (rev-parse, config). */
export async function gitOutput(args: string[], options: GitCallOptions | string = {}): Promise<string> {
  const { cwd = process.cwd(), input, answerStatuses } = typeof options === "string" ? { cwd: options } : options;
  try {
    return await createGit(cwd, input, undefined, undefined, answerStatuses).raw(args);
  } catch (error) {
    throw await explainFailure(toPinekeyError(error, args), cwd);
  }
}

/**
 * Run git and hand its output to `onText` piece by piece as it arrives, never holding it whole.
 */
export async function gitStream(
  args: string[],
  onText: (text: string) => void,
  options: GitCallOptions | string = {},
): Promise<void> {
  // StringDecoder, not TextDecoder: both keep a multi-byte character split between two chunks whole,
  // but TextDecoder's streaming mode decodes five times slower (measured: ~100 ms against ~20 ms for
  // 50 MB), and every byte of a big diff goes through here.
  const decoder = new StringDecoder("utf8");
  // Most of a diff is ASCII, and an ASCII chunk reads the same as Latin-1, which V8 copies without
  // decoding (half the time of UTF-8 decoding, measured on 50 MB). Only while the decoder cannot be
  // holding the start of a character: the last chunk it saw ended with an ASCII byte.
  let decoderMayHoldBytes = false;
  await gitStreamBytes(
    args,
    (chunk) => {
      if (!decoderMayHoldBytes && isAscii(chunk)) {
        onText(chunk.toString("latin1"));
      } else {
        onText(decoder.write(chunk));
        decoderMayHoldBytes = chunk.length > 0 && chunk[chunk.length - 1]! >= 0x80;
      }
    },
    options,
  );
  const rest = decoder.end();
  if (rest.length > 0) onText(rest);
}

/**
 * Run git and hand its raw output bytes to `onBytes` as they arrive (for `cat-file --batch`, whose
 * framing counts bytes). simple-git collects a child's stdout in memory for its own result; its
 * `outputHandler` hands us the child's streams, and we take the stdout data listeners over so large
 * output is not buffered twice. An error thrown by `onBytes` ends the run with that error.
 */
export async function gitStreamBytes(
  args: string[],
  onBytes: (chunk: Buffer) => void,
  options: GitCallOptions | string = {},
): Promise<void> {
  const { cwd = process.cwd(), input, env } = typeof options === "string" ? { cwd: options } : options;
  let handlerError: unknown;
  const git = createGit(cwd, input, undefined, env).outputHandler((_command, stdout) => {
    stdout.removeAllListeners("data");
    stdout.on("data", (chunk: Buffer) => {
      if (handlerError !== undefined) return;
      try {
        onBytes(chunk);
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
}

/**
 * Run git and return its output as bytes, for binary answers (`cat-file --batch` blobs). The
 * stdout data listeners are taken over as in gitStream, so the output is held once.
 */
export async function gitBytes(args: string[], options: GitCallOptions | string = {}): Promise<Buffer> {
  const { cwd = process.cwd(), input, env } = typeof options === "string" ? { cwd: options } : options;
  const chunks: Buffer[] = [];
  const git = createGit(cwd, input, undefined, env).outputHandler((_command, stdout) => {
    stdout.removeAllListeners("data");
    stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  });
  try {
    await git.raw(args);
  } catch (error) {
    throw await explainFailure(toPinekeyError(error, args), cwd);
  }
  return Buffer.concat(chunks);
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
    // Plain `git --version`, without the `-c` every other call gets: the one question any git, and
    // any wrapper script standing in for git, is sure to answer.
    version = await createGit(cwd, undefined, []).raw(["--version"]);
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
  // (simple-git wraps an error of ours in its own, whose message then starts "Error: ".)
  const raw = (error instanceof Error ? error.message : String(error)).replace(/^Error: /, "");
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
  const missing = missingObject(message);
  if (missing) return missing;
  const firstLines = message.split("\n").filter((line) => line.trim().length > 0).slice(0, 3).join("\n");
  return new PinekeyError("GIT_FAILED", `git ${args[0] ?? ""} failed: ${firstLines}`);
}

/**
 * git could not read an object the scan needs. Said plainly, naming the object, because git's own
 * text buries it: a partial clone that cannot reach its promisor remote prints three lines about the
 * remote first, and the line that names the object comes last.
 *
 *   fatal: could not fetch <oid> from promisor remote      (partial clone, remote unreachable)
 *   fatal: unable to read <oid>                            (object deleted or corrupt)
 *   error: unable to read sha1 file of <path> (<oid>)
 *   fatal: bad object <oid> / missing blob object '<oid>'
 */
function missingObject(message: string): PinekeyError | undefined {
  const promisor = /could not fetch ([0-9a-f]{40,64}) from promisor remote/.exec(message);
  if (promisor) {
    return new PinekeyError(
      "MISSING_OBJECT",
      `object ${promisor[1]} is missing from this partial clone, and git could not fetch it from the remote the clone came from.`,
      "Make that remote reachable (check the network, or `git fetch`), then try again: the scan needs the object to know which lines are new.",
    );
  }
  const unreadable =
    /unable to read (?:sha1 file of .*?\()?([0-9a-f]{40,64})/.exec(message) ??
    /(?:bad object|missing (?:blob|tree|commit) object '?|unable to read tree \(?)([0-9a-f]{40,64})/.exec(message);
  if (unreadable) {
    return new PinekeyError(
      "MISSING_OBJECT",
      `git could not read object ${unreadable[1]}: the repository is missing it or it is damaged.`,
      "Check the repository with `git fsck`; restore the object (e.g. fetch it again, or re-add the file), then try again.",
    );
  }
  return undefined;
}
