/**
 * `pinekey-hook scan --staged` against real git in temporary repositories: what counts (added lines
 * of the index against HEAD), where it is reported (file:line:column, the path exactly as git
 * stores it) and that no output in any format carries a key.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { base64, fakeKey, fakeUuid } from "../helpers/keys.js";
import { PROJECT_ROOT, TempRepo } from "../helpers/repo.js";
import { assertFindings, columnOf, scanAll } from "../helpers/scan.js";

function newRepo(t: TestContext, options: Parameters<typeof TempRepo.create>[0] = {}): TempRepo {
  const repo = TempRepo.create(options);
  t.after(() => repo.remove());
  return repo;
}

/** Commit whatever is staged (no hook is installed in these repositories). */
function commitStaged(repo: TempRepo, message = "commit"): void {
  repo.gitOk("commit", "-q", "--no-verify", "-m", message);
}

function numbered(count: number, prefix = "line"): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}_${i + 1} = ${i + 1}`);
}

const text = (lines: string[]): string => lines.join("\n") + "\n";

const OWN_VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;

test("a key in a new file: exit 1, JSON finding with rule, file, line, column, redaction, fingerprint", async (t) => {
  const repo = newRepo(t);
  repo.stage("README.md", "# demo\n");
  commitStaged(repo);
  const key = fakeKey();
  const keyLine = `PINECONE_API_KEY = "${key}"`;
  repo.stage("config.py", text(["import os", "", keyLine]));

  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assert.equal(scan.findings.length, 1);
  const [finding] = scan.findings;
  const label = key.split("_")[1]!;
  const secret = key.split("_")[2]!;
  assert.deepEqual(finding, {
    rule: "pinecone-api-key",
    file: "config.py",
    line: 3,
    column: columnOf(keyLine, key),
    redacted: `pcsk_${label}_${secret.slice(0, 4)}…`,
    fingerprint: finding!.fingerprint,
    allowed: false,
  });
  assert.match(scan.text.stdout, /1 Pinecone API key in the staged changes/);
  assert.ok(scan.text.stdout.includes("config.py:3:21"));
});

test("the same key gets the same fingerprint wherever it is staged", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey({ labelLength: 6 });
  repo.stage("a.env", `PINECONE_API_KEY=${key}\n`);
  repo.stage("deep/b.ts", `const apiKey = "${key}";\n`);
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { file: "a.env", line: 1, column: 18 },
    { file: "deep/b.ts", line: 1, column: 17 },
  ]);
  assert.equal(scan.findings[0]!.fingerprint, scan.findings[1]!.fingerprint);
});

test("a clean change: exit 0, no findings", async (t) => {
  const repo = newRepo(t);
  repo.stage("app.py", text(["import os", 'api_key = os.environ["PINECONE_API_KEY"]', "PLACEHOLDER = 'pcsk_...'"]));
  const scan = await scanAll(repo, []);
  assert.equal(scan.status, 0);
  assert.deepEqual(scan.findings, []);
  assert.deepEqual(scan.sarifLog.runs[0]!.results, []);
});

test("nothing staged at all: exit 0", async (t) => {
  const repo = newRepo(t);
  const scan = await scanAll(repo, []);
  assert.equal(scan.status, 0);
  assert.deepEqual(scan.findings, []);
});

test("first commit (no HEAD yet): the index is scanned against the empty tree", async (t) => {
  const repo = newRepo(t);
  assert.notEqual(repo.git(["rev-parse", "--verify", "-q", "HEAD"]).status, 0, "the repository has no HEAD");
  const key = fakeKey();
  repo.stage("clean.txt", "nothing to see\n");
  const keyLine = `export const apiKey = "${key}";`;
  repo.stage("src/settings.js", text(["// settings", keyLine]));
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "src/settings.js", line: 2, column: columnOf(keyLine, key) }]);
});

test("only added lines count: an edit elsewhere in a file that already holds a committed key", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const lines = ["import os", `PINECONE_API_KEY = "${key}"`, ...numbered(20)];
  repo.stage("legacy.py", text(lines));
  commitStaged(repo, "the key was committed before pinekey-hook");

  // far from the key line
  lines[18] = "line_17 = 'changed'";
  repo.stage("legacy.py", text(lines));
  let scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 0);
  commitStaged(repo);

  // right next to it: the key line is unchanged context in the patch, which never reports
  lines[2] = "line_1 = 'changed too'";
  repo.stage("legacy.py", text(lines));
  scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 0);
  assert.deepEqual(scan.findings, []);
});

test("only added lines count: deleting the line that holds a key", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage("app.py", text(["a = 1", `KEY = "${key}"`, "b = 2"]));
  commitStaged(repo);
  repo.stage("app.py", text(["a = 1", "b = 2"]));
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 0);
  assert.deepEqual(scan.findings, []);
});

test("only added lines count: deleting a file that holds a key", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage("secrets.env", `PINECONE_API_KEY=${key}\n`);
  commitStaged(repo);
  repo.gitOk("rm", "-q", "secrets.env");
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 0);
});

test("partial staging: a key in the work tree that is not staged does not count", async (t) => {
  const repo = newRepo(t);
  repo.stage("app.py", text(["a = 1"]));
  commitStaged(repo);
  const key = fakeKey();
  repo.stage("other.py", "b = 2\n");
  repo.write("app.py", text(["a = 1", `KEY = "${key}"`])); // modified, not added
  repo.write("untracked.py", `KEY = "${key}"\n`); // never added
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 0);
});

test("partial staging: a key staged and then removed from the work tree still counts", async (t) => {
  const repo = newRepo(t);
  repo.stage("app.py", text(["a = 1"]));
  commitStaged(repo);
  const key = fakeKey();
  const keyLine = `    KEY = "${key}"`;
  repo.stage("app.py", text(["a = 1", "if True:", keyLine]));
  repo.write("app.py", text(["a = 1", "if True:", '    KEY = os.environ["KEY"]']));
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "app.py", line: 3, column: columnOf(keyLine, key) }]);
});

test("partial staging: only the staged hunk of a file counts", async (t) => {
  const repo = newRepo(t);
  const lines = numbered(30);
  repo.stage("app.py", text(lines));
  commitStaged(repo);
  const staged = fakeKey();
  const unstaged = fakeKey();
  // stage a version with a key at line 5, then add a second key at line 25 in the work tree only
  lines[4] = `K1 = "${staged}"`;
  repo.stage("app.py", text(lines));
  lines[24] = `K2 = "${unstaged}"`;
  repo.write("app.py", text(lines));
  const scan = await scanAll(repo, [staged, unstaged]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "app.py", line: 5, column: 7 }]);
});

test("a renamed file whose committed content holds a key: nothing is added, exit 0", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage("old name.py", text(["import os", `KEY = "${key}"`, ...numbered(5)]));
  commitStaged(repo);
  repo.gitOk("mv", "old name.py", "new name.py");
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 0);
});

test("a renamed and edited file: reported at its new path, on the right line", async (t) => {
  const repo = newRepo(t);
  const lines = numbered(20);
  repo.stage("src/old.py", text(lines));
  commitStaged(repo);
  mkdirSync(join(repo.dir, "lib"));
  repo.gitOk("mv", "src/old.py", "lib/new.py");
  const key = fakeKey();
  lines.splice(11, 0, `PINECONE_API_KEY = "${key}"`); // becomes line 12
  lines[2] = "line_3 = 'edited'";
  repo.stage("lib/new.py", text(lines));
  const status = repo.gitOk("diff", "--cached", "--find-renames", "--name-status");
  assert.match(status, /^R\d+\tsrc\/old\.py\tlib\/new\.py$/m, "git sees a rename");
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "lib/new.py", line: 12, column: 21 }]);
});

// Paths git quotes (or that shells, URLs and `file:line` parsing trip over), reported exactly.
const ODD_NAMES: Array<[string, string]> = [
  ["spaces", "my config file.py"],
  ["unicode", "ünï cödé.py"],
  ["unicode directory", "dír/日本語 ファイル.py"],
  ["a double quote", 'say "cheese".py'],
  ["a single quote", "it's.py"],
  ["a tab", "tab\there.py"],
  ["a newline", "new\nline.py"],
  ["a terminal escape sequence", "clear\u001b[2J.py"],
  ["a backslash", "back\\slash.py"],
  ["a leading dash", "-rf.py"],
  ["a colon", "host:8080.py"],
  ["a trailing space", "trailing .py "],
  ["a percent sign and hash", "100% #1.py"],
];

test("file names git quotes or that trip up shells, URLs and file:line parsing are reported exactly", async (t) => {
  // One repository and one scan for all of them (each name is checked in its own subtest).
  const repo = newRepo(t);
  const keys = ODD_NAMES.map(() => fakeKey());
  const expected = new Map<string, { line: number; column: number }>();
  ODD_NAMES.forEach(([, name], index) => {
    const keyLine = `api_key = "${keys[index]}"  # pinecone`;
    repo.stage(name, text(["import pinecone", ...numbered(index), keyLine]));
    expected.set(name, { line: index + 2, column: columnOf(keyLine, keys[index]!) });
  });
  const listed = repo.gitOk("ls-files", "-z").split("\0").filter(Boolean);
  assert.deepEqual(listed.sort(), ODD_NAMES.map(([, name]) => name).sort(), "git stores the names as written");

  const scan = await scanAll(repo, keys);
  assert.equal(scan.status, 1);
  assert.equal(scan.findings.length, ODD_NAMES.length);
  for (const [what, name] of ODD_NAMES) {
    await t.test(`a file name with ${what}`, () => {
      const found = scan.findings.filter((finding) => finding.file === name);
      assert.equal(found.length, 1, `one finding in ${JSON.stringify(name)}; files: ${JSON.stringify(scan.findings.map((f) => f.file))}`);
      assert.deepEqual({ line: found[0]!.line, column: found[0]!.column }, expected.get(name));
    });
  }
});

