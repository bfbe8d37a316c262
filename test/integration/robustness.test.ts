/**
 * Issue 5: every awkward git state and every bad input, with real repositories. Cases the other
 * integration files already prove (first commit, `commit <path>`, `commit -a`, partial staging, odd
 * file names, CRLF, renames, mode-only changes, merges, worktrees, subdirectories, GIT_DIR, SHA-256
 * pushes, not a repository, bad arguments) are not repeated here. Where a case is about hooks it
 * goes through a real `git commit` or `git push` with the real hook.
 *
 * Every output of every case is checked for keys (assertNoKeyIn), and so is the git directory
 * (apart from its object store) after a blocked run: pinekey-hook writes no key anywhere.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { describe, test, type TestContext } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { commitFile, createPushSetup, writeHook } from "../helpers/remote.js";
import { CLI, makeTempDir, type RunResult, TempRepo } from "../helpers/repo.js";
import { assertFindings, type JsonFinding, scanAll } from "../helpers/scan.js";

function newRepo(t: TestContext): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  return repo;
}

/** A repository with one commit and the plain pre-commit hook (this checkout's CLI). */
function hookedRepo(t: TestContext): TempRepo {
  const repo = newRepo(t);
  repo.installPlainHook();
  repo.stage("README.md", "# demo\n");
  assert.equal(repo.commit("init").status, 0);
  return repo;
}

