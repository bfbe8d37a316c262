/**
 * The pre-commit framework (pre-commit.com), for real: a repository whose .pre-commit-config.yaml
 * points at this project by local path and commit (the way a team pins a tag), `pre-commit install`
 * for both hook types, then real commits and pushes. The framework clones the hook repository,
 * runs `npm install` (our prepare script builds dist/) and `npm pack` in it, and installs the
 * tarball into its own environment: everything .pre-commit-hooks.yaml and package.json promise.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { TempRepo, type RunResult } from "../helpers/repo.js";
import { npmEnv, PATH_WITHOUT_CLI, runIn, snapshotProject, unwrapDoctor } from "../helpers/workflows.js";

const hasPreCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
const SKIP = !hasPreCommit && "the pre-commit framework is not installed (apt-get install pre-commit, or pip install pre-commit); .ci/run installs it";

function ok(run: RunResult, what: string): RunResult {
  assert.equal(run.status, 0, `${what} failed:\n${run.stdout}\n${run.stderr}`);
  return run;
}

describe("pre-commit framework: the pinekey and pinekey-push hooks from .pre-commit-hooks.yaml", { skip: SKIP }, () => {
  let repo: TempRepo;
  let env: Record<string, string | undefined>;
  let remote: string;
  const keys: string[] = [];
  const git = (...args: string[]): RunResult => runIn(repo, "git", args, env);

  before(() => {
    repo = TempRepo.create({ dirName: "python app" });
    const hookRepo = join(repo.base, "pinekey hook repo");
    const rev = snapshotProject(repo, hookRepo);
    // No pinekey-hook on PATH: the framework must use the copy it installed itself. (The cache path
    // has no space: nodeenv writes its node wrapper with unquoted paths, whatever the hook.)
    env = npmEnv({ PRE_COMMIT_HOME: join(repo.base, "pre-commit-home"), PRE_COMMIT_COLOR: "never", PATH: PATH_WITHOUT_CLI });
    repo.write(
      ".pre-commit-config.yaml",
      [
        "repos:",
        `  - repo: ${JSON.stringify(hookRepo)}`,
        `    rev: ${rev}`,
        "    hooks:",
        "      - id: pinekey",
        "      - id: pinekey-msg",
        "      - id: pinekey-push",
        "      - id: pinekey-explain",
        "      - id: pinekey-ignore-last",
        "",
      ].join("\n"),
    );
    ok(runIn(repo, "pre-commit", ["install"], env), "pre-commit install");
    ok(runIn(repo, "pre-commit", ["install", "--hook-type", "commit-msg", "--hook-type", "pre-push"], env), "pre-commit install --hook-type commit-msg --hook-type pre-push");
    ok(runIn(repo, "pre-commit", ["install-hooks"], env), "pre-commit install-hooks (npm install + npm pack of this project)");
    remote = join(repo.base, "origin repo.git");
    ok(runIn(repo, "git", ["init", "-q", "--bare", remote], env, repo.base), "git init --bare");
    ok(git("remote", "add", "origin", remote), "git remote add");
  });
  after(() => repo?.remove());

  test("a clean commit passes and a commit adding a key is blocked", () => {
    repo.stage(".pre-commit-config.yaml", readFileSync(join(repo.dir, ".pre-commit-config.yaml"), "utf8"));
    repo.stage("app.py", 'import os\nfrom pinecone import Pinecone\npc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])\n');
    const clean = ok(git("commit", "-m", "clean app"), "clean commit");
    assert.match(clean.stdout + clean.stderr, /pinekey-hook \(Pinecone API keys in the staged changes\)\.+Passed/);

    const key = fakeKey();
    keys.push(key);
    repo.stage("settings.py", `PINECONE_API_KEY = "${key}"\n`);
    const before = git("rev-parse", "HEAD").stdout;
    const blocked = git("commit", "-m", "settings");
    const output = blocked.stdout + blocked.stderr;
    assert.notEqual(blocked.status, 0, `the commit must be blocked:\n${output}`);
    assert.match(output, /Failed/);
    assert.match(output, /commit blocked: 1 Pinecone API key in the staged changes/);
    assert.match(output, /settings\.py:1:21/);
    assertNoKeyIn(output, keys);
    assert.equal(git("rev-parse", "HEAD").stdout, before, "HEAD unchanged");
    // pinekey-hook is not on PATH here: the message names the commands that work under the framework.
    assert.match(output, /pre-commit run pinekey-explain --hook-stage manual/);
    assert.match(output, /pre-commit run pinekey-ignore-last --hook-stage manual/);
    assert.doesNotMatch(output, /pinekey-hook (explain|ignore --last)/);
    const explain = ok(runIn(repo, "pre-commit", ["run", "pinekey-explain", "--hook-stage", "manual"], env), "pre-commit run pinekey-explain");
    assert.match(explain.stdout, /settings\.py:1:21/);
    assert.match(explain.stdout, /How to fix/);
    assertNoKeyIn(explain.stdout + explain.stderr, keys);
    ok(git("rm", "-q", "--cached", "settings.py"), "unstage");

    const messageKey = fakeKey();
    keys.push(messageKey);
    const inMessage = git("commit", "--allow-empty", "-m", `deploy\n\nPINECONE_API_KEY=${messageKey}`);
    assert.notEqual(inMessage.status, 0, `a key in the message must block the commit:\n${inMessage.stdout}${inMessage.stderr}`);
    assert.match(inMessage.stdout + inMessage.stderr, /commit blocked: 1 Pinecone API key in the commit message/);
    assertNoKeyIn(inMessage.stdout + inMessage.stderr, keys);
    assert.equal(git("rev-parse", "HEAD").stdout, before, "HEAD unchanged");
  });

  test("pushes: clean history passes; a key committed with --no-verify is stopped, on an existing and on a new branch", () => {
    // A first push to an empty remote (the framework's "whole history" case, no PRE_COMMIT_FROM_REF).
    ok(git("push", "-q", "origin", "HEAD:refs/heads/main"), "first push");
    const remoteMain = git("--git-dir", remote, "rev-parse", "main").stdout;

    const key = fakeKey();
    keys.push(key);
    repo.stage("notebook.py", `pc = Pinecone(api_key="${key}")\n`);
    ok(git("commit", "-q", "--no-verify", "-m", "quick test"), "commit --no-verify");
    repo.stage("later.py", "print('a later, clean commit')\n");
    ok(git("commit", "-q", "-m", "later"), "clean commit on top");

    const update = git("push", "origin", "HEAD:refs/heads/main");
    assert.notEqual(update.status, 0, `the push must be blocked:\n${update.stdout}${update.stderr}`);
    assert.match(update.stdout + update.stderr, /push blocked: 1 Pinecone API key in 2 commits to be pushed/);
    assert.match(update.stdout + update.stderr, /notebook\.py:1:\d+/);
    assertNoKeyIn(update.stdout + update.stderr, keys);
    assert.equal(git("--git-dir", remote, "rev-parse", "main").stdout, remoteMain, "the remote is unchanged");

    const newBranch = git("push", "origin", "HEAD:refs/heads/topic");
    assert.notEqual(newBranch.status, 0, "a new branch carrying the key is blocked too");
    assert.match(newBranch.stdout + newBranch.stderr, /push blocked: 1 Pinecone API key in 2 commits to be pushed/);
    assert.equal(git("--git-dir", remote, "rev-parse", "-q", "--verify", "refs/heads/topic").stdout, "");

    ok(git("reset", "-q", "--hard", "HEAD~2"), "drop both commits");
    repo.stage("clean.py", "print('clean')\n");
    ok(git("commit", "-q", "-m", "clean"), "clean commit");
    ok(git("push", "-q", "origin", "HEAD:refs/heads/main"), "a clean push");
  });

  test("doctor sees the framework's hooks and needs no pinekey-hook on PATH", () => {
    const run = ok(repo.cli(["doctor"], { env }), "doctor");
    assert.match(unwrapDoctor(run.stdout), /✔ pre-commit\s+\.pre-commit-config\.yaml lists the pinekey hook \(pre-commit framework\)/);
    assert.match(unwrapDoctor(run.stdout), /✔ pre-push\s+\.pre-commit-config\.yaml lists the pinekey-push hook \(pre-commit framework\)/);
    assert.doesNotMatch(run.stdout, /CLI/);
  });
});