test("running from a subdirectory: paths are reported from the top of the work tree", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage("top.py", `KEY = "${key}"\n`);
  repo.stage("src/deep/config.py", text(["x = 1", `KEY = "${key}"`]));
  const scan = await scanAll(repo, [key], { cwd: join(repo.dir, "src", "deep") });
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { file: "src/deep/config.py", line: 2, column: 8 },
    { file: "top.py", line: 1, column: 8 },
  ]);
});

test("a linked worktree (git worktree add) scans its own index", async (t) => {
  const repo = newRepo(t);
  repo.stage("README.md", "# demo\n");
  commitStaged(repo);
  const linked = join(repo.base, "linked tree");
  repo.gitOk("worktree", "add", "-q", "-b", "side", linked);
  const key = fakeKey();
  writeFileSync(join(linked, "config.ts"), text(["// config", `export const key = "${key}";`]));
  assert.equal(repo.git(["add", "config.ts"], { cwd: linked }).status, 0);

  const inLinked = await scanAll(repo, [key], { cwd: linked });
  assert.equal(inLinked.status, 1);
  assertFindings(inLinked.findings, [{ file: "config.ts", line: 2, column: 21 }]);

  mkdirSync(join(linked, "sub"));
  const fromSubdir = await scanAll(repo, [key], { cwd: join(linked, "sub") });
  assert.equal(fromSubdir.status, 1);

  const inMain = await scanAll(repo, [key]);
  assert.equal(inMain.status, 0, "the main work tree's index does not hold the key");
});

