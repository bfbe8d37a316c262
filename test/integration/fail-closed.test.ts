/**
 * Fail closed, proven by fault injection: a `git` wrapper first on PATH (test/helpers/faulty-git.ts)
 * makes one git command exit non-zero without a word, die by SIGKILL part-way through its output, or
 * stop its output early and still exit 0. Every hook and history scan must then exit 2 and say why,
 * never 0 ("clean") and never 1 (a verdict): pre-commit, commit-msg, pre-push, pre-receive (in a real
 * push to a real bare repository), scan --range and scan --all.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { faultyGitEnv, faultyHook, type GitFault } from "../helpers/faulty-git.js";
import { commitFile, createPushSetup } from "../helpers/remote.js";
import { TempRepo, type RunResult } from "../helpers/repo.js";
import { writeFileSync } from "node:fs";

/** A history of `count` commits, each adding a few hundred lines (enough output to be cut part-way). */
function history(repo: TempRepo, count: number): void {
  for (let i = 0; i < count; i++) {
    commitFile(repo, `src/module${i}.py`, Array.from({ length: 300 }, (_, j) => `value_${i}_${j} = compute(${j})`).join("\n") + "\n", `module ${i}`);
  }
}

function failedClosed(run: RunResult, cause: RegExp, what: string): void {
  assert.equal(run.status, 2, `${what}: exit ${run.status}, expected 2\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, cause, `${what}: the cause is named`);
}

const SILENT = /git \S+ failed: git exited with status 3 without saying why/;
const KILLED = /git \S+ failed: git was killed by a signal before it finished/;
const EARLY = /ended (early|in the middle of a change)|of the \d+ commits/;

describe("fail closed: pre-commit and commit-msg", () => {
  const cases: Array<[string, GitFault, RegExp]> = [
    ["git diff exits 3 silently", { command: "diff", mode: "silent" }, SILENT],
    ["git diff is killed part-way", { command: "diff", mode: "kill", bytes: 3000 }, KILLED],
    ["git diff stops part-way but exits 0", { command: "diff", mode: "truncate", bytes: 3000 }, EARLY],
  ];
  for (const [name, fault, cause] of cases) {
    test(`${name}: the commit is stopped, exit 2`, (t) => {
      const repo = TempRepo.create();
      t.after(() => repo.remove());
      repo.stage("big.py", Array.from({ length: 2000 }, (_, i) => `line_${i} = ${i}`).join("\n") + "\n");
      const env = faultyGitEnv(join(repo.base, "faulty bin"), fault);
      faultyHook(join(repo.dir, ".git", "hooks", "pre-commit"), "pre-commit", env);
      const direct = repo.cli(["pre-commit"], { env, cwd: repo.dir });
      failedClosed(direct, cause, "pre-commit");
      assert.match(direct.stderr, /The pre-commit check could not run, so the commit was stopped/);
      const commit = repo.git(["commit", "-q", "-m", "big"]);
      assert.notEqual(commit.status, 0, "git commit fails");
      assert.equal(repo.git(["rev-parse", "-q", "--verify", "HEAD"]).stdout, "", "nothing committed");
    });
  }

  test("commit-msg: git failing silently while finding the repository stops the commit", (t) => {
    const repo = TempRepo.create();
    t.after(() => repo.remove());
    const file = join(repo.base, "MSG");
    writeFileSync(file, "a clean message\n");
    const env = faultyGitEnv(join(repo.base, "faulty bin"), { command: "rev-parse", mode: "silent" });
    failedClosed(repo.cli(["commit-msg", file], { env }), SILENT, "commit-msg");
  });
});

describe("fail closed: pre-push", () => {
  const cases: Array<[string, GitFault, RegExp]> = [
    ["git log exits 3 silently", { command: "log", mode: "silent" }, SILENT],
    ["git log is killed part-way (an OOM kill)", { command: "log", mode: "kill", bytes: 20000 }, KILLED],
    ["git log stops part-way but exits 0", { command: "log", mode: "truncate", bytes: 20000 }, EARLY],
    ["git cat-file (commit messages) is killed part-way", { command: "cat-file", mode: "kill", bytes: 100 }, /git cat-file failed|killed/],
    ["git rev-list exits 3 silently", { command: "rev-list", mode: "silent" }, SILENT],
  ];
  for (const [name, fault, cause] of cases) {
    test(`${name}: the push is stopped, exit 2, nothing sent`, (t) => {
      const setup = createPushSetup();
      t.after(() => setup.work.remove());
      history(setup.work, 12);
      const env = faultyGitEnv(join(setup.work.base, "faulty bin"), fault);
      faultyHook(join(setup.work.dir, ".git", "hooks", "pre-push"), 'pre-push "$@"', env);
      const push = setup.push("origin", "main");
      assert.notEqual(push.status, 0, `the push must fail:\n${push.stderr}`);
      assert.match(push.stderr, cause);
      assert.match(push.stderr, /The pre-push check could not run, so the push was stopped/);
      assert.equal(setup.remoteRef("main"), "", "nothing reached the remote");
      // The same, run directly: exit 2.
      const head = setup.work.gitOk("rev-parse", "HEAD").trim();
      const direct = setup.work.cli(["pre-push", "origin", setup.remote], {
        env,
        input: `refs/heads/main ${head} refs/heads/main ${"0".repeat(40)}\n`,
      });
      failedClosed(direct, cause, "pre-push");
    });
  }
});

describe("fail closed: pre-receive on a real bare repository", () => {
  const cases: Array<[string, GitFault, RegExp]> = [
    ["git log exits 3 silently", { command: "log", mode: "silent" }, SILENT],
    ["git log is killed part-way (an OOM kill)", { command: "log", mode: "kill", bytes: 20000 }, KILLED],
    ["git log stops part-way but exits 0", { command: "log", mode: "truncate", bytes: 20000 }, EARLY],
    ["git cat-file --batch stops part-way but exits 0", { command: "cat-file", mode: "truncate", bytes: 150 }, /ended early|cat-file/],
    ["git rev-list is killed", { command: "rev-list", mode: "kill", bytes: 0 }, KILLED],
  ];
  for (const [name, fault, cause] of cases) {
    test(`${name}: the push is rejected, exit 2, no ref changes`, (t) => {
      const setup = createPushSetup();
      t.after(() => setup.work.remove());
      history(setup.work, 12);
      // Only the server's hook runs with the faulty git: the client's own git is the real one.
      const faulty = faultyGitEnv(join(setup.work.base, "server bin"), fault);
      faultyHook(join(setup.remote, "hooks", "pre-receive"), "pre-receive", faulty);
      const push = setup.pushNoVerify("origin", "main");
      assert.notEqual(push.status, 0, `the push must be rejected:\n${push.stderr}`);
      assert.match(push.stderr, /remote: pinekey-hook: error:/);
      assert.match(push.stderr, cause);
      assert.match(push.stderr, /pre-receive hook declined/);
      assert.equal(setup.remoteRef("main"), "", "no ref was created");
    });
  }
});

describe("fail closed: scan --range and scan --all", () => {
  const cases: Array<[string, GitFault, RegExp]> = [
    ["git log exits 3 silently", { command: "log", mode: "silent" }, SILENT],
    ["git log is killed part-way (an OOM kill)", { command: "log", mode: "kill", bytes: 20000 }, KILLED],
    ["git log stops part-way but exits 0", { command: "log", mode: "truncate", bytes: 20000 }, EARLY],
    ["git cat-file is killed part-way", { command: "cat-file", mode: "kill", bytes: 200 }, KILLED],
  ];
  for (const [name, fault, cause] of cases) {
    test(`${name}: exit 2 in every format, never a clean report`, (t) => {
      const repo = TempRepo.create();
      t.after(() => repo.remove());
      history(repo, 12);
      const key = fakeKey();
      commitFile(repo, "late.py", `PINECONE_API_KEY = "${key}"\n`, "late");
      const env = faultyGitEnv(join(repo.base, "faulty bin"), fault);
      for (const target of [["--range", "HEAD~12..HEAD"], ["--all"]]) {
        for (const format of ["text", "json", "sarif"]) {
          const run = repo.cli(["scan", ...target, "--format", format], { env });
          failedClosed(run, cause, `scan ${target.join(" ")} --format ${format}`);
          assert.doesNotMatch(run.stdout, /no Pinecone API keys/);
          assertNoKeyIn(run.stdout + run.stderr, [key]);
        }
      }
    });
  }
});
