/**
 * The install modes beyond one repository's husky set-up, with real git and a private HOME:
 * `install --global` (git's global core.hooksPath, chaining each repository's own .git/hooks), a
 * hook run on a GUI client's short PATH (the message, then the init file it prints, then a working
 * commit), and a monorepo package in a subfolder with its hooks run from the top as git runs them.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { CLI, TempRepo } from "../helpers/repo.js";
import { PATH_WITHOUT_CLI, unwrapDoctor } from "../helpers/workflows.js";

/** doctor's report with its wrapped lines joined again (it wraps within 80 columns, paths too). */
function doctor(repo: TempRepo, options: Parameters<TempRepo["cli"]>[1] = {}): string {
  return unwrapDoctor(repo.cli(["doctor"], options).stdout);
}

function newRepo(t: TestContext, dirName = "repo"): TempRepo {
  const repo = TempRepo.create({ dirName });
  t.after(() => repo.remove());
  return repo;
}

/** An executable `.git/hooks/<name>` of the repository's own that leaves a mark when it runs. */
function ownHook(repo: TempRepo, name: string): string {
  const mark = join(repo.base, `${name} ran`);
  const file = join(repo.dir, ".git", "hooks", name);
  writeFileSync(file, `#!/bin/sh\ncat > ${JSON.stringify(mark)}\necho "$@" >> ${JSON.stringify(mark)}\n`);
  chmodSync(file, 0o755);
  return mark;
}

