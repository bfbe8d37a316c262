/**
 * The message a hook prints when it blocks, measured on real output of real `git commit`s through
 * the installed hook (colour off, as git shows a hook's stderr when it is not a terminal): one key
 * in one file fits 18 lines of 80 columns and keeps where, the key redacted, the fix in the file's
 * language, rotation and how to allow; several files are each named with their own fix; every
 * command it prints pastes and runs.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test, type TestContext } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { PROJECT_ROOT, type RunResult, TempRepo } from "../helpers/repo.js";

const MAX_LINES = 18;
const MAX_COLUMNS = 80;

function hookedRepo(t: TestContext): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  repo.installPlainHook();
  repo.stage("README.md", "# demo\n");
  assert.equal(repo.commit("initial").status, 0);
  return repo;
}

/** What the hook printed: git's own lines left out (-q), no colour. */
function blocked(repo: TempRepo, keys: string[]): string {
  const run: RunResult = repo.commit("add");
  assert.equal(run.status, 1, `the commit must be blocked:\n${run.stdout}${run.stderr}`);
  assertNoKeyIn(run.stdout + run.stderr, keys);
  assert.ok(!run.stderr.includes("\u001b["), "no colour");
  return run.stderr;
}

function measure(text: string): { lines: number; columns: number } {
  const lines = text.replace(/\n$/, "").split("\n");
  return { lines: lines.length, columns: Math.max(...lines.map((line) => [...line].length)) };
}

const notebook = (line: string): string => JSON.stringify({ cells: [{ cell_type: "code", source: [line] }] }, null, 1);

/** One key in one file of each kind: [file, content, what the fix must say]. */
const ONE_FILE: Array<[string, (key: string) => string, RegExp]> = [
  ["app.py", (k) => `import os\nfrom pinecone import Pinecone\npc = Pinecone(api_key="${k}")\n`, /pc = Pinecone\(api_key=os\.environ\["PINECONE_API_KEY"\]\)/],
  ["src/client.ts", (k) => `const pc = new Pinecone({ apiKey: "${k}" });\n`, /apiKey: process\.env\.PINECONE_API_KEY!/],
  ["notebooks/Explore.ipynb", (k) => notebook(`pc = Pinecone(api_key="${k}")\n`), /if not os\.environ\.get\("PINECONE_API_KEY"\):/],
  [".env.local", (k) => `PINECONE_API_KEY=${k}\n`, /git rm --cached -q \.env\.local && echo \.env\.local >> \.gitignore/],
  ["docker-compose.yml", (k) => `services:\n  app:\n    environment:\n      PINECONE_API_KEY: ${k}\n`, /PINECONE_API_KEY: \$\{PINECONE_API_KEY\}/],
  ["cmd/main.go", (k) => `package main\nconst apiKey = "${k}"\n`, /os\.Getenv\("PINECONE_API_KEY"\)/],
];

for (const [file, content, fix] of ONE_FILE) {
  test(`one key in ${file}: at most ${MAX_LINES} lines of ${MAX_COLUMNS} columns, with where, key, fix, rotation and allow`, (t) => {
    const repo = hookedRepo(t);
    const key = fakeKey();
    repo.stage(file, content(key));
    const message = blocked(repo, [key]);
    const { lines, columns } = measure(message);
    assert.ok(lines <= MAX_LINES, `${lines} lines:\n${message}`);
    assert.ok(columns <= MAX_COLUMNS, `${columns} columns:\n${message}`);
    assert.match(message, new RegExp(`^  ${file.replace(/\./g, "\\.")}:\\d+:\\d+  pinecone-api-key  pcsk_[A-Za-z0-9]+_[A-Za-z0-9]{4}…$`, "m"), "where, and the key redacted");
    assert.match(message, fix, "the fix in the file's own language");
    assert.match(message, /rotate it: pinekey-hook rotate --help \(or the\n {5}Pinecone console\)\. What uses it: pinekey-hook inventory$/m);
    assert.match(message, /Not a real key\?.*pinekey-allow/);
    assert.match(message, /pinekey-hook explain$/m, "the full text is one command away");
    assert.doesNotMatch(message, /remediate --lang shell/, "no shell program for a file that is not one");
    assert.doesNotMatch(message.replace(/pcsk_\S+…/g, ""), /…/, "nothing elided");
  });
}

