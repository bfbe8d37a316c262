/**
 * Keys that must not reach a server past pre-receive, whatever git object carries them (issue 12):
 * blobs and trees pushed as tags, annotated tags of blobs, trees and tags, commits hidden behind
 * refs/replace, and keys in tag and commit messages, author and committer names, ref names and file
 * names, past 25 MiB of a file, or in a binary file on a line of their own. Real pushes to real bare
 * repositories through the real hooks; the report names the ref and the object each key came in
 * through, and never shows a key.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test, type TestContext } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { commitFile, createPushSetup, writeHook, type PushSetup } from "../helpers/remote.js";
import type { RunResult } from "../helpers/repo.js";

interface Server extends PushSetup {
  keys: string[];
  key(): string;
  /** git in the work repository, failing the test on error; `input` on stdin. */
  git(args: string[], input?: string): string;
  /** Write an object with `git hash-object -w`. */
  blob(content: string | Buffer): string;
  /** `git mktree` from `<mode> <type> <oid>\t<name>` lines. */
  tree(entries: string[]): string;
}

/** A work repository with a bare remote whose hooks/pre-receive runs the CLI; main already pushed. */
function server(t: TestContext): Server {
  const setup = createPushSetup();
  t.after(() => setup.work.remove());
  writeHook(join(setup.remote, "hooks", "pre-receive"), "pre-receive");
  commitFile(setup.work, "README.md", "# app\n", "readme");
  assert.equal(setup.pushNoVerify("-q", "origin", "main").status, 0);
  const keys: string[] = [];
  const git = (args: string[], input?: string): string => {
    const run = setup.work.git(args, input === undefined ? {} : { input });
    if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
    return run.stdout.trim();
  };
  return {
    ...setup,
    keys,
    key: () => {
      const key = fakeKey();
      keys.push(key);
      return key;
    },
    git,
    blob: (content) => {
      const file = join(setup.work.base, "object");
      writeFileSync(file, content);
      return git(["hash-object", "-w", file]);
    },
    tree: (entries) => git(["mktree"], entries.map((e) => `${e}\n`).join("")),
  };
}

/** The push was rejected by pre-receive with the report lines expected; no key shown; `ref` not created. */
function rejected(s: Server, push: RunResult, ref: string | undefined, expected: RegExp[]): void {
  const output = push.stdout + push.stderr;
  assert.notEqual(push.status, 0, `the push must be rejected:\n${output}`);
  assert.match(output, /remote: pinekey-hook: push rejected:/);
  assert.match(output, /pre-receive hook declined/);
  for (const pattern of expected) assert.match(output, pattern);
  // What the hook printed (git's own lines name the refs pushed, a key-named one included).
  const report = output.split("\n").filter((line) => line.startsWith("remote:")).join("\n");
  assertNoKeyIn(report, s.keys, "pre-receive report");
  if (ref !== undefined) assert.equal(s.remoteRef(ref), "", `${ref} was not created`);
}

