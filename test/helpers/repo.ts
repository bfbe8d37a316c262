/**
 * Real git in temporary repositories. Every repository gets its own HOME and no system or global
 * git config, so the machine's settings never leak into a test; GIT_* variables of whatever process
 * started the tests (a hook, say) are dropped for the same reason.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root, from test-build/helpers/ or test/helpers/. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The built CLI (npm test builds it first). */
export const CLI = join(PROJECT_ROOT, "dist", "bin.cjs");

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

function result(run: SpawnSyncReturns<string>): RunResult {
  if (run.error) throw run.error;
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** A clean environment for git and the CLI: isolated HOME, no colour, fixed identity. */
export function cleanEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^GIT_/i.test(name) || name === "NO_COLOR" || name === "FORCE_COLOR" || name === "HUSKY") continue;
    env[name] = value;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
    GIT_AUTHOR_NAME: "Test Author",
    GIT_AUTHOR_EMAIL: "author@example.invalid",
    GIT_COMMITTER_NAME: "Test Committer",
    GIT_COMMITTER_EMAIL: "committer@example.invalid",
    GIT_TERMINAL_PROMPT: "0",
  });
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function makeTempDir(prefix = "pinekey-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export class TempRepo {
  /** The directory holding the work tree and the isolated HOME. */
  readonly base: string;
  readonly home: string;
  readonly dir: string;

  private constructor(base: string, dirName: string) {
    this.base = base;
    this.home = join(base, "home");
    this.dir = join(base, dirName);
    mkdirSync(this.home, { recursive: true });
    writeFileSync(join(this.home, ".gitconfig"), "[init]\n\tdefaultBranch = main\n");
  }

  /** `git init` a fresh repository; `dirName` may contain spaces or unicode. */
  static create(options: { dirName?: string; initArgs?: string[] } = {}): TempRepo {
    const repo = new TempRepo(makeTempDir(), options.dirName ?? "repo");
    mkdirSync(repo.dir, { recursive: true });
    repo.gitOk("init", "-q", ...(options.initArgs ?? []));
    return repo;
  }

  env(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    return cleanEnv(this.home, extra);
  }

  git(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): RunResult {
    return result(
      spawnSync("git", args, {
        cwd: options.cwd ?? this.dir,
        env: this.env(options.env),
        encoding: "utf8",
        input: options.input,
        maxBuffer: 256 * 1024 * 1024,
      }),
    );
  }

  /** Run git and fail the test with git's stderr when it fails. */
  gitOk(...args: string[]): string {
    const run = this.git(args);
    if (run.status !== 0) throw new Error(`git ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
    return run.stdout;
  }

  /** Run the built CLI (node dist/bin.cjs) in the repository. */
  cli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): RunResult {
    return result(
      spawnSync(process.execPath, [CLI, ...args], {
        cwd: options.cwd ?? this.dir,
        env: this.env(options.env),
        encoding: "utf8",
        input: options.input,
      }),
    );
  }

  write(path: string, content: string | Uint8Array): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  /** Write and `git add` a file. */
  stage(path: string, content: string | Uint8Array): void {
    this.write(path, content);
    this.gitOk("add", "--", path);
  }

  /** A plain .git/hooks/pre-commit that runs this checkout's CLI (no husky): real hook environment. */
  installPlainHook(hook = "pre-commit"): void {
    const gitDir = this.gitOk("rev-parse", "--git-common-dir").trim();
    const file = resolve(this.dir, gitDir, "hooks", hook);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" ${hook} "$@"\n`);
    chmodSync(file, 0o755);
  }

  /** `git commit -m` through the real hook; returns git's result. */
  commit(message = "test commit", extraArgs: string[] = []): RunResult {
    return this.git(["commit", "-q", "-m", message, ...extraArgs]);
  }

  remove(): void {
    rmSync(this.base, { recursive: true, force: true });
  }
}
