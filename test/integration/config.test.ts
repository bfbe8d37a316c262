/**
 * Team configuration end to end, with real git in temporary repositories: `.pinekeyrc.json` and
 * package.json's "pinekey" (ignorePaths, rules, disableRules, maxFileBytes), invalid configs that
 * must fail closed, `.pinekeyignore` and the `ignore` command. Through the built CLI and through a
 * real `git commit` with a plain `.git/hooks/pre-commit`. No output, and no file pinekey-hook
 * writes, may hold a key.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fakeKey, fakeUuid, randomString } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { type RunResult, TempRepo } from "../helpers/repo.js";
import { columnOf, type JsonFinding } from "../helpers/scan.js";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const text = (...lines: string[]): string => lines.join("\n") + "\n";
const openaiKey = (): string => `sk-${randomString(48, ALNUM)}`;
const OPENAI_RULE = { id: "openai-api-key", regex: "sk-[A-Za-z0-9]{48}", keywords: ["sk-"], description: "OpenAI API key" };

/**
 * A repository with the plain pre-commit hook, one commit, and a record of every output so the
 * test can check at its end that none holds a key.
 */
class Setup {
  readonly outputs: Array<[string, string]> = [];
  constructor(readonly repo: TempRepo) {}

  cli(args: string[], options: { cwd?: string } = {}): RunResult {
    const run = this.repo.cli(args, options);
    this.outputs.push([`pinekey-hook ${args.join(" ")}`, run.stdout + run.stderr]);
    return run;
  }

  commit(message: string): RunResult {
    const run = this.repo.commit(message);
    this.outputs.push([`git commit -m ${message}`, run.stdout + run.stderr]);
    return run;
  }

  /** `scan --staged --format json`: exit code and findings (the JSON must parse unless exit 2). */
  scanJson(): { status: number; findings: JsonFinding[]; run: RunResult } {
    const run = this.cli(["scan", "--staged", "--format", "json"]);
    assert.ok(run.status === 0 || run.status === 1, `scan failed (${run.status}): ${run.stderr}`);
    return { status: run.status, findings: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings, run };
  }

  head(): string | undefined {
    const run = this.repo.git(["rev-parse", "--verify", "-q", "HEAD"]);
    return run.status === 0 ? run.stdout.trim() : undefined;
  }

  /** Every output so far, the ignore file and the blocked-run record: no key anywhere. */
  assertNoLeaks(keys: string[]): void {
    for (const [where, output] of this.outputs) assertNoKeyIn(output, keys, where);
    for (const file of [".pinekeyignore", join(".git", "pinekey", "last-findings.json")]) {
      const path = join(this.repo.dir, file);
      if (existsSync(path)) assertNoKeyIn(readFileSync(path, "utf8"), keys, file);
    }
  }
}

function setup(t: TestContext, config?: { rc?: unknown; pkg?: unknown }): Setup {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  repo.installPlainHook();
  repo.stage("README.md", "# demo\n");
  if (config?.rc !== undefined) repo.stage(".pinekeyrc.json", JSON.stringify(config.rc, null, 2) + "\n");
  if (config?.pkg !== undefined) repo.stage("package.json", JSON.stringify(config.pkg, null, 2) + "\n");
  const s = new Setup(repo);
  const first = s.commit("initial");
  assert.equal(first.status, 0, first.stderr);
  return s;
}

/** The commit was stopped: non-zero, HEAD where it was, the report (or error) on stderr. */
function assertCommitBlocked(s: Setup, run: RunResult, headBefore: string | undefined, stderr: RegExp[]): void {
  assert.notEqual(run.status, 0, "the commit must fail");
  assert.equal(s.head(), headBefore, "HEAD must not move");
  for (const pattern of stderr) assert.match(run.stderr, pattern);
}

