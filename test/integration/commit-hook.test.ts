/**
 * Real `git commit` through a real `.git/hooks/pre-commit` that runs the built CLI: git decides
 * which index the hook sees (GIT_INDEX_FILE for `git commit <path>` and `-a`), and the hook's exit
 * code decides whether the commit happens.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { type RunResult, TempRepo } from "../helpers/repo.js";
import { columnOf } from "../helpers/scan.js";

const text = (lines: string[]): string => lines.join("\n") + "\n";

/** A repository with the plain hook installed and, unless `empty`, one commit. */
function hookedRepo(t: TestContext, options: { empty?: boolean } = {}): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  repo.installPlainHook();
  if (!options.empty) {
    repo.stage("README.md", "# demo\n");
    repo.stage("src/clean.py", text(["import os", "x = 1"]));
    repo.stage("src/key.py", text(["import os", 'KEY = os.environ["PINECONE_API_KEY"]']));
    const first = repo.commit("initial");
    assert.equal(first.status, 0, first.stderr);
  }
  return repo;
}

function head(repo: TempRepo): string | undefined {
  const run = repo.git(["rev-parse", "--verify", "-q", "HEAD"]);
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** The commit was stopped by the hook: non-zero, HEAD unchanged, a report without the key. */
function assertBlocked(run: RunResult, repo: TempRepo, headBefore: string | undefined, keys: string[], where: string[]): void {
  assert.notEqual(run.status, 0, "the commit must fail");
  assert.equal(head(repo), headBefore, "HEAD must not move");
  assertNoKeyIn(run.stdout + run.stderr, keys, "git commit output");
  assert.match(run.stderr, /pinekey-hook: commit blocked:/);
  for (const location of where) assert.ok(run.stderr.includes(location), `the report names ${location}:\n${run.stderr}`);
  assert.match(run.stderr, /How to fix/);
  assert.match(run.stderr, /PINECONE_API_KEY/);
  assert.match(run.stderr, /rotate it/);
}

test("a commit that adds a key is blocked; HEAD and the index stay as they were", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  const key = fakeKey();
  const keyLine = `PINECONE_API_KEY = "${key}"`;
  repo.stage("src/key.py", text(["import os", keyLine]));
  const run = repo.commit("add key");
  assertBlocked(run, repo, before, [key], [`src/key.py:2:${columnOf(keyLine, key)}`]);
  assert.match(run.stderr, /pc = Pinecone\(api_key=os\.environ\["PINECONE_API_KEY"\]\)/, "Python remediation");
  assert.match(repo.gitOk("diff", "--cached", "--name-only"), /^src\/key\.py$/m, "the change is still staged");
});

test("a clean commit passes silently", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  repo.stage("src/clean.py", text(["import os", "x = 2", 'api_key = os.environ["PINECONE_API_KEY"]']));
  const run = repo.commit("clean change");
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "");
  assert.equal(run.stderr, "");
  assert.notEqual(head(repo), before);
});

test("the first commit of a repository is checked too", (t) => {
  const repo = hookedRepo(t, { empty: true });
  const key = fakeKey();
  repo.stage("README.md", "# demo\n");
  const keyLine = `const pc = new Pinecone({ apiKey: "${key}" });`;
  repo.stage("index.js", text(['import { Pinecone } from "@pinecone-database/pinecone";', keyLine]));
  const run = repo.commit("first");
  assertBlocked(run, repo, undefined, [key], [`index.js:2:${columnOf(keyLine, key)}`]);
});

test("a clean first commit passes", (t) => {
  const repo = hookedRepo(t, { empty: true });
  repo.stage("README.md", "# demo\n");
  const run = repo.commit("first");
  assert.equal(run.status, 0, run.stderr);
  assert.ok(head(repo));
});

test("git commit <path>: a key staged in another file does not block committing a clean path", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  const key = fakeKey();
  repo.stage("src/key.py", text(["import os", `KEY = "${key}"`])); // staged, but not part of this commit
  repo.write("src/clean.py", text(["import os", "x = 3"])); // changed in the work tree only
  const run = repo.commit("only clean.py", ["--", "src/clean.py"]);
  assert.equal(run.status, 0, `git commit src/clean.py must pass:\n${run.stderr}`);
  assertNoKeyIn(run.stdout + run.stderr, [key]);
  assert.notEqual(head(repo), before);
  assert.equal(repo.gitOk("diff", "--name-only", "HEAD~1", "HEAD").trim(), "src/clean.py");
  assert.doesNotMatch(repo.gitOk("show", "HEAD:src/key.py"), /pcsk_/);
  assert.equal(repo.gitOk("diff", "--cached", "--name-only").trim(), "src/key.py", "the key stays staged");
});