const text = (lines: string[], eol = "\n"): string => lines.join(eol) + eol;
const filler = (count: number, prefix = "x"): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i} = ${i}`);

function head(repo: TempRepo): string {
  return repo.git(["rev-parse", "-q", "--verify", "HEAD"]).stdout.trim();
}

function assertNoStack(output: string): void {
  assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+/, "no stack trace");
  assert.doesNotMatch(output, /unexpected failure|This is a bug/, "not an unexpected failure");
}

/** Exactly one `pinekey-hook: error:` line, matching `message`, and no stack trace. */
function assertOneError(stderr: string, message: RegExp): void {
  const errors = stderr.split("\n").filter((line) => line.startsWith("pinekey-hook: error:"));
  assert.equal(errors.length, 1, `one error line:\n${stderr}`);
  assert.match(errors[0]!, message);
  assertNoStack(stderr);
}

/** A commit the hook blocked: git failed, HEAD did not move, the report names each place. */
function assertCommitBlocked(run: RunResult, repo: TempRepo, headBefore: string, keys: string[], places: string[]): void {
  assert.notEqual(run.status, 0, `the commit must be blocked:\n${run.stderr}`);
  assert.equal(head(repo), headBefore, "HEAD must not move");
  assert.match(run.stderr, /pinekey-hook: commit blocked:/);
  for (const place of places) assert.ok(run.stderr.includes(place), `the report names ${place}:\n${run.stderr}`);
  assertNoKeyIn(run.stdout + run.stderr, keys, "git commit output");
  assertNoKeyInGitDir(repo, keys);
}

/**
 * Every file of the git directory is free of keys, except the object stores (the repository's own
 * and its submodules'), which hold the committed and staged content itself.
 */
function assertNoKeyInGitDir(repo: TempRepo, keys: string[]): void {
  const gitDir = join(repo.dir, ".git");
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "objects") continue;
      if (statSync(path).isDirectory()) walk(path);
      else assertNoKeyIn(readFileSync(path, "latin1"), keys, `.git/${relative(gitDir, path)}`);
    }
  };
  walk(gitDir);
}

/** `scan --staged --format json` once (for the cases too big to run in three formats). */
function scanJson(repo: TempRepo, keys: string[]): { status: number; findings: JsonFinding[]; run: RunResult } {
  const run = repo.cli(["scan", "--staged", "--format", "json"]);
  assertNoKeyIn(run.stdout + run.stderr, keys, "scan output");
  assert.ok(run.status === 0 || run.status === 1, `scan failed (${run.status}):\n${run.stderr}`);
  return { status: run.status, findings: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings, run };
}

// ---------------------------------------------------------------------------------------------

describe("line endings and encodings", () => {
  test("mixed line endings (LF and CRLF in one file): right line numbers and columns", async (t) => {
    const repo = newRepo(t);
    const keys = [fakeKey(), fakeKey()];
    repo.stage("mixed.py", "a = 1\r\nb = 2\nc = 3\r\n");
    repo.gitOk("commit", "-q", "--no-verify", "-m", "base");
    // Edited: the new lines follow both kinds of ending, and one of them ends in CRLF itself.
    repo.stage("mixed.py", `a = 1\r\nb = 2\nKEY_A = "${keys[0]}"\r\nc = 3\r\nd = 4\nKEY_B = '${keys[1]}'\n`);
    const scan = await scanAll(repo, keys);
    assert.equal(scan.status, 1);
    assertFindings(scan.findings, [
      { file: "mixed.py", line: 3, column: 10 },
      { file: "mixed.py", line: 6, column: 10 },
    ]);
  });

  test("no final newline: a key added after a last line that had none, and a last line that still has none", async (t) => {
    const repo = newRepo(t);
    const keys = [fakeKey(), fakeKey()];
    repo.stage("a.env", "ONE=1\nTWO=2"); // no newline at the end
    repo.stage("b.ps1", "# setup\r\n$x = 1"); // CRLF, no newline at the end
    repo.gitOk("commit", "-q", "--no-verify", "-m", "base");
    repo.stage("a.env", `ONE=1\nTWO=2\nPINECONE_API_KEY=${keys[0]}`);
    repo.stage("b.ps1", `# setup\r\n$x = 1\r\n$env:PINECONE_API_KEY = "${keys[1]}"`);
    assert.match(repo.gitOk("diff", "--cached"), /\\ No newline at end of file/, "git marks the missing newline");
    const scan = await scanAll(repo, keys);
    assert.equal(scan.status, 1);
    assertFindings(scan.findings, [
      { file: "a.env", line: 3, column: 18 },
      { file: "b.ps1", line: 3, column: 26 },
    ]);
  });

  test("non-UTF-8 bytes (latin-1) around a key: found on its line, each byte one column", async (t) => {
    const repo = newRepo(t);
    const key = fakeKey();
    const before = "ÿþ clé: «";
    repo.stage(
      "legacy.ini",
      Buffer.concat([Buffer.from("[café]\nnaïve=1\n", "latin1"), Buffer.from(before, "latin1"), Buffer.from(key), Buffer.from("» été\n", "latin1")]),
    );
    const scan = await scanAll(repo, [key]);
    assert.equal(scan.status, 1);
    assertFindings(scan.findings, [{ file: "legacy.ini", line: 3, column: before.length + 1 }]);
  });

  test("a UTF-16LE file with a BOM: keys found (encoding utf-16), lines and columns as an editor shows them, the commit blocked", async (t) => {
    const repo = hookedRepo(t);
    const keys = [fakeKey(), fakeKey()];
    const lines = [`FIRST=${keys[0]}`, "# PowerShell profile, saved by Notepad", `$env:PINECONE_API_KEY = "${keys[1]}"`, "Write-Host ok"];
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(lines, "\r\n"), "utf16le")]);
    repo.stage("profile.ps1", utf16);
    const expected = [
      { file: "profile.ps1", line: 1, column: 7, encoding: "utf-16" },
      { file: "profile.ps1", line: 3, column: 26, encoding: "utf-16" },
    ];
    const scan = await scanAll(repo, keys);
    assert.equal(scan.status, 1);
    assertFindings(scan.findings, expected);

    // The working-tree scan reads the same file the same way.
    const files = repo.cli(["scan", "profile.ps1", "--format", "json"]);
    assertNoKeyIn(files.stdout + files.stderr, keys);
    assertFindings((JSON.parse(files.stdout) as { findings: JsonFinding[] }).findings, expected);

    const before = head(repo);
    assertCommitBlocked(repo.commit("profile"), repo, before, keys, ["profile.ps1:1:7", "profile.ps1:3:26"]);
  });

  test("a UTF-8 BOM is not a column: the same place in scan --staged and scan <file>", async (t) => {
    const repo = newRepo(t);
    const key = fakeKey();
    repo.stage("bom.py", `\ufeffKEY = "${key}"\nx = 1\n`);
    const scan = await scanAll(repo, [key]);
    assert.equal(scan.status, 1);
    assertFindings(scan.findings, [{ file: "bom.py", line: 1, column: 8 }]);
    const files = repo.cli(["scan", "bom.py", "--format", "json"]);
    assertFindings((JSON.parse(files.stdout) as { findings: JsonFinding[] }).findings, [{ file: "bom.py", line: 1, column: 8 }]);
  });
});