function assertCommitted(s: Setup, run: RunResult, headBefore: string | undefined): void {
  assert.equal(run.status, 0, `the commit must pass:\n${run.stderr}`);
  assert.notEqual(s.head(), headBefore, "HEAD must move");
}

// ---------------------------------------------------------------------------------------------
// ignorePaths, and where the config comes from

/** A key under test/fixtures passes (CLI and commit), the same kind of key elsewhere blocks. */
function checkFixturesIgnored(s: Setup, keys: string[]): void {
  const [fixtureKey, dotfileKey, appKey] = keys as [string, string, string];
  s.repo.stage("test/fixtures/keys/sample.py", text(`PINECONE_API_KEY = "${fixtureKey}"`));
  s.repo.stage("test/fixtures/.env", text(`PINECONE_API_KEY=${dotfileKey}`));
  const clean = s.scanJson();
  assert.equal(clean.status, 0);
  assert.deepEqual(clean.findings, []);
  const textScan = s.cli(["scan", "--staged"]);
  assert.equal(textScan.status, 0);
  assert.match(textScan.stdout, /no Pinecone API keys in the staged changes/);

  let before = s.head();
  assertCommitted(s, s.commit("fixtures"), before);

  const appLine = `PINECONE_API_KEY = "${appKey}"`;
  s.repo.stage("src/app.py", text("import os", appLine));
  s.repo.stage("test/fixtures/more.py", text(`KEY = "${fixtureKey}"  # pinecone`));
  const blocked = s.scanJson();
  assert.equal(blocked.status, 1);
  assert.deepEqual(
    blocked.findings.map((f) => [f.file, f.line, f.column]),
    [["src/app.py", 2, columnOf(appLine, appKey)]],
  );
  before = s.head();
  const commit = s.commit("app");
  assertCommitBlocked(s, commit, before, [/commit blocked: 1 Pinecone API key/, /src\/app\.py:2:/]);
  assert.doesNotMatch(commit.stderr, /test\/fixtures/);
}

test(".pinekeyrc.json ignorePaths: a key staged under test/fixtures passes, elsewhere it blocks", (t) => {
  const s = setup(t, { rc: { ignorePaths: ["test/fixtures/**"] } });
  const keys = [fakeKey(), fakeKey(), fakeKey()];
  checkFixturesIgnored(s, keys);
  s.assertNoLeaks(keys);
});

test('package.json "pinekey" ignorePaths works the same', (t) => {
  const s = setup(t, { pkg: { name: "demo", version: "1.0.0", pinekey: { ignorePaths: ["test/fixtures/**"] } } });
  const keys = [fakeKey(), fakeKey(), fakeKey()];
  checkFixturesIgnored(s, keys);
  s.assertNoLeaks(keys);
});

test(".pinekeyrc.json wins over package.json", (t) => {
  const s = setup(t, {
    rc: { ignorePaths: ["test/fixtures/**"] },
    pkg: { name: "demo", pinekey: { ignorePaths: ["src/**"], maxFileBytes: 0 } },
  });
  const keys = [fakeKey(), fakeKey(), fakeKey()];
  // The package.json settings are not even validated (maxFileBytes 0 would be an error there).
  checkFixturesIgnored(s, keys);
  s.assertNoLeaks(keys);
});

// ---------------------------------------------------------------------------------------------
// Rules