test("five files of five kinds: each named with its own fix, and the printed commands paste and run", (t) => {
  const repo = hookedRepo(t);
  const key = fakeKey();
  const files = ONE_FILE.filter(([file]) => file !== "cmd/main.go");
  for (const [file, content] of files) repo.stage(file, content(key));
  const message = blocked(repo, [key]);
  assert.ok(measure(message).columns <= MAX_COLUMNS, message);
  for (const [file] of files) assert.match(message, new RegExp(`^     ${file.replace(/\./g, "\\.")}:`, "m"), `${file} has its own fix`);
  assert.match(message, /app\.py: os\.environ\["PINECONE_API_KEY"\]/);
  assert.match(message, /src\/client\.ts: process\.env\.PINECONE_API_KEY/);
  assert.doesNotMatch(message.replace(/pcsk_\S+…/g, ""), /…/, "no elided file list");
  assert.doesNotMatch(message, /echo \.env >> \.gitignore/, "the .env file's own name");

  // The .env file's fix, then the add-and-commit command, exactly as printed (continued lines joined).
  const untrack = /^\s*\.env\.local: (git rm .*)$/m.exec(message)?.[1];
  assert.ok(untrack, message);
  const sh = (script: string): void => {
    const run = spawnSync("sh", ["-c", script], { cwd: repo.dir, env: repo.env(), encoding: "utf8" });
    assert.equal(run.status, 0, `${script}\n${run.stderr}`);
  };
  sh(untrack);
  assert.equal(readFileSync(`${repo.dir}/.gitignore`, "utf8"), ".env.local\n");
  assert.equal(repo.gitOk("ls-files", "--", ".env.local"), "", ".env.local left the index");
  const then = /then: (git add (?:.*\\\n)*.*)$/m.exec(message)?.[1];
  assert.ok(then, message);
  for (const [file] of files) {
    if (file !== ".env.local") repo.write(file, "# fixed\n");
  }
  sh(then!.replace(/git commit$/, "git commit -q -m fixed"));
  assert.equal(repo.gitOk("status", "--porcelain", "--untracked-files=no"), "", "everything was committed");
});

test("the notebook fix reads the variable and prompts only when it is missing", (t) => {
  const python = spawnSync("python3", ["--version"]);
  if (python.error || python.status !== 0) return t.skip("python3 is not installed");
  const repo = hookedRepo(t);
  const key = fakeKey();
  repo.stage("nb.ipynb", notebook(`pc = Pinecone(api_key="${key}")\n`));
  const message = blocked(repo, [key]);
  const lines = message.split("\n");
  const start = lines.findIndex((line) => line.trim() === "import os, getpass");
  const code = lines.slice(start, start + 3).map((line) => line.slice(7)).join("\n");
  const run = spawnSync("python3", ["-c", `${code}\nprint(os.environ["PINECONE_API_KEY"])`], {
    env: { ...process.env, PINECONE_API_KEY: "from-the-environment" },
    input: "",
    encoding: "utf8",
  });
  assert.equal(run.status, 0, `no prompt when it is set (no EOFError):\n${run.stderr}`);
  assert.equal(run.stdout, "from-the-environment\n");
});

