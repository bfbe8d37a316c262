/**
 * pre-push and pre-receive against real local bare remotes: which commits a push newly sends, and
 * that only those are scanned (see ../shared/design/pushes.md in the design notes).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { commitFile, createPushSetup, writeHook, type PushSetup } from "../helpers/remote.js";

function withSetup(fn: (setup: PushSetup, keys: string[]) => void, options?: Parameters<typeof createPushSetup>[0]) {
  return () => {
    const setup = createPushSetup(options);
    const keys: string[] = [];
    try {
      fn(setup, keys);
    } finally {
      setup.work.remove();
    }
  };
}

/** A remote `main` that already holds a key (pushed around the hook, as a GUI client or --no-verify would). */
function seedRemoteWithKey(setup: PushSetup, keys: string[]): void {
  const key = fakeKey();
  keys.push(key);
  commitFile(setup.work, "README.md", "# app\n", "readme");
  commitFile(setup.work, "old.py", `KEY = "${key}"\n`, "old key");
  assert.equal(setup.pushNoVerify("-q", "origin", "main").status, 0);
}

function blocked(result: { status: number; stderr: string }, keys: string[]): void {
  assert.notEqual(result.status, 0, "the push must be blocked");
  assert.match(result.stderr, /push blocked/);
  assertNoKeyIn(result.stderr, keys, "push output");
}

describe("pre-push", () => {
  test("update of an existing branch scans only the new commits", withSetup((setup, keys) => {
    seedRemoteWithKey(setup, keys);
    commitFile(setup.work, "app.py", "print('clean')\n");
    const push = setup.push("-q", "origin", "main");
    assert.equal(push.status, 0, push.stderr);
    assert.equal(setup.remoteRef("main"), setup.work.gitOk("rev-parse", "HEAD").trim());
  }));

  test("a key in a new commit blocks the update and nothing reaches the remote", withSetup((setup, keys) => {
    seedRemoteWithKey(setup, keys);
    const before = setup.remoteRef("main");
    const key = fakeKey();
    keys.push(key);
    const oid = commitFile(setup.work, "src/settings.py", `PINECONE_API_KEY = "${key}"\n`, "settings");
    const push = setup.push("origin", "main");
    blocked(push, keys);
    assert.match(push.stderr, /src\/settings\.py:1:21/);
    assert.match(push.stderr, new RegExp(`in ${oid.slice(0, 10)} "settings"`));
    assert.match(push.stderr, /1 commit to be pushed/);
    assert.match(push.stderr, /git commit --amend/);
    assert.match(push.stderr, /Nothing was sent: the push stopped before it/);
    assert.equal(setup.remoteRef("main"), before, "remote unchanged");
  }));

  test("a new branch scans only commits not already on the remote", withSetup((setup, keys) => {
    seedRemoteWithKey(setup, keys);
    setup.work.gitOk("fetch", "-q", "origin");
    setup.work.gitOk("switch", "-q", "-c", "topic");
    commitFile(setup.work, "topic.py", "x = 1\n");
    const clean = setup.push("-q", "origin", "topic");
    assert.equal(clean.status, 0, clean.stderr);

    setup.work.gitOk("switch", "-q", "-c", "topic2");
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "topic2.py", `k = "${key}"\n`);
    const push = setup.push("origin", "topic2");
    blocked(push, keys);
    assert.match(push.stderr, /1 commit to be pushed/, "not the whole history");
  }));

  test("a force push does not rescan the overwritten remote commits", withSetup((setup, keys) => {
    seedRemoteWithKey(setup, keys);
    setup.work.gitOk("reset", "-q", "--hard", "HEAD~1");
    commitFile(setup.work, "fixed.py", "import os\nKEY = os.environ['PINECONE_API_KEY']\n", "without the key");
    const push = setup.push("-q", "--force", "origin", "main");
    assert.equal(push.status, 0, push.stderr);
    assert.equal(setup.remoteRef("main"), setup.work.gitOk("rev-parse", "HEAD").trim());
  }));

  test("several refs in one push: a key on any of them blocks all", withSetup((setup, keys) => {
    commitFile(setup.work, "README.md", "# app\n");
    setup.work.gitOk("branch", "clean");
    setup.work.gitOk("switch", "-q", "-c", "dirty");
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "k.js", `const apiKey = "${key}";\n`);
    const push = setup.push("origin", "main", "clean", "dirty");
    blocked(push, keys);
    assert.equal(setup.remoteRef("main"), "", "no ref was created");
    assert.equal(setup.remoteRef("clean"), "");
  }));

  test("deleting a branch scans nothing", withSetup((setup, keys) => {
    seedRemoteWithKey(setup, keys);
    assert.equal(setup.pushNoVerify("-q", "origin", "main:topic").status, 0);
    const del = setup.push("-q", "origin", ":topic");
    assert.equal(del.status, 0, del.stderr);
    assert.equal(setup.remoteRef("topic"), "");
  }));

  test("tags: on pushed commits scan nothing; on a new commit with a key block", withSetup((setup, keys) => {
    seedRemoteWithKey(setup, keys);
    setup.work.gitOk("tag", "light");
    setup.work.gitOk("tag", "-a", "-m", "release", "v1");
    const tags = setup.push("-q", "origin", "light", "v1");
    assert.equal(tags.status, 0, tags.stderr);

    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "new.py", `KEY = "${key}"\n`);
    setup.work.gitOk("tag", "-a", "-m", "release 2", "v2");
    blocked(setup.push("origin", "v2"), keys);
    setup.work.gitOk("tag", "light2");
    blocked(setup.push("origin", "light2"), keys);
  }));

  test("nothing to push: empty stdin is clean", withSetup((setup) => {
    const run = setup.work.cli(["pre-push", "origin", setup.remote], { input: "" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
  }));

  test("push to a bare URL scans the new commits, not nothing and not everything", withSetup((setup, keys) => {
    seedRemoteWithKey(setup, keys);
    commitFile(setup.work, "clean.py", "x = 2\n");
    const clean = setup.push("-q", setup.remote, "main");
    assert.equal(clean.status, 0, clean.stderr);

    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "dirty.py", `x = "${key}"\n`);
    const push = setup.push(setup.remote, "main");
    blocked(push, keys);
    assert.match(push.stderr, /1 commit to be pushed/);
  }));

  test("a bare-URL push from a repository with no remotes still scans", withSetup((setup, keys) => {
    setup.work.gitOk("remote", "remove", "origin");
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "a.py", `A = "${key}"\n`);
    blocked(setup.push(setup.remote, "main"), keys);
  }));

  test("SHA-256 repositories (64-character ids and zeros)", withSetup((setup, keys) => {
    commitFile(setup.work, "README.md", "# app\n");
    assert.equal(setup.push("-q", "origin", "main").status, 0);
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "k.py", `K = "${key}"\n`);
    setup.work.gitOk("switch", "-q", "-c", "new");
    const push = setup.push("origin", "new");
    blocked(push, keys);
    assert.match(push.stderr, /1 commit to be pushed/);
  }, { objectFormat: "sha256" }));

  test("a root commit with a key is blocked on the first push", withSetup((setup, keys) => {
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, ".env", `PINECONE_API_KEY=${key}\n`);
    const push = setup.push("origin", "main");
    blocked(push, keys);
    assert.match(push.stderr, /\.env:1:18/);
  }));

  test("a key added and deleted again in the same push is still blocked", withSetup((setup, keys) => {
    commitFile(setup.work, "README.md", "# app\n");
    assert.equal(setup.push("-q", "origin", "main").status, 0);
    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "k.py", `K = "${key}"\n`, "add key");
    setup.work.gitOk("rm", "-q", "k.py");
    setup.work.gitOk("commit", "-q", "--no-verify", "-m", "remove key");
    const push = setup.push("origin", "main");
    blocked(push, keys);
    assert.match(push.stderr, /"add key"/);
  }));

  test("merges: a key written while resolving a conflict is blocked; a plain merge is not rescanned", withSetup((setup, keys) => {
    commitFile(setup.work, "config.py", "KEY = None\n");
    setup.work.gitOk("switch", "-q", "-c", "side");
    commitFile(setup.work, "config.py", "KEY = 'side'\n", "side");
    setup.work.gitOk("switch", "-q", "main");
    commitFile(setup.work, "config.py", "KEY = 'main'\n", "main");
    assert.equal(setup.pushNoVerify("-q", "origin", "main", "side").status, 0);

    // A clean merge of already-pushed history introduces nothing new.
    setup.work.gitOk("switch", "-q", "-c", "plain", "main");
    commitFile(setup.work, "other.py", "y = 1\n");
    setup.work.gitOk("merge", "-q", "--no-edit", "--no-verify", "-s", "ours", "side");
    assert.equal(setup.push("-q", "origin", "plain").status, 0);

    // A conflict resolved by pasting a key: the merge commit itself adds the line.
    setup.work.gitOk("switch", "-q", "main");
    const merge = setup.work.git(["merge", "-q", "--no-edit", "side"]);
    assert.notEqual(merge.status, 0, "the merge conflicts");
    const key = fakeKey();
    keys.push(key);
    setup.work.write("config.py", `KEY = "${key}"\n`);
    setup.work.gitOk("add", "config.py");
    setup.work.gitOk("commit", "-q", "--no-verify", "--no-edit");
    const push = setup.push("origin", "main");
    blocked(push, keys);
    assert.match(push.stderr, /config\.py:1:8/);
  }));
});