test("a custom rule blocks a commit; JSON and SARIF name the rule", (t) => {
  const s = setup(t, { rc: { rules: [OPENAI_RULE] } });
  const secret = openaiKey();
  const line = `client = OpenAI(api_key="${secret}")`;
  s.repo.stage("src/llm.py", text("from openai import OpenAI", line));

  const before = s.head();
  const commit = s.commit("llm");
  const where = `src/llm.py:2:${columnOf(line, secret)}`;
  assertCommitBlocked(s, commit, before, [/commit blocked/, /openai-api-key/]);
  assert.ok(commit.stderr.includes(where), `the report names ${where}:\n${commit.stderr}`);
  assert.ok(commit.stderr.includes(`${secret.slice(0, 4)}…`));
  // The block message speaks of this rule only: its description, an environment variable named after
  // its id, generic rotation; never Pinecone's words or a Pinecone client snippet.
  assert.match(commit.stderr, /commit blocked: 1 OpenAI API key in the staged changes/);
  assert.match(commit.stderr, /value = os\.environ\["OPENAI_API_KEY"\]/);
  assert.match(commit.stderr, /revoke this OpenAI API key where it was issued/);
  assert.doesNotMatch(commit.stderr, /pinecone/i, commit.stderr);
  // The full text (explain) in the same words: the risk, the secrets managers' names.
  const explain = s.repo.cli(["explain"]);
  assert.equal(explain.status, 0, explain.stderr);
  assert.match(explain.stdout, /OpenAI API key can use it/);
  assert.match(explain.stdout, /value = os\.environ\["OPENAI_API_KEY"\]/);
  assert.match(explain.stdout, /--secret-id openai-api-key/);
  assert.match(explain.stdout, /revoke this OpenAI API key where it was issued/);
  assert.doesNotMatch(explain.stdout, /pinecone/i, explain.stdout);
  assert.ok(!explain.stdout.includes(secret));

  const json = s.scanJson();
  assert.equal(json.status, 1);
  assert.deepEqual(
    json.findings.map((f) => [f.rule, f.file, f.line, f.column, f.redacted, f.fingerprint.split(":")[0], f.allowed]),
    [["openai-api-key", "src/llm.py", 2, columnOf(line, secret), `${secret.slice(0, 4)}…`, "openai-api-key", false]],
  );

  const sarif = s.cli(["scan", "--staged", "--format", "sarif"]);
  assert.equal(sarif.status, 1);
  const log = JSON.parse(sarif.stdout) as {
    runs: Array<{
      tool: { driver: { rules: Array<{ id: string; fullDescription: { text: string }; help: { text: string } }> } };
      results: Array<{ ruleId: string; ruleIndex: number }>;
    }>;
  };
  const run = log.runs[0]!;
  const rule = run.tool.driver.rules.find((r) => r.id === "openai-api-key");
  assert.equal(rule?.fullDescription.text, "OpenAI API key");
  assert.match(rule!.help.text, /OPENAI_API_KEY/);
  assert.doesNotMatch(rule!.help.text, /pinecone/i);
  assert.equal(run.results[0]!.ruleId, "openai-api-key");
  assert.equal(run.tool.driver.rules[run.results[0]!.ruleIndex]!.id, "openai-api-key");
  s.assertNoLeaks([secret]);
});

test('disableRules: ["pinecone-legacy-api-key"] stops legacy findings, not current ones', (t) => {
  const s = setup(t);
  const uuid = fakeUuid();
  s.repo.stage("legacy.py", text("import pinecone", `pinecone.init(api_key="${uuid}", environment="us-west1-gcp")`));
  const withLegacy = s.scanJson();
  assert.equal(withLegacy.status, 1);
  assert.deepEqual(withLegacy.findings.map((f) => f.rule), ["pinecone-legacy-api-key"]);

  s.repo.write(".pinekeyrc.json", JSON.stringify({ disableRules: ["pinecone-legacy-api-key"] }));
  const without = s.scanJson();
  assert.equal(without.status, 0);
  assert.deepEqual(without.findings, []);
  let before = s.head();
  assertCommitted(s, s.commit("legacy"), before);

  const key = fakeKey();
  s.repo.stage("current.py", text(`PINECONE_API_KEY = "${key}"`));
  before = s.head();
  assertCommitBlocked(s, s.commit("current"), before, [/commit blocked/, /current\.py:1:/]);
  s.assertNoLeaks([uuid, key]);
});

// ---------------------------------------------------------------------------------------------
// Invalid configuration: exit 2, and inside a hook the commit is stopped (fail closed)

