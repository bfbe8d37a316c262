/**
 * `pinekey-hook doctor` on installed, uninstalled and half-installed repositories (built CLI, real
 * git, real husky through `install`), plus the config and ignore files it reports.
 */
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { makeTempDir, TempRepo, type RunResult } from "../helpers/repo.js";
import { copyShippedHook, PATH_WITHOUT_CLI, pathWithShim, unwrapDoctor } from "../helpers/workflows.js";

function newRepo(t: TestContext, dirName = "doctor repo"): TempRepo {
  const repo = TempRepo.create({ dirName });
  t.after(() => repo.remove());
  return repo;
}

/**
 * doctor's report with its wrapped lines joined again (doctor wraps each check's text and fix
 * within 80 columns, continuing under the text): what the assertions below read.
 */
function doctor(repo: TempRepo, path: string, cwd?: string): RunResult {
  const run = repo.cli(["doctor"], { env: { PATH: path }, ...(cwd ? { cwd } : {}) });
  // Lines naming a temporary path may be longer (a path is never cut); every other line fits.
  const widest = Math.max(...run.stdout.split("\n").filter((line) => !/\/tmp\//.test(line)).map((line) => [...line].length));
  assert.ok(widest <= 80, `doctor stays within 80 columns (${widest}):\n${run.stdout}`);
  return { ...run, stdout: unwrapDoctor(run.stdout) };
}

function installWithShim(repo: TempRepo, args: string[] = []): string {
  const path = pathWithShim(join(repo.base, "global bin"));
  const run = repo.cli(["install", ...args], { env: { PATH: path } });
  assert.equal(run.status, 0, run.stderr);
  return path;
}

test("installed (husky, CLI on PATH): every line ok, exit 0", (t) => {
  const repo = newRepo(t);
  const path = installWithShim(repo);
  const run = doctor(repo, path, join(repo.dir));
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /✔ hooks\s+git runs hooks from \.husky\/_ \(core\.hooksPath=\.husky\/_\)/);
  assert.match(run.stdout, /✔ pre-commit\s+\.husky\/pre-commit runs pinekey-hook pre-commit \(husky\)/);
  assert.match(run.stdout, /✔ commit-msg\s+\.husky\/commit-msg runs pinekey-hook commit-msg \(husky\)/);
  assert.match(run.stdout, /✔ pre-push\s+\.husky\/pre-push runs pinekey-hook pre-push \(husky\)/);
  assert.match(run.stdout, /✔ CLI\s+.*global bin\/pinekey-hook/);
  assert.match(run.stdout, /✔ config\s+none: the defaults apply/);
  assert.match(run.stdout, /✔ ignore\s+no \.pinekeyignore/);
  assert.match(run.stdout, /✔ versions\s+git \d+\.\d+\.\d+, Node \d+\.\d+\.\d+/);
  assert.match(run.stdout, /All good: commits and pushes that add a Pinecone API key are blocked/);
  assert.equal(run.stderr, "");
});

test("installed without pre-push: pre-push is optional, still exit 0", (t) => {
  const repo = newRepo(t);
  const path = installWithShim(repo, ["--no-pre-push"]);
  mkdirSync(join(repo.dir, "sub dir"));
  const run = doctor(repo, path, join(repo.dir, "sub dir"));
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /○ pre-push\s+no pinekey-hook pre-push hook: pushes are not checked \(optional; npx pinekey-hook install adds it\)/);
  assert.match(run.stdout, /All good: commits that add/);
});

test("uninstalled: exit 1 with the fix", (t) => {
  const repo = newRepo(t);
  const run = doctor(repo, PATH_WITHOUT_CLI);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /✘ pre-commit\s+no pre-commit hook in \.git\/hooks: commits are not checked/);
  assert.match(run.stdout, /fix: npx pinekey-hook install/);
  assert.match(run.stdout, /1 problem: fix as shown above, then run pinekey-hook doctor again\./);
  assert.doesNotMatch(run.stdout, /CLI/, "no hook needs the CLI, so it is not checked");
});

test("half-installed: .husky/pre-commit runs pinekey-hook but core.hooksPath is unset", (t) => {
  const repo = newRepo(t);
  const path = installWithShim(repo);
  repo.gitOk("config", "--unset", "core.hooksPath");
  const run = doctor(repo, path);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /✘ pre-commit\s+\.husky\/pre-commit runs pinekey-hook, but git does not read \.husky: core\.hooksPath is not set/);
  assert.match(run.stdout, /✘ commit-msg\s+\.husky\/commit-msg runs pinekey-hook, but git does not read \.husky/);
  assert.match(run.stdout, /✘ pre-push\s+\.husky\/pre-push runs pinekey-hook, but git does not read \.husky/);
  assert.match(run.stdout, /fix: npx pinekey-hook install \(sets core\.hooksPath through husky\)/);
  assert.match(run.stdout, /3 problems/);
});

