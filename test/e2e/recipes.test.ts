/**
 * The README's recipes for other hook managers and for CI, each run for real with the packed tarball
 * (shared through PINEKEY_TARBALL) installed by npm into a fresh repository whose path has a space:
 * lefthook (pinned 2.2.1) and simple-git-hooks block a key and pass a clean change on commit and on
 * push; the GitHub Actions and GitLab CI examples' command lines, run as the CI would run them,
 * fail on a key with SARIF naming it and pass a clean range.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { PROJECT_ROOT, TempRepo, type RunResult } from "../helpers/repo.js";
import { npmEnv, PATH_WITHOUT_CLI, runIn, unwrapDoctor } from "../helpers/workflows.js";

const TARBALL = process.env.PINEKEY_TARBALL;
const SKIP = !TARBALL && "PINEKEY_TARBALL not set: run through npm test";
const LEFTHOOK = "lefthook@2.2.1";
const SIMPLE_GIT_HOOKS = "simple-git-hooks@2.14.0";

function ok(run: RunResult, what: string): RunResult {
  assert.equal(run.status, 0, `${what} failed:\n${run.stdout}\n${run.stderr}`);
  return run;
}

function output(run: RunResult): string {
  return run.stdout + run.stderr;
}

/** A Node project (path with a space) with the tarball and `extra` packages installed as devDependencies. */
function nodeProject(dirName: string, extra: string[], pkg: Record<string, unknown> = {}): { repo: TempRepo; env: Record<string, string | undefined> } {
  const repo = TempRepo.create({ dirName });
  const env = npmEnv({ PATH: PATH_WITHOUT_CLI, CI: undefined });
  repo.write("package.json", JSON.stringify({ name: "rag-app", version: "1.0.0", private: true, ...pkg }, null, 2) + "\n");
  repo.write(".gitignore", "node_modules/\n");
  ok(runIn(repo, "npm", ["install", "--prefer-offline", "--save-dev", TARBALL!, ...extra], env), `npm install ${extra.join(" ")}`);
  return { repo, env };
}

/**
 * What every hook recipe must do: a commit adding a key is blocked (HEAD unchanged, no key shown), a
 * clean commit passes, a push of a key committed with --no-verify is stopped (to a remote whose
 * path has a space), and a clean push goes through.
 */
function assertRecipeWorks(repo: TempRepo, env: Record<string, string | undefined>, setupFiles: string[]): void {
  const git = (...args: string[]): RunResult => runIn(repo, "git", args, env);
  const keys: string[] = [];
  ok(git("add", "--", ...setupFiles, ".gitignore"), "git add the set-up");
  ok(git("commit", "-q", "-m", "hook set-up"), "committing the set-up (clean)");

  const key = fakeKey();
  keys.push(key);
  repo.stage("app.py", `from pinecone import Pinecone\npc = Pinecone(api_key="${key}")\n`);
  const head = git("rev-parse", "HEAD").stdout;
  const blocked = git("commit", "-m", "connect");
  assert.notEqual(blocked.status, 0, `the commit must be blocked:\n${output(blocked)}`);
  assert.match(output(blocked), /commit blocked: 1 Pinecone API key in the staged changes/);
  assert.match(output(blocked), /app\.py:2:24/);
  assertNoKeyIn(output(blocked), keys);
  assert.equal(git("rev-parse", "HEAD").stdout, head, "HEAD unchanged");

  repo.stage("app.py", 'import os\nfrom pinecone import Pinecone\npc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])\n');
  const messageKey = fakeKey();
  keys.push(messageKey);
  const inMessage = git("commit", "-m", `connect\n\nPINECONE_API_KEY=${messageKey}`);
  assert.notEqual(inMessage.status, 0, `a key in the message must block the commit:\n${output(inMessage)}`);
  assert.match(output(inMessage), /commit blocked: 1 Pinecone API key in the commit message/);
  assertNoKeyIn(output(inMessage), keys);
  assert.equal(git("rev-parse", "HEAD").stdout, head, "HEAD unchanged");
  ok(git("commit", "-q", "-m", "connect, key from the environment"), "clean commit");

  const remote = join(repo.base, "origin remote.git");
  ok(runIn(repo, "git", ["init", "-q", "--bare", remote], env, repo.base), "git init --bare");
  ok(git("remote", "add", "origin", remote), "git remote add");
  ok(git("push", "-q", "origin", "HEAD:refs/heads/main"), "clean push");
  const remoteMain = git("--git-dir", remote, "rev-parse", "main").stdout;

  const pushedKey = fakeKey();
  keys.push(pushedKey);
  repo.stage("settings.py", `PINECONE_API_KEY = "${pushedKey}"\n`);
  ok(git("commit", "-q", "--no-verify", "-m", "settings"), "commit --no-verify");
  const push = git("push", "origin", "HEAD:refs/heads/main");
  assert.notEqual(push.status, 0, `the push must be blocked:\n${output(push)}`);
  assert.match(output(push), /push blocked: 1 Pinecone API key in 1 commit to be pushed/);
  assert.match(output(push), /settings\.py:1:21/);
  assertNoKeyIn(output(push), keys);
  assert.equal(git("--git-dir", remote, "rev-parse", "main").stdout, remoteMain, "the remote is unchanged");
  ok(git("reset", "-q", "--hard", "HEAD~1"), "drop the commit");
  repo.stage("README.md", "Set PINECONE_API_KEY=<your-pinecone-api-key> in your shell.\n");
  ok(git("commit", "-q", "-m", "docs"), "clean commit");
  ok(git("push", "-q", "origin", "HEAD:refs/heads/main"), "clean push after the fix");
}