test("CRLF line endings: line and column count as in the file", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const keyLine = `$env:PINECONE_API_KEY = "${key}"`;
  repo.stage("win.ps1", ["# Windows", "", keyLine, "Write-Host done", ""].join("\r\n"));
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "win.ps1", line: 3, column: columnOf(keyLine, key) }]);
  assert.equal(columnOf(keyLine, key), 26);
});

test("a key inside a binary-ish file with NUL bytes is still found", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const content = Buffer.concat([
    Buffer.from([0x00, 0x01, 0x02, 0x00, 0x0a]),
    Buffer.from("SQLite format 3\0\0\0\n"),
    Buffer.from(`\0\0PINECONE_API_KEY=${key}\0\0\n`),
    Buffer.from([0x00, 0x0a]),
  ]);
  repo.stage("cache.db", content);
  const numstat = repo.gitOk("diff", "--cached", "--numstat");
  assert.match(numstat, /^-\t-\tcache\.db$/m, "git itself treats the file as binary");
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "cache.db", line: 3, column: 20 }]);
});

test("a binary attribute in .gitattributes does not hide a key", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage(".gitattributes", "*.pkl binary\n*.txt diff=hide\n");
  repo.gitOk("config", "diff.hide.textconv", "true");
  repo.stage("model.pkl", `\x80\x04KEY:${key}\n`);
  repo.stage("notes.txt", text(["notes", `key ${key}`]));
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { file: "model.pkl", line: 1, column: 7 },
    { file: "notes.txt", line: 2, column: 5 },
  ]);
});