test("half-installed: core.hooksPath set by husky but no pinekey line in .husky/pre-commit", (t) => {
  const repo = newRepo(t);
  const path = installWithShim(repo);
  assert.equal(repo.cli(["uninstall"], { env: { PATH: path } }).status, 0);
  writeFileSync(join(repo.dir, ".husky", "pre-commit"), "npm test\n");
  const run = doctor(repo, path);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /✘ pre-commit\s+husky runs \.husky\/pre-commit, which does not run pinekey-hook/);
  assert.match(run.stdout, /fix: npx pinekey-hook install/);
});

test("half-installed: a fresh clone where husky's .husky/_ does not exist yet", (t) => {
  const repo = newRepo(t);
  const path = installWithShim(repo);
  // husky's generated folder is ignored by git (.husky/_/.gitignore), so a clone lacks it.
  rmSync(join(repo.dir, ".husky", "_"), { recursive: true, force: true });
  const run = doctor(repo, path);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /✘ pre-commit\s+core\.hooksPath is \.husky\/_ but that folder is missing/);
  assert.match(run.stdout, /fix: npm install \(its prepare script runs husky\), or npx husky/);
});

test("installed but the CLI is nowhere: exit 1, install it globally (no package.json)", (t) => {
  const repo = newRepo(t);
  installWithShim(repo);
  const run = doctor(repo, PATH_WITHOUT_CLI);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /✘ CLI\s+pinekey-hook is not in node_modules\/\.bin nor on PATH/);
  assert.match(run.stdout, /fix: npm install --global \S+/);
});

test("a plain .git/hooks/pre-commit: recognised; not executable is a problem with chmod as the fix", (t) => {
  const repo = newRepo(t);
  const hook = copyShippedHook("pre-commit", join(repo.dir, ".git", "hooks"));
  const path = pathWithShim(join(repo.base, "global bin"));
  const ok = doctor(repo, path);
  assert.equal(ok.status, 0, ok.stdout);
  assert.match(ok.stdout, /✔ pre-commit\s+\.git\/hooks\/pre-commit runs pinekey-hook pre-commit\n/);
  chmodSync(hook, 0o644);
  const run = doctor(repo, path);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /✘ pre-commit\s+\.git\/hooks\/pre-commit is not executable, so git skips it/);
  assert.match(run.stdout, /fix: chmod \+x \.git\/hooks\/pre-commit/);
});

test("another hooks folder (core.hooksPath) whose pre-commit does not run pinekey-hook", (t) => {
  const repo = newRepo(t);
  mkdirSync(join(repo.dir, "githooks"));
  writeFileSync(join(repo.dir, "githooks", "pre-commit"), "#!/bin/sh\nmake lint\n", { mode: 0o755 });
  repo.gitOk("config", "core.hooksPath", "githooks");
  const run = doctor(repo, PATH_WITHOUT_CLI);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /git runs hooks from githooks \(core\.hooksPath=githooks\)/);
  assert.match(run.stdout, /✘ pre-commit\s+githooks\/pre-commit does not run pinekey-hook/);
  assert.match(run.stdout, /fix: add the line pinekey-hook pre-commit \|\| exit \$\? to it/);
});

test("config and ignore files in effect: .pinekeyrc.json over package.json, fingerprints counted", (t) => {
  const repo = newRepo(t);
  const path = installWithShim(repo);
  repo.write(".pinekeyrc.json", JSON.stringify({ ignorePaths: ["fixtures/**"] }));
  repo.write("package.json", JSON.stringify({ name: "x", version: "1.0.0", pinekey: { verify: false } }));
  repo.write(".pinekeyignore", "# revoked test keys\npinecone-api-key:0123456789abcdef  # fixture\npinecone-api-key:fedcba9876543210\n");
  const run = doctor(repo, path);
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /✔ config\s+\.pinekeyrc\.json \(package\.json "pinekey" is ignored: \.pinekeyrc\.json wins\)/);
  assert.match(run.stdout, /✔ ignore\s+\.pinekeyignore, 2 fingerprints/);
});

test("an invalid config or ignore file is a problem, with the file's own error", (t) => {
  const repo = newRepo(t);
  const path = installWithShim(repo);
  repo.write(".pinekeyrc.json", JSON.stringify({ ignorePath: ["typo"] }));
  repo.write(".pinekeyignore", "not-a-fingerprint\n");
  const run = doctor(repo, path);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /✘ config\s+.*ignorePath/);
  assert.match(run.stdout, /✘ ignore\s+\.pinekeyignore:1: "not-a-fingerprint" is not a fingerprint/);
});

test("outside a repository: exit 2", (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const repo = newRepo(t);
  const run = repo.cli(["doctor"], { cwd: dir, env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /not inside a git/);
});