describe("big and binary files", () => {
  test("a key at the end of a ~5 MB single-line minified bundle is blocked by the real hook", (t) => {
    const repo = hookedRepo(t);
    const key = fakeKey();
    const body = "function a(b){return b+1};var c=[1,2,3].map(a);".repeat(Math.ceil((5 * 1024 * 1024) / 48));
    const tail = `;const k="${key}";`;
    repo.stage("dist/app.min.js", body + tail);
    const column = body.length + tail.indexOf(key) + 1;
    const before = head(repo);
    const run = repo.commit("bundle");
    assertCommitBlocked(run, repo, before, [key], [`dist/app.min.js:1:${column}`]);
  });

  test("keys inside binary files (a pickled model config, a SQLite record) are blocked by the real hook", (t) => {
    const repo = hookedRepo(t);
    const keys = [fakeKey(), fakeKey()];
    // pickle.dumps({"api_key": key}, protocol=4): framing bytes with NULs, and each string after its
    // opcode and a length byte: 74 characters is "J", glued to the key with no delimiter.
    const pickle = Buffer.concat([
      Buffer.from([0x80, 0x04, 0x95, 0x5d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7d, 0x94, 0x8c, 0x07]),
      Buffer.from("api_key"),
      Buffer.from([0x94, 0x8c, keys[0]!.length]),
      Buffer.from(keys[0]!),
      Buffer.from([0x94, 0x73, 0x2e]),
    ]);
    assert.equal(String.fromCharCode(keys[0]!.length), "J");
    // A SQLite page whose record stores ("api_key", key, "us-east-1-aws") as one run of text.
    const page = Buffer.alloc(4096, 0);
    page.write("SQLite format 3\0", 0, "latin1");
    page.write(`\x07\x04\x1b\xa9\x27api_key${keys[1]}us-east-1-aws`, 3000, "latin1");
    repo.stage("models/config.pkl", pickle);
    repo.stage("data/app.sqlite", page);
    assert.match(repo.gitOk("diff", "--cached", "--numstat"), /^-\t-\tdata\/app\.sqlite$/m, "git itself calls it binary");
    const pickleColumn = new TextDecoder().decode(pickle).indexOf(keys[0]!) + 1;
    const pageColumn = new TextDecoder().decode(page).indexOf(keys[1]!) + 1;
    const before = head(repo);
    assertCommitBlocked(repo.commit("binaries"), repo, before, keys, [
      `data/app.sqlite:1:${pageColumn}`,
      `models/config.pkl:1:${pickleColumn}`,
    ]);
  });

  test("a file over maxFileBytes blocks: a key in its first part exits 1, a file without one exits 2 naming it", async (t) => {
    const repo = hookedRepo(t);
    const keys = [fakeKey(), fakeKey()];
    repo.stage(".pinekeyrc.json", JSON.stringify({ maxFileBytes: 2000 }) + "\n");
    repo.gitOk("commit", "-q", "--no-verify", "-m", "config");
    // The first key lies within the limit, the second far past it.
    repo.stage("big.txt", text([...filler(5), `KEY = "${keys[0]}"`, ...filler(300), `LATE = "${keys[1]}"`]));
    const note = /note: big\.txt was not fully scanned: it is larger than the size limit \(maxFileBytes: 2000 bytes\)/;

    const textRun = repo.cli(["scan", "--staged"]);
    assert.equal(textRun.status, 1);
    assert.match(textRun.stdout, note);
    assert.match(textRun.stdout, /big\.txt:6:8/);
    assert.doesNotMatch(textRun.stdout, /big\.txt:307/, "nothing past the limit is read");
    // JSON keeps its documented shape; the note goes to stderr.
    const json = scanJson(repo, keys);
    assertFindings(json.findings, [{ file: "big.txt", line: 6, column: 8 }]);
    assert.match(json.run.stderr, note);

    const before = head(repo);
    const run = repo.commit("big");
    assertCommitBlocked(run, repo, before, keys, ["big.txt:6:8"]);
    assert.match(run.stderr, note);

    // An over-limit file without a key in its first part is not called clean: exit 2, naming it.
    repo.stage("big.txt", text(filler(400)));
    const refused = repo.commit("big, clean");
    assert.notEqual(refused.status, 0, "never a note and exit 0");
    assert.match(refused.stderr, /1 file was not fully scanned, being larger than the size limit \(maxFileBytes: 2000 bytes\): big\.txt/);
    assert.match(refused.stderr, /remove maxFileBytes from .*\.pinekeyrc\.json .*or raise it; to let such a file through unscanned, list it in ignorePaths/);
    assert.equal(head(repo), before, "nothing committed");
    assert.equal(repo.cli(["scan", "--staged"]).status, 2);
  });

});

