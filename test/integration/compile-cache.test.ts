/**
 * dist/bin.cjs runs the CLI bundle through a V8 code cache (src/launcher.ts). Each test installs
 * the built dist/ as a package of its own, <tmp>/node_modules/pinekey-hook, so its cache
 * (<tmp>/node_modules/pinekey-hook/dist/.cache, inside the package: as hard to write as the
 * package itself) is not shared with the rest of the suite. The bin runs the bundle only if its
 * SHA-256 is the one built into the bin.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipOf, tarOf } from "../helpers/archives.js";
import { fakeKey, randomString } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { PROJECT_ROOT, TempRepo, type RunResult } from "../helpers/repo.js";

/** A copy of the built package in <base>/node_modules/pinekey-hook; its dependencies linked beside it. */
function installCopy(base: string): { bin: string; cacheDirectory: string } {
  const nodeModules = join(base, "node_modules");
  const root = join(nodeModules, "pinekey-hook");
  mkdirSync(join(root, "dist"), { recursive: true });
  copyFileSync(join(PROJECT_ROOT, "package.json"), join(root, "package.json"));
  for (const file of ["bin.cjs", "cli.cjs", "archive-libraries.cjs"]) copyFileSync(join(PROJECT_ROOT, "dist", file), join(root, "dist", file));
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies)) symlinkSync(join(PROJECT_ROOT, "node_modules", name), join(nodeModules, name));
  return { bin: join(root, "dist", "bin.cjs"), cacheDirectory: join(root, "dist", ".cache") };
}

