/**
 * Archives and compressed files wherever content is scanned: staged changes (the pre-commit hook),
 * history, pushes and the working tree, in real repositories; the archives are built by the test.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gzipOf, tarOf, zipBomb, zipOf } from "../helpers/archives.js";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { CLI, TempRepo } from "../helpers/repo.js";

function withRepo(fn: (repo: TempRepo) => void | Promise<void>) {
  return async () => {
    const repo = TempRepo.create();
    try {
      await fn(repo);
    } finally {
      repo.remove();
    }
  };
}

function commitAll(repo: TempRepo, message: string): string {
  repo.gitOk("commit", "-q", "--no-verify", "-m", message);
  return repo.gitOk("rev-parse", "HEAD").trim();
}

describe("archives in staged changes", () => {
  test("a key in a .tar.gz member blocks the commit, named by archive and member", withRepo(async (repo) => {
    const key = fakeKey();
    repo.stage("site.tar.gz", gzipOf(await tarOf([{ name: "srv/app.py", content: "print(1)\n" }, { name: "srv/.env", content: `DEBUG=1\nPINECONE_API_KEY=${key}\n` }])));
    repo.installPlainHook();
    const commit = repo.commit("add site");
    assert.notEqual(commit.status, 0);
    assert.match(commit.stderr, /site\.tar\.gz → srv\/\.env:2:18/);
    assertNoKeyIn(commit.stdout + commit.stderr, [key]);

    const json = repo.cli(["scan", "--staged", "--format", "json"]);
    assert.equal(json.status, 1, json.stderr);
    const { findings } = JSON.parse(json.stdout);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, "site.tar.gz");
    assert.deepEqual(findings[0].within, ["srv/.env"]);
    assert.equal(findings[0].line, 2);
    assertNoKeyIn(json.stdout, [key]);
  }));

  test("zip and its kin (jar, whl, docx), nested archives, and an uncompressed tar counted once", withRepo(async (repo) => {
    const keys = [fakeKey(), fakeKey(), fakeKey(), fakeKey()];
    const jar = zipOf([{ name: "META-INF/MANIFEST.MF", content: "Manifest-Version: 1.0\n" }, { name: "application.properties", content: `pinecone.api-key=${keys[0]}\n` }]);
    repo.stage("libs/app.jar", jar);
    repo.stage("dist/pkg-1.0-py3-none-any.whl", zipOf([{ name: "pkg/settings.py", content: `PINECONE_API_KEY = "${keys[1]}"\n`, stored: true }]));
    repo.stage("docs/setup.docx", zipOf([{ name: "word/document.xml", content: `<w:t>PINECONE_API_KEY=${keys[2]}</w:t>\n` }]));
    // A zip inside a tar inside gzip, and the same tar plain: a tar's members are also text in
    // the patch, but each key is reported once, inside the archive.
    const bundle = await tarOf([{ name: "deploy/config.zip", content: zipOf([{ name: "prod.env", content: `PINECONE_API_KEY=${keys[3]}\n` }]) }]);
    repo.stage("release.tgz", gzipOf(bundle));
    repo.stage("release.tar", bundle);

    const run = repo.cli(["scan", "--staged", "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    const places = JSON.parse(run.stdout).findings.map((f: { file: string; within?: string[] }) => [f.file, ...(f.within ?? [])].join(" → ")).sort();
    assert.deepEqual(places, [
      "dist/pkg-1.0-py3-none-any.whl → pkg/settings.py",
      "docs/setup.docx → word/document.xml",
      "libs/app.jar → application.properties",
      "release.tar → deploy/config.zip → prod.env",
      "release.tgz → deploy/config.zip → prod.env",
    ]);
    assertNoKeyIn(run.stdout + run.stderr, keys);
  }));

  test("a key already in the committed version of an archive does not block; a new member's does", withRepo(async (repo) => {
    const old = fakeKey();
    repo.stage("bundle.zip", zipOf([{ name: "a.env", content: `PINECONE_API_KEY=${old}\n` }]));
    commitAll(repo, "first");
    repo.stage("bundle.zip", zipOf([{ name: "a.env", content: `# moved down\nPINECONE_API_KEY=${old}\n` }, { name: "b.txt", content: "fine\n" }]));
    const clean = repo.cli(["scan", "--staged"]);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);

    const added = fakeKey();
    repo.stage("bundle.zip", zipOf([{ name: "a.env", content: `PINECONE_API_KEY=${old}\n` }, { name: "b.env", content: `PINECONE_API_KEY=${added}\n` }]));
    const run = repo.cli(["scan", "--staged", "--format", "json"]);
    assert.equal(run.status, 1);
    const { findings } = JSON.parse(run.stdout);
    assert.deepEqual(findings.map((f: { within: string[] }) => f.within), [["b.env"]]);
  }));

  test("a file named like an archive that is not one is scanned as text, as before", withRepo((repo) => {
    const key = fakeKey();
    repo.stage("notes.gz", `PINECONE_API_KEY=${key}\n`);
    const run = repo.cli(["scan", "--staged", "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    const { findings } = JSON.parse(run.stdout);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, "notes.gz");
    assert.equal(findings[0].within, undefined);
  }));

  test("a zip bomb is an error naming it (exit 2), never a pass", withRepo((repo) => {
    // 12 members of 50 MiB of zeros, in a zip stored inside a zip: 600 MiB from 0.6 MiB.
    repo.stage("assets/fonts.zip", zipOf([{ name: "inner.zip", content: zipBomb(12, 50), stored: true }]));
    const run = repo.cli(["scan", "--staged"]);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /assets\/fonts\.zip → inner\.zip → zeros-\d+\.bin expands to more than 512\.0 MiB/);
    assert.match(run.stderr, /zip bomb/);
  }));

  test("a truncated archive is an error naming it (exit 2)", withRepo(async (repo) => {
    const tgz = gzipOf(await tarOf([{ name: "big.txt", content: "x".repeat(100_000) }]));
    repo.stage("cut.tgz", tgz.subarray(0, tgz.length - 40));
    const run = repo.cli(["scan", "--staged"]);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /cut\.tgz could not be read as gzip data \(it is truncated\)/);

    const zip = zipOf([{ name: "a.txt", content: "a".repeat(10_000) }]);
    repo.stage("cut.tgz", gzipOf("fine\n"));
    repo.stage("cut.zip", zip.subarray(0, zip.length - 30));
    const zipRun = repo.cli(["scan", "--staged"]);
    assert.equal(zipRun.status, 2, zipRun.stdout + zipRun.stderr);
    assert.match(zipRun.stderr, /cut\.zip could not be read as a zip archive/);
  }));

  test("archives nested deeper than the limit are an error (exit 2)", withRepo((repo) => {
    let content: Buffer = Buffer.from("deep\n");
    for (let i = 0; i < 9; i++) content = gzipOf(content);
    repo.stage("deep.gz", content);
    const run = repo.cli(["scan", "--staged"]);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /deep\.gz nests archives more than 8 deep/);
  }));
});

describe("archives fail closed when git does", () => {
  test("a git whose cat-file dies part-way, or stops early and claims success: exit 2, never clean", withRepo(async (repo) => {
    repo.stage("site.tgz", gzipOf(await tarOf([{ name: "srv/big.txt", content: "x".repeat(200_000) }])));
    const realGit = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
    for (const [mode, exit] of [["dies", 1], ["lies", 0]] as const) {
      const bin = join(repo.base, `git-${mode}`);
      mkdirSync(bin);
      // Everything passes through to the real git but `cat-file`, whose output is cut at 300 bytes.
      writeFileSync(
        join(bin, "git"),
        `#!/bin/sh\nfor arg in "$@"; do\n  if [ "$arg" = cat-file ]; then\n    "${realGit}" "$@" | head -c 300\n    exit ${exit}\n  fi\ndone\nexec "${realGit}" "$@"\n`,
      );
      chmodSync(join(bin, "git"), 0o755);
      const run = repo.cli(["scan", "--staged"], { env: { PATH: `${bin}:${process.env.PATH ?? ""}` } });
      assert.equal(run.status, 2, `${mode}: ${run.stdout}${run.stderr}`);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /cat-file/);
    }
  }));
});

describe("archives load only when there is one", () => {
  test("a clean commit loads no archive code (node's zlib stays unloaded); a staged archive loads it", withRepo(async (repo) => {
    // The archive libraries are a bundle of their own (dist/archive-libraries.cjs), and zlib is what
    // only archive code uses: the modules loaded by the end of the run say whether either was.
    const preload = join(repo.base, "modules.cjs");
    const list = join(repo.base, "modules.txt");
    writeFileSync(preload, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(list)}, [...process.moduleLoadList, ...Object.keys(require.cache)].join("\\n")));\n`);
    const preCommit = (): string => {
      const run = spawnSync(process.execPath, ["-r", preload, CLI, "pre-commit"], { cwd: repo.dir, env: repo.env(), encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      return readFileSync(list, "utf8");
    };
    repo.stage("app.py", "print('hello')\n");
    const clean = preCommit();
    assert.doesNotMatch(clean, /NativeModule zlib/);
    assert.doesNotMatch(clean, /archive-libraries\.cjs/);
    repo.stage("site.tgz", gzipOf(await tarOf([{ name: "index.html", content: "<p>hi</p>\n" }])));
    const withArchive = preCommit();
    assert.match(withArchive, /NativeModule zlib/);
    assert.match(withArchive, /dist\/archive-libraries\.cjs/);
  }));
});

describe("archives in history, pushes and the working tree", () => {
  test("scan --all names the commit that added the member's key; an unchanged archive in later commits is not reported again", withRepo(async (repo) => {
    const key = fakeKey();
    repo.stage("README.md", "hello\n");
    commitAll(repo, "root");
    repo.stage("site.tgz", gzipOf(await tarOf([{ name: "srv/.env", content: `PINECONE_API_KEY=${key}\n` }])));
    const added = commitAll(repo, "add site");
    repo.stage("site.tgz", gzipOf(await tarOf([{ name: "srv/.env", content: `PINECONE_API_KEY=${key}\n` }, { name: "srv/other.txt", content: "x\n" }])));
    commitAll(repo, "touch site");

    const run = repo.cli(["scan", "--all", "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    const { findings } = JSON.parse(run.stdout);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].commit, added);
    assert.deepEqual([findings[0].file, ...findings[0].within], ["site.tgz", "srv/.env"]);
    assertNoKeyIn(run.stdout, [key]);
  }));

  test("the pre-push hook blocks a pushed archive holding a key", withRepo(async (repo) => {
    const key = fakeKey();
    const remote = TempRepo.create({ initArgs: ["--bare"] });
    try {
      repo.gitOk("remote", "add", "origin", remote.dir);
      repo.stage("a.txt", "a\n");
      commitAll(repo, "root");
      repo.gitOk("push", "-q", "origin", "HEAD:refs/heads/main");
      repo.stage("tools/cli.whl", zipOf([{ name: "cli/config.py", content: `API_KEY = "${key}"  # pinecone\n` }]));
      commitAll(repo, "add wheel");
      repo.installPlainHook("pre-push");
      const push = repo.git(["push", "-q", "origin", "HEAD:refs/heads/main"]);
      assert.notEqual(push.status, 0);
      assert.match(push.stderr, /tools\/cli\.whl → cli\/config\.py:1/);
      assertNoKeyIn(push.stdout + push.stderr, [key]);
    } finally {
      remote.remove();
    }
  }));

  test("scan [paths] opens archives in the working tree", withRepo(async (repo) => {
    const key = fakeKey();
    repo.write("backup/site.tar", await tarOf([{ name: "srv/.env", content: `PINECONE_API_KEY=${key}\n` }]));
    repo.write("plain.txt", "nothing\n");
    const run = repo.cli(["scan", "--format", "sarif"]);
    assert.equal(run.status, 1, run.stderr);
    const result = JSON.parse(run.stdout).runs[0].results[0];
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, "backup/site.tar");
    assert.equal(result.locations[0].logicalLocations[0].fullyQualifiedName, "backup/site.tar!/srv/.env");
    assert.deepEqual(result.properties.within, ["srv/.env"]);
    assertNoKeyIn(run.stdout, [key]);
  }));
});
