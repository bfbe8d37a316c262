/**
 * The CLI's contract for errors and meta options: exit 2 with one clear message (and the usage for
 * bad arguments), fail closed inside a hook, `--help` and `--version`.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { makeTempDir, PROJECT_ROOT, type RunResult, TempRepo } from "../helpers/repo.js";

const OWN_VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;

function newRepo(t: TestContext): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  return repo;
}

/** A directory in no repository (git may not look above it), with the CLI run there. */
function outsideRepo(t: TestContext): { dir: string; run: (args: string[]) => RunResult } {
  const repo = newRepo(t);
  const base = makeTempDir("pinekey-norepo-");
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const dir = join(base, "plain dir");
  mkdirSync(dir);
  return {
    dir,
    run: (args) => repo.cli(args, { cwd: dir, env: { GIT_CEILING_DIRECTORIES: base } }),
  };
}

function assertNoStack(output: string): void {
  assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+/, "no stack trace");
  assert.doesNotMatch(output, /unexpected failure|This is a bug/, "not an unexpected failure");
}

/** The message appears once, and the text holds nothing else but its hint (and the usage). */
function assertOneError(stderr: string, message: RegExp): void {
  const errorLines = stderr.split("\n").filter((line) => line.startsWith("pinekey-hook: error:"));
  assert.equal(errorLines.length, 1, `one error line:\n${stderr}`);
  assert.match(errorLines[0]!, message);
  assertNoStack(stderr);
}

test("scan --staged outside a repository: exit 2 with one clear message", (t) => {
  const { run } = outsideRepo(t);
  for (const format of ["text", "json", "sarif"]) {
    const result = run(["scan", "--staged", "--format", format]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "", "no partial report on stdout");
    assertOneError(result.stderr, /not inside a git repository/);
    assert.doesNotMatch(result.stderr, /fatal:|simple-git|GitError/, "git's raw error is not shown");
    assert.doesNotMatch(result.stderr, /Usage:/, "not a usage error");
  }
});

test("pre-commit outside a repository: exit 2 and the fail-closed text", (t) => {
  const { run } = outsideRepo(t);
  const result = run(["pre-commit"]);
  assert.equal(result.status, 2);
  assert.equal(result.stdout, "");
  assertOneError(result.stderr, /not inside a git repository/);
  assert.match(result.stderr, /could not run, so the commit was stopped \(pinekey-hook fails closed\)/);
  assert.match(result.stderr, /--no-verify/);
});

test("install and uninstall outside a repository: exit 2", (t) => {
  const { run } = outsideRepo(t);
  for (const command of ["install", "uninstall"]) {
    const result = run([command]);
    assert.equal(result.status, 2, command);
    assertOneError(result.stderr, /not inside a git repository/);
  }
});

test("scan --staged in a bare repository: exit 2, nothing to scan", (t) => {
  const repo = newRepo(t);
  const bare = join(repo.base, "bare.git");
  repo.gitOk("init", "-q", "--bare", bare);
  const result = repo.cli(["scan", "--staged"], { cwd: bare });
  assert.equal(result.status, 2);
  assertOneError(result.stderr, /bare repository/);
});

test("a failing git is reported (exit 2), not taken for a clean scan", (t) => {
  const repo = newRepo(t);
  repo.stage("a.txt", "a\n");
  // an index git cannot read
  const result = repo.cli(["scan", "--staged", "--format", "json"], {
    env: { GIT_INDEX_FILE: join(repo.base, "home", ".gitconfig") },
  });
  assert.equal(result.status, 2, result.stdout);
  assert.equal(result.stdout, "");
  assertOneError(result.stderr, /git diff failed|index/);
});

test("pre-commit fails closed when git fails", (t) => {
  const repo = newRepo(t);
  const result = repo.cli(["pre-commit"], { env: { GIT_INDEX_FILE: join(repo.base, "home", ".gitconfig") } });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /pinekey-hook fails closed/);
});

const BAD_ARGUMENTS: Array<[string, string[], RegExp]> = [
  ["an unknown command", ["frobnicate"], /unknown command "frobnicate"/],
  ["an unknown flag", ["scan", "--staged", "--bogus"], /--bogus/],
  ["an unknown short flag", ["scan", "--staged", "-x"], /-x/],
  ["scan with two targets", ["scan", "--staged", "--all"], /"scan" takes one target/],
  ["--range without a value", ["scan", "--range"], /--range/],
  ["a bad --format", ["scan", "--staged", "--format", "xml"], /unknown format "xml"/],
  ["--format without a value", ["scan", "--staged", "--format"], /--format/],
  ["a stray argument", ["scan", "--staged", "extra"], /"scan" takes one target/],
  ["a stray argument to a command without arguments", ["pre-commit", "extra"], /"pre-commit" takes no arguments/],
  ["pre-push without its two arguments", ["pre-push", "origin"], /"pre-push" needs 2 arguments/],
  ["an option the command does not take", ["install", "--staged"], /"install" does not take --staged/],
  ["--format given to pre-commit", ["pre-commit", "--format", "json"], /"pre-commit" does not take --format/],
];

for (const [what, args, message] of BAD_ARGUMENTS) {
  test(`bad arguments (${what}): exit 2 with the message and the usage`, (t) => {
    const repo = newRepo(t);
    const result = repo.cli(args);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assertOneError(result.stderr, message);
    assert.match(result.stderr, /Usage: pinekey-hook <command> \[options\]/);
  });
}

test("no command at all: exit 2 with the usage", (t) => {
  const repo = newRepo(t);
  const result = repo.cli([]);
  assert.equal(result.status, 2);
  assert.match(result.stdout + result.stderr, /Usage: pinekey-hook <command> \[options\]/);
});

test("--help, -h and help: exit 0 with the usage on stdout", (t) => {
  const repo = newRepo(t);
  for (const args of [["--help"], ["-h"], ["help"], ["scan", "--help"]]) {
    const result = repo.cli(args);
    assert.equal(result.status, 0, args.join(" "));
    assert.match(result.stdout, /^Usage: pinekey-hook <command> \[options\]/);
    assert.match(result.stdout, /Exit codes: 0 clean, 1 keys found \(blocked\), 2 error\./);
    assert.equal(result.stderr, "");
  }
});

test("--version and -v print the package version", (t) => {
  const repo = newRepo(t);
  for (const args of [["--version"], ["-v"]]) {
    const result = repo.cli(args);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `${OWN_VERSION}\n`);
    assert.equal(result.stderr, "");
  }
});

test("--version works outside a repository", (t) => {
  const { run } = outsideRepo(t);
  const result = run(["--version"]);
  assert.equal(result.status, 0);
  assert.equal(result.stdout, `${OWN_VERSION}\n`);
});

test("scan --staged inside the .git directory: exit 2, says so (not 'bare')", (t) => {
  const repo = newRepo(t);
  const result = repo.cli(["scan", "--staged"], { cwd: join(repo.dir, ".git") });
  assert.equal(result.status, 2);
  assertOneError(result.stderr, /this is the git directory, not a working tree/);
});