test("git commit <path>: a key only in the work tree of that path is blocked", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  const key = fakeKey();
  const keyLine = `KEY = "${key}"`;
  repo.write("src/key.py", text(["import os", keyLine])); // not staged: `git commit <path>` takes it from the work tree
  assert.equal(repo.gitOk("diff", "--cached", "--name-only"), "", "nothing is staged");
  const run = repo.commit("the key path", ["--", "src/key.py"]);
  assertBlocked(run, repo, before, [key], [`src/key.py:2:${columnOf(keyLine, key)}`]);
});

test("git commit <path> from a subdirectory: blocked, reported from the top", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  const key = fakeKey();
  const keyLine = `KEY = "${key}"`;
  repo.write("src/key.py", text(["import os", keyLine]));
  const run = repo.git(["commit", "-q", "-m", "from src", "key.py"], { cwd: join(repo.dir, "src") });
  assertBlocked(run, repo, before, [key], [`src/key.py:2:${columnOf(keyLine, key)}`]);
});

test("git commit -a: a key only modified in the work tree is blocked", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  const key = fakeKey();
  const keyLine = `    KEY = "${key}"`;
  repo.write("src/key.py", text(["import os", "if True:", keyLine]));
  const run = repo.commit("all", ["-a"]);
  assertBlocked(run, repo, before, [key], [`src/key.py:3:${columnOf(keyLine, key)}`]);
  assert.equal(repo.gitOk("diff", "--cached", "--name-only"), "", "a failed commit -a leaves the index as it was");
});

test("git commit -a with clean work-tree changes passes", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  repo.write("src/clean.py", text(["import os", "x = 4"]));
  const run = repo.commit("all", ["-a"]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, "");
  assert.notEqual(head(repo), before);
});

test("an allowlisted key commits; the hook only notes it", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  const key = fakeKey();
  repo.stage("tests/fixture.py", text([`FAKE = "${key}"  # pinekey-allow: test fixture`]));
  const run = repo.commit("fixture");
  assert.equal(run.status, 0, run.stderr);
  assertNoKeyIn(run.stdout + run.stderr, [key]);
  assert.match(run.stderr, /1 key allowed by pinekey-allow comments/);
  assert.notEqual(head(repo), before);
});

test("a legacy UUID key in .env is blocked", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  const uuid = fakeUuid();
  repo.stage(".env", text([`PINECONE_API_KEY=${uuid}`]));
  const run = repo.commit("env");
  assertBlocked(run, repo, before, [uuid], [".env:1:18"]);
  assert.match(run.stderr, /\.gitignore/, ".env remediation");
});

test("a commit in a linked worktree is checked with that worktree's index", (t) => {
  const repo = hookedRepo(t);
  const linked = join(repo.base, "linked");
  repo.gitOk("worktree", "add", "-q", "-b", "side", linked);
  const key = fakeKey();
  mkdirSync(join(linked, "cfg"));
  writeFileSync(join(linked, "cfg", "app.yaml"), text(["pinecone:", `  api_key: ${key}`]));
  assert.equal(repo.git(["add", "cfg/app.yaml"], { cwd: linked }).status, 0);
  const before = repo.git(["rev-parse", "HEAD"], { cwd: linked }).stdout;
  const run = repo.git(["commit", "-q", "-m", "linked"], { cwd: linked });
  assert.notEqual(run.status, 0);
  assert.equal(repo.git(["rev-parse", "HEAD"], { cwd: linked }).stdout, before);
  assert.ok(run.stderr.includes("cfg/app.yaml:2:12"), run.stderr);
  assertNoKeyIn(run.stdout + run.stderr, [key]);

  // the main work tree's commits are unaffected by what the linked one has staged
  repo.stage("README.md", "# demo 2\n");
  assert.equal(repo.commit("main").status, 0);
});

