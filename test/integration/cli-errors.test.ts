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
  assert.match(result.stderr, /could not run, so the commit was stopped\s+\(pinekey-hook fails closed\)/);
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
  ["an unknown command", ["frobnicate"], /unknown command "frobnicate"\.$/m],
  ["a mistyped command", ["scna", "--staged"], /unknown command "scna"; did you mean scan\?$/m],
  ["an unknown flag", ["scan", "--staged", "--bogus"], /unknown option --bogus for "scan"\.$/m],
  ["a mistyped flag", ["scan", "--staged", "--fromat", "json"], /unknown option --fromat for "scan"; did you mean --format\?$/m],
  ["an unknown short flag", ["scan", "--staged", "-x"], /unknown option -x for "scan"/],
  ["scan with two targets", ["scan", "--staged", "--all"], /"scan" takes one target/],
  ["--range without a value", ["scan", "--range"], /--range needs a value: --range <a\.\.b>/],
  ["a bad --format", ["scan", "--staged", "--format", "xml"], /unknown format "xml" for --format \(use text, json or sarif\)/],
  ["a mistyped --format", ["scan", "--staged", "--format", "jsno"], /unknown format "jsno" for --format; did you mean json\?/],
  ["--format without a value", ["scan", "--staged", "--format"], /--format needs a value/],
  ["--format followed by an option", ["scan", "--format", "--staged"], /--format needs a value/],
  ["a value given to a flag", ["scan", "--staged=yes"], /--staged takes no value/],
  ["a stray argument", ["scan", "--staged", "extra"], /"scan" takes one target/],
  ["a stray argument to a command without arguments", ["pre-commit", "extra"], /"pre-commit" takes no arguments/],
  ["pre-push without its two arguments", ["pre-push", "origin"], /"pre-push" needs 2 arguments/],
  ["an option the command does not take", ["install", "--staged"], /"install" does not take --staged\.$/m],
  ["--format given to pre-commit", ["pre-commit", "--format", "json"], /"pre-commit" does not take --format/],
  ["an option before the command", ["--staged", "scan"], /options go after the command: pinekey-hook scan --staged/],
  ["no command at all", [], /no command given/],
];

for (const [what, args, message] of BAD_ARGUMENTS) {
  test(`bad arguments (${what}): exit 2 with one or two lines, no help dump`, (t) => {
    const repo = newRepo(t);
    const result = repo.cli(args);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assertOneError(result.stderr, message);
    // A hook command adds why the commit or push stopped (it fails closed); the error itself is short.
    const lines = result.stderr.trimEnd().split("\n");
    const closed = lines.findIndex((line) => /check could not run/.test(line));
    if (closed !== -1) lines.splice(closed);
    assert.ok(lines.length <= 2, `at most two lines:\n${result.stderr}`);
    assert.match(lines[lines.length - 1]!, /Run "pinekey-hook (\S+ )?--help" for/);
    assert.doesNotMatch(result.stderr, /Usage:/);
  });
}

test("--help, -h and help: exit 0 with the list of commands on stdout", (t) => {
  const repo = newRepo(t);
  for (const args of [["--help"], ["-h"], ["help"]]) {
    const result = repo.cli(args);
    assert.equal(result.status, 0, args.join(" "));
    assert.match(result.stdout, /^Usage: pinekey-hook <command> \[options\]/);
    assert.match(result.stdout, /^ {2}scan +Scan staged changes, commits or working-tree files$/m);
    assert.match(result.stdout, /Exit codes: 0 clean, 1 keys found \(blocked\), 2 error\./);
    assert.equal(result.stderr, "");
  }
});

test("each command has its own --help (and help <command>), within 80 columns", async (t) => {
  const repo = newRepo(t);
  const { COMMANDS } = await import("../../dist/cli/command-table.js");
  const widest: Array<[string, number]> = [];
  for (const [name, spec] of Object.entries(COMMANDS)) {
    const result = repo.cli([name, "--help"]);
    assert.equal(result.status, 0, `${name} --help: ${result.stderr}`);
    assert.equal(result.stderr, "");
    assert.ok(result.stdout.startsWith(`Usage: pinekey-hook ${spec.usage[0]}\n`), result.stdout);
    for (const option of Object.keys(spec.options)) assert.match(result.stdout, new RegExp(`^  (-\\w, )?--${option}\\b`, "m"), `${name} --help lists --${option}`);
    assert.equal(repo.cli(["help", name]).stdout, result.stdout, `help ${name}`);
    widest.push([name, Math.max(...result.stdout.split("\n").map((line) => line.length))]);
  }
  widest.push(["--help", Math.max(...repo.cli(["--help"]).stdout.split("\n").map((line) => line.length))]);
  for (const [name, width] of widest) assert.ok(width <= 80, `${name} --help is ${width} columns wide`);
  // -h works after a command, and the help loads no command: outside a repository too
  assert.match(repo.cli(["scan", "-h"]).stdout, /^Usage: pinekey-hook scan --staged/);
});

test("scan with a path that does not exist: exit 2 naming it (a typo in CI must not pass)", (t) => {
  const repo = newRepo(t);
  repo.write("src/app.py", "x = 1\n");
  const result = repo.cli(["scan", "src", "nosuchpath"]);
  assert.equal(result.status, 2, result.stdout);
  assert.equal(result.stdout, "");
  assertOneError(result.stderr, /no such file or directory: nosuchpath$/m);
  const ok = repo.cli(["scan", "src"]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /no Pinecone API keys in 1 file/);
  assert.equal(repo.cli(["scan", "*.py"]).status, 0, "a glob pathspec is git's to match");
});

test("a .pinekeyrc.json syntax error names the line and the column", (t) => {
  const repo = newRepo(t);
  repo.write(".pinekeyrc.json", '{\n  "verify": false\n  "maxFileBytes": 10\n}\n');
  repo.stage("a.txt", "a\n");
  for (const args of [["scan", "--staged"], ["pre-commit"]]) {
    const result = repo.cli(args);
    assert.equal(result.status, 2);
    assertOneError(result.stderr, /\.pinekeyrc\.json:3:3: not valid JSON: unexpected '"'\./);
    assert.match(result.stderr, /Fix \.pinekeyrc\.json at line 3, column 3, then try again\./);
  }
  repo.write(".pinekeyrc.json", '{ "verify": }');
  assertOneError(repo.cli(["scan", "--staged"]).stderr, /\.pinekeyrc\.json:1:13: not valid JSON: unexpected '}'/);
  repo.write(".pinekeyrc.json", '{ "verify": true');
  assertOneError(repo.cli(["scan", "--staged"]).stderr, /\.pinekeyrc\.json:1:17: not valid JSON: unexpected the end of the file/);
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
