/**
 * `pinekey-hook demo`: the built CLI, run the way a newcomer runs it on a fresh clone (pinekey-hook
 * not on PATH), with a temp directory of its own (TMPDIR) so we can see it is removed afterwards.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { CLI, cleanEnv, makeTempDir } from "../helpers/repo.js";
import { PATH_WITHOUT_CLI } from "../helpers/workflows.js";

/** A full current key anywhere: the demo must never show one. */
const FULL_KEY = /pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{20,}/;

function setUp(t: TestContext): { tmp: string; env: NodeJS.ProcessEnv } {
  const base = makeTempDir("pinekey-demo-test-");
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const tmp = join(base, "tmp dir");
  const home = join(base, "home");
  mkdirSync(tmp);
  mkdirSync(home);
  // A caller whose own git set-up would get in the way: hooks elsewhere, signing, a GIT_DIR.
  writeFileSync(join(home, ".gitconfig"), "[core]\n\thooksPath = /nonexistent\n[commit]\n\tgpgsign = true\n[user]\n\tname = Someone\n");
  const env = cleanEnv(home, { TMPDIR: tmp, PATH: PATH_WITHOUT_CLI, GIT_DIR: join(base, "not-a-repo") });
  return { tmp, env };
}

test("demo: a blocked commit, then an allowlisted and a clean one; no full key; the temp repository is removed", (t) => {
  const { tmp, env } = setUp(t);
  const run = spawnSync(process.execPath, [CLI, "demo"], { cwd: tmp, env, encoding: "utf8" });
  const output = run.stdout + run.stderr;
  assert.equal(run.status, 0, output);
  assert.match(output, /\$ pinekey-hook install --no-pre-push/);
  assert.match(output, /\$ git commit -m "Connect to Pinecone"\n\s+pinekey-hook: commit blocked: 1 Pinecone API key in the staged changes/);
  assert.match(output, /app\.py:3:24\s+pinecone-api-key\s+pcsk_[A-Za-z0-9]{5}_[A-Za-z0-9]{4}…/);
  assert.match(output, /→ blocked: git commit exited with 1, nothing was committed\./);
  assert.match(output, /pinekey-hook: 1 key allowed by pinekey-allow comments\./);
  assert.match(output, /\[main \(root-commit\) [0-9a-f]+\] Demo key, allowlisted/);
  assert.match(output, /→ committed: a key marked pinekey-allow never blocks/);
  assert.match(output, /\[main [0-9a-f]+\] Read the key from the environment/);
  assert.match(output, /→ committed: a clean change passes silently\./);
  assert.match(output, /Done\. The demo repository was removed\./);
  assert.doesNotMatch(output, FULL_KEY, "no full key in the demo's output");
  // eslint-disable-next-line no-control-regex -- terminal escapes are what this reads
  assert.doesNotMatch(output, /\u001b\[/, "no colour when not on a terminal");
  assert.deepEqual(readdirSync(tmp), [], "the throwaway directory is gone");
});

test("demo with FORCE_COLOR: the hook's output is coloured too", (t) => {
  const { tmp, env } = setUp(t);
  const run = spawnSync(process.execPath, [CLI, "demo"], { cwd: tmp, env: { ...env, FORCE_COLOR: "1" }, encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  // eslint-disable-next-line no-control-regex -- terminal escapes are what this reads
  assert.match(run.stdout, /\u001b\[31m\u001b\[1mpinekey-hook: commit blocked:/);
  assert.deepEqual(readdirSync(tmp), []);
});

test("demo interrupted (Ctrl-C): the temp repository is removed all the same", async (t) => {
  const { tmp, env } = setUp(t);
  const child = spawn(process.execPath, [CLI, "demo"], { cwd: tmp, env, stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Wait for the demo's directory to appear, then interrupt.
  for (let i = 0; i < 200 && readdirSync(tmp).length === 0; i++) await sleep(5);
  child.kill("SIGINT");
  const code = await exited;
  assert.ok(code === 130 || code === 0, `exit code ${code}`);
  assert.deepEqual(readdirSync(tmp), [], "nothing left behind");
});
