/**
 * The hook scripts the package ships (hooks/pre-commit, hooks/pre-push, hooks/pre-receive), used as
 * the README says: copied into .git/hooks (no hook manager) or into a bare server repository's
 * hooks/, every path holding a space. They find the built CLI through a `pinekey-hook` shim on PATH
 * (a global install) or in node_modules/.bin (a local one). Also: every shipped script and the
 * lines install writes are POSIX sh (sh -n, dash -n, checkbashisms where installed).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { huskyHookLine as hookLine } from "../../dist/cli/hook-scripts.js";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { makeTempDir, PROJECT_ROOT, TempRepo, type RunResult } from "../helpers/repo.js";
import { copyShippedHook, PATH_WITHOUT_CLI, pathWithShim, runIn, writeCliShim } from "../helpers/workflows.js";

const SHIPPED = readdirSync(join(PROJECT_ROOT, "hooks")).sort();

function newRepo(t: TestContext, dirName = "my project"): TempRepo {
  const repo = TempRepo.create({ dirName });
  t.after(() => repo.remove());
  return repo;
}

function output(run: RunResult): string {
  return run.stdout + run.stderr;
}

test("the package ships commit-msg, pre-commit, pre-push and pre-receive hook scripts", () => {
  assert.deepEqual(SHIPPED, ["commit-msg", "pre-commit", "pre-push", "pre-receive"]);
});

test("shipped hooks and the lines install writes are POSIX sh without bash-isms", (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const installed = join(dir, "installed-hooks.sh");
  writeFileSync(installed, `#!/bin/sh\n${hookLine("pre-commit")}\n${hookLine("commit-msg")}\n${hookLine("pre-push")}\n`);
  const scripts = [...SHIPPED.map((name) => join(PROJECT_ROOT, "hooks", name)), installed];
  const checkers: Array<[string, string[]]> = [
    ["sh", ["-n"]],
    ["dash", ["-n"]],
    ["checkbashisms", ["--posix"]],
  ];
  let ran = 0;
  for (const [checker, args] of checkers) {
    if (spawnSync("sh", ["-c", `command -v ${checker}`]).status !== 0) continue;
    for (const script of scripts) {
      const run = spawnSync(checker, [...args, script], { encoding: "utf8" });
      assert.equal(run.status, 0, `${checker} ${args.join(" ")} ${script}:\n${run.stdout}${run.stderr}`);
    }
    ran++;
  }
  assert.ok(ran >= 1, "at least sh -n ran");
});

test("plain .git/hooks (CLI on PATH): a key is blocked on commit and on push, clean changes pass", (t) => {
  const repo = newRepo(t);
  const env = { PATH: pathWithShim(join(repo.base, "global bin")) };
  const git = (...args: string[]): RunResult => runIn(repo, "git", args, env);
  copyShippedHook("pre-commit", join(repo.dir, ".git", "hooks"));
  copyShippedHook("commit-msg", join(repo.dir, ".git", "hooks"));
  copyShippedHook("pre-push", join(repo.dir, ".git", "hooks"));
  const keys = [fakeKey(), fakeKey(), fakeKey()];

  repo.stage("app.py", `KEY = "${keys[0]}"\n`);
  const blocked = git("commit", "-m", "key");
  assert.equal(blocked.status, 1, output(blocked));
  assert.match(output(blocked), /commit blocked: 1 Pinecone API key/);
  assertNoKeyIn(output(blocked), keys);
  repo.stage("app.py", 'import os\nKEY = os.environ["PINECONE_API_KEY"]\n');
  const inMessage = git("commit", "-m", `clean\n\nthe old key was ${keys[2]}`);
  assert.equal(inMessage.status, 1, output(inMessage));
  assert.match(output(inMessage), /commit blocked: 1 Pinecone API key in the commit message/);
  assert.match(output(inMessage), /commit message:3:17/);
  assertNoKeyIn(output(inMessage), keys);
  assert.equal(git("commit", "-q", "-m", "clean").status, 0);

  const remote = join(repo.base, "server side", "origin.git");
  assert.equal(runIn(repo, "git", ["init", "-q", "--bare", remote], env, repo.base).status, 0);
  assert.equal(git("remote", "add", "origin", remote).status, 0);
  assert.equal(git("push", "-q", "origin", "HEAD:refs/heads/main").status, 0, "a clean push");
  repo.stage("later.py", `LATER = "${keys[1]}"\n`);
  assert.equal(git("commit", "-q", "--no-verify", "-m", "later").status, 0);
  const push = git("push", "origin", "HEAD:refs/heads/main");
  assert.equal(push.status, 1, output(push));
  assert.match(output(push), /push blocked: 1 Pinecone API key in 1 commit to be pushed/);
  assertNoKeyIn(output(push), keys);
});

test("plain .git/hooks (CLI in node_modules/.bin, not on PATH): the hook finds it", (t) => {
  const repo = newRepo(t, "node project");
  writeCliShim(join(repo.dir, "node_modules", ".bin"));
  repo.write(".gitignore", "node_modules/\n");
  copyShippedHook("pre-commit", join(repo.dir, ".git", "hooks"));
  const env = { PATH: PATH_WITHOUT_CLI };
  const key = fakeKey();
  repo.stage("src/config.js", `export const key = "${key}";\n`);
  const blocked = runIn(repo, "git", ["commit", "-m", "key"], env);
  assert.equal(blocked.status, 1, output(blocked));
  assert.match(output(blocked), /src\/config\.js:1:21/);
  repo.stage("src/config.js", "export const key = process.env.PINECONE_API_KEY;\n");
  // From a subdirectory too: git runs hooks at the top of the work tree.
  const clean = runIn(repo, "git", ["commit", "-q", "-m", "clean"], env, join(repo.dir, "src"));
  assert.equal(clean.status, 0, output(clean));
});

test("plain .git/hooks without the CLI anywhere: the commit stops and says how to install it", (t) => {
  const repo = newRepo(t);
  copyShippedHook("pre-commit", join(repo.dir, ".git", "hooks"));
  repo.stage("a.txt", "hello\n");
  const run = runIn(repo, "git", ["commit", "-m", "a"], { PATH: PATH_WITHOUT_CLI });
  assert.notEqual(run.status, 0, "git commit fails when the hook exits 2");
  assert.equal(repo.git(["rev-parse", "-q", "--verify", "HEAD"]).stdout, "", "nothing was committed");
  assert.match(output(run), /pinekey-hook: node or the pinekey-hook CLI is not on this hook's PATH,\nso the commit was stopped\. Not installed\? Run: npm install --global pinekey-hook/);
});

test("server-side hooks/pre-receive on a bare repository: a push adding a key is rejected whole, a clean one accepted", (t) => {
  const work = newRepo(t, "laptop clone");
  const server = join(work.base, "git server", "team project.git");
  const serverEnv = { PATH: pathWithShim(join(work.base, "server bin")) };
  assert.equal(runIn(work, "git", ["init", "-q", "--bare", server], serverEnv, work.base).status, 0);
  copyShippedHook("pre-receive", join(server, "hooks"));
  const git = (...args: string[]): RunResult => runIn(work, "git", args, serverEnv);
  assert.equal(git("remote", "add", "origin", server).status, 0);

  work.stage("README.md", "docs\n");
  assert.equal(git("commit", "-q", "-m", "docs").status, 0);
  const clean = git("push", "-q", "origin", "HEAD:refs/heads/main");
  assert.equal(clean.status, 0, output(clean));
  const before = git("--git-dir", server, "rev-parse", "main").stdout;

  const key = fakeKey();
  work.stage("deploy/secret.env", `PINECONE_API_KEY=${key}\n`);
  assert.equal(git("commit", "-q", "-m", "deploy").status, 0);
  work.stage("b.txt", "b\n");
  assert.equal(git("commit", "-q", "-m", "b").status, 0);
  const rejected = git("push", "origin", "HEAD:refs/heads/main", "HEAD:refs/heads/release");
  assert.notEqual(rejected.status, 0, output(rejected));
  assert.match(rejected.stderr, /remote: pinekey-hook: push rejected: 1 Pinecone API key in the 2 commits pushed/);
  assert.match(rejected.stderr, /remote: .*deploy\/secret\.env:1:18/);
  assert.match(rejected.stderr, /pre-receive hook declined/);
  assertNoKeyIn(output(rejected), [key]);
  assert.equal(git("--git-dir", server, "rev-parse", "main").stdout, before, "main unchanged");
  assert.equal(git("--git-dir", server, "rev-parse", "-q", "--verify", "refs/heads/release").stdout, "", "no release branch");
});

test("server-side hooks/pre-receive without pinekey-hook on the server: pushes are refused, not let through", (t) => {
  const work = newRepo(t, "laptop clone");
  const server = join(work.base, "git server", "project.git");
  const env = { PATH: PATH_WITHOUT_CLI };
  assert.equal(runIn(work, "git", ["init", "-q", "--bare", server], env, work.base).status, 0);
  copyShippedHook("pre-receive", join(server, "hooks"));
  work.stage("a.txt", "a\n");
  assert.equal(runIn(work, "git", ["commit", "-q", "-m", "a"], env).status, 0);
  const push = runIn(work, "git", ["push", server, "HEAD:refs/heads/main"], env);
  assert.notEqual(push.status, 0);
  assert.match(push.stderr, /remote: pinekey-hook: command not found on the server/);
});
