/**
 * The README's install commands, run as written (the packed tarball stands where the README's paths
 * put it: a clone of pinekey-hook next to the repository): a Node project, a monorepo package with a
 * teammate's clone, and `install --global` with a private HOME and npm prefix.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { PROJECT_ROOT, type RunResult, TempRepo } from "../helpers/repo.js";
import { npmEnv } from "../helpers/workflows.js";

const TARBALL = process.env.PINEKEY_TARBALL;
const README = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The ```sh blocks of the README section whose heading starts with `heading`. */
function blocks(heading: string): string[] {
  const start = README.indexOf(`\n### ${heading}`);
  assert.ok(start >= 0, `README has a section "${heading}"`);
  const end = README.indexOf("\n### ", start + 1);
  return [...README.slice(start, end).matchAll(/```sh\n([^`]*?)```/g)].map((m) => m[1]!);
}

describe("README install commands, as written", { skip: !TARBALL && "PINEKEY_TARBALL not set: run through npm test" }, () => {
  let repo: TempRepo;
  let env: Record<string, string | undefined>;
  const keys: string[] = [];

  /** A README block run by sh in `cwd`, stopping at the first failing command. */
  function runBlock(block: string, cwd: string, extra: Record<string, string | undefined> = {}): RunResult {
    const child = spawnSync("sh", ["-ec", block], { cwd, env: repo.env({ ...env, ...extra }), encoding: "utf8" });
    assert.equal(child.status, 0, `${block}\n${child.stdout}\n${child.stderr}`);
    return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
  }

  function git(cwd: string, ...args: string[]): RunResult {
    return repo.git(args, { cwd, env });
  }

  function newRepository(dir: string, packageJson?: string): string {
    mkdirSync(dir, { recursive: true });
    git(repo.base, "init", "-q", dir);
    writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
    if (packageJson) {
      mkdirSync(join(dir, packageJson), { recursive: true });
      writeFileSync(join(dir, packageJson, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }, null, 2) + "\n");
    }
    return dir;
  }

  function assertBlocks(cwd: string, file: string, extra: Record<string, string | undefined> = {}): void {
    const key = fakeKey();
    keys.push(key);
    mkdirSync(join(cwd, file, ".."), { recursive: true });
    writeFileSync(join(cwd, file), `PINECONE_API_KEY = "${key}"\n`);
    git(cwd, "add", file);
    const commit = repo.git(["commit", "-q", "-m", "key"], { cwd, env: { ...env, ...extra } });
    assert.equal(commit.status, 1, `${commit.stdout}${commit.stderr}`);
    assert.match(commit.stderr, /commit blocked: 1 Pinecone API key/);
    assertNoKeyIn(commit.stdout + commit.stderr, keys);
    git(cwd, "rm", "-q", "--cached", file);
    rmSync(join(cwd, file));
  }

  before(() => {
    repo = TempRepo.create({ dirName: "work" });
    env = npmEnv({ npm_config_prefer_offline: "true" });
    // The README's clone of pinekey-hook, with the tarball npm pack wrote.
    assert.ok(README.includes(`pinekey-hook-${VERSION}.tgz`), "the README names this version's tarball");
    mkdirSync(join(repo.base, "pinekey-hook"));
    copyFileSync(TARBALL!, join(repo.base, "pinekey-hook", `pinekey-hook-${VERSION}.tgz`));
  });
  after(() => repo?.remove());

  test("a Node project: npm install --save-dev <tarball>, npx pinekey-hook install", () => {
    const app = newRepository(join(repo.base, "app"), ".");
    const [block] = blocks("This repository, through husky");
    runBlock(block!, app);
    assert.equal(git(app, "config", "core.hooksPath").stdout.trim(), ".husky/_");
    assertBlocks(app, "settings.py");
  });

  test("a monorepo package in web/, and a teammate's clone after cd web && npm install", () => {
    const mono = newRepository(join(repo.base, "mono"), "web");
    const monorepoBlock = blocks("This repository, through husky")[1]!;
    assert.match(monorepoBlock, /^cd web\n/);
    runBlock(monorepoBlock, mono);
    assert.equal(git(mono, "config", "core.hooksPath").stdout.trim(), "web/.husky/_");
    assert.equal(JSON.parse(readFileSync(join(mono, "web", "package.json"), "utf8")).scripts.prepare, "cd .. && husky web/.husky");
    assertBlocks(mono, "services/api/settings.py");

    // The teammate: a clone at the same depth (the tarball's relative path still resolves), then npm install in web/.
    git(mono, "add", "-A");
    assert.equal(repo.git(["commit", "-q", "-m", "set-up"], { cwd: mono, env }).status, 0);
    const teammate = join(repo.base, "teammate");
    git(repo.base, "clone", "-q", mono, teammate);
    assert.equal(git(teammate, "config", "core.hooksPath").status, 1, "a fresh clone has no hooks yet");
    runBlock("cd web && npm install", teammate);
    assert.equal(git(teammate, "config", "core.hooksPath").stdout.trim(), "web/.husky/_", "prepare set the hooks up");
    assertBlocks(teammate, "notebook.py");
    const messageKey = fakeKey();
    keys.push(messageKey);
    const inMessage = repo.git(["commit", "-q", "--allow-empty", "-m", `deploy with ${messageKey}`], { cwd: teammate, env });
    assert.equal(inMessage.status, 1, `${inMessage.stdout}${inMessage.stderr}`);
    assert.match(inMessage.stderr, /commit blocked: 1 Pinecone API key in the commit message/);
    assertNoKeyIn(inMessage.stdout + inMessage.stderr, keys);
    const doctor = repo.cli(["doctor"], { cwd: join(teammate, "web"), env });
    assert.equal(doctor.status, 0, doctor.stdout);
  });

  test("every repository: npm install --global <tarball>, pinekey-hook install --global", () => {
    const prefix = join(repo.base, "global prefix");
    const path = `${join(prefix, "bin")}${delimiter}${process.env.PATH ?? ""}`;
    const [block] = blocks("Every repository on this machine");
    runBlock(block!, repo.base, { npm_config_prefix: prefix, PATH: path });
    const python = newRepository(join(repo.base, "python service"));
    assertBlocks(python, "app.py");
    assertBlocks(python, "app.py", { PATH: "/usr/bin:/bin" }); // the hooks name node by its path
    runBlock("pinekey-hook uninstall --global", repo.base, { npm_config_prefix: prefix, PATH: path });
  });
});
