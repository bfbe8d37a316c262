/**
 * `pinekey-hook fix` in real repositories, through the built CLI and real git: the whole loop
 * (a commit blocked by the real hook, fix, the commit going through, .env holding the key once),
 * partly staged files, renames, a first commit, .gitignore absent or already ignoring .env, committed
 * dotenv files, keys already pushed, --dry-run, and files fix cannot rewrite.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { createPushSetup } from "../helpers/remote.js";
import { TempRepo, type RunResult } from "../helpers/repo.js";

const lines = (...all: string[]): string => all.join("\n") + "\n";

function repoFor(t: TestContext): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  repo.installPlainHook();
  return repo;
}

function read(repo: TempRepo, path: string): string {
  return readFileSync(join(repo.dir, path), "utf8");
}

function staged(repo: TempRepo, path: string): string {
  return repo.gitOk("show", `:${path}`);
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function fix(repo: TempRepo, keys: string[], args: string[] = [], env: Record<string, string> = {}): RunResult {
  const run = repo.cli(["fix", ...args], { env });
  assertNoKeyIn(run.stdout + run.stderr, keys, "fix output");
  return run;
}

/** One file per language fix rewrites, each holding the key the way people write it. */
function projectFiles(key: string): Record<string, string> {
  return {
    "app.py": lines("from pinecone import Pinecone", "", `pc = Pinecone(api_key="${key}")`),
    "notebooks/quickstart.ipynb": JSON.stringify(
      {
        cells: [
          {
            cell_type: "code",
            execution_count: 1,
            metadata: {},
            outputs: [{ name: "stdout", output_type: "stream", text: [`${key}\n`] }],
            source: ["%pip install pinecone\n", `api_key = "${key}"\n`, "print(api_key)"],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + "\n",
    "web/client.ts": lines('import { Pinecone } from "@pinecone-database/pinecone";', `export const pc = new Pinecone({ apiKey: "${key}" });`),
    "web/server.js": lines(`const apiKey = '${key}';`, "module.exports = { apiKey };"),
    "cmd/main.go": lines("package main", "", 'import "fmt"', "", `const apiKey = "${key}"`, "", "func main() { fmt.Println(apiKey) }"),
    "src/Main.java": lines("class Main {", `  static String key = "${key}";`, "}"),
    "src/Program.cs": lines("using Pinecone;", `var pc = new PineconeClient("${key}");`),
    "lib/pinecone.rb": lines(`API_KEY = "${key}"`),
    "docker-compose.yml": lines("services:", "  app:", "    environment:", `      PINECONE_API_KEY: ${key}`),
    "k8s/deployment.yaml": lines(
      "apiVersion: apps/v1",
      "kind: Deployment",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: app",
      "          env:",
      "            - name: PINECONE_API_KEY",
      `              value: ${key}`,
    ),
  };
}

test("the loop: a blocked first commit, fix, the commit goes through, .env holds the key once", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  for (const [path, content] of Object.entries(projectFiles(key))) repo.stage(path, content);
  const blocked = repo.commit("add the app");
  assert.notEqual(blocked.status, 0, "the hook blocks the commit");
  assert.match(blocked.stderr, /pinekey-hook fix/, "the block message offers fix");

  const run = fix(repo, [key]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /moved 11 keys out of the code/);
  assert.match(run.stdout, /cleared the outputs of cell 1/);
  assert.match(run.stdout, /kubectl create secret generic pinecone/);
  for (const path of Object.keys(projectFiles(key))) {
    assert.ok(!read(repo, path).includes(key), `${path} no longer holds the key`);
    assert.equal(staged(repo, path), read(repo, path), `${path} is staged exactly as it is on disk`);
  }
  assert.match(read(repo, "app.py"), /^import os\n/);
  assert.match(read(repo, "cmd/main.go"), /var apiKey = os\.Getenv\("PINECONE_API_KEY"\)/);
  assert.match(read(repo, "src/Program.cs"), /^using System;\n/);
  assert.equal(count(read(repo, ".env"), key), 1, ".env holds the key once");
  assert.equal(read(repo, ".env"), `PINECONE_API_KEY=${key}\n`);
  assert.equal(statSync(join(repo.dir, ".env")).mode & 0o777, 0o600, ".env is readable by its owner only");
  assert.equal(read(repo, ".gitignore"), ".env\n");
  assert.equal(read(repo, ".env.example"), "PINECONE_API_KEY=\n");
  assert.equal(repo.cli(["scan", "--staged"]).status, 0, "scan --staged is clean");

  const committed = repo.commit("add the app");
  assert.equal(committed.status, 0, committed.stderr);
  assert.equal(repo.gitOk("ls-files", "--", ".env"), "", ".env is not committed");
  assert.match(repo.gitOk("ls-files", "--", ".env.example", ".gitignore"), /\.env\.example\n\.gitignore/);

  // A second run finds nothing; .env is not written twice.
  assert.equal(fix(repo, [key]).status, 0);
  assert.equal(count(read(repo, ".env"), key), 1);
});

test("--dry-run shows the diff and changes nothing: files, index and .env stay as they were", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  repo.stage("app.py", lines("import pinecone", `KEY = "${key}"`));
  const index = repo.gitOk("ls-files", "-s");
  const run = fix(repo, [key], ["--dry-run"]);
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /would move 1 key/);
  assert.match(run.stdout, /^\+KEY = os\.environ\["PINECONE_API_KEY"\]$/m);
  assert.match(run.stdout, /^-KEY = "pcsk_\w+_\w{4}…"$/m, "the removed line shows the key redacted");
  assert.match(run.stdout, /^\+\+\+ b\/\.env$/m);
  assert.equal(read(repo, "app.py"), lines("import pinecone", `KEY = "${key}"`));
  assert.equal(repo.gitOk("ls-files", "-s"), index);
  for (const path of [".env", ".gitignore", ".env.example"]) assert.ok(!existsSync(join(repo.dir, path)), `${path} not created`);
});

test("a partly staged file is never rewritten: named with what to do, exit 1", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  repo.stage("app.py", lines(`KEY = "${key}"`));
  repo.write("app.py", lines(`KEY = "${key}"`, "print('work in progress')"));
  repo.stage("ok.py", lines(`OTHER = "${key}"`));
  const index = repo.gitOk("ls-files", "-s", "app.py");
  const run = fix(repo, [key]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /app\.py: has changes that are not staged.*git stash --keep-index/);
  assert.equal(read(repo, "app.py"), lines(`KEY = "${key}"`, "print('work in progress')"), "the working copy is untouched");
  assert.equal(repo.gitOk("ls-files", "-s", "app.py"), index, "its staged version is untouched");
  assert.equal(read(repo, "ok.py"), lines("import os", "", 'OTHER = os.environ["PINECONE_API_KEY"]'), "the other file is fixed");
});