const INVALID_CONFIGS: Array<{ name: string; file: string; content: string; message: RegExp }> = [
  {
    name: "bad JSON",
    file: ".pinekeyrc.json",
    content: '{ "ignorePaths": ["test/**"], }\n',
    message: /\.pinekeyrc\.json:\d+:\d+: not valid JSON/,
  },
  {
    name: "an unknown key",
    file: ".pinekeyrc.json",
    content: '{ "ignorePath": ["test/**"] }\n',
    message: /\.pinekeyrc\.json: "ignorePath" is not a known setting/,
  },
  {
    name: "a regex the linear-time engine cannot take",
    file: ".pinekeyrc.json",
    content: JSON.stringify({ rules: [{ id: "mine", regex: "(?<=key=)\\w{8}" }] }),
    message: /\.pinekeyrc\.json: "rules\[0\]\.regex" \(rule "mine"\) cannot run on the linear-time regex engine/,
  },
  {
    name: "a bad value in package.json",
    file: "package.json",
    content: JSON.stringify({ name: "demo", pinekey: { redact: { visibleChars: 9 } } }),
    message: /package\.json "pinekey": "redact\.visibleChars" must be a whole number from 0 to 4/,
  },
];

for (const invalid of INVALID_CONFIGS) {
  test(`an invalid config (${invalid.name}): scan exits 2 naming the file and key; the commit is stopped`, (t) => {
    const s = setup(t);
    s.repo.write(invalid.file, invalid.content);
    const key = fakeKey();
    s.repo.stage("src/app.py", text(`PINECONE_API_KEY = "${key}"`));

    const scan = s.cli(["scan", "--staged"]);
    assert.equal(scan.status, 2);
    assert.equal(scan.stdout, "");
    assert.match(scan.stderr, /^pinekey-hook: error: /);
    assert.match(scan.stderr, invalid.message);
    const json = s.cli(["scan", "--staged", "--format", "json"]);
    assert.equal(json.status, 2);
    assert.equal(json.stdout, "", "no partial JSON");

    const before = s.head();
    const commit = s.commit("with a broken config");
    assertCommitBlocked(s, commit, before, [invalid.message, /pre-commit check could not run, so the commit was stopped\s+\(pinekey-hook fails closed\)/]);

    // Even with nothing to find: the config is broken, so nothing is known to be safe.
    s.repo.gitOk("rm", "-q", "--cached", "src/app.py");
    s.repo.stage("notes.txt", "nothing secret\n");
    assertCommitBlocked(s, s.commit("clean but broken config"), before, [invalid.message, /fails closed/]);
    s.assertNoLeaks([key]);
  });
}