describe(`lefthook (${LEFTHOOK}) with examples/lefthook.yml`, { skip: SKIP }, () => {
  let project: ReturnType<typeof nodeProject>;
  before(() => {
    project = nodeProject("lefthook app", [LEFTHOOK]);
    writeFileSync(join(project.repo.dir, "lefthook.yml"), readFileSync(join(PROJECT_ROOT, "examples", "lefthook.yml")));
    ok(runIn(project.repo, "npx", ["--no", "lefthook", "install"], project.env), "npx lefthook install");
  });
  after(() => project?.repo.remove());

  test("blocks a key on commit and on push, passes clean changes", () => {
    assertRecipeWorks(project.repo, project.env, ["package.json", "package-lock.json", "lefthook.yml"]);
  });

  test("doctor sees lefthook running pinekey-hook for both hooks", () => {
    const run = ok(runIn(project.repo, "npx", ["--no", "pinekey-hook", "doctor"], project.env), "doctor");
    assert.match(unwrapDoctor(run.stdout), /✔ pre-commit\s+lefthook\.yml runs pinekey-hook pre-commit \(lefthook\)/);
    assert.match(unwrapDoctor(run.stdout), /✔ pre-push\s+lefthook\.yml runs pinekey-hook pre-push \(lefthook\)/);
    assert.match(unwrapDoctor(run.stdout), /✔ CLI\s+.*node_modules\/\.bin\/pinekey-hook/);
  });
});

describe(`simple-git-hooks (${SIMPLE_GIT_HOOKS})`, { skip: SKIP }, () => {
  let project: ReturnType<typeof nodeProject>;
  before(() => {
    // The README's package.json settings.
    project = nodeProject("simple hooks app", [SIMPLE_GIT_HOOKS], {
      "simple-git-hooks": {
        "pre-commit": "npx --no pinekey-hook pre-commit",
        "commit-msg": 'npx --no pinekey-hook commit-msg "$1"',
        "pre-push": 'npx --no pinekey-hook pre-push "$@"',
      },
    });
    ok(runIn(project.repo, "npx", ["--no", "simple-git-hooks"], project.env), "npx simple-git-hooks");
  });
  after(() => project?.repo.remove());

  test("blocks a key on commit and on push, passes clean changes", () => {
    assertRecipeWorks(project.repo, project.env, ["package.json", "package-lock.json"]);
  });

  test("doctor sees simple-git-hooks running pinekey-hook for both hooks", () => {
    const run = ok(runIn(project.repo, "npx", ["--no", "pinekey-hook", "doctor"], project.env), "doctor");
    assert.match(unwrapDoctor(run.stdout), /✔ pre-commit\s+\.git\/hooks\/pre-commit runs pinekey-hook pre-commit \(simple-git-hooks\)/);
    assert.match(unwrapDoctor(run.stdout), /✔ pre-push\s+\.git\/hooks\/pre-push runs pinekey-hook pre-push \(simple-git-hooks\)/);
  });
});

/** The shell lines of a CI example: the GitHub step's `run: |` block, or GitLab's `script:` list. */
function ciScript(file: string): string {
  const lines = readFileSync(join(PROJECT_ROOT, "examples", file), "utf8").split("\n");
  const runAt = lines.findIndex((line) => /^\s+run: \|\s*$/.test(line));
  if (runAt >= 0) {
    const indent = /^\s*/.exec(lines[runAt + 1]!)![0].length;
    const body: string[] = [];
    for (const line of lines.slice(runAt + 1)) {
      if (line.trim() !== "" && /^\s*/.exec(line)![0].length < indent) break;
      body.push(line.slice(indent));
    }
    return body.join("\n");
  }
  const scriptAt = lines.findIndex((line) => /^\s+script:\s*$/.test(line));
  const body: string[] = [];
  for (const line of lines.slice(scriptAt + 1)) {
    const item = /^\s+- (.*)$/.exec(line);
    if (!item) break;
    body.push(item[1]!);
  }
  return body.join("\n");
}