describe("pre-receive: objects other than commits", () => {
  test("a blob pushed as a lightweight tag", (t) => {
    const s = server(t);
    const blob = s.blob(`PINECONE_API_KEY=${s.key()}\n`);
    rejected(s, s.pushNoVerify("origin", `${blob}:refs/tags/t`), "refs/tags/t", [
      /1 Pinecone API key in the objects pushed/,
      /\(blob\):1:18 +pinecone-api-key +pcsk_\w+_\w{4}…[\s\S]*?via blob, on refs\/tags\/t/,
    ]);
  });

  test("a tree pushed as a tag (git mktree), its file names and its blobs", (t) => {
    const s = server(t);
    const blob = s.blob(`PINECONE_API_KEY=${s.key()}\n`);
    const sub = s.tree([`100644 blob ${blob}\t.env`]);
    const named = s.key();
    const tree = s.tree([`040000 tree ${sub}\tdeploy`, `100644 blob ${s.blob("clean\n")}\t${named}.txt`]);
    rejected(s, s.pushNoVerify("origin", `${tree}:refs/tags/tree`), "refs/tags/tree", [
      /deploy\/\.env:1:18 [\s\S]*? via tree, on refs\/tags\/tree/,
      /file name pcsk_\w+_\w{4}…\.txt [\s\S]*? via tree, on refs\/tags\/tree/,
    ]);
  });

  test("annotated tags of a blob, of a tree, and a tag of a tag", (t) => {
    const s = server(t);
    const blob = s.blob(`api_key: ${s.key()}\n`);
    s.git(["tag", "-a", "-m", "config", "blobtag", blob]);
    rejected(s, s.pushNoVerify("origin", "blobtag"), "refs/tags/blobtag", [/\(blob\):1:10 [\s\S]*?via tag blobtag → blob, on refs\/tags\/blobtag/]);

    const tree = s.tree([`100644 blob ${s.blob(`KEY = "${s.key()}"\n`)}\tsettings.py`]);
    s.git(["tag", "-a", "-m", "tree", "treetag", tree]);
    rejected(s, s.pushNoVerify("origin", "treetag"), "refs/tags/treetag", [/settings\.py:1:8 [\s\S]*?via tag treetag → tree, on refs\/tags\/treetag/]);

    s.git(["-c", "advice.nestedTag=false", "tag", "-a", "-m", "outer", "outer", "treetag"]);
    rejected(s, s.pushNoVerify("origin", "outer"), "refs/tags/outer", [/settings\.py:1:8 [\s\S]*?via tag outer → tag treetag → tree, on refs\/tags\/outer/]);
  });

  test("a commit hidden behind refs/replace: the replace ref first, then the key commit itself", (t) => {
    const s = server(t);
    const clean = commitFile(s.work, "clean.py", "x = 1\n", "clean");
    s.git(["reset", "-q", "--hard", "HEAD~1"]);
    const bad = commitFile(s.work, "settings.py", `PINECONE_API_KEY = "${s.key()}"\n`, "settings");
    s.git(["replace", bad, clean]);
    // The replace ref alone brings the clean commit: accepted.
    const replace = s.pushNoVerify("-q", "origin", `refs/replace/${bad}`);
    assert.equal(replace.status, 0, replace.stderr);
    // The key commit: the hook reads it as stored, not as its replacement.
    const before = s.remoteRef("main");
    rejected(s, s.pushNoVerify("origin", "main"), undefined, [/settings\.py:1:21 [\s\S]*?in \w{10} "settings", on refs\/heads\/main/]);
    assert.equal(s.remoteRef("main"), before, "main unchanged");
    // Client side too: scan --range ignores the replacement.
    const range = s.work.cli(["scan", "--range", "HEAD~1..HEAD"]);
    assert.equal(range.status, 1, range.stdout);
    assert.match(range.stdout, /settings\.py:1:21/);
  });

  test("a clean annotated release tag and a clean tree tag pass", (t) => {
    const s = server(t);
    s.git(["tag", "-a", "-m", "release 1.0", "v1.0"]);
    assert.equal(s.pushNoVerify("-q", "origin", "v1.0").status, 0);
    const tree = s.tree([`100644 blob ${s.blob("hello\n")}\thello.txt`]);
    assert.equal(s.pushNoVerify("-q", "origin", `${tree}:refs/tags/snapshot`).status, 0);
  });
});