test("pre-commit names the config problem too when run directly", (t) => {
  const s = setup(t);
  s.repo.write(".pinekeyrc.json", JSON.stringify({ maxFileBytes: 0 }));
  const run = s.cli(["pre-commit"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /\.pinekeyrc\.json: "maxFileBytes" must be a positive whole number of bytes/);
  assert.match(run.stderr, /Fix \.pinekeyrc\.json/);
  assert.match(run.stderr, /fails closed/);
});

// ---------------------------------------------------------------------------------------------
// .pinekeyignore

test(".pinekeyignore: a listed fingerprint is allowed, also after the line moves and the file is renamed", (t) => {
  const s = setup(t);
  const key = fakeKey();
  const other = fakeKey();
  const filler = Array.from({ length: 8 }, (_, i) => `setting_${i} = ${i}`);
  s.repo.stage("src/settings.py", text("import os", `PINECONE_API_KEY = "${key}"`, ...filler));
  const found = s.scanJson();
  assert.equal(found.status, 1);
  const fingerprint = found.findings[0]!.fingerprint;

  s.repo.write(".pinekeyignore", text("# revoked test key, kept in the fixtures", `${fingerprint}  # revoked 2025-01`));
  const allowed = s.scanJson();
  assert.equal(allowed.status, 0);
  assert.deepEqual(
    allowed.findings.map((f) => [f.file, f.line, f.fingerprint, f.allowed, f.allowReason]),
    [["src/settings.py", 2, fingerprint, true, "listed in .pinekeyignore"]],
  );
  const report = s.cli(["scan", "--staged"]);
  assert.equal(report.status, 0);
  assert.match(report.stdout, /no Pinecone API keys in the staged changes\. 1 key allowed/);
  s.repo.gitOk("add", ".pinekeyignore");
  let before = s.head();
  assertCommitted(s, s.commit("settings"), before);

  // Move the line down (the diff now adds it at line 9) and rename the file in the same commit.
  mkdirSync(join(s.repo.dir, "config"));
  s.repo.gitOk("mv", "src/settings.py", "config/settings.py");
  s.repo.stage("config/settings.py", text("import os", ...filler.slice(0, 6), "# the key moved here", `PINECONE_API_KEY = "${key}"`, ...filler.slice(6)));
  const moved = s.scanJson();
  assert.equal(moved.status, 0);
  assert.deepEqual(
    moved.findings.map((f) => [f.file, f.line, f.fingerprint, f.allowed]),
    [["config/settings.py", 9, fingerprint, true]],
  );
  before = s.head();
  assertCommitted(s, s.commit("move"), before);

  // Lines inserted above, in a new file elsewhere: the same fingerprint, still allowed; another key is not.
  s.repo.stage("deploy/env.sh", text("#!/bin/sh", "set -eu", "", "", `export PINECONE_API_KEY="${key}"`, `export OTHER_KEY="${other}"  # pinecone`));
  const elsewhere = s.scanJson();
  assert.equal(elsewhere.status, 1);
  assert.deepEqual(
    elsewhere.findings.map((f) => [f.file, f.line, f.fingerprint === fingerprint, f.allowed]),
    [
      ["deploy/env.sh", 5, true, true],
      ["deploy/env.sh", 6, false, false],
    ],
  );
  s.assertNoLeaks([key, other]);
});

test(".pinekeyignore: a malformed line exits 2 naming file:line, and stops the commit", (t) => {
  const s = setup(t);
  const fingerprint = `pinecone-api-key:${randomString(16, "0123456789abcdef")}`;
  s.repo.write(".pinekeyignore", text("# test keys", fingerprint, "pinecone-api-key:XYZ  # typo", ""));
  s.repo.stage("notes.txt", "nothing secret\n");
  const scan = s.cli(["scan", "--staged"]);
  assert.equal(scan.status, 2);
  assert.match(scan.stderr, /\.pinekeyignore:3: "pinecone-api-key:XYZ" is not a fingerprint/);
  const before = s.head();
  assertCommitBlocked(s, s.commit("notes"), before, [/\.pinekeyignore:3:/, /fails closed/]);
});

test(".pinekeyignore with CRLF line endings and comments (a Windows checkout) works", (t) => {
  const s = setup(t);
  const key = fakeKey();
  s.repo.stage("app.py", text(`PINECONE_API_KEY = "${key}"`));
  const fingerprint = s.scanJson().findings[0]!.fingerprint;
  s.repo.write(".pinekeyignore", `# test keys\r\n${fingerprint}  # revoked\r\n`);
  const scan = s.scanJson();
  assert.equal(scan.status, 0, scan.run.stderr);
  assert.equal(scan.findings[0]!.allowed, true);
  s.assertNoLeaks([key]);
});

// ---------------------------------------------------------------------------------------------
// pinekey-hook ignore

test("ignore <fingerprint…> appends each once, from any directory; a malformed one changes nothing", (t) => {
  const s = setup(t);
  const hex = () => randomString(16, "0123456789abcdef");
  const a = `pinecone-api-key:${hex()}`;
  const b = `openai-api-key:${hex()}`;
  const ignoreFile = join(s.repo.dir, ".pinekeyignore");

  const first = s.cli(["ignore", a]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`\\.pinekeyignore: ${a}`));
  assert.equal(readFileSync(ignoreFile, "utf8"), `${a}  # added by pinekey-hook ignore\n`);

  const again = s.cli(["ignore", a]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /1 fingerprint was already listed/);
  assert.equal(readFileSync(ignoreFile, "utf8"), `${a}  # added by pinekey-hook ignore\n`);

  s.repo.write("sub/dir/file.txt", "x\n");
  const both = s.cli(["ignore", a, b, b], { cwd: join(s.repo.dir, "sub", "dir") });
  assert.equal(both.status, 0, both.stderr);
  assert.equal(readFileSync(ignoreFile, "utf8"), `${a}  # added by pinekey-hook ignore\n${b}  # added by pinekey-hook ignore\n`);
  assert.ok(!existsSync(join(s.repo.dir, "sub", "dir", ".pinekeyignore")));

  for (const bad of [["not-a-fingerprint"], [a.toUpperCase()], [`${a}0`], [b, "pinecone-api-key:123"]]) {
    const run = s.cli(["ignore", ...bad]);
    assert.equal(run.status, 2, `ignore ${bad.join(" ")}`);
    assert.match(run.stderr, /is not a fingerprint \(expected <rule>:<16 hex digits>\)/);
  }
  assert.equal(readFileSync(ignoreFile, "utf8").split("\n").filter(Boolean).length, 2, "nothing appended by a failed run");

  // A file without a final newline gets one before the new line.
  s.repo.write(".pinekeyignore", `${a}`);
  assert.equal(s.cli(["ignore", b]).status, 0);
  assert.equal(readFileSync(ignoreFile, "utf8"), `${a}\n${b}  # added by pinekey-hook ignore\n`);
});