test("the same key on a line committed before goes too: the file is left free of it", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  repo.stage("app.py", lines(`OLD = "${key}"`));
  assert.equal(repo.git(["commit", "-q", "--no-verify", "-m", "leak"]).status, 0);
  repo.stage("app.py", lines(`OLD = "${key}"`, `NEW = "${key}"`));
  const run = fix(repo, [key]);
  assert.equal(run.status, 0, run.stdout);
  assert.equal(staged(repo, "app.py"), lines("import os", "", 'OLD = os.environ["PINECONE_API_KEY"]', 'NEW = os.environ["PINECONE_API_KEY"]'));
  assert.equal(repo.commit("fixed").status, 0);
});

test("a renamed file is fixed under its new name", (t) => {
  const repo = repoFor(t);
  const body = Array.from({ length: 12 }, (_, i) => `print('line ${i}')`);
  repo.stage("old.py", lines(...body));
  assert.equal(repo.commit("first").status, 0);
  const key = fakeKey();
  repo.gitOk("mv", "old.py", "new.py");
  repo.stage("new.py", lines(...body, `KEY = "${key}"`));
  const run = fix(repo, [key]);
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /new\.py:13/);
  assert.equal(staged(repo, "new.py"), lines("import os", "", ...body, 'KEY = os.environ["PINECONE_API_KEY"]'));
  assert.match(repo.gitOk("status", "--porcelain"), /^R {2}old\.py -> new\.py$/m);
  assert.equal(repo.commit("rename").status, 0);
});