test("an allowlisted line: exit 0 and allowed: true", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const other = fakeKey();
  const allowLine = `TEST_KEY = "${key}"  # pinekey-allow: test fixture`;
  repo.stage("tests/fixture.py", text(["# fixtures", allowLine, "# pinekey-allow-next-line", `OTHER = "${other}"`]));
  const scan = await scanAll(repo, [key, other]);
  assert.equal(scan.status, 0);
  assertFindings(scan.findings, [
    { file: "tests/fixture.py", line: 2, column: 13, allowed: true, allowReason: "test fixture" },
    { file: "tests/fixture.py", line: 4, column: 10, allowed: true },
  ]);
  assert.match(scan.text.stdout, /2 keys allowed by pinekey-allow comments/);
  assert.equal(scan.sarifLog.runs[0]!.results[0]!.suppressions![0]!.justification, "test fixture");
});

test("an allowed key next to a blocking one: exit 1, both reported", async (t) => {
  const repo = newRepo(t);
  const allowed = fakeKey();
  const blocking = fakeKey();
  repo.stage("mixed.py", text([`A = "${allowed}"  # pinekey-allow`, `B = "${blocking}"`]));
  const scan = await scanAll(repo, [allowed, blocking]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { file: "mixed.py", line: 1, column: 6, allowed: true },
    { file: "mixed.py", line: 2, column: 6, allowed: false },
  ]);
});

test("a legacy UUID key in .env", async (t) => {
  const repo = newRepo(t);
  const uuid = fakeUuid();
  repo.stage(".env", text(["DEBUG=1", `PINECONE_API_KEY=${uuid}`, "PINECONE_ENVIRONMENT=us-west1-gcp"]));
  const scan = await scanAll(repo, [uuid]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { rule: "pinecone-legacy-api-key", file: ".env", line: 2, column: 18, redacted: `${uuid.slice(0, 4)}…` },
  ]);
});

test("a legacy UUID key in a multi-line pinecone.init( whose first line is unchanged context", async (t) => {
  const repo = newRepo(t);
  const before = [
    "import os",
    "import pinecone",
    "",
    ...numbered(8, "setting"),
    "",
    "def connect():",
    "    pinecone.init(",
    '        api_key=os.environ["PINECONE_API_KEY"],',
    '        environment=os.environ["PINECONE_ENV"],',
    "    )",
  ];
  repo.stage("db.py", text(before));
  commitStaged(repo);
  const uuid = fakeUuid();
  const after = [...before];
  const keyLine = `        api_key="${uuid}",`;
  after[14] = keyLine; // line 15; `pinecone.init(` on line 14 is unchanged
  repo.stage("db.py", text(after));
  const patch = repo.gitOk("diff", "--cached", "-U3");
  assert.match(patch, /^ {5}pinecone\.init\($/m, "pinecone.init( is a context line");
  const scan = await scanAll(repo, [uuid]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { rule: "pinecone-legacy-api-key", file: "db.py", line: 15, column: columnOf(keyLine, uuid) },
  ]);
});

