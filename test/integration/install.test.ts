/**
 * `pinekey-hook install` / `uninstall` with the built CLI in temporary repositories (husky's real
 * installer sets core.hooksPath=.husky/_), then real commits through husky's shims, which find
 * `pinekey-hook` on PATH.
 */
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join, relative } from "node:path";
import { test, type TestContext } from "node:test";
import { huskyHookLine } from "../../dist/cli/hook-scripts.js";
import { installAdvice } from "../../dist/cli/package-info.js";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { CLI, PROJECT_ROOT, type RunResult, TempRepo } from "../helpers/repo.js";

const OWN = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
};
const HUSKY_RANGE = OWN.dependencies.husky!;
const OWN_RANGE = `^${OWN.version}`;
const HOOK_FILE = join(".husky", "pre-commit");
/** The line install writes in a repository without package.json (the CLI installed globally). */
const OUR_HOOK = `${huskyHookLine("pre-commit", { installAdvice: installAdvice() })}\n`;
const NOT_FOUND = "pinekey-hook: node or the pinekey-hook CLI is not on this hook's PATH,";

/** PATH without any `pinekey-hook` on it (git, sh and node stay reachable). */
const PATH_WITHOUT_CLI = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !existsSync(join(dir, "pinekey-hook")))
  .join(delimiter);

function newRepo(t: TestContext): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  return repo;
}

/** A directory holding an executable `pinekey-hook` that runs this checkout's built CLI. */
function shimDir(repo: TempRepo): string {
  const dir = join(repo.base, "shim bin");
  mkdirSync(dir, { recursive: true });
  const shim = join(dir, "pinekey-hook");
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

function pathWithCli(repo: TempRepo): string {
  return `${shimDir(repo)}${delimiter}${PATH_WITHOUT_CLI}`;
}

function install(repo: TempRepo, options: { path?: string; cwd?: string; env?: Record<string, string> } = {}): RunResult {
  return repo.cli(["install"], { cwd: options.cwd, env: { PATH: options.path ?? PATH_WITHOUT_CLI, ...options.env } });
}

function installOk(repo: TempRepo, options: { path?: string; cwd?: string } = {}): RunResult {
  const run = install(repo, options);
  assert.equal(run.status, 0, `install failed:\n${run.stderr}`);
  assert.equal(run.stderr, "");
  return run;
}

function hookText(repo: TempRepo): string {
  return readFileSync(join(repo.dir, HOOK_FILE), "utf8");
}

function isExecutable(path: string): boolean {
  return (statSync(path).mode & 0o111) !== 0;
}

/** Every file of the work tree (and .git/config) with its bytes and mode: to compare whole states. */
function snapshot(repo: TempRepo): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".git") walk(full);
      } else {
        files[relative(repo.dir, full)] = `${statSync(full).mode.toString(8)} ${readFileSync(full, "base64")}`;
      }
    }
  };
  walk(repo.dir);
  files[".git/config"] = readFileSync(join(repo.dir, ".git", "config"), "base64");
  return files;
}

function hooksPath(repo: TempRepo): string | undefined {
  const run = repo.git(["config", "--get", "core.hooksPath"]);
  return run.status === 0 ? run.stdout.trim() : undefined;
}

// ---------------------------------------------------------------------------------------------
// install

test("install creates .husky/pre-commit with the one pinekey-hook line and sets up husky", (t) => {
  const repo = newRepo(t);
  const run = installOk(repo);
  assert.equal(hookText(repo), OUR_HOOK);
  assert.ok(isExecutable(join(repo.dir, HOOK_FILE)));
  assert.equal(hooksPath(repo), ".husky/_");
  assert.ok(isExecutable(join(repo.dir, ".husky", "_", "pre-commit")), "husky's shim is there");
  assert.match(run.stdout, /added the pinekey-hook check to \.husky\/pre-commit/);
  assert.ok(!existsSync(join(repo.dir, "package.json")), "no package.json is created");
});

test("install twice changes nothing (byte-identical)", (t) => {
  const repo = newRepo(t);
  writeFileSync(join(repo.dir, "package.json"), '{\n  "name": "demo",\n  "version": "1.0.0"\n}\n');
  installOk(repo);
  const first = snapshot(repo);
  const again = installOk(repo);
  assert.deepEqual(snapshot(repo), first);
  assert.match(again.stdout, /\.husky\/pre-commit already runs pinekey-hook \(unchanged\)/);
  assert.doesNotMatch(again.stdout, /package\.json:/);
});