test(".gitignore already ignoring .env is left alone; .env already holding the key is not written again", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  repo.stage(".gitignore", lines("node_modules/", ".env"));
  assert.equal(repo.commit("ignore").status, 0);
  repo.write(".env", lines("OTHER=1", `PINECONE_API_KEY=${key}`));
  repo.stage("main.py", lines(`k = "${key}"`));
  const run = fix(repo, [key]);
  assert.equal(run.status, 0, run.stdout);
  assert.equal(read(repo, ".gitignore"), lines("node_modules/", ".env"));
  assert.equal(read(repo, ".env"), lines("OTHER=1", `PINECONE_API_KEY=${key}`));
  assert.doesNotMatch(run.stdout, /\.gitignore/);
});

test("a second, different key gets a name of its own", (t) => {
  const repo = repoFor(t);
  const [first, second] = [fakeKey(), fakeKey()];
  repo.write(".env", lines(`PINECONE_API_KEY=${first}`));
  repo.stage("a.py", lines(`k = "${second}"`));
  const run = fix(repo, [first, second]);
  assert.equal(run.status, 0, run.stdout);
  assert.equal(read(repo, ".env"), lines(`PINECONE_API_KEY=${first}`, `PINECONE_API_KEY_2=${second}`));
  assert.match(read(repo, "a.py"), /os\.environ\["PINECONE_API_KEY_2"\]/);
});

test("a committed dotenv file is untracked, ignored and left on disk as it is", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  repo.stage("config/.env.production", lines("LOG_LEVEL=info"));
  assert.equal(repo.commit("env").status, 0);
  const content = lines("LOG_LEVEL=info", `PINECONE_API_KEY=${key}`);
  repo.stage("config/.env.production", content);
  const run = fix(repo, [key]);
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /config\/\.env\.production: no longer tracked/);
  assert.equal(read(repo, "config/.env.production"), content, "left on disk as it is");
  assert.equal(repo.gitOk("ls-files", "--", "config/.env.production"), "");
  assert.match(read(repo, ".gitignore"), /^\/config\/\.env\.production$/m);
  assert.equal(read(repo, ".env.example"), "PINECONE_API_KEY=\n");
  assert.ok(!existsSync(join(repo.dir, ".env")), "no root .env: the value stays where it was");
  assert.equal(repo.commit("untrack").status, 0);
  assert.equal(repo.gitOk("check-ignore", "config/.env.production"), "config/.env.production\n");
});

test("files fix cannot rewrite are listed with the manual fix; exit 1", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  repo.stage("deploy.sh", lines(`export PINECONE_API_KEY=${key}`));
  repo.stage("bad.py", lines(`print(f"key={"${key}"}")`));
  const run = fix(repo, [key]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /Left for you \(2\)/);
  assert.match(run.stdout, /deploy\.sh: a key on line 1: delete the assignment/);
  assert.match(run.stdout, /bad\.py: a key on line 1: not rewritten/);
  assert.equal(read(repo, "deploy.sh"), lines(`export PINECONE_API_KEY=${key}`));
});