describe("copies and deletions", () => {
  test("a copied file is reported at its new path, also with copy detection configured", async (t) => {
    const repo = newRepo(t);
    const key = fakeKey();
    const lines = [...filler(20), `PINECONE_API_KEY = "${key}"`];
    repo.stage("settings.py", text(lines));
    repo.gitOk("commit", "-q", "--no-verify", "-m", "base");
    repo.gitOk("config", "diff.renames", "copies");
    copyFileSync(join(repo.dir, "settings.py"), join(repo.dir, "settings_copy.py"));
    repo.stage("settings.py", text([...lines, "DEBUG = False"])); // the source changes too, as git -C needs
    repo.gitOk("add", "settings_copy.py");
    assert.match(repo.gitOk("diff", "--cached", "-C", "--name-status"), /^C\d+\tsettings\.py\tsettings_copy\.py$/m, "git sees a copy");
    const scan = await scanAll(repo, [key]);
    assert.equal(scan.status, 1);
    assertFindings(scan.findings, [{ file: "settings_copy.py", line: 21, column: 21 }]);
  });

  test("deleting and renaming files that hold keys commits through the real hook", (t) => {
    const repo = hookedRepo(t);
    const keys = [fakeKey(), fakeKey(), fakeKey()];
    commitFile(repo, ".env", `PINECONE_API_KEY=${keys[0]}\n`);
    commitFile(repo, "old.py", `KEY = "${keys[1]}"\n`);
    commitFile(repo, "moved.py", `KEY = "${keys[2]}"\n`);
    repo.gitOk("rm", "-q", ".env", "old.py");
    repo.gitOk("mv", "moved.py", "renamed.py");
    const run = repo.commit("remove keys");
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    assertNoKeyIn(run.stdout, keys);
  });
});