describe("pre-receive: messages, names and identities", () => {
  test("a key in an annotated tag's message", (t) => {
    const s = server(t);
    s.git(["tag", "-a", "-m", `release\n\ndeployed with ${s.key()}`, "v2"]);
    rejected(s, s.pushNoVerify("origin", "v2"), "refs/tags/v2", [/tag message:3:15 [\s\S]*?via tag v2, on refs\/tags\/v2/]);
  });

  test("a key in a commit's subject and body: found, and the subject shown redacted", (t) => {
    const s = server(t);
    s.git(["commit", "-q", "--allow-empty", "-m", `use ${s.key()} for now`]);
    rejected(s, s.pushNoVerify("origin", "main:subject"), "refs/heads/subject", [
      /commit message:1:5 [\s\S]*?in \w{10} "use pcsk_\w+_\w{4}… for now", on refs\/heads\/subject/,
    ]);
    s.git(["reset", "-q", "--hard", "HEAD~1"]);
    s.git(["commit", "-q", "--allow-empty", "-m", `deploy\n\nCo-authored-by: x\nPINECONE_API_KEY=${s.key()}`]);
    rejected(s, s.pushNoVerify("origin", "main:body"), "refs/heads/body", [/commit message:4:18 [\s\S]*?in \w{10} "deploy", on refs\/heads\/body/]);
  });

  test("a key in the author or the committer name", (t) => {
    const s = server(t);
    const run = s.work.git(["commit", "-q", "--allow-empty", "-m", "who"], {
      env: { GIT_AUTHOR_NAME: `bot ${s.key()}`, GIT_COMMITTER_NAME: `ci ${s.key()}` },
    });
    assert.equal(run.status, 0, run.stderr);
    rejected(s, s.pushNoVerify("origin", "main:who"), "refs/heads/who", [/commit author:1:5 /, /commit committer:1:4 /]);
  });

  test("a key in a ref name", (t) => {
    const s = server(t);
    const key = s.key();
    rejected(s, s.pushNoVerify("origin", `main:refs/heads/${key}`), `refs/heads/${key}`, [/ref name refs\/heads\/pcsk_\w+_\w{4}… +pinecone-api-key/]);
  });

  test("a key in a file name, also for an empty file and a pure rename (no hunk)", (t) => {
    const s = server(t);
    const key = s.key();
    commitFile(s.work, `${key}.txt`, "", "empty file");
    rejected(s, s.pushNoVerify("origin", "main:named"), "refs/heads/named", [/file name pcsk_\w+_\w{4}…\.txt [\s\S]*?in \w{10} "empty file", on refs\/heads\/named/]);
    s.git(["reset", "-q", "--hard", "HEAD~1"]);
    commitFile(s.work, "plain.txt", "content\n", "plain");
    assert.equal(s.pushNoVerify("-q", "origin", "main").status, 0);
    s.git(["mv", "plain.txt", `${s.key()}.txt`]);
    s.git(["commit", "-q", "--no-verify", "-m", "rename"]);
    rejected(s, s.pushNoVerify("origin", "main:renamed"), "refs/heads/renamed", [/file name pcsk_\w+_\w{4}…\.txt/]);
  });
});