test("explain prints the full text of the last blocked commit, within 80 columns", (t) => {
  const repo = hookedRepo(t);
  const key = fakeKey();
  repo.stage("app.py", `pc = Pinecone(api_key="${key}")\n`);
  repo.stage(".env.prod", `PINECONE_API_KEY=${key}\n`);
  blocked(repo, [key]);
  const explain = repo.cli(["explain"]);
  assert.equal(explain.status, 0, explain.stderr);
  assertNoKeyIn(explain.stdout, [key]);
  assert.match(explain.stdout, /^pinekey-hook: commit blocked: 2 Pinecone API keys in the staged changes/);
  assert.match(explain.stdout, /aws secretsmanager get-secret-value/);
  assert.match(explain.stdout, /pinekey-hook remediate --lang python --via env/);
  assert.match(explain.stdout, /git rm --cached -q \.env\.prod && echo \.env\.prod >> \.gitignore/);
  assert.match(explain.stdout, /git restore --staged app\.py$/m, "the .env file is not restored but untracked");
  assert.ok(measure(explain.stdout).columns <= MAX_COLUMNS, explain.stdout);
  const fresh = TempRepo.create();
  t.after(() => fresh.remove());
  const none = fresh.cli(["explain"]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /there is no blocked run to explain here/);
});

test("a blocked push: the commit named on its own line, the rewrite commands, within 80 columns", (t) => {
  const repo = hookedRepo(t);
  repo.installPlainHook("pre-push");
  const remote = `${repo.base}/remote.git`;
  repo.gitOk("init", "-q", "--bare", remote);
  repo.gitOk("remote", "add", "origin", remote);
  repo.gitOk("push", "-q", "origin", "HEAD:main");
  const key = fakeKey();
  repo.stage("app.py", `pc = Pinecone(api_key="${key}")\n`);
  assert.equal(repo.commit("a very long subject line that goes on and on about what this commit does", ["--no-verify"]).status, 0);
  const push = repo.git(["push", "-q", "origin", "HEAD:main"]);
  assert.notEqual(push.status, 0);
  assertNoKeyIn(push.stderr, [key]);
  const { lines, columns } = measure(push.stderr.replace(/^error: .*\n?/gm, "").replace(/^To .*\n|^ ! .*\n/gm, ""));
  assert.ok(columns <= MAX_COLUMNS, push.stderr);
  assert.ok(lines <= MAX_LINES + 2, `${lines} lines:\n${push.stderr}`);
  assert.match(push.stderr, /^ {4}added in [0-9a-f]{10} "a very long subject/m);
  assert.match(push.stderr, /last commit: git add app\.py && git commit --amend --no-edit/);
  assert.match(push.stderr, /git rebase -i [0-9a-f]{10}\^/);
});

test("a key in a commit message: within 80 columns, the message rewritten from what git kept", (t) => {
  const repo = hookedRepo(t);
  repo.installPlainHook("commit-msg");
  const key = fakeKey();
  const run = repo.git(["commit", "-q", "--allow-empty", "-m", `deploy\n\nPINECONE_API_KEY=${key}`]);
  assert.equal(run.status, 1, run.stderr);
  assertNoKeyIn(run.stdout + run.stderr, [key]);
  const { lines, columns } = measure(run.stderr);
  assert.ok(lines <= MAX_LINES, `${lines} lines:\n${run.stderr}`);
  assert.ok(columns <= MAX_COLUMNS, `${columns} columns:\n${run.stderr}`);
  assert.match(run.stderr, /git commit -e -F \.git\/COMMIT_EDITMSG/);
  assert.match(run.stderr, /pinekey-hook rotate/);
});

test("the README's blocked commit is the real message, as printed", (t) => {
  const readme = readFileSync(`${PROJECT_ROOT}/README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## What a blocked commit looks like"));
  const shown = /```text\n([^`]*?)```/.exec(section)?.[1];
  assert.ok(shown, "the README shows the message");
  const repo = hookedRepo(t);
  const key = fakeKey();
  repo.stage("app.py", `import os\nfrom pinecone import Pinecone\n\npc = Pinecone(api_key="${key}")\n`);
  const message = blocked(repo, [key]);
  const sameKey = (text: string): string => text.replace(/pcsk_\w+_\w{4}…/g, "pcsk_<label>_<4>…");
  assert.equal(sameKey(message), sameKey(shown!));
});