test("install keeps an existing .husky/pre-commit's commands, with our line first", (t) => {
  const repo = newRepo(t);
  repo.write(HOOK_FILE, "npm test\n");
  installOk(repo);
  assert.equal(hookText(repo), `${OUR_HOOK}npm test\n`);
  assert.ok(isExecutable(join(repo.dir, HOOK_FILE)));
});

test("install keeps a shebang first", (t) => {
  const repo = newRepo(t);
  repo.write(HOOK_FILE, "#!/usr/bin/env sh\nnpx lint-staged\n");
  installOk(repo);
  assert.equal(hookText(repo), `#!/usr/bin/env sh\n${OUR_HOOK}npx lint-staged\n`);
});

test("install in a Node project records pinekey-hook, husky and prepare, keeping the indentation", (t) => {
  const repo = newRepo(t);
  const original = { name: "demo", version: "1.0.0", scripts: { build: "tsc" } };
  writeFileSync(join(repo.dir, "package.json"), JSON.stringify(original, null, 4) + "\n");
  const run = installOk(repo);
  const expected = {
    name: "demo",
    version: "1.0.0",
    scripts: { build: "tsc", prepare: "husky" },
    devDependencies: { husky: HUSKY_RANGE, "pinekey-hook": OWN_RANGE },
  };
  assert.equal(readFileSync(join(repo.dir, "package.json"), "utf8"), JSON.stringify(expected, null, 4) + "\n");
  assert.match(run.stdout, new RegExp(`added pinekey-hook@\\${OWN_RANGE} to devDependencies`));
  assert.match(run.stdout, /added husky@.+ to devDependencies/);
  assert.match(run.stdout, /added the script "prepare": "husky"/);
  assert.doesNotMatch(run.stdout, /not on your PATH/, "in a Node project the CLI comes from node_modules/.bin");
  assert.match(run.stdout, /Commit \.husky\/pre-commit, \.husky\/commit-msg and \.husky\/pre-push to share/);
  for (const line of run.stdout.split("\n")) assert.ok([...line].length <= 80, `within 80 columns: ${line}`);
});

test("install appends && husky to an existing prepare script (tab indentation kept)", (t) => {
  const repo = newRepo(t);
  const original = {
    name: "demo",
    scripts: { prepare: "npm run build" },
    devDependencies: { typescript: "^5.0.0" },
  };
  writeFileSync(join(repo.dir, "package.json"), JSON.stringify(original, null, "\t") + "\n");
  installOk(repo);
  const expected = {
    name: "demo",
    scripts: { prepare: "npm run build && husky" },
    devDependencies: { husky: HUSKY_RANGE, "pinekey-hook": OWN_RANGE, typescript: "^5.0.0" },
  };
  assert.equal(readFileSync(join(repo.dir, "package.json"), "utf8"), JSON.stringify(expected, null, "\t") + "\n");
});

test("install leaves dependencies a project already has", (t) => {
  const repo = newRepo(t);
  const original = {
    name: "demo",
    scripts: { prepare: "husky" },
    dependencies: { "pinekey-hook": "^0.0.9" },
    devDependencies: { husky: "^9.0.0" },
  };
  const textBefore = JSON.stringify(original, null, 2) + "\n";
  writeFileSync(join(repo.dir, "package.json"), textBefore);
  const run = installOk(repo);
  assert.equal(readFileSync(join(repo.dir, "package.json"), "utf8"), textBefore);
  assert.doesNotMatch(run.stdout, /package\.json:/);
});

test("install with an invalid package.json: exit 2, and the repository is left as it was", (t) => {
  const repo = newRepo(t);
  writeFileSync(join(repo.dir, "package.json"), '{ "name": "demo", }\n');
  const before = snapshot(repo);
  const run = install(repo);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, "");
  assert.match(run.stderr, /pinekey-hook: error: package\.json is not valid JSON/);
  assert.match(run.stderr, /Fix package\.json and run install again/);
  assert.deepEqual(snapshot(repo), before, "nothing was installed half-way");
  assert.equal(hooksPath(repo), undefined);
});

