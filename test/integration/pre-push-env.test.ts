/**
 * `pinekey-hook pre-push` with no arguments: the pre-commit framework's push stage, simulated here
 * with the PRE_COMMIT_* variables the framework sets (test/e2e runs the real framework where it is
 * installed). Without them it is an error that names both ways to call it.
 */
import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { commitFile, createPushSetup, type PushSetup } from "../helpers/remote.js";

function setUp(t: TestContext): PushSetup {
  const setup = createPushSetup();
  t.after(() => setup.work.remove());
  return setup;
}

test("no arguments and no PRE_COMMIT_* variables: exit 2 naming both ways", (t) => {
  const { work } = setUp(t);
  commitFile(work, "a.txt", "a\n");
  const run = work.cli(["pre-push"], { input: "" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /"pre-push" needs git's <remote> <url> arguments, or the pre-commit framework's PRE_COMMIT_TO_REF/);
  assert.match(run.stderr, /pinekey-hook pre-push "\$@"/);
  assert.match(run.stderr, /could not run, so the push was stopped/);
});

test("an update (FROM_REF = the remote's tip): only the new commits count", (t) => {
  const { work, pushNoVerify } = setUp(t);
  const key = fakeKey();
  const old = commitFile(work, "old.py", `OLD = "${key}"  # pinekey-allow: already on the remote\n`);
  assert.equal(pushNoVerify("-q", "origin", "HEAD:refs/heads/main").status, 0);
  const clean = commitFile(work, "b.py", "print('b')\n");
  const env = {
    PRE_COMMIT_FROM_REF: old,
    PRE_COMMIT_TO_REF: clean,
    PRE_COMMIT_LOCAL_BRANCH: "refs/heads/main",
    PRE_COMMIT_REMOTE_BRANCH: "refs/heads/main",
    PRE_COMMIT_REMOTE_NAME: "origin",
    PRE_COMMIT_REMOTE_URL: "unused",
  };
  assert.equal(work.cli(["pre-push"], { env }).status, 0);

  const leaky = fakeKey();
  const tip = commitFile(work, "c.py", `C = "${leaky}"\n`);
  const blocked = work.cli(["pre-push"], { env: { ...env, PRE_COMMIT_TO_REF: tip } });
  assert.equal(blocked.status, 1, blocked.stderr);
  assert.match(blocked.stderr, /push blocked: 1 Pinecone API key in 2 commits to be pushed/);
  assert.match(blocked.stderr, /c\.py:1:6/);
  assertNoKeyIn(blocked.stderr, [key, leaky]);
});

test("the whole history is new (no FROM_REF / TO_REF): the local branch against the remote's refs", (t) => {
  const { work } = setUp(t);
  const key = fakeKey();
  commitFile(work, "a.py", `A = "${key}"\n`);
  commitFile(work, "b.py", "print('b')\n");
  const run = work.cli(["pre-push"], {
    env: { PRE_COMMIT_LOCAL_BRANCH: "refs/heads/main", PRE_COMMIT_REMOTE_BRANCH: "refs/heads/main", PRE_COMMIT_REMOTE_NAME: "origin", PRE_COMMIT_REMOTE_URL: "x" },
  });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /1 Pinecone API key in 2 commits to be pushed/);
});
