/**
 * End to end, the way a user gets pinekey-hook: the packed tarball (built once per run by
 * scripts/test.mjs, shared through PINEKEY_TARBALL) installed with npm into fresh repositories,
 * `npx pinekey-hook install` through husky, then real `git commit`s.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { TempRepo, type RunResult } from "../helpers/repo.js";

const TARBALL = process.env.PINEKEY_TARBALL;
/** Keep using the machine's npm cache even though each repository has its own HOME. */
const NPM_CACHE = process.env.npm_config_cache ?? join(homedir(), ".npm");

function npmEnv(repo: TempRepo, path?: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { npm_config_cache: NPM_CACHE, npm_config_update_notifier: "false" };
  // `npm test` exports npm_* settings of this project; a user's shell has none of them.
  for (const name of Object.keys(process.env)) if (/^npm_/i.test(name) && name !== "npm_config_cache") env[name] = undefined;
  if (path !== undefined) env.PATH = path;
  void repo;
  return env;
}

function run(repo: TempRepo, command: string, args: string[], env: Record<string, string | undefined>): RunResult {
  const child = spawnSync(command, args, { cwd: repo.dir, env: repo.env(env), encoding: "utf8" });
  if (child.error) throw child.error;
  return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

function ok(result: RunResult, what: string): RunResult {
  assert.equal(result.status, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

function commitOutput(result: RunResult): string {
  return result.stdout + result.stderr;
}

describe("packed tarball in a Node project (npm install + npx pinekey-hook install)", { skip: !TARBALL && "PINEKEY_TARBALL not set: run through npm test" }, () => {
  let repo: TempRepo;
  let env: Record<string, string | undefined>;
  const keys: string[] = [];

  before(() => {
    repo = TempRepo.create({ dirName: "node app" });
    env = npmEnv(repo);
    repo.write("package.json", JSON.stringify({ name: "rag-app", version: "1.0.0", private: true }, null, 2) + "\n");
    repo.write(".gitignore", "node_modules/\n");
    ok(run(repo, "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--save-dev", TARBALL!], env), "npm install <tarball>");
    ok(run(repo, "npx", ["pinekey-hook", "install"], env), "npx pinekey-hook install");
  });
  after(() => repo?.remove());

  test("install wires husky, the hook line and package.json", () => {
    assert.equal(repo.gitOk("config", "core.hooksPath").trim(), ".husky/_");
    const hook = readFileSync(join(repo.dir, ".husky", "pre-commit"), "utf8");
    assert.match(hook, /pinekey-hook pre-commit/);
    assert.match(readFileSync(join(repo.dir, ".husky", "pre-push"), "utf8"), /pinekey-hook pre-push "\$@"/);
    const pkg = JSON.parse(readFileSync(join(repo.dir, "package.json"), "utf8"));
    assert.ok(pkg.devDependencies["pinekey-hook"], "pinekey-hook recorded as a devDependency");
    assert.ok(pkg.devDependencies.husky, "husky recorded as a devDependency");
    assert.equal(pkg.scripts.prepare, "husky");
    ok(run(repo, "npx", ["pinekey-hook", "install"], env), "second install");
    assert.equal(readFileSync(join(repo.dir, ".husky", "pre-commit"), "utf8"), hook, "install is idempotent");
  });

  test("a commit that adds a key is blocked, with the location and no full key", () => {
    const key = fakeKey();
    keys.push(key);
    repo.stage("src/config.ts", `export const config = {\n  apiKey: "${key}",\n};\n`);
    const before = repo.git(["rev-parse", "-q", "--verify", "HEAD"]).stdout;
    const commit = run(repo, "git", ["commit", "-m", "add config"], env);
    assert.notEqual(commit.status, 0, "the commit must fail");
    const output = commitOutput(commit);
    assert.match(output, /commit blocked/);
    assert.match(output, /src\/config\.ts:2:12/);
    assert.match(output, /process\.env\.PINECONE_API_KEY/, "TypeScript remediation snippet");
    assertNoKeyIn(output, keys);
    assert.equal(repo.git(["rev-parse", "-q", "--verify", "HEAD"]).stdout, before, "HEAD unchanged");
    repo.gitOk("rm", "-q", "--cached", "src/config.ts");
  });

  test("the bin is self-contained but for its dependencies, and its compile cache holds no key", () => {
    // simple-git is bundled into dist/cli.cjs (scripts/bundle.mjs), so npm installs no copy of it.
    assert.ok(!existsSync(join(repo.dir, "node_modules", "simple-git")), "simple-git is not installed");
    assert.ok(existsSync(join(repo.dir, "node_modules", "pinekey-hook", "dist", "THIRD-PARTY-NOTICES.txt")));
    // So are the archive libraries, in a bundle of their own that cli.cjs loads on the first archive.
    for (const library of ["tar-stream", "yauzl"]) assert.ok(!existsSync(join(repo.dir, "node_modules", library)), `${library} is not installed`);
    assert.ok(existsSync(join(repo.dir, "node_modules", "pinekey-hook", "dist", "archive-libraries.cjs")));
    // And the linear-time regex engine (re2js), loaded for a config with custom rules or allow patterns.
    assert.ok(!existsSync(join(repo.dir, "node_modules", "re2js")), "re2js is not installed");
    assert.ok(existsSync(join(repo.dir, "node_modules", "pinekey-hook", "dist", "regex-engine.cjs")));
    // Inside the package (dist/.cache): as hard to write as the package itself.
    const cacheDirectory = join(repo.dir, "node_modules", "pinekey-hook", "dist", ".cache");
    const caches = readdirSync(cacheDirectory).filter((name) => name.endsWith(".v8cache"));
    assert.equal(caches.length, 1, "the blocked commit's hook wrote a compile cache");
    assertNoKeyIn(readFileSync(join(cacheDirectory, caches[0]!), "latin1"), keys, "the compile cache");
  });

  test("an allowlisted key and a clean change commit", () => {
    const key = fakeKey();
    keys.push(key);
    repo.stage("tests/fixture.py", `REVOKED = "${key}"  # pinekey-allow: revoked test key\n`);
    repo.stage("package.json", readFileSync(join(repo.dir, "package.json"), "utf8"));
    repo.stage(".husky/pre-commit", readFileSync(join(repo.dir, ".husky", "pre-commit"), "utf8"));
    const allowed = run(repo, "git", ["commit", "-m", "allowed fixture"], env);
    ok(allowed, "allowlisted commit");
    assertNoKeyIn(commitOutput(allowed), keys);
    repo.stage("README.md", "Set PINECONE_API_KEY=<your-pinecone-api-key> in your shell.\n");
    const clean = ok(run(repo, "git", ["commit", "-m", "docs"], env), "clean commit");
    assert.doesNotMatch(commitOutput(clean), /pinekey-hook/, "a clean commit is silent");
  });

  test("a push of a commit made around the pre-commit hook is blocked before it leaves", () => {
    const remote = join(repo.base, "remote.git");
    ok(run(repo, "git", ["init", "-q", "--bare", remote], env), "git init --bare");
    ok(run(repo, "git", ["remote", "add", "origin", remote], env), "git remote add");
    ok(run(repo, "git", ["push", "-q", "origin", "HEAD:main"], env), "first push of clean history");
    const key = fakeKey();
    keys.push(key);
    repo.stage("notebook.ipynb", JSON.stringify({ cells: [{ source: [`pc = Pinecone(api_key="${key}")\n`] }] }, null, 1));
    ok(run(repo, "git", ["commit", "-q", "--no-verify", "-m", "quick test"], env), "commit --no-verify");
    const push = run(repo, "git", ["push", "origin", "HEAD:main"], env);
    assert.notEqual(push.status, 0, "the push must fail");
    assert.match(push.stderr, /push blocked: 1 Pinecone API key in 1 commit to be pushed/);
    assert.match(push.stderr, /notebook\.ipynb:\d+:\d+/);
    assert.match(push.stderr, /git commit --amend/);
    assertNoKeyIn(commitOutput(push), keys);
    ok(run(repo, "git", ["reset", "-q", "--hard", "HEAD~1"], env), "drop the commit");
  });

  test("uninstall removes only pinekey-hook's lines", () => {
    ok(run(repo, "npx", ["pinekey-hook", "uninstall"], env), "uninstall");
    assert.ok(!existsSync(join(repo.dir, ".husky", "pre-commit")), "the file held only our line");
    assert.ok(!existsSync(join(repo.dir, ".husky", "pre-push")), "the file held only our line");
    const key = fakeKey();
    keys.push(key);
    repo.stage("after.py", `KEY = "${key}"\n`);
    ok(run(repo, "git", ["commit", "-m", "after uninstall"], env), "commit after uninstall");
  });
});

describe("packed tarball in a repository with no package.json (global install)", { skip: !TARBALL && "PINEKEY_TARBALL not set: run through npm test" }, () => {
  let repo: TempRepo;
  let env: Record<string, string | undefined>;

  before(() => {
    repo = TempRepo.create({ dirName: "python rag" });
    const prefix = join(repo.base, "global");
    const path = `${join(prefix, "bin")}${delimiter}${process.env.PATH ?? ""}`;
    env = { ...npmEnv(repo, path), npm_config_prefix: prefix };
    ok(run(repo, "npm", ["install", "--global", "--no-audit", "--no-fund", "--prefer-offline", TARBALL!], env), "npm install --global <tarball>");
    repo.write("requirements.txt", "pinecone>=5\n");
  });
  after(() => repo?.remove());

  test("install, then a legacy key in .env is blocked and a clean commit passes", () => {
    const install = ok(run(repo, "pinekey-hook", ["install"], env), "pinekey-hook install");
    assert.doesNotMatch(install.stdout, /not on your PATH/);
    assert.ok(!existsSync(join(repo.dir, "package.json")), "no package.json is created");

    const uuid = fakeUuid();
    repo.stage(".env", `PINECONE_API_KEY=${uuid}\nPINECONE_ENVIRONMENT=us-west1-gcp\n`);
    const blocked = run(repo, "git", ["commit", "-m", "env"], env);
    assert.notEqual(blocked.status, 0);
    assert.match(commitOutput(blocked), /\.env:1:18/);
    assert.match(commitOutput(blocked), /\.gitignore/, ".env advice");
    assertNoKeyIn(commitOutput(blocked), [uuid]);
    repo.gitOk("rm", "-q", "--cached", ".env");

    repo.stage("app.py", 'import os\nfrom pinecone import Pinecone\npc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])\n');
    ok(run(repo, "git", ["commit", "-m", "app"], env), "clean commit");
  });

  test("without the CLI on PATH the hook blocks and says how to install it", () => {
    const withoutCli = { ...env, PATH: process.env.PATH ?? "" };
    repo.stage("more.py", "print('hello')\n");
    const commit = run(repo, "git", ["commit", "-m", "more"], withoutCli);
    assert.notEqual(commit.status, 0);
    assert.match(commitOutput(commit), /npm install --global pinekey-hook/);
  });
});