describe("the compile cache", () => {
  let repo: TempRepo;
  let bin: string;
  let cacheDirectory: string;
  let key: string;

  function run(args: string[], env: Record<string, string | undefined> = {}): RunResult {
    const child = spawnSync(process.execPath, [bin, ...args], { cwd: repo.dir, env: repo.env(env), encoding: "utf8" });
    if (child.error) throw child.error;
    return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
  }

  function cacheFiles(): string[] {
    try {
      return readdirSync(cacheDirectory).sort();
    } catch {
      return [];
    }
  }

  before(() => {
    repo = TempRepo.create();
    ({ bin, cacheDirectory } = installCopy(repo.base));
    key = fakeKey();
    repo.stage("app.py", `import os\nPINECONE_API_KEY = "${key}"\n`);
  });
  after(() => repo?.remove());

  test("a scan writes one cache, the next uses it unchanged, and both report the same", () => {
    rmSync(cacheDirectory, { recursive: true, force: true });
    const first = run(["scan", "--staged"]);
    assert.equal(first.status, 1, first.stderr);
    const files = cacheFiles();
    assert.equal(files.length, 1, `one cache file: ${files.join(", ")}`);
    assert.match(files[0]!, new RegExp(`^cli-[0-9a-f]{32}-${process.version.replace(/\./g, "\\.")}-${process.arch}\\.v8cache$`));
    const written = statSync(join(cacheDirectory, files[0]!));

    const second = run(["scan", "--staged"]);
    assert.equal(second.status, 1, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, first.stderr);
    assert.deepEqual(cacheFiles(), files);
    const reused = statSync(join(cacheDirectory, files[0]!));
    assert.equal(reused.mtimeMs, written.mtimeMs, "a cache V8 accepted is not written again");
    assert.equal(reused.ino, written.ino);
  });

  test("a cache holds compiled code, never what a run read: no key", () => {
    const [file] = cacheFiles();
    assert.ok(file, "the previous test left a cache");
    const bytes = readFileSync(join(cacheDirectory, file));
    assertNoKeyIn(bytes.toString("latin1"), [key], "the compile cache");
  });

  test("a damaged cache is refused by V8 and replaced; the run is unaffected", () => {
    const [file] = cacheFiles();
    assert.ok(file);
    const path = join(cacheDirectory, file);
    const expected = run(["scan", "--staged"]);
    const garbage = randomString(statSync(path).size);
    writeFileSync(path, garbage);
    const damaged = run(["scan", "--staged"]);
    assert.equal(damaged.status, 1);
    assert.equal(damaged.stdout, expected.stdout);
    assert.equal(damaged.stderr, expected.stderr);
    assert.notEqual(readFileSync(path, "latin1"), garbage, "the damaged cache was replaced");
    const replaced = statSync(path);
    run(["scan", "--staged"]);
    assert.equal(statSync(path).mtimeMs, replaced.mtimeMs, "the new cache is accepted");
  });

  test("caches of other builds are removed when one is written; temporary files are not left", () => {
    rmSync(cacheDirectory, { recursive: true, force: true });
    mkdirSync(cacheDirectory, { recursive: true });
    const stale = `cli-${"0".repeat(32)}-${process.version}-${process.arch}.v8cache`;
    writeFileSync(join(cacheDirectory, stale), "old build");
    writeFileSync(join(cacheDirectory, "notes.txt"), "not ours");
    assert.equal(run(["pre-commit"]).status, 1);
    const files = cacheFiles();
    assert.ok(!files.includes(stale), "the other build's cache was removed");
    assert.ok(files.includes("notes.txt"), "only caches are removed");
    assert.equal(files.filter((name) => name.endsWith(".v8cache")).length, 1);
    assert.deepEqual(files.filter((name) => name.endsWith(".tmp")), []);
  });

  test("commands other than hooks and scan neither use nor write a cache; install works beside one", () => {
    assert.equal(cacheFiles().filter((name) => name.endsWith(".v8cache")).length, 1, "a cache is present");
    rmSync(cacheDirectory, { recursive: true, force: true });
    assert.equal(run(["--version"]).status, 0);
    assert.deepEqual(cacheFiles(), []);
    assert.equal(run(["scan", "--staged"]).status, 1);
    // install imports husky, an ES module: a script run from a cache cannot import().
    const install = run(["install", "--no-pre-push"]);
    assert.equal(install.status, 0, install.stderr);
    assert.match(readFileSync(join(repo.dir, ".husky", "pre-commit"), "utf8"), /pinekey-hook pre-commit/);
  });

  test("NODE_DISABLE_COMPILE_CACHE=1 turns it off", () => {
    rmSync(cacheDirectory, { recursive: true, force: true });
    assert.equal(run(["scan", "--staged"], { NODE_DISABLE_COMPILE_CACHE: "1" }).status, 1);
    assert.deepEqual(cacheFiles(), []);
  });

  test("a cache that cannot be written costs nothing but the cache", () => {
    rmSync(cacheDirectory, { recursive: true, force: true });
    // A file where the directory should go: mkdir fails (permissions would not stop root).
    writeFileSync(cacheDirectory, "in the way");
    try {
      const blocked = run(["scan", "--staged"]);
      assert.equal(blocked.status, 1);
      assert.match(blocked.stdout + blocked.stderr, /app\.py/);
    } finally {
      rmSync(cacheDirectory, { force: true });
    }
  });

  test("node_modules/.cache (which CI restores between branches) is never read: bytecode placed there does not run", () => {
    rmSync(cacheDirectory, { recursive: true, force: true });
    assert.equal(run(["scan", "--staged"]).status, 1);
    const [file] = cacheFiles();
    assert.ok(file);
    // A cache another branch's job left where CI restores caches, with the name of this build.
    const restored = join(repo.base, "node_modules", ".cache", "pinekey-hook");
    mkdirSync(restored, { recursive: true });
    writeFileSync(join(restored, file), randomString(1000));
    rmSync(cacheDirectory, { recursive: true, force: true });
    const clean = run(["scan", "--staged"]);
    assert.equal(clean.status, 1, clean.stderr);
    assert.deepEqual(readdirSync(restored), [file], "left alone: not ours to read or write");
    assert.deepEqual(cacheFiles(), [file], "the cache is written inside the package");
  });

  test("a cache that is a link is not followed", () => {
    const [file] = cacheFiles();
    assert.ok(file);
    const path = join(cacheDirectory, file);
    const elsewhere = join(repo.base, "elsewhere.v8cache");
    writeFileSync(elsewhere, randomString(1000));
    rmSync(path);
    symlinkSync(elsewhere, path);
    const run1 = run(["scan", "--staged"]);
    assert.equal(run1.status, 1, run1.stderr);
  });

  test("a bundle that is not the one built with the bin is refused: exit 2, never 0, for every command", () => {
    const cli = join(repo.base, "node_modules", "pinekey-hook", "dist", "cli.cjs");
    const saved = readFileSync(cli);
    try {
      for (const content of ["", "module.exports = {};\n", saved.toString("utf8").slice(0, saved.length >> 1), `${saved.toString("utf8")}\n`]) {
        writeFileSync(cli, content);
        for (const args of [["pre-commit"], ["scan", "--staged"], ["pre-receive"], ["--version"]]) {
          const refused = run(args);
          assert.equal(refused.status, 2, `${args.join(" ")} with a replaced bundle: ${refused.stderr}`);
          assert.match(refused.stderr, /pinekey-hook: refusing to run: its code \(.*cli\.cjs\) is not the code it was built with/);
          assert.match(refused.stderr, /Reinstall it \(npm install\)/);
        }
      }
    } finally {
      writeFileSync(cli, saved);
    }
    assert.equal(run(["--version"]).status, 0, "the real bundle runs again");
  });

  test("the archive libraries' bundle, loaded on the first archive, is checked by digest too", async () => {
    const libraries = join(repo.base, "node_modules", "pinekey-hook", "dist", "archive-libraries.cjs");
    const saved = readFileSync(libraries);
    repo.stage("site.tgz", gzipOf(await tarOf([{ name: "index.html", content: "<p>hi</p>\n" }])));
    try {
      writeFileSync(libraries, "module.exports = {};\n");
      const refused = run(["scan", "--staged"]);
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /archive-libraries\.cjs is not the code pinekey-hook was built with/);
    } finally {
      writeFileSync(libraries, saved);
      repo.gitOk("rm", "-q", "--cached", "site.tgz");
    }
  });

  test("a missing bundle fails closed: exit 2 and what to do", () => {
    const cli = join(repo.base, "node_modules", "pinekey-hook", "dist", "cli.cjs");
    const saved = readFileSync(cli);
    rmSync(cli);
    try {
      for (const args of [["pre-commit"], ["--version"]]) {
        const broken = run(args);
        assert.equal(broken.status, 2, `${args.join(" ")}: ${broken.stderr}`);
        assert.match(broken.stderr, /pinekey-hook: could not load its code .*cli\.cjs/);
        assert.match(broken.stderr, /Reinstall it \(npm install\)/);
      }
    } finally {
      writeFileSync(cli, saved);
    }
  });
});