test("install with a package.json that is not an object: exit 2", (t) => {
  const repo = newRepo(t);
  writeFileSync(join(repo.dir, "package.json"), "[]\n");
  const run = install(repo);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /package\.json does not hold a JSON object/);
  assert.equal(hooksPath(repo), undefined);
});

test("install without package.json works and warns when pinekey-hook is not on PATH", (t) => {
  const repo = newRepo(t);
  const run = installOk(repo);
  assert.match(run.stdout, /pinekey-hook is not on your PATH/);
  assert.ok(run.stdout.includes(`  ${installAdvice()}\n`), "how this CLI is installed (from this clone in the tests)");
});

test("install without package.json does not warn when pinekey-hook is on PATH", (t) => {
  const repo = newRepo(t);
  const run = installOk(repo, { path: pathWithCli(repo) });
  assert.doesNotMatch(run.stdout, /not on your PATH/);
});

test("install refuses when core.hooksPath points elsewhere, naming it (exit 2)", (t) => {
  const repo = newRepo(t);
  repo.gitOk("config", "core.hooksPath", ".githooks");
  const before = snapshot(repo);
  const run = install(repo);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, "");
  assert.match(run.stderr, /core\.hooksPath is set to "\.githooks"/);
  assert.match(run.stderr, /\.githooks\/pre-commit/);
  assert.deepEqual(snapshot(repo), before);
});

test("install accepts core.hooksPath already set to husky's folder", (t) => {
  const repo = newRepo(t);
  repo.gitOk("config", "core.hooksPath", ".husky/_");
  installOk(repo);
  assert.equal(hookText(repo), OUR_HOOK);
});

test("install from a subdirectory sets up the top of the work tree", (t) => {
  const repo = newRepo(t);
  mkdirSync(join(repo.dir, "src", "deep"), { recursive: true });
  installOk(repo, { cwd: join(repo.dir, "src", "deep") });
  assert.equal(hookText(repo), OUR_HOOK);
  assert.ok(!existsSync(join(repo.dir, "src", "deep", ".husky")));
});

test("install warns that an existing .git/hooks/pre-commit stops running", (t) => {
  const repo = newRepo(t);
  repo.installPlainHook();
  const run = installOk(repo);
  assert.match(run.stdout, /\.git\/hooks\/pre-commit no longer runs/);
});

// ---------------------------------------------------------------------------------------------
// uninstall