describe("an unmerged index", () => {
  /** main and side both change f.py's middle line: merging side stops with f.py in conflict. */
  function conflicted(t: TestContext): TempRepo {
    const repo = hookedRepo(t);
    repo.stage("f.py", "a = 1\nb = 2\nc = 3\n");
    repo.gitOk("commit", "-q", "--no-verify", "-m", "base");
    repo.gitOk("checkout", "-q", "-b", "side");
    repo.stage("f.py", "a = 1\nb = 'side'\nc = 3\n");
    repo.gitOk("commit", "-q", "--no-verify", "-m", "side");
    repo.gitOk("checkout", "-q", "main");
    repo.stage("f.py", "a = 1\nb = 'main'\nc = 3\n");
    repo.gitOk("commit", "-q", "--no-verify", "-m", "main");
    assert.notEqual(repo.git(["merge", "-q", "side"]).status, 0, "the merge stops on a conflict");
    assert.match(repo.gitOk("ls-files", "-u"), /\tf\.py$/m);
    return repo;
  }
  const note = /note: 1 path with unresolved merge conflicts was not scanned: f\.py\. Resolve and git add it/;

  test("scan --staged scans the staged entries and names the unmerged paths (exit by findings, never a crash)", async (t) => {
    const repo = conflicted(t);
    const textRun = repo.cli(["scan", "--staged"]);
    assert.equal(textRun.status, 0, textRun.stderr);
    assert.match(textRun.stdout, /no Pinecone API keys in the staged changes/);
    assert.match(textRun.stdout, note);
    assertNoStack(textRun.stdout + textRun.stderr);
    const json = repo.cli(["scan", "--staged", "--format", "json"]);
    assert.equal(json.status, 0);
    assert.deepEqual(JSON.parse(json.stdout), { findings: [] });
    assert.match(json.stderr, note);

    // A key staged while the conflict is open (a new file of the resolution) is found all the same.
    const key = fakeKey();
    repo.stage("resolution.py", `KEY = "${key}"\n`);
    const blocked = repo.cli(["scan", "--staged"]);
    assert.equal(blocked.status, 1);
    assert.match(blocked.stdout, /resolution\.py:1:8/);
    assert.match(blocked.stdout, note);
    assertNoKeyIn(blocked.stdout + blocked.stderr, [key]);

    // git itself refuses to commit before the conflict is resolved; the hook is not even asked.
    const commit = repo.commit("too early");
    assert.notEqual(commit.status, 0);
    assert.doesNotMatch(commit.stderr, /pinekey-hook/);
  });

  test("resolving with a key and committing: blocked by the real hook", (t) => {
    const repo = conflicted(t);
    const key = fakeKey();
    repo.stage("f.py", `a = 1\nb = "${key}"\nc = 3\n`);
    const before = head(repo);
    assertCommitBlocked(repo.commit("merge"), repo, before, [key], ["f.py:2:6"]);
  });
});

describe("submodules and symlinks", () => {
  test("a submodule and symlinks staged: a clean commit passes the real hook, a symlink to a key is blocked", (t) => {
    const repo = hookedRepo(t);
    const key = fakeKey();
    // The submodule's own history holds a key: that is its repository's business, not this commit's.
    const lib = join(repo.base, "lib");
    mkdirSync(lib);
    const libRepo = (args: string[]): RunResult => repo.git(args, { cwd: lib });
    libRepo(["init", "-q"]);
    writeFileSync(join(lib, "k.py"), `KEY = "${key}"\n`);
    libRepo(["add", "k.py"]);
    assert.equal(libRepo(["commit", "-q", "--no-verify", "-m", "lib"]).status, 0);
    const add = repo.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "vendor/lib"]);
    assert.equal(add.status, 0, add.stderr);
    symlinkSync("README.md", join(repo.dir, "readme-link"));
    symlinkSync("vendor/lib", join(repo.dir, "lib-link"));
    repo.gitOk("add", "readme-link", "lib-link");
    assert.match(repo.gitOk("diff", "--cached", "--name-status"), /^A\tvendor\/lib$/m);

    const clean = repo.commit("submodule and links");
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stderr, "");

    // The working-tree scan walks past the submodule directory and the links without tripping.
    const files = repo.cli(["scan"]);
    assert.equal(files.status, 0, files.stderr);
    assertNoStack(files.stderr);

    symlinkSync(`secrets/${key}`, join(repo.dir, "key-link"));
    repo.gitOk("add", "key-link");
    const before = head(repo);
    assertCommitBlocked(repo.commit("key link"), repo, before, [key], ["key-link:1:9"]);
  });
});

