/**
 * `scan --range`, `scan --all`, `scan [paths…]` and the SARIF they produce, in real repositories.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import Ajv from "ajv";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { commitFile } from "../helpers/remote.js";
import { makeTempDir, TempRepo } from "../helpers/repo.js";

const require = createRequire(import.meta.url);

/** The official SARIF 2.1.0 schema (draft-04), as shipped in @microsoft/jest-sarif. */
function sarifValidator() {
  const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const ajv = new Ajv({ schemaId: "id", meta: false, allErrors: true });
  ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
  return ajv.compile(schema);
}

function withRepo(fn: (repo: TempRepo, keys: string[]) => void) {
  return () => {
    const repo = TempRepo.create();
    try {
      fn(repo, []);
    } finally {
      repo.remove();
    }
  };
}

describe("scan over history", () => {
  test("--range scans only the commits in the range, with commit, author and date", withRepo((repo, keys) => {
    const old = fakeKey();
    keys.push(old);
    commitFile(repo, "old.py", `K = "${old}"\n`, "old key");
    const base = repo.gitOk("rev-parse", "HEAD").trim();
    const key = fakeKey();
    keys.push(key);
    const oid = commitFile(repo, "src/new.ts", `export const k = "${key}";\n`, "new key");
    commitFile(repo, "clean.md", "nothing\n");

    const run = repo.cli(["scan", "--range", `${base}..HEAD`, "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    const { findings } = JSON.parse(run.stdout);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, "src/new.ts");
    assert.equal(findings[0].commit, oid);
    assert.equal(findings[0].author, "Test Author <author@example.invalid>");
    assert.match(findings[0].date, /^\d{4}-\d\d-\d\dT/);
    assertNoKeyIn(run.stdout + run.stderr, keys);

    const text = repo.cli(["scan", "--range", `${base}..HEAD`]);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /1 Pinecone API key in 2 commits/);
    assert.match(text.stdout, /git rebase -i/);
    assertNoKeyIn(text.stdout, keys);
  }));

  test("the history scan's git keeps the caller's environment (GIT_DIR) and drops GIT_DIFF_OPTS", withRepo((repo, keys) => {
    // git log runs with an environment of its own (GIT_FLUSH=0 added): it must still be the caller's,
    // less GIT_DIFF_OPTS, which simple-git would refuse to run with if it were passed explicitly.
    const key = fakeKey();
    keys.push(key);
    commitFile(repo, "app.py", `K = "${key}"\n`, "a key");
    const outside = makeTempDir();
    try {
      const run = repo.cli(["scan", "--all", "--format", "json"], {
        cwd: outside,
        env: { GIT_DIR: join(repo.dir, ".git"), GIT_DIFF_OPTS: "-u0" },
      });
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout).findings.map((f: { file: string }) => f.file), ["app.py"]);
      assertNoKeyIn(run.stdout + run.stderr, keys);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  }));

  test("--all scans every commit reachable from any ref, including other branches", withRepo((repo, keys) => {
    commitFile(repo, "README.md", "# x\n");
    repo.gitOk("switch", "-q", "-c", "side");
    const uuid = fakeUuid();
    keys.push(uuid);
    commitFile(repo, ".env", `PINECONE_API_KEY=${uuid}\n`);
    repo.gitOk("switch", "-q", "main");
    const run = repo.cli(["scan", "--all", "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    const { findings } = JSON.parse(run.stdout);
    assert.deepEqual(findings.map((f: { rule: string; file: string }) => [f.rule, f.file]), [["pinecone-legacy-api-key", ".env"]]);
    assertNoKeyIn(run.stdout, keys);
  }));


  test("commit messages are read in batches while the log streams: a key in any batch is found", withRepo((repo, keys) => {
    // 600 commits (fast-import: one process; each continues the branch) span three batches of commit
    // texts, the last read after the log has ended. A key in the message of the first, a middle and the last commit.
    const count = 600;
    const keyed = new Map([[1, fakeKey()], [300, fakeKey()], [count, fakeKey()]]);
    keys.push(...keyed.values());
    let stream = "";
    for (let i = 1; i <= count; i++) {
      const message = keyed.has(i) ? `commit ${i}\n\nPINECONE_API_KEY=${keyed.get(i)}\n` : `commit ${i}\n`;
      stream += `commit refs/heads/main\ncommitter T <t@example.invalid> ${1700000000 + i} +0000\n`;
      stream += `data ${Buffer.byteLength(message)}\n${message}`;
      stream += `M 644 inline n.txt\ndata ${String(i).length + 1}\n${i}\n\n`;
    }
    const imported = repo.git(["fast-import", "--quiet"], { input: stream });
    assert.equal(imported.status, 0, imported.stderr);
    const run = repo.cli(["scan", "--all", "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    const { findings } = JSON.parse(run.stdout);
    const subjects = findings.map((f: { subject: string }) => f.subject).sort();
    assert.deepEqual(subjects, [`commit 1`, `commit 300`, `commit ${count}`].sort());
    assertNoKeyIn(run.stdout + run.stderr, keys);
  }));
  test("a clean history exits 0 and says how many commits it read", withRepo((repo) => {
    commitFile(repo, "a.txt", "a\n");
    commitFile(repo, "b.txt", "b\n");
    const run = repo.cli(["scan", "--all"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /no Pinecone API keys in 2 commits/);
  }));

  test("a bad range is exit 2 with git's reason", withRepo((repo) => {
    commitFile(repo, "a.txt", "a\n");
    const run = repo.cli(["scan", "--range", "nosuchref..HEAD"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /error:/);
    const option = repo.cli(["scan", "--range=--output=/tmp/x"]);
    assert.equal(option.status, 2);
  }));

  test("SARIF validates against the SARIF 2.1.0 schema and carries no key", withRepo((repo, keys) => {
    const key = fakeKey();
    keys.push(key);
    commitFile(repo, "dir with space/app.py", `PINECONE_API_KEY = "${key}"\n`);
    const allowedKey = fakeKey();
    keys.push(allowedKey);
    commitFile(repo, "test.py", `K = "${allowedKey}"  # pinekey-allow: revoked\n`);
    const run = repo.cli(["scan", "--all", "--format", "sarif"]);
    assert.equal(run.status, 1, run.stderr);
    const sarif = JSON.parse(run.stdout);
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const results = sarif.runs[0].results;
    assert.equal(results.length, 2);
    const uris = results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
      r.locations[0]!.physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris.sort(), ["dir%20with%20space/app.py", "test.py"]);
    assert.ok(results.every((r: { partialFingerprints: object }) => Object.keys(r.partialFingerprints).length > 0));
    assert.equal(results.filter((r: { suppressions?: unknown[] }) => r.suppressions).length, 1);
    assert.ok(sarif.runs[0].tool.driver.rules.every((r: { help: { text: string } }) => r.help.text.length > 0));
    assertNoKeyIn(run.stdout, keys);

    const staged = repo.cli(["scan", "--staged", "--format", "sarif"]);
    assert.equal(staged.status, 0);
    assert.ok(validate(JSON.parse(staged.stdout)), "an empty SARIF log is valid too");
  }));
});

describe("scan [paths…] (working tree, whole files)", () => {
  test("finds keys in tracked and untracked files, not in ignored ones", withRepo((repo, keys) => {
    const [tracked, untracked, ignored] = [fakeKey(), fakeKey(), fakeKey()];
    keys.push(tracked, untracked, ignored);
    commitFile(repo, "app.py", `A = "${tracked}"\n`);
    commitFile(repo, ".gitignore", "secret.env\n");
    repo.write("notes/todo.md", `try ${untracked} later\n`);
    repo.write("secret.env", `PINECONE_API_KEY=${ignored}\n`);
    const run = repo.cli(["scan", "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    const files = JSON.parse(run.stdout).findings.map((f: { file: string }) => f.file).sort();
    assert.deepEqual(files, ["app.py", "notes/todo.md"]);

    const only = repo.cli(["scan", "notes"]);
    assert.equal(only.status, 1);
    assert.match(only.stdout, /notes\/todo\.md:1:5/);
    assert.match(only.stdout, /in 1 file/);
    assertNoKeyIn(run.stdout + only.stdout, keys);
  }));

  test("a clean checkout exits 0", withRepo((repo) => {
    commitFile(repo, "app.py", "import os\nkey = os.environ['PINECONE_API_KEY']\n");
    const run = repo.cli(["scan"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /no Pinecone API keys in 1 file/);
  }));
});