describe("pre-receive (server side)", () => {
  test("rejects a push that adds a key, leaving every ref unchanged", withSetup((setup, keys) => {
    writeHook(join(setup.remote, "hooks", "pre-receive"), "pre-receive");
    commitFile(setup.work, "README.md", "# app\n");
    const first = setup.pushNoVerify("-q", "origin", "main");
    assert.equal(first.status, 0, first.stderr);
    const before = setup.remoteRef("main");

    const key = fakeKey();
    keys.push(key);
    commitFile(setup.work, "app/settings.py", `PINECONE_API_KEY = "${key}"\n`, "settings");
    setup.work.gitOk("branch", "feature");
    const push = setup.pushNoVerify("origin", "main", "feature");
    assert.notEqual(push.status, 0);
    assert.match(push.stderr, /remote: pinekey-hook: push rejected/);
    assert.match(push.stderr, /remote: .*app\/settings\.py:1:21/);
    assert.match(push.stderr, /quarantine/);
    assertNoKeyIn(push.stderr, keys, "pre-receive output");
    assert.equal(setup.remoteRef("main"), before, "main unchanged");
    assert.equal(setup.remoteRef("feature"), "", "feature not created");

    setup.work.gitOk("reset", "-q", "--hard", "HEAD~1");
    commitFile(setup.work, "app/settings.py", "import os\nPINECONE_API_KEY = os.environ['PINECONE_API_KEY']\n");
    const clean = setup.pushNoVerify("-q", "origin", "main");
    assert.equal(clean.status, 0, clean.stderr);
  }));

  test("bad stdin fails closed with a clear message", withSetup((setup) => {
    const run = setup.work.cli(["pre-receive"], { input: "not a ref line\n" });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unexpected pre-receive input line/);
    assert.match(run.stderr, /fails closed/);
  }));
});