test("ignore --last after a blocked commit lists its keys (without them), and the next commit passes", (t) => {
  const s = setup(t);
  const key = fakeKey();
  const uuid = fakeUuid();
  s.repo.stage("src/app.py", text("import pinecone", `PINECONE_API_KEY = "${key}"`, `pinecone.init(api_key="${uuid}")`));
  let before = s.head();
  assertCommitBlocked(s, s.commit("keys"), before, [/commit blocked: 2 Pinecone API keys/, /ignore --last/]);
  const record = join(s.repo.dir, ".git", "pinekey", "last-findings.json");
  assert.ok(existsSync(record), "the blocked run is remembered");

  const blocked = s.scanJson().findings.map((f) => f.fingerprint);
  assert.equal(blocked.length, 2);
  const run = s.cli(["ignore", "--last"]);
  assert.equal(run.status, 0, run.stderr);
  for (const fingerprint of blocked) assert.ok(run.stdout.includes(fingerprint));
  const lines = readFileSync(join(s.repo.dir, ".pinekeyignore"), "utf8").trimEnd().split("\n");
  assert.deepEqual(
    lines.map((line) => line.split(/\s+#/)[0]),
    blocked,
  );
  assert.match(lines[0]!, /# pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{4}… at src\/app\.py:2$/);
  assert.match(lines[1]!, /# [0-9a-f]{4}… at src\/app\.py:3$/);

  s.repo.gitOk("add", ".pinekeyignore");
  before = s.head();
  assertCommitted(s, s.commit("keys, ignored"), before);

  const again = s.cli(["ignore", "--last"]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /2 fingerprints were already listed/);
  assert.equal(readFileSync(join(s.repo.dir, ".pinekeyignore"), "utf8").trimEnd().split("\n").length, 2);
  s.assertNoLeaks([key, uuid]);
});

test("ignore --last without a blocked run, and ignore with both or neither, exit 2", (t) => {
  const s = setup(t);
  const none = s.cli(["ignore", "--last"]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /there is no blocked run to take fingerprints from/);

  // A clean scan is not a blocked run either.
  s.repo.stage("notes.txt", "nothing\n");
  assert.equal(s.cli(["scan", "--staged"]).status, 0);
  assert.equal(s.cli(["ignore", "--last"]).status, 2);

  const both = s.cli(["ignore", "--last", `pinecone-api-key:${randomString(16, "0123456789abcdef")}`]);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /not both/);
  const neither = s.cli(["ignore"]);
  assert.equal(neither.status, 2);
  assert.match(neither.stderr, /give the fingerprints to ignore, or --last/);
  assert.ok(!existsSync(join(s.repo.dir, ".pinekeyignore")));
});

test("ignore --last skips a damaged record instead of writing lines that break every scan", (t) => {
  const s = setup(t);
  const good = `pinecone-api-key:${randomString(16, "0123456789abcdef")}`;
  s.repo.write(
    ".git/pinekey/last-findings.json",
    JSON.stringify({
      findings: [
        { fingerprint: "pinecone-api-key:not-hex\n# injected", rule: "pinecone-api-key", file: "a", line: 1, redacted: "x" },
        { fingerprint: good, rule: "pinecone-api-key", file: "a.py", line: 3, redacted: "pcsk_abcde_wxyz…" },
        "garbage",
      ],
    }),
  );
  const run = s.cli(["ignore", "--last"]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(readFileSync(join(s.repo.dir, ".pinekeyignore"), "utf8"), `${good}  # pcsk_abcde_wxyz… at a.py:3\n`);
  s.repo.stage("notes.txt", "x\n");
  assert.equal(s.cli(["scan", "--staged"]).status, 0, "the ignore file still loads");
});

// ---------------------------------------------------------------------------------------------
// maxFileBytes

test("maxFileBytes: a file past the limit is refused (exit 2, naming it), never passed with a note; a key before the limit blocks (exit 1)", (t) => {
  const s = setup(t, { rc: { maxFileBytes: 2000 } });
  const late = fakeKey();
  const early = fakeKey();
  const filler = Array.from({ length: 100 }, (_, i) => `row_${String(i).padStart(3, "0")} = "${"v".repeat(20)}"`);
  s.repo.stage("data/big.py", text(...filler, `PINECONE_API_KEY = "${late}"`));

  const scan = s.cli(["scan", "--staged"]);
  assert.equal(scan.status, 2, scan.stderr);
  assert.match(scan.stderr, /not fully scanned, being larger than the size limit \(maxFileBytes: 2000 bytes\): data\/big\.py/);
  const files = s.cli(["scan", "data"]);
  assert.equal(files.status, 2);
  assert.match(files.stderr, /not fully scanned.*data\/big\.py/);

  let before = s.head();
  const commit = s.commit("big file");
  assert.notEqual(commit.status, 0, "the commit is stopped");
  assert.equal(s.head(), before);
  assert.match(commit.stderr, /not fully scanned.*data\/big\.py/);

  s.repo.write(".pinekeyrc.json", JSON.stringify({ maxFileBytes: 2000, ignorePaths: ["data/big.py"] }));
  assert.equal(s.cli(["scan", "--staged"]).status, 0, "listed in ignorePaths: let through, as the message says");
  s.repo.write(".pinekeyrc.json", JSON.stringify({ maxFileBytes: 2000 }));
  s.repo.gitOk("rm", "-q", "--cached", "data/big.py");

  s.repo.stage("data/other.py", text(`PINECONE_API_KEY = "${early}"`, ...filler));
  const blocked = s.cli(["scan", "--staged"]);
  assert.equal(blocked.status, 1);
  assert.match(blocked.stdout, /data\/other\.py:1:/);
  assert.match(blocked.stdout, /data\/other\.py was not fully scanned/);
  before = s.head();
  assertCommitBlocked(s, s.commit("early key"), before, [/commit blocked/, /data\/other\.py:1:/]);
  s.assertNoLeaks([late, early]);
});