describe("shallow and partial clones", () => {
  test("a shallow clone (--depth 1): the real hooks block a key at commit and at push, and let clean work through", (t) => {
    const setup = createPushSetup();
    t.after(() => setup.work.remove());
    const { work } = setup;
    for (let i = 1; i <= 3; i++) commitFile(work, `f${i}.txt`, `v${i}\n`);
    assert.equal(setup.pushNoVerify("-q", "origin", "main").status, 0);

    const clone = join(work.base, "shallow");
    const cloned = work.git(["clone", "-q", "--depth", "1", `file://${setup.remote}`, clone], { cwd: work.base });
    assert.equal(cloned.status, 0, cloned.stderr);
    const git = (...args: string[]): RunResult => work.git(args, { cwd: clone });
    assert.equal(git("rev-parse", "--is-shallow-repository").stdout.trim(), "true");
    writeHook(join(clone, ".git", "hooks", "pre-commit"), "pre-commit");
    writeHook(join(clone, ".git", "hooks", "pre-push"), 'pre-push "$@"');

    const key = fakeKey();
    writeFileSync(join(clone, "k.py"), `KEY = "${key}"\n`);
    git("add", "k.py");
    const commit = git("commit", "-q", "-m", "key");
    assert.notEqual(commit.status, 0);
    assert.match(commit.stderr, /commit blocked[\s\S]*k\.py:1:8/);

    assert.equal(git("commit", "-q", "--no-verify", "-m", "key, around the hook").status, 0);
    const push = git("push", "-q", "origin", "main");
    assert.notEqual(push.status, 0);
    assert.match(push.stderr, /push blocked: 1 Pinecone API key in 1 commit to be pushed/);
    assertNoKeyIn(commit.stderr + push.stderr, [key]);
    assertNoStack(push.stderr);

    assert.equal(git("reset", "-q", "--hard", "HEAD~1").status, 0);
    writeFileSync(join(clone, "clean.txt"), "clean\n");
    git("add", "clean.txt");
    assert.equal(git("commit", "-q", "-m", "clean").status, 0);
    const cleanPush = git("push", "-q", "origin", "main");
    assert.equal(cleanPush.status, 0, cleanPush.stderr);
    assert.equal(setup.remoteRef("main"), git("rev-parse", "HEAD").stdout.trim());
  });

  test("a partial clone (--filter=blob:none): a push works; with the blobs' remote gone it fails closed, naming the missing object", (t) => {
    const setup = createPushSetup();
    t.after(() => setup.work.remove());
    const { work } = setup;
    for (let i = 1; i <= 3; i++) commitFile(work, "f.txt", `version ${i}\n`, `v${i}`);
    assert.equal(setup.pushNoVerify("-q", "origin", "main").status, 0);
    work.gitOk("--git-dir", setup.remote, "config", "uploadpack.allowFilter", "true");

    const clone = join(work.base, "partial");
    const cloned = work.git(["clone", "-q", "--filter=blob:none", `file://${setup.remote}`, clone], { cwd: work.base });
    assert.equal(cloned.status, 0, cloned.stderr);
    const git = (...args: string[]): RunResult => work.git(args, { cwd: clone });
    const missing = git("rev-list", "--objects", "--missing=print", "--all").stdout.split("\n").filter((l) => l.startsWith("?"));
    assert.ok(missing.length >= 2, "the old versions of f.txt are not in the clone");
    writeHook(join(clone, ".git", "hooks", "pre-push"), 'pre-push "$@"');

    // The remote the clone came from is there: a new commit goes out through the hook.
    writeFileSync(join(clone, "f.txt"), "version 4\n");
    git("commit", "-q", "-am", "v4");
    const push = git("push", "-q", "origin", "main");
    assert.equal(push.status, 0, push.stderr);

    // A mirror that has nothing yet: the push would send all history, whose old blobs this clone
    // never fetched, and the remote that has them is gone. The hook cannot see those lines: it stops.
    const mirror = join(work.base, "mirror.git");
    work.gitOk("init", "-q", "--bare", mirror);
    git("remote", "add", "mirror", mirror);
    renameSync(setup.remote, `${setup.remote}.away`);
    const blocked = git("push", "-q", "mirror", "main");
    renameSync(`${setup.remote}.away`, setup.remote);
    assert.notEqual(blocked.status, 0);
    assertOneError(blocked.stderr, /object [0-9a-f]{40} is missing from this partial clone, and git could not fetch it/);
    assert.ok(missing.some((line) => blocked.stderr.includes(line.slice(1))), `the message names a missing object:\n${blocked.stderr}`);
    assert.match(blocked.stderr, /The pre-push check could not run, so the push was stopped\s+\(pinekey-hook fails closed\)/);
    assert.equal(work.git(["--git-dir", mirror, "rev-parse", "-q", "--verify", "main"]).stdout, "", "nothing reached the mirror");
  });
});