test("configuration given to git commit with -c reaches the hook without breaking it", (t) => {
  const repo = hookedRepo(t);
  const before = head(repo);
  const key = fakeKey();
  repo.stage("src/key.py", text(["import os", `KEY = "${key}"`]));
  const run = repo.git([
    "-c", "diff.noprefix=true",
    "-c", "color.ui=always",
    "-c", "core.hooksPath=.git/hooks",
    "-c", "include.path=/dev/null",
    "-c", "url.https://example.invalid/.insteadOf=git://example.invalid/",
    "commit", "-q", "-m", "with -c",
  ]);
  assertBlocked(run, repo, before, [key], ["src/key.py:2:8"]);
});

/**
 * A branch that already holds a committed key (from before the hook, or --no-verify) merged with a
 * conflict; returns the repository with the merge stopped for resolution.
 */
function conflictedMerge(t: TestContext, key: string): { repo: TempRepo; before: string | undefined } {
  const repo = hookedRepo(t);
  repo.gitOk("checkout", "-q", "-b", "feature");
  repo.stage("src/key.py", text(["import os", `KEY = "${key}"`]));
  repo.stage("src/clean.py", text(["import os", "x = 'feature'"]));
  repo.gitOk("commit", "-q", "--no-verify", "-m", "feature with a key, before the hook");
  repo.gitOk("checkout", "-q", "main");
  repo.stage("src/clean.py", text(["import os", "x = 'main'"]));
  assert.equal(repo.commit("main").status, 0);
  const merge = repo.git(["merge", "-q", "feature"]);
  assert.notEqual(merge.status, 0, "the merge stops on the conflict");
  return { repo, before: head(repo) };
}

test("concluding a merge: a key the merged branch had already committed does not block", (t) => {
  const key = fakeKey();
  const { repo, before } = conflictedMerge(t, key);
  repo.stage("src/clean.py", text(["import os", "x = 'resolved'"]));
  const scan = repo.cli(["scan", "--staged", "--format", "json"]);
  assert.equal(scan.status, 0, scan.stdout);
  const run = repo.commit("merge feature");
  assert.equal(run.status, 0, run.stderr);
  assertNoKeyIn(run.stdout + run.stderr, [key]);
  assert.notEqual(head(repo), before);
  assert.equal(repo.gitOk("rev-list", "--parents", "-n1", "HEAD").trim().split(" ").length, 3, "a merge commit");
});

test("concluding a merge: a key written in the resolution itself is blocked", (t) => {
  const { repo, before } = conflictedMerge(t, fakeKey());
  const key = fakeKey();
  const keyLine = `x = "${key}"`;
  repo.stage("src/clean.py", text(["import os", keyLine]));
  const run = repo.commit("merge feature");
  assertBlocked(run, repo, before, [key], [`src/clean.py:2:${columnOf(keyLine, key)}`]);
});

test("a repository whose path has spaces and unicode", (t) => {
  const repo = TempRepo.create({ dirName: "my prôjects/dëmo repo" });
  t.after(() => repo.remove());
  repo.installPlainHook();
  const key = fakeKey();
  repo.stage("app.py", text(["import os", `KEY = "${key}"`]));
  const run = repo.commit("key");
  assertBlocked(run, repo, undefined, [key], ["app.py:2:8"]);
});

test("a work tree with a separate git dir, committed through --git-dir/--work-tree and GIT_DIR", (t) => {
  const repo = TempRepo.create({ initArgs: ["--separate-git-dir", "../store.git"] });
  t.after(() => repo.remove());
  repo.installPlainHook();
  repo.stage("README.md", "# demo\n");
  assert.equal(repo.commit("first").status, 0);
  const before = head(repo);
  const key = fakeKey();
  repo.stage("src/app.py", text(["import os", `KEY = "${key}"`]));
  const gitDir = join(repo.base, "store.git");

  const fromInside = repo.commit("key");
  assertBlocked(fromInside, repo, before, [key], ["src/app.py:2:8"]);
  const fromOutside = repo.git(["--git-dir", gitDir, "--work-tree", repo.dir, "commit", "-q", "-m", "key"], {
    cwd: repo.base,
  });
  assertBlocked(fromOutside, repo, before, [key], ["src/app.py:2:8"]);
  const withEnvironment = repo.git(["commit", "-q", "-m", "key"], {
    cwd: join(repo.dir, "src"),
    env: { GIT_DIR: join("..", "..", "store.git"), GIT_WORK_TREE: ".." },
  });
  assertBlocked(withEnvironment, repo, before, [key], ["src/app.py:2:8"]);
});
