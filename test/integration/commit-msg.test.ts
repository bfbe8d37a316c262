/**
 * `pinekey-hook commit-msg <file>` and the hook install writes: a key in a commit message blocks the
 * commit before it exists, shown redacted; git's `-v` diff below the scissors line is not part of
 * the message; uninstall removes the hook again.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { TempRepo } from "../helpers/repo.js";
import { writeCliShim } from "../helpers/workflows.js";

function newRepo(t: TestContext): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  return repo;
}

function message(repo: TempRepo, text: string): string {
  const file = join(repo.dir, ".git", "COMMIT_EDITMSG");
  writeFileSync(file, text);
  return file;
}

test("a key anywhere in the message blocks (exit 1), redacted; a clean message passes silently", (t) => {
  const repo = newRepo(t);
  const keys = [fakeKey(), fakeUuid()];
  const clean = repo.cli(["commit-msg", message(repo, "Add the index client\n\nReads PINECONE_API_KEY from the environment.\n")]);
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stderr + clean.stdout, "");

  const blocked = repo.cli(["commit-msg", message(repo, `Connect\n\npinecone key ${keys[0]}\nPINECONE_API_KEY=${keys[1]}\n`)]);
  assert.equal(blocked.status, 1, blocked.stderr);
  assert.match(blocked.stderr, /commit blocked: 2 Pinecone API keys in the commit message/);
  assert.match(blocked.stderr, /commit message:3:14 +pinecone-api-key +pcsk_\w+_\w{4}…/);
  assert.match(blocked.stderr, /commit message:4:18 +pinecone-legacy-api-key/);
  assert.match(blocked.stderr, /git commit -e -F \.git\/COMMIT_EDITMSG/);
  assertNoKeyIn(blocked.stderr + blocked.stdout, keys);
});

test("the -v diff below git's scissors line is not the message; comment lines above it are read", (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const below = `Fix\n# Please enter the commit message.\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\n+KEY = "${key}"\n`;
  assert.equal(repo.cli(["commit-msg", message(repo, below)]).status, 0);
  const above = `Fix\n# the key was ${key}\n# ------------------------ >8 ------------------------\n`;
  assert.equal(repo.cli(["commit-msg", message(repo, above)]).status, 1);
});

test("a missing message file or no argument: exit 2 naming the cause", (t) => {
  const repo = newRepo(t);
  const missing = repo.cli(["commit-msg", join(repo.base, "nope")]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read the commit message file ".*nope" \(ENOENT\)/);
  const none = repo.cli(["commit-msg"]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /"commit-msg" needs 1 argument: the file git passes to a commit-msg hook/);
});

test("install adds .husky/commit-msg next to pre-commit; a real commit with a key in its message is stopped; uninstall removes it", (t) => {
  const repo = newRepo(t);
  const install = repo.cli(["install"]);
  assert.equal(install.status, 0, install.stderr);
  const hook = join(repo.dir, ".husky", "commit-msg");
  assert.match(readFileSync(hook, "utf8"), /pinekey-hook commit-msg "\$1" \|\| exit \$\?/);
  assert.match(install.stdout, /added the pinekey-hook check to \.husky\/commit-msg/);
  // husky runs .husky/commit-msg through its shim; the CLI is this checkout's, through a shim on PATH.
  const bin = join(repo.base, "bin");
  writeCliShim(bin);
  const env = { PATH: `${bin}:${process.env.PATH ?? ""}` };
  const key = fakeKey();
  repo.stage("a.txt", "a\n");
  const commit = repo.git(["commit", "-q", "-m", `first\n\nPINECONE_API_KEY=${key}`], { env });
  assert.notEqual(commit.status, 0, commit.stderr);
  assert.match(commit.stderr, /commit blocked: 1 Pinecone API key in the commit message/);
  assertNoKeyIn(commit.stderr, [key]);
  assert.equal(repo.git(["rev-parse", "-q", "--verify", "HEAD"]).stdout, "", "nothing committed");
  assert.equal(repo.git(["commit", "-q", "-m", "first"], { env }).status, 0);

  const uninstall = repo.cli(["uninstall"]);
  assert.equal(uninstall.status, 0, uninstall.stderr);
  assert.ok(!existsSync(hook), "removed: it held only pinekey-hook");
});