test("a legacy UUID key under a generic name, with Pinecone named on a later unchanged line", async (t) => {
  const repo = newRepo(t);
  const before = ["import os", "", "api_key = os.environ['KEY']", "index_name = 'docs'", "client = pinecone.Client(api_key)", "", "x = 1"];
  repo.stage("client.py", text(before));
  commitStaged(repo);
  const uuid = fakeUuid();
  const after = [...before];
  after[2] = `api_key = "${uuid}"`;
  repo.stage("client.py", text(after));
  const scan = await scanAll(repo, [uuid]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ rule: "pinecone-legacy-api-key", file: "client.py", line: 3, column: 12 }]);
});

test("an ordinary UUID in a file that uses Pinecone: exit 0", async (t) => {
  const repo = newRepo(t);
  const lines = [
    "import os",
    "from pinecone import Pinecone",
    'pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])',
    'index = pc.Index("docs")',
    `index.upsert(vectors=[{"id": "${fakeUuid()}", "values": [0.1, 0.2]}])`,
    `request_id = "${fakeUuid()}"`,
    `index.delete(ids=["${fakeUuid()}"])`,
  ];
  repo.stage("ingest.py", text(lines));
  const scan = await scanAll(repo, []);
  assert.equal(scan.status, 0);
  assert.deepEqual(scan.findings, []);
});

test("several files and keys: every finding, sorted by file and position", async (t) => {
  const repo = newRepo(t);
  const keys = [fakeKey(), fakeKey(), fakeKey()];
  repo.stage("a.py", text([`A = "${keys[0]}"; B = "${keys[1]}"`]));
  repo.stage("b/c.yaml", text(["env:", `  PINECONE_API_KEY: ${keys[2]}`]));
  const scan = await scanAll(repo, keys);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { file: "a.py", line: 1, column: 6 },
    { file: "a.py", line: 1, column: 6 + keys[0]!.length + 8 },
    { file: "b/c.yaml", line: 2, column: 21 },
  ]);
  assert.match(scan.text.stdout, /3 Pinecone API keys in the staged changes/);
});

test("SARIF output is valid JSON, version 2.1.0, with rules and partial fingerprints", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const uuid = fakeUuid();
  repo.stage("dir with space/app.py", text([`PINECONE_API_KEY = "${key}"`]));
  repo.stage(".env", `PINECONE_API_KEY=${uuid}\n`);
  const scan = await scanAll(repo, [key, uuid]);
  assert.equal(scan.status, 1);
  const log = scan.sarifLog;
  assert.equal(log.version, "2.1.0");
  const run = log.runs[0]!;
  assert.equal(run.tool.driver.version, OWN_VERSION);
  assert.deepEqual(
    run.tool.driver.rules.map((rule) => rule.id),
    ["pinecone-api-key", "pinecone-pckey-api-key", "pinecone-legacy-api-key"],
  );
  assert.equal(run.results.length, 2);
  for (const result of run.results) {
    assert.match(result.partialFingerprints["pinekeyFingerprint/v1"]!, /^pinecone-(legacy-)?api-key:[0-9a-f]{16}$/);
  }
  assert.equal(run.results[1]!.locations[0]!.physicalLocation.artifactLocation.uri, "dir%20with%20space/app.py");
});

test("a key on a last line without a newline", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage("nonl.py", `import os\nKEY = "${key}"`);
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "nonl.py", line: 2, column: 8 }]);
});