describe("scale", () => {
  test("5,000 staged files in one commit: the real hook finds the one key, with no argument-list limits", (t) => {
    const repo = hookedRepo(t);
    const key = fakeKey();
    for (let i = 0; i < 5000; i++) repo.write(`data/d${i % 50}/file-${i}.txt`, `value = ${i}\n`);
    repo.write("data/d7/file-4207.txt", `value = 4207\nKEY = "${key}"\n`);
    repo.gitOk("add", "data");
    assert.equal(repo.gitOk("diff", "--cached", "--name-only").split("\n").filter(Boolean).length, 5000);
    const before = head(repo);
    const run = repo.commit("many files");
    assertCommitBlocked(run, repo, before, [key], ["data/d7/file-4207.txt:2:8"]);

    repo.write("data/d7/file-4207.txt", "value = 4207\n");
    repo.gitOk("add", "data");
    const clean = repo.commit("many files, clean");
    assert.equal(clean.status, 0, clean.stderr);
    const files = repo.cli(["scan", "data"]);
    assert.equal(files.status, 0, files.stderr);
    assert.match(files.stdout, /no Pinecone API keys in 5000 files/);
  });
});

describe("a broken environment: exit 2, one clear message, and a hook fails closed", () => {
  test("git missing from PATH", (t) => {
    const repo = newRepo(t);
    const bin = join(repo.base, "node-only");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    const env = { PATH: bin };
    const scan = repo.cli(["scan", "--staged"], { env });
    assert.equal(scan.status, 2);
    assert.equal(scan.stdout, "");
    assertOneError(scan.stderr, /git was not found on PATH/);
    assert.match(scan.stderr, /Install git \(2\.28 or newer\)/);
    const hook = repo.cli(["pre-commit"], { env });
    assert.equal(hook.status, 2);
    assertOneError(hook.stderr, /git was not found on PATH/);
    assert.match(hook.stderr, /The pre-commit check could not run, so the commit was stopped\s+\(pinekey-hook fails closed\)/);
  });

  test("git too old (a git that answers 2.20.0 and fails everything else)", (t) => {
    const repo = newRepo(t);
    const bin = join(repo.base, "old-git");
    mkdirSync(bin);
    writeFileSync(
      join(bin, "git"),
      '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "git version 2.20.0"; exit 0; fi\necho "error: unknown option" >&2\nexit 129\n',
    );
    chmodSync(join(bin, "git"), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH ?? ""}` };
    for (const args of [["scan", "--staged"], ["scan", "--all"], ["pre-commit"]]) {
      const run = repo.cli(args, { env });
      assert.equal(run.status, 2, args.join(" "));
      assertOneError(run.stderr, /git 2\.20\.0 is too old: pinekey-hook needs git 2\.28/);
    }
    assert.match(repo.cli(["pre-commit"], { env }).stderr, /pinekey-hook fails closed/);
  });

  test("an unreadable object: exit 2 naming it; the real hook blocks the commit", (t) => {
    const repo = hookedRepo(t);
    repo.stage("notes.txt", "hello\n");
    const oid = repo.gitOk("rev-parse", ":notes.txt").trim();
    // The index references the blob; without its file (and without the work-tree copy git could
    // reuse instead) git cannot read it.
    unlinkSync(join(repo.dir, ".git", "objects", oid.slice(0, 2), oid.slice(2)));
    unlinkSync(join(repo.dir, "notes.txt"));
    for (const format of ["text", "json"]) {
      const run = repo.cli(["scan", "--staged", "--format", format]);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, "");
      assertOneError(run.stderr, new RegExp(`git could not read object ${oid}: the repository is missing it or it is damaged`));
      assert.match(run.stderr, /git fsck/);
    }
    const before = head(repo);
    const commit = repo.commit("broken");
    assert.notEqual(commit.status, 0);
    assert.equal(head(repo), before);
    assert.match(commit.stderr, new RegExp(`git could not read object ${oid}`));
    assert.match(commit.stderr, /pinekey-hook fails closed/);
    assertNoStack(commit.stderr);
  });

  test("a current directory that no longer exists: one clear message, not a bug report", (t) => {
    const repo = newRepo(t);
    for (const command of ["scan --staged", "pre-commit"]) {
      // The shell stands in a directory that is then removed, and starts the CLI from there.
      const script = `mkdir gone && cd gone && rmdir ../gone && exec "${process.execPath}" "${CLI}" ${command}`;
      const run = spawnSync("/bin/sh", ["-c", script], { cwd: repo.dir, env: repo.env(), encoding: "utf8" });
      assert.equal(run.status, 2, command);
      assertOneError(run.stderr, /the current directory no longer exists/);
    }
  });

  test("a broken .pinekeyrc.json: the real commit is blocked with the message", (t) => {
    const repo = hookedRepo(t);
    repo.stage("a.txt", "a\n");
    for (const [content, message] of [
      ['{ "maxFileBytes": ', /\.pinekeyrc\.json:1:19: not valid JSON/],
      ['{ "maxFileBytes": "big" }', /\.pinekeyrc\.json: "maxFileBytes" must be/],
      ['{ "ignorePath": ["x"] }', /\.pinekeyrc\.json/],
    ] as const) {
      writeFileSync(join(repo.dir, ".pinekeyrc.json"), content);
      const before = head(repo);
      const run = repo.commit("with a broken config");
      assert.notEqual(run.status, 0, content);
      assert.equal(head(repo), before);
      assertOneError(run.stderr, message);
      assert.match(run.stderr, /The pre-commit check could not run, so the commit was stopped\s+\(pinekey-hook fails closed\)/);
    }
  });
});

describe("an interrupted hook", () => {
  /** Pids of the live (not zombie) processes whose parent is `parent`, with their command names. */
  function children(parent: number): Array<{ pid: number; comm: string }> {
    const found: Array<{ pid: number; comm: string }> = [];
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${name}/stat`, "utf8");
      } catch {
        continue; // gone meanwhile
      }
      const close = stat.lastIndexOf(")");
      const [state, ppid] = stat.slice(close + 2).split(" ");
      if (Number(ppid) === parent && state !== "Z" && state !== "X") found.push({ pid: Number(name), comm: stat.slice(stat.indexOf("(") + 1, close) });
    }
    return found;
  }
  function alive(pid: number): boolean {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
      return state !== "Z" && state !== "X";
    } catch {
      return false;
    }
  }
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  test("Ctrl-C during scan --staged: git children end, no new files in the repository or the temp directory", { skip: !existsSync("/proc/self/stat") && "needs /proc" }, async (t) => {
    const repo = newRepo(t);
    const key = fakeKey();
    const line = "a line of text in a big generated file, pinecone mentioned for the prefilter\n";
    for (let i = 0; i < 3; i++) repo.write(`big${i}.txt`, line.repeat(150_000) + `KEY = "${key}"\n`);
    repo.gitOk("add", ".");
    const tmp = makeTempDir("pinekey-interrupt-tmp-");
    t.after(() => rmSync(tmp, { recursive: true, force: true }));
    const listing = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).sort();
    const repoBefore = listing(repo.dir);

    const child = spawn(process.execPath, [CLI, "scan", "--staged"], {
      cwd: repo.dir,
      env: repo.env({ TMPDIR: tmp }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (code, signal) => resolve({ code, signal })),
    );

    // Wait until the scan runs git, then interrupt it as Ctrl-C would (SIGINT to the node process).
    let gits: number[] = [];
    for (let waited = 0; gits.length === 0 && waited < 10_000; waited += 10) {
      gits = children(child.pid!).filter((c) => c.comm === "git").map((c) => c.pid);
      if (gits.length === 0) await sleep(10);
    }
    assert.ok(gits.length > 0, "the scan started git");
    child.kill("SIGINT");
    const { code, signal } = await closed;

    assert.ok(signal === "SIGINT" || code === 130, `ended by the interrupt (code ${code}, signal ${signal})`);
    assert.match(stderr, /pinekey-hook: interrupted \(SIGINT\) before the check finished/);
    assertNoStack(stderr);
    assertNoKeyIn(stdout + stderr, [key]);
    for (let waited = 0; gits.some(alive) && waited < 3000; waited += 20) await sleep(20);
    assert.deepEqual(gits.filter(alive), [], "no git process of the interrupted scan is still running");
    assert.deepEqual(listing(repo.dir), repoBefore, "no new files in the repository");
    assert.deepEqual(readdirSync(tmp), [], "no temporary files");
  });
});