describe("pre-receive: content of any size, binary decided per file", () => {
  test("a key after the first 25 MiB of a file is found (no size limit by default)", (t) => {
    const s = server(t);
    const filler = `${"x".repeat(99)}\n`.repeat(270_000); // 27 MB
    commitFile(s.work, "data/dump.txt", `${filler}PINECONE_API_KEY=${s.key()}\n`, "dump");
    rejected(s, s.pushNoVerify("origin", "main:dump"), "refs/heads/dump", [/data\/dump\.txt:270001:18/]);
  });

  test("a binary file whose key sits on a line without control characters (\\x00\\x01 then J<key>)", (t) => {
    const s = server(t);
    const key = s.key();
    s.work.write("model.pkl", Buffer.concat([Buffer.from([0x80, 0x04, 0x00, 0x01, 0x0a]), Buffer.from(`J${key}\n`)]));
    s.git(["add", "model.pkl"]);
    // The client's pre-commit hook blocks it already.
    s.work.installPlainHook("pre-commit");
    const commit = s.work.commit("model");
    assert.equal(commit.status, 1, commit.stderr);
    assert.match(commit.stderr, /model\.pkl:2:2/);
    assertNoKeyIn(commit.stderr, s.keys);
    s.git(["commit", "-q", "--no-verify", "-m", "model"]);
    rejected(s, s.pushNoVerify("origin", "main:model"), "refs/heads/model", [/model\.pkl:2:2/]);
  });

  test("pre-commit: a key 27 MB into a binary file blocks the commit (no size limit by default)", (t) => {
    const s = server(t);
    const key = s.key();
    const noise = Buffer.alloc(27 * 1024 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251; // NULs and control bytes throughout
    s.work.write("model.bin", Buffer.concat([noise, Buffer.from(`\x02J${key}\x00`)]));
    s.git(["add", "model.bin"]);
    s.work.installPlainHook("pre-commit");
    const commit = s.work.commit("model");
    assert.equal(commit.status, 1, commit.stderr);
    assert.match(commit.stderr, /commit blocked: 1 Pinecone API key in the staged changes/);
    assert.match(commit.stderr, /model\.bin:\d+:\d+ +pinecone-api-key/);
    assertNoKeyIn(commit.stderr, s.keys);
  });

  test("the same line in a text file is not a key (word boundaries apply to text)", (t) => {
    const s = server(t);
    commitFile(s.work, "notes.txt", `intro\nJ${fakeKey()}\n`, "notes");
    assert.equal(s.pushNoVerify("-q", "origin", "main").status, 0);
  });
});

describe("pre-push and history scans: the same objects and messages", () => {
  test("pre-push blocks a tag of a blob and a key in a commit subject, naming ref and object", (t) => {
    const s = server(t);
    const blob = s.blob(`PINECONE_API_KEY=${s.key()}\n`);
    const tagPush = s.push("origin", `${blob}:refs/tags/t`);
    assert.notEqual(tagPush.status, 0);
    assert.match(tagPush.stderr, /push blocked: 1 Pinecone API key in the objects about to be pushed/);
    assert.match(tagPush.stderr, /\(blob\):1:18 [\s\S]*?via blob, on refs\/tags\/t/);
    s.git(["commit", "-q", "--allow-empty", "-m", `token ${s.key()}`]);
    const push = s.push("origin", "main");
    assert.notEqual(push.status, 0);
    assert.match(push.stderr, /commit message:1:7 [\s\S]*?"token pcsk_\w+_\w{4}…", on refs\/heads\/main/);
    assertNoKeyIn(tagPush.stderr + push.stderr, s.keys);
  });

  test("scan --range and --all: keys in messages found, subjects redacted in text and JSON", (t) => {
    const s = server(t);
    s.git(["commit", "-q", "--allow-empty", "-m", `oops ${s.key()}`]);
    s.git(["tag", "-a", "-m", `tagged ${s.key()}`, "v3", "HEAD~1"]);
    const text = s.work.cli(["scan", "--range", "HEAD~1..HEAD"]);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /commit message:1:6 [\s\S]*?"oops pcsk_\w+_\w{4}…"/);
    const json = s.work.cli(["scan", "--range", "HEAD~1..HEAD", "--format", "json"]);
    assert.equal(json.status, 1);
    const findings = (JSON.parse(json.stdout) as { findings: Array<{ file: string; origin?: string; subject?: string }> }).findings;
    assert.deepEqual(findings.map((f) => [f.file, f.origin]), [["commit message", "commit"]]);
    assert.match(findings[0]!.subject!, /^oops pcsk_\w+_\w{4}…$/);
    const all = s.work.cli(["scan", "--all"]);
    assert.equal(all.status, 1);
    assert.match(all.stdout, /tag message:1:8 [\s\S]*?via tag v3, on refs\/tags\/v3/);
    assert.match(all.stdout, /commit message:1:6/);
    assertNoKeyIn(text.stdout + text.stderr + json.stdout + json.stderr + all.stdout + all.stderr, s.keys);
  });
});