test("a symbolic link whose target is a key", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  symlinkSync(key, join(repo.dir, "link"));
  repo.gitOk("add", "link");
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "link", line: 1, column: 1 }]);
});

test("file content that looks like patch headers does not confuse line numbers", async (t) => {
  const repo = newRepo(t);
  const keys = [fakeKey(), fakeKey()];
  const patch = [
    "diff --git a/x.py b/x.py",
    "--- a/x.py",
    "+++ b/x.py",
    "@@ -1,2 +1,200 @@",
    `+KEY = "${keys[0]}"`,
  ];
  repo.stage("fix.patch", text(patch));
  repo.stage("z.py", text(["z = 1", `KEY = "${keys[1]}"`]));
  const scan = await scanAll(repo, keys);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { file: "fix.patch", line: 5, column: 9 },
    { file: "z.py", line: 2, column: 8 },
  ]);
});

test("a large staged file with multi-byte text streams through with exact line numbers", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const lines = Array.from({ length: 120_000 }, (_, i) => `ünïcödé 日本語 😀 ${i}`);
  lines.push(`KEY = "${key}"`, "tail ü");
  repo.stage("big.txt", text(lines));
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [{ file: "big.txt", line: 120_001, column: 8 }]);
});

test("a mode change or an intent-to-add file adds no lines", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage("run.sh", `KEY=${key}\n`);
  commitStaged(repo);
  repo.gitOk("update-index", "--chmod=+x", "run.sh");
  repo.write("later.py", `KEY = "${key}"\n`);
  repo.gitOk("add", "--intent-to-add", "later.py");
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 0);
});

test("a base64-encoded key (Kubernetes Secret) and a JSON-escaped one (notebook) are found", async (t) => {
  const repo = newRepo(t);
  const encoded = fakeKey();
  const escaped = fakeKey();
  const secretLine = `  PINECONE_API_KEY: ${base64(encoded)}`;
  repo.stage("k8s/secret.yaml", text(["apiVersion: v1", "kind: Secret", "data:", secretLine]));
  const cell = `    "os.environ[\\"PINECONE_API_KEY\\"] = \\"${escaped}\\"\\n",`;
  repo.stage("nb.ipynb", text(['{"cells": [{"source": [', '    "import os\\n",', cell, "]}]}"]));
  const scan = await scanAll(repo, [encoded, escaped]);
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, [
    { file: "k8s/secret.yaml", line: 4, column: columnOf(secretLine, base64(encoded)), encoding: "base64" },
    { file: "nb.ipynb", line: 3, column: columnOf(cell, escaped) },
  ]);
  for (const run of [scan.text, scan.json, scan.sarif]) {
    assert.ok(!run.stdout.includes(base64(encoded)), "the encoded key is not repeated either");
  }
});

test("a pinekey-allow-next-line comment on an unchanged line above covers the added key", async (t) => {
  const repo = newRepo(t);
  repo.stage("fixtures.py", text(["# pinekey-allow-next-line", "FAKE = None", "x = 1"]));
  commitStaged(repo);
  const key = fakeKey();
  repo.stage("fixtures.py", text(["# pinekey-allow-next-line", `FAKE = "${key}"`, "x = 1"]));
  const scan = await scanAll(repo, [key]);
  assert.equal(scan.status, 0);
  assertFindings(scan.findings, [{ file: "fixtures.py", line: 2, column: 9, allowed: true }]);
});

test(
  "a URL-encoded key is reported at the column where it starts",
  async (t) => {
    const repo = newRepo(t);
    const key = fakeKey();
    const encoded = encodeURIComponent(key).replace(/_/g, "%5F");
    const line = `url = "https://example.invalid/?api_key=${encoded}"`;
    repo.stage("client.py", text([line]));
    const scan = await scanAll(repo, [key]);
    assert.equal(scan.status, 1);
    assertFindings(scan.findings, [{ file: "client.py", line: 1, column: columnOf(line, encoded), encoding: "url-encoded" }]);
  },
);