/** Where python3 has PyYAML, check the extraction against a real YAML parser. */
function yamlScript(file: string): string | undefined {
  const code =
    "import sys, yaml\n" +
    "d = yaml.safe_load(open(sys.argv[1]))\n" +
    "if 'jobs' in d:\n" +
    "  print(next(s['run'] for s in d['jobs']['pinekey']['steps'] if 'run' in s), end='')\n" +
    "else:\n" +
    "  print('\\n'.join(d['pinekey']['script']), end='')\n";
  for (const python of ["python3", "/usr/bin/python3"]) {
    const run = spawnSync(python, ["-c", code, join(PROJECT_ROOT, "examples", file)], { encoding: "utf8" });
    if (run.status === 0) return run.stdout;
  }
  return undefined;
}

describe("CI examples: the scan step of examples/github-actions/pinekey.yml and examples/gitlab-ci.yml", { skip: SKIP }, () => {
  let repo: TempRepo;
  let env: Record<string, string | undefined>;
  let base: string;
  let clean: string;
  let leaky: string;
  const keys: string[] = [];
  const git = (...args: string[]): string => ok(runIn(repo, "git", args, env), `git ${args.join(" ")}`).stdout.trim();

  before(() => {
    ({ repo, env } = nodeProject("ci checkout", []));
    git("add", "package.json", "package-lock.json", ".gitignore");
    git("commit", "-q", "-m", "base");
    base = git("rev-parse", "HEAD");
    // The default branch as a remote-tracking ref, as in a CI clone.
    git("update-ref", "refs/remotes/origin/main", base);
    repo.stage("app.py", 'import os\nPINECONE_API_KEY = os.environ["PINECONE_API_KEY"]\n');
    git("commit", "-q", "-m", "clean change");
    clean = git("rev-parse", "HEAD");
    const key = fakeKey();
    keys.push(key);
    repo.stage("config/settings.py", `PINECONE_API_KEY = "${key}"\n`);
    git("commit", "-q", "--no-verify", "-m", "leaky change");
    leaky = git("rev-parse", "HEAD");
  });
  after(() => repo?.remove());

  /** Run the CI lines with sh -e (as the runners do) and read pinekey.sarif. */
  function runCi(file: string, vars: Record<string, string>): { run: RunResult; results: Array<{ ruleId: string; locations: unknown[] }> } {
    const script = ciScript(file);
    assert.match(script, /npx pinekey-hook scan --range "\$BASE\.\.\$HEAD" --format sarif > pinekey\.sarif/);
    const parsed = yamlScript(file);
    if (parsed !== undefined) assert.equal(script.trim(), parsed.trim(), "the extracted lines are what a YAML parser reads");
    const run = runIn(repo, "sh", ["-e", "-c", script], { ...env, ...vars });
    const sarifText = readFileSync(join(repo.dir, "pinekey.sarif"), "utf8");
    assertNoKeyIn(output(run) + sarifText, keys);
    const sarif = JSON.parse(sarifText) as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: unknown[] }> }> };
    assert.equal(sarif.version, "2.1.0");
    return { run, results: sarif.runs[0]!.results };
  }

  test("GitHub Actions: a pull request adding a key fails with a SARIF result; a clean one passes", () => {
    const failing = runCi("github-actions/pinekey.yml", { BASE: base, HEAD: leaky, DEFAULT_BRANCH: "main" });
    assert.equal(failing.run.status, 1, output(failing.run));
    assert.equal(failing.results.length, 1);
    assert.equal(failing.results[0]!.ruleId, "pinecone-api-key");
    assert.match(JSON.stringify(failing.results[0]!.locations), /config\/settings\.py/);

    const passing = runCi("github-actions/pinekey.yml", { BASE: base, HEAD: clean, DEFAULT_BRANCH: "main" });
    assert.equal(passing.run.status, 0, output(passing.run));
    assert.equal(passing.results.length, 0);
  });

  test("GitHub Actions: a new branch (before = zeros) scans what it adds to the default branch", () => {
    const newBranch = runCi("github-actions/pinekey.yml", { BASE: "0".repeat(40), HEAD: leaky, DEFAULT_BRANCH: "main" });
    assert.equal(newBranch.run.status, 1, output(newBranch.run));
    assert.equal(newBranch.results.length, 1);
  });

  test("GitLab CI: a merge request adding a key fails; a push of a clean change passes", () => {
    const failing = runCi("gitlab-ci.yml", { CI_MERGE_REQUEST_DIFF_BASE_SHA: base, CI_COMMIT_SHA: leaky, CI_DEFAULT_BRANCH: "main" });
    assert.equal(failing.run.status, 1, output(failing.run));
    assert.equal(failing.results.length, 1);

    const passing = runCi("gitlab-ci.yml", { CI_COMMIT_BEFORE_SHA: base, CI_COMMIT_SHA: clean, CI_DEFAULT_BRANCH: "main" });
    assert.equal(passing.run.status, 0, output(passing.run));
    assert.equal(passing.results.length, 0);
  });
});