test("uninstall removes only our line and keeps the others", (t) => {
  const repo = newRepo(t);
  repo.write(HOOK_FILE, "npm test\n");
  installOk(repo);
  const run = repo.cli(["uninstall"]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(hookText(repo), "npm test\n");
  assert.match(run.stdout, /removed the pinekey-hook line from \.husky\/pre-commit/);
});

test("uninstall deletes .husky/pre-commit when only our line was there; a second uninstall is a no-op", (t) => {
  const repo = newRepo(t);
  installOk(repo);
  const run = repo.cli(["uninstall"]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(!existsSync(join(repo.dir, HOOK_FILE)));
  assert.match(run.stdout, /removed \.husky\/pre-commit \(it held only pinekey-hook\)/);

  const before = snapshot(repo);
  const again = repo.cli(["uninstall"]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /nothing to do/);
  assert.deepEqual(snapshot(repo), before);
});

test("uninstall leaves a line that runs pinekey-hook together with other commands, and says so", (t) => {
  const repo = newRepo(t);
  repo.write(HOOK_FILE, "npm test && pinekey-hook pre-commit\n");
  installOk(repo);
  assert.equal(hookText(repo), "npm test && pinekey-hook pre-commit\n", "install sees the existing call");
  const run = repo.cli(["uninstall"]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(hookText(repo), "npm test && pinekey-hook pre-commit\n", "the person's own line stays whole");
  assert.match(run.stdout, /left \.husky\/pre-commit:1 as it is/);
});

test("uninstall where nothing was installed: exit 0, nothing to do", (t) => {
  const repo = newRepo(t);
  const run = repo.cli(["uninstall"]);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /nothing to do/);
});

// ---------------------------------------------------------------------------------------------
// Real commits through husky

function head(repo: TempRepo): string | undefined {
  const run = repo.git(["rev-parse", "--verify", "-q", "HEAD"]);
  return run.status === 0 ? run.stdout.trim() : undefined;
}

test("in an installed repository a real commit with a key is blocked, a clean one passes", (t) => {
  const repo = newRepo(t);
  const path = pathWithCli(repo);
  installOk(repo, { path });
  const commit = (): RunResult => repo.git(["commit", "-q", "-m", "commit"], { env: { PATH: path } });

  repo.stage("README.md", "# demo\n");
  repo.gitOk("add", ".husky/pre-commit");
  const clean = commit();
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stderr, "");
  const before = head(repo);
  assert.ok(before);

  const key = fakeKey();
  repo.stage("config/app.py", `import os\nPINECONE_API_KEY = "${key}"\n`);
  const blocked = commit();
  assert.notEqual(blocked.status, 0);
  assert.equal(head(repo), before);
  assertNoKeyIn(blocked.stdout + blocked.stderr, [key]);
  assert.match(blocked.stderr, /pinekey-hook: commit blocked:/);
  assert.ok(blocked.stderr.includes("config/app.py:2:21"), blocked.stderr);
  assert.match(blocked.stderr, /How to fix/);
});

test("in an installed repository without pinekey-hook on PATH the commit is blocked with the install-it line", (t) => {
  const repo = newRepo(t);
  installOk(repo);
  repo.stage("README.md", "# demo\n");
  const run = repo.git(["commit", "-q", "-m", "commit"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.notEqual(run.status, 0);
  assert.equal(head(repo), undefined);
  // No package.json: the advice is how this CLI is installed (from this clone, in the tests).
  assert.ok(run.stderr.startsWith(`${NOT_FOUND}\nso the commit was stopped. Not installed? ${installAdvice()}\n`), run.stderr);
  assert.match(run.stderr, /~\/\.config\/husky\/init\.sh/);
});

test("after uninstall a commit with a key is no longer checked", (t) => {
  const repo = newRepo(t);
  const path = pathWithCli(repo);
  installOk(repo, { path });
  assert.equal(repo.cli(["uninstall"], { env: { PATH: path } }).status, 0);
  repo.stage("a.py", `KEY = "${fakeKey()}"\n`);
  const run = repo.git(["commit", "-q", "-m", "commit"], { env: { PATH: path } });
  assert.equal(run.status, 0, run.stderr);
});

// ---------------------------------------------------------------------------------------------
// The plain hook script shipped in the package (hooks/pre-commit), for projects without husky

function installShippedHook(repo: TempRepo): void {
  const file = join(repo.dir, ".git", "hooks", "pre-commit");
  writeFileSync(file, readFileSync(join(PROJECT_ROOT, "hooks", "pre-commit")));
  chmodSync(file, 0o755);
}

test("the shipped hooks/pre-commit blocks a key when pinekey-hook is on PATH, and passes a clean commit", (t) => {
  const repo = newRepo(t);
  installShippedHook(repo);
  const path = pathWithCli(repo);
  repo.stage("README.md", "# demo\n");
  const clean = repo.git(["commit", "-q", "-m", "clean"], { env: { PATH: path } });
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stderr, "");

  const key = fakeKey();
  repo.stage("app.py", `KEY = "${key}"\n`);
  const before = head(repo);
  const run = repo.git(["commit", "-q", "-m", "key"], { env: { PATH: path } });
  assert.notEqual(run.status, 0);
  assert.equal(head(repo), before);
  assert.ok(run.stderr.includes("app.py:1:8"), run.stderr);
  assertNoKeyIn(run.stdout + run.stderr, [key]);
});

test("the shipped hooks/pre-commit without pinekey-hook on PATH blocks with the install-it line", (t) => {
  const repo = newRepo(t);
  installShippedHook(repo);
  repo.stage("README.md", "# demo\n");
  const run = repo.git(["commit", "-q", "-m", "clean"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.notEqual(run.status, 0);
  assert.equal(head(repo), undefined);
  assert.ok(run.stderr.startsWith(`${NOT_FOUND}\nso the commit was stopped. Not installed? Run: npm install --global pinekey-hook\n`), run.stderr);
});

test(
  "install with HUSKY=0 does not claim that hooks run or that commits are now blocked",
  (t) => {
    const repo = newRepo(t);
    const run = install(repo, { env: { HUSKY: "0" } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(hooksPath(repo), undefined, "husky really did skip");
    assert.match(run.stdout, /HUSKY=0 is set/);
    assert.doesNotMatch(run.stdout, /git hooks run from \.husky/);
    assert.doesNotMatch(run.stdout, /are now blocked/);
  },
);