test("install --global with a private HOME: every repository is checked, its own .git/hooks still run", (t) => {
  const repo = newRepo(t, "python app");
  const mark = ownHook(repo, "pre-commit");
  const messageMark = ownHook(repo, "commit-msg");
  const pushMark = ownHook(repo, "pre-push");
  const install = repo.cli(["install", "--global"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(install.status, 0, install.stderr);
  const hooksDir = join(repo.home, ".config", "pinekey-hook", "hooks");
  assert.equal(repo.gitOk("config", "--global", "core.hooksPath").trim(), hooksDir);
  assert.match(install.stdout, /git's global core\.hooksPath is now/);
  assert.ok(install.stdout.split("\n").every((line) => line.length <= 80 || line.includes(hooksDir) || line.includes(CLI)), install.stdout);

  // A key is blocked before the repository's own hook runs; no pinekey-hook on PATH is needed.
  const key = fakeKey();
  repo.stage("settings.py", `PINECONE_API_KEY = "${key}"\n`);
  const blocked = repo.git(["commit", "-q", "-m", "key"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(blocked.status, 1, blocked.stderr);
  assert.match(blocked.stderr, /commit blocked: 1 Pinecone API key/);
  assertNoKeyIn(blocked.stderr, [key]);
  assert.ok(!existsSync(mark), "the repository's own hook did not run for a blocked commit");

  // A clean commit passes and chains to .git/hooks/pre-commit.
  repo.gitOk("rm", "-q", "--cached", "settings.py");
  repo.stage("app.py", "import os\n");
  const clean = repo.git(["commit", "-q", "-m", "clean"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(clean.status, 0, clean.stderr);
  assert.ok(existsSync(mark), "the repository's own pre-commit ran");
  assert.match(readFileSync(messageMark, "utf8"), /COMMIT_EDITMSG\n$/, "its own commit-msg ran, given the message file");

  // commit-msg: a key in the message is blocked by the global hook too (no commit is made).
  const head = repo.gitOk("rev-parse", "HEAD");
  const inMessage = repo.git(["commit", "-q", "--allow-empty", "-m", `deploy\n\nPINECONE_API_KEY=${key}`], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(inMessage.status, 1, inMessage.stderr);
  assert.match(inMessage.stderr, /commit blocked: 1 Pinecone API key in the commit message/);
  assertNoKeyIn(inMessage.stderr, [key]);
  assert.equal(repo.gitOk("rev-parse", "HEAD"), head);

  // pre-push: the check reads git's ref lines, and the repository's hook gets them too.
  const remote = join(repo.base, "remote.git");
  repo.gitOk("init", "-q", "--bare", remote);
  repo.gitOk("remote", "add", "origin", remote);
  const push = repo.git(["push", "-q", "origin", "HEAD:main"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(push.status, 0, push.stderr);
  const pushed = readFileSync(pushMark, "utf8");
  assert.match(pushed, /^HEAD [0-9a-f]{40} refs\/heads\/main 0{40}\norigin /, "its stdin and arguments");
  repo.stage("late.py", `KEY = "${key}"\n`);
  assert.equal(repo.git(["commit", "-q", "--no-verify", "-m", "late"]).status, 0);
  const stopped = repo.git(["push", "-q", "origin", "HEAD:main"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.notEqual(stopped.status, 0);
  assert.match(stopped.stderr, /push blocked: 1 Pinecone API key in 1 commit to be pushed/);

  // A teammate's fresh clone is checked without any install.
  const clone = join(repo.base, "clone");
  repo.gitOk("clone", "-q", remote, clone);
  writeFileSync(join(clone, "keys.py"), `KEY = "${key}"\n`);
  repo.git(["add", "keys.py"], { cwd: clone });
  const cloned = repo.git(["commit", "-q", "-m", "key"], { cwd: clone, env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(cloned.status, 1, cloned.stderr);

  // doctor names the mode.
  const report = doctor(repo, { env: { PATH: PATH_WITHOUT_CLI } });
  assert.match(report, /✔ mode +install --global: every repository of this user/);
  assert.match(report, /✔ pre-commit /);
  assert.match(report, /✔ commit-msg /);
  assert.match(report, /✔ CLI /);
  // A global set-up from before commit-msg was checked: optional, and the way to add it.
  const messageHook = join(hooksDir, "commit-msg");
  const current = readFileSync(messageHook, "utf8");
  writeFileSync(messageHook, "#!/bin/sh\n# Written by pinekey-hook install --global\nexit 0\n");
  const older = doctor(repo, { env: { PATH: PATH_WITHOUT_CLI } });
  assert.match(older, /○ commit-msg +no pinekey-hook commit-msg hook: commit messages are not checked \(optional; pinekey-hook install --global again adds it\)/);
  writeFileSync(messageHook, current);

  // A repository with its own core.hooksPath (husky) keeps it: the global hooks do not run there.
  const husky = join(repo.base, "husky app");
  mkdirSync(join(husky, "hooks"), { recursive: true });
  repo.gitOk("init", "-q", husky);
  repo.git(["config", "core.hooksPath", "hooks"], { cwd: husky });
  writeFileSync(join(husky, "keys.py"), `KEY = "${key}"\n`);
  repo.git(["add", "keys.py"], { cwd: husky });
  assert.equal(repo.git(["commit", "-q", "-m", "own hooks"], { cwd: husky }).status, 0, "its own (empty) hooks folder decides");

  // uninstall --global: the setting and the scripts go; repositories run their own hooks again.
  const uninstall = repo.cli(["uninstall", "--global"]);
  assert.equal(uninstall.status, 0, uninstall.stderr);
  assert.equal(repo.git(["config", "--global", "core.hooksPath"]).status, 1, "unset");
  assert.ok(!existsSync(hooksDir));
  assert.match(repo.cli(["uninstall", "--global"]).stdout, /nothing to do/);
});

test("install --global refuses a global core.hooksPath of another tool's, naming it", (t) => {
  const repo = newRepo(t);
  repo.gitOk("config", "--global", "core.hooksPath", "/opt/company-hooks");
  const run = repo.cli(["install", "--global"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /git's global core\.hooksPath is already "\/opt\/company-hooks"/);
  assert.equal(repo.gitOk("config", "--global", "core.hooksPath").trim(), "/opt/company-hooks", "left alone");
});

/**
 * A folder of the few programs a hook needs (sh, git, dirname, basename, cat) and no node: what a
 * GUI client started from the dock gives hooks when node comes from nvm.
 */
function guiPath(repo: TempRepo): string {
  const dir = join(repo.base, "gui bin");
  mkdirSync(dir);
  for (const program of ["sh", "git", "dirname", "basename", "cat", "mkdir"]) {
    const found = spawnSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" }).stdout.trim();
    symlinkSync(found, join(dir, program));
  }
  return dir;
}

test("a hook run on a GUI client's short PATH: the message says why, and its init-file lines fix it", (t) => {
  const repo = newRepo(t, "gui app");
  writeFileSync(join(repo.dir, "package.json"), '{ "name": "gui-app", "version": "1.0.0" }\n');
  const install = repo.cli(["install", "--no-pre-push"]);
  assert.equal(install.status, 0, install.stderr);
  // The CLI as npm installs it: node_modules/.bin/pinekey-hook runs bin.cjs through `env node`.
  mkdirSync(join(repo.dir, "node_modules", ".bin"), { recursive: true });
  symlinkSync(CLI, join(repo.dir, "node_modules", ".bin", "pinekey-hook"));
  chmodSync(CLI, 0o755);
  const short = guiPath(repo);

  repo.stage("README.md", "# app\n");
  const stopped = repo.git(["commit", "-q", "-m", "docs"], { env: { PATH: short } });
  assert.notEqual(stopped.status, 0, "fails closed");
  assert.match(stopped.stderr, /pinekey-hook: node or the pinekey-hook CLI is not on this hook's PATH,\nso the commit was stopped\. Not installed\? Run: npm install\n/);
  assert.doesNotMatch(stopped.stderr, /No such file or directory/, "not env's bare error");

  // The lines it prints, run in a terminal where node is found (nvm's folder first on PATH).
  const nvm = join(repo.base, "nvm node", "bin");
  mkdirSync(nvm, { recursive: true });
  symlinkSync(process.execPath, join(nvm, "node"));
  const lines = stopped.stderr.split("\n");
  const commands = lines.slice(lines.findIndex((line) => /in a terminal run:$/.test(line)) + 1).filter((line) => line.startsWith("  "));
  assert.ok(commands.length >= 2, stopped.stderr);
  const terminal = spawnSync("sh", ["-c", commands.join("\n")], { cwd: repo.dir, env: repo.env({ PATH: `${nvm}:${PATH_WITHOUT_CLI}` }), encoding: "utf8" });
  assert.equal(terminal.status, 0, terminal.stderr);
  assert.match(readFileSync(join(repo.home, ".config", "husky", "init.sh"), "utf8"), /^PATH=".*nvm node\/bin:\$PATH"$/m);

  // doctor saw it coming before the fix; after it, the same short PATH commits, and blocks keys.
  const key = fakeKey();
  const committed = repo.git(["commit", "-q", "-m", "docs"], { env: { PATH: short } });
  assert.equal(committed.status, 0, committed.stderr);
  repo.stage("app.py", `KEY = "${key}"\n`);
  const blocked = repo.git(["commit", "-q", "-m", "key"], { env: { PATH: short } });
  assert.equal(blocked.status, 1, blocked.stderr);
  assert.match(blocked.stderr, /commit blocked/);
});

test("doctor warns when node is not on a GUI client's PATH, with the init-file lines", (t) => {
  const repo = newRepo(t, "doctor gui");
  writeFileSync(join(repo.dir, "package.json"), '{ "name": "gui-app", "version": "1.0.0" }\n');
  assert.equal(repo.cli(["install"]).status, 0);
  mkdirSync(join(repo.dir, "node_modules", ".bin"), { recursive: true });
  symlinkSync(CLI, join(repo.dir, "node_modules", ".bin", "pinekey-hook"));
  // This machine's node may sit in /usr/bin, on the GUI PATH itself: the check then passes. A node
  // elsewhere (nvm) is what GUI clients miss; the CLI here is found through node_modules/.bin.
  const nodeOnGuiPath = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"].some((dir) => existsSync(join(dir, "node")));
  const report = doctor(repo);
  assert.match(report, /✔ CLI +.*node_modules\/\.bin\/pinekey-hook/);
  if (nodeOnGuiPath) assert.doesNotMatch(report, /GUI clients/);
  else assert.match(report, /! GUI clients +node not found on the short PATH GUI clients give hooks/);
});

test("monorepo: install in web/ runs the hooks from the top with web's CLI; doctor checks from the top", (t) => {
  const repo = newRepo(t, "mono repo");
  const web = join(repo.dir, "web");
  mkdirSync(web);
  writeFileSync(join(web, "package.json"), '{\n  "name": "web",\n  "version": "1.0.0"\n}\n');
  const install = repo.cli(["install"], { cwd: web, env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(install.status, 0, install.stderr);
  assert.equal(repo.gitOk("config", "core.hooksPath").trim(), "web/.husky/_");
  const pkg = JSON.parse(readFileSync(join(web, "package.json"), "utf8"));
  assert.equal(pkg.scripts.prepare, "cd .. && husky web/.husky", "husky's documented pattern");
  assert.match(readFileSync(join(web, ".husky", "pre-commit"), "utf8"), /web\/node_modules\/\.bin\/pinekey-hook pre-commit \|\| exit \$\?/);
  assert.match(readFileSync(join(web, ".husky", "commit-msg"), "utf8"), /web\/node_modules\/\.bin\/pinekey-hook commit-msg "\$1" \|\| exit \$\?/);
  assert.ok(!existsSync(join(repo.dir, ".husky")));

  // Before web's npm install: the commit stops and says to install there; doctor from either folder agrees.
  repo.stage("README.md", "# mono\n");
  const stopped = repo.git(["commit", "-q", "-m", "docs"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.notEqual(stopped.status, 0);
  assert.match(stopped.stderr, /Not installed\? Run: cd web && npm install/);
  for (const cwd of [repo.dir, web]) {
    assert.equal(repo.cli(["doctor"], { cwd, env: { PATH: PATH_WITHOUT_CLI } }).status, 1);
    const report = doctor(repo, { cwd, env: { PATH: PATH_WITHOUT_CLI } });
    assert.match(report, /✘ CLI +pinekey-hook is not in web\/node_modules\/\.bin/);
    assert.match(report, /fix: cd web && npm install \(package\.json lists pinekey-hook\)/);
  }

  // After it (the CLI in web/node_modules/.bin): keys anywhere in the repository are blocked.
  mkdirSync(join(web, "node_modules", ".bin"), { recursive: true });
  symlinkSync(CLI, join(web, "node_modules", ".bin", "pinekey-hook"));
  const key = fakeKey();
  repo.stage("services/api/settings.py", `KEY = "${key}"\n`);
  const blocked = repo.git(["commit", "-q", "-m", "key"], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(blocked.status, 1, blocked.stderr);
  assert.match(blocked.stderr, /services\/api\/settings\.py:1:8/);
  repo.gitOk("rm", "-q", "--cached", "services/api/settings.py");
  const inMessage = repo.git(["commit", "-q", "--allow-empty", "-m", `key: ${key}`], { env: { PATH: PATH_WITHOUT_CLI } });
  assert.equal(inMessage.status, 1, inMessage.stderr);
  assert.match(inMessage.stderr, /commit blocked: 1 Pinecone API key in the commit message/);
  const report = doctor(repo, { cwd: web, env: { PATH: PATH_WITHOUT_CLI } });
  assert.match(report, /✔ CLI +.*web\/node_modules\/\.bin\/pinekey-hook/);
  assert.match(report, /✔ mode +this repository, through husky \(web\/\.husky\)/);

  // uninstall from web/ removes the lines from web/.husky.
  const uninstall = repo.cli(["uninstall"], { cwd: web });
  assert.match(uninstall.stdout, /removed web\/\.husky\/pre-commit/);
  assert.match(uninstall.stdout, /removed web\/\.husky\/commit-msg/);
});