test("without python3, Python files are refused and named, not guessed at", (t) => {
  const repo = repoFor(t);
  const key = fakeUuid();
  repo.stage("legacy.py", lines("import pinecone", `pinecone.init(api_key="${key}", environment="us-west1-gcp")`));
  const run = fix(repo, [key], [], { PINEKEY_PYTHON: join(repo.base, "no-such-python") });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /legacy\.py: .*was not found \(Python's own tokenizer is needed/);
  const withPython = fix(repo, [key]);
  assert.equal(withPython.status, 0, withPython.stdout);
  assert.match(read(repo, "legacy.py"), /pinecone\.init\(api_key=os\.environ\["PINECONE_API_KEY"\], environment="us-west1-gcp"\)/);
});

test("a key that was already pushed must also be rotated: fix says so and points to rotate", (t) => {
  const setup = createPushSetup();
  t.after(() => setup.work.remove());
  const repo = setup.work;
  const key = fakeKey();
  repo.stage("old.py", lines(`KEY = "${key}"`));
  assert.equal(repo.git(["commit", "-q", "--no-verify", "-m", "leak"]).status, 0);
  assert.equal(setup.pushNoVerify("origin", "HEAD:refs/heads/main").status, 0);
  repo.stage("new.py", lines(`KEY = "${key}"`));
  const run = fix(repo, [key]);
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /Already pushed: pcsk_\w+_\w{4}… is in commits a remote has/);
  assert.match(run.stdout, /pinekey-hook rotate/);

  const fresh = fakeKey();
  repo.stage("newer.py", lines(`KEY = "${fresh}"`));
  const notPushed = fix(repo, [key, fresh]);
  assert.doesNotMatch(notPushed.stdout, /Already pushed/);
});

/**
 * A git on PATH that fails one subcommand (FAIL_SUB: exit 128 with a message) or answers another
 * with nothing at all (SILENT_SUB: exit 0, no output), and runs the real git for everything else.
 */
function faultyGit(repo: TempRepo): string {
  const real = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
  const bin = join(repo.base, "faulty-git");
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, "git"),
    [
      "#!/bin/sh",
      'sub=""; skip=0',
      'for a in "$@"; do',
      '  if [ "$skip" = 1 ]; then skip=0; continue; fi',
      '  case "$a" in -c) skip=1;; -*) ;; *) sub="$a"; break;; esac',
      "done",
      'if [ -n "$FAIL_SUB" ] && [ "$sub" = "$FAIL_SUB" ]; then echo "fatal: injected failure" >&2; exit 128; fi',
      'if [ -n "$SILENT_SUB" ] && [ "$sub" = "$SILENT_SUB" ]; then exit 0; fi',
      `exec "${real}" "$@"`,
      "",
    ].join("\n"),
  );
  chmodSync(join(bin, "git"), 0o755);
  return `${bin}:${process.env.PATH ?? ""}`;
}

test("git failing while fix stages: exit 2 naming the cause and how to finish; the key is never left staged unnoticed", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  repo.stage("app.py", lines(`KEY = "${key}"`));
  const run = fix(repo, [key], [], { PATH: faultyGit(repo), FAIL_SUB: "add" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /git add failed: fatal: injected failure/);
  assert.match(run.stderr, /the index was not updated/);
  assert.match(run.stderr, /git add -- app\.py \.gitignore \.env\.example/);
  assert.equal(count(read(repo, ".env"), key), 1, "the value is in .env");
  assert.notEqual(repo.cli(["scan", "--staged"]).status, 0, "the staged key still blocks");
});

test("git answering nothing where an answer is due: exit 2, nothing written", (t) => {
  const repo = repoFor(t);
  const key = fakeKey();
  repo.stage("app.py", lines(`KEY = "${key}"`));
  for (const silent of ["check-ignore", "ls-files", "hash-object"]) {
    const run = fix(repo, [key], [], { PATH: faultyGit(repo), SILENT_SUB: silent });
    assert.equal(run.status, 2, `${silent}: ${run.stdout}${run.stderr}`);
    assert.equal(read(repo, "app.py"), lines(`KEY = "${key}"`));
    assert.ok(!existsSync(join(repo.dir, ".env")));
  }
});
