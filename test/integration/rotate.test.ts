/**
 * `pinekey-hook rotate` end to end against the loopback look-alike of Pinecone's token endpoint,
 * Admin API and control plane (test/helpers/fake-pinecone.ts), with a stand-in secret store: a script
 * that receives the new key on its stdin and records what it got, its argv and its environment.
 * Every failure path must leave the old key alive, delete the new one, put the env file back, and
 * say so; no output ever holds either key.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { type FakeFailures, type FakePinecone, startFakePinecone, type StoredKey } from "../helpers/fake-pinecone.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { CLI, type RunResult, TempRepo } from "../helpers/repo.js";
import { cliAsync } from "../helpers/scan.js";

interface Setup {
  repo: TempRepo;
  fake: FakePinecone;
  old: StoredKey;
  /** Where the stand-in secret store writes what it received. */
  storeDir: string;
  /** `--update-with` for the stand-in store (exit code from STORE_EXIT). */
  storeCommand: string;
  envFile: string;
  envText: string;
  run(args: string[], env?: Record<string, string | undefined>): Promise<RunResult>;
}

const STORE_SCRIPT = `
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const dir = process.argv[2];
const value = readFileSync(0, "utf8");
writeFileSync(join(dir, "stored.txt"), value);
writeFileSync(join(dir, "seen.json"), JSON.stringify({ argv: process.argv, env: process.env }));
console.log("stored " + value); // a careless store echoes what it got: rotate must mask it
process.exit(Number(process.env.STORE_EXIT || 0));
`;

async function setUp(t: TestContext, failures: FakeFailures = {}, roles: StoredKey["roles"] = ["ProjectEditor"]): Promise<Setup> {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  const fake = await startFakePinecone(t, { failures });
  const old = fake.addKey("production", roles);
  const storeDir = repo.base;
  writeFileSync(join(storeDir, "store.cjs"), STORE_SCRIPT);
  const envFile = join(repo.dir, ".env");
  const envText = `# app settings\nPINECONE_INDEX=docs\nexport PINECONE_API_KEY="${old.value}"  # prod\nOTHER=1\n`;
  writeFileSync(envFile, envText, { mode: 0o600 });
  const storeCommand = `"${process.execPath}" "${join(storeDir, "store.cjs")}" "${storeDir}"`;
  return {
    repo,
    fake,
    old,
    storeDir,
    storeCommand,
    envFile,
    envText,
    run: async (args, env = {}) => {
      const result = await cliAsync(repo, ["rotate", ...args], { env: { ...fake.env, ...env } });
      const keys = [...fake.keys.values()].map((k) => k.value).concat(old.value);
      assertNoKeyIn(result.stdout + result.stderr, keys);
      return result;
    },
  };
}

function created(setup: Setup): StoredKey[] {
  return [...setup.fake.keys.values()].filter((k) => k.id !== setup.old.id);
}

/** The old key is exactly as before: present, not being deleted. */
function assertOldKeyAlive(setup: Setup): void {
  const old = setup.fake.keys.get(setup.old.id);
  assert.ok(old, "the old key still exists");
  assert.equal(old.deletingPollsLeft, undefined, "no deletion was asked for");
}

function stored(setup: Setup): string | undefined {
  const file = join(setup.storeDir, "stored.txt");
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

test("rotate: same roles, the key on the store's stdin only, env file rewritten, old key deleted and gone", async (t) => {
  const setup = await setUp(t, { deletePolls: 3 }, ["ControlPlaneEditor", "DataPlaneEditor"]);
  const run = await setup.run(["--key-id", setup.old.id, "--update-with", setup.storeCommand, "--env-file", setup.envFile, "--wait", "20"]);
  assert.equal(run.status, 0, run.stderr);

  const [replacement, ...others] = created(setup);
  assert.ok(replacement);
  assert.deepEqual(others, []);
  assert.deepEqual(replacement.roles, ["ControlPlaneEditor", "DataPlaneEditor"]);
  assert.match(replacement.name, /^production \(rotated \d{4}-\d{2}-\d{2}\)$/);
  assert.equal(setup.fake.keys.has(setup.old.id), false, "the old key is gone");

  // The store got exactly the new key on stdin; not in its argv, not in its environment.
  assert.equal(stored(setup), replacement.value);
  const seen = JSON.parse(readFileSync(join(setup.storeDir, "seen.json"), "utf8")) as { argv: string[]; env: Record<string, string> };
  assertNoKeyIn(JSON.stringify(seen.argv), [replacement.value, setup.old.value], "the store's argv");
  assertNoKeyIn(JSON.stringify(seen.env), [replacement.value, setup.old.value], "the store's environment");
  assert.equal(seen.env.PINECONE_CLIENT_SECRET, undefined, "the service account's secret is withheld from the command");

  // The env file: only the key's value changed, quoting and comment kept.
  assert.equal(readFileSync(setup.envFile, "utf8"), setup.envText.replace(setup.old.value, replacement.value));

  assert.match(run.stderr, /✓ old key: .* "production" \(ControlPlaneEditor, DataPlaneEditor\)/);
  assert.match(run.stderr, /✓ the new key works/);
  assert.match(run.stderr, /✓ the old key .* is gone/);
  assert.match(run.stdout, /Rotated: .* is deleted/);
  assert.match(run.stdout, /pinekey-hook inventory/);
  // The deletion took several polls; each poll read the key through the Admin API.
  const polls = setup.fake.seen.filter((r) => r.method === "GET" && r.url === `/admin/api-keys/${setup.old.id}`);
  assert.ok(polls.length >= 4, `${polls.length} reads of the old key`);
  assert.deepEqual(setup.fake.violations, []);
});

test("--dry-run prints the plan and changes nothing", async (t) => {
  const setup = await setUp(t);
  const run = await setup.run(["--key-id", setup.old.id, "--update-with", setup.storeCommand, "--dry-run"]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Plan \(dry run: nothing was changed\)/);
  assert.match(run.stdout, /create "production \(rotated [\d-]+\)" in project .* with the roles of/);
  assert.match(run.stdout, /delete the old key/);
  assert.deepEqual(created(setup), []);
  assertOldKeyAlive(setup);
  assert.equal(stored(setup), undefined);
  assert.ok(setup.fake.seen.every((r) => r.method === "GET" || r.url === "/oauth/token"), "only reads");
});

test("wrong credentials: exit 2 naming PINECONE_CLIENT_ID / PINECONE_CLIENT_SECRET, nothing changed", async (t) => {
  const setup = await setUp(t);
  const run = await setup.run(["--key-id", setup.old.id, "--env-file", setup.envFile], { PINECONE_CLIENT_SECRET: "wrong" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /refused the service account's credentials/);
  assert.match(run.stderr, /PINECONE_CLIENT_ID and PINECONE_CLIENT_SECRET/);
  assert.deepEqual(created(setup), []);
  assertOldKeyAlive(setup);
  assert.equal(readFileSync(setup.envFile, "utf8"), setup.envText);

  const missing = await setup.run(["--key-id", setup.old.id, "--env-file", setup.envFile], { PINECONE_CLIENT_ID: undefined, PINECONE_CLIENT_SECRET: undefined });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /PINECONE_CLIENT_ID and PINECONE_CLIENT_SECRET are not set/);
});

test("403 on create: nothing to undo, the old key untouched", async (t) => {
  const setup = await setUp(t, { createStatus: 403 });
  const run = await setup.run(["--key-id", setup.old.id, "--update-with", setup.storeCommand, "--env-file", setup.envFile]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /creating a new API key .*: 403/);
  assert.match(run.stderr, /may not create keys/);
  assert.match(run.stderr, /Nothing was changed/);
  assert.deepEqual(created(setup), []);
  assertOldKeyAlive(setup);
  assert.equal(stored(setup), undefined);
  assert.equal(readFileSync(setup.envFile, "utf8"), setup.envText);
});

test("the new key does not work: it is deleted again, nothing handed over", async (t) => {
  const setup = await setUp(t, { newKeysDoNotWork: true });
  const run = await setup.run(["--key-id", setup.old.id, "--update-with", setup.storeCommand, "--env-file", setup.envFile, "--timeout", "1"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /✗ the new key does not work \(GET \/indexes: 401\)/);
  assert.doesNotMatch(run.stderr, /back as it was/, "the env file was never written, so nothing is said about restoring it");
  assert.equal(readFileSync(setup.envFile, "utf8"), setup.envText);
  assert.match(run.stderr, /✓ deleted the new key/);
  assert.match(run.stderr, /The old key .* was not touched and still works/);
  assert.deepEqual(created(setup), []);
  assertOldKeyAlive(setup);
  assert.equal(stored(setup), undefined);
});

test("the update command fails: env file restored, new key deleted, old key alive, its output masked", async (t) => {
  const setup = await setUp(t);
  const run = await setup.run(["--key-id", setup.old.id, "--env-file", setup.envFile, "--update-with", setup.storeCommand], { STORE_EXIT: "3" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /the update command failed: it exited with code 3/);
  assert.match(run.stderr, /stored pcsk_\w+_\w{4}…/, "the store's output is shown with the key masked");
  assert.match(run.stderr, /✓ .*\.env is back as it was/);
  assert.match(run.stderr, /✓ deleted the new key/);
  assert.equal(readFileSync(setup.envFile, "utf8"), setup.envText);
  assert.deepEqual(created(setup), []);
  assertOldKeyAlive(setup);
});

test("a token that expires mid-run is renewed; the rotation completes", async (t) => {
  const setup = await setUp(t, { tokenExpiresAfterCalls: 2 });
  const run = await setup.run(["--key-id", setup.old.id, "--env-file", setup.envFile]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(setup.fake.seen.filter((r) => r.url === "/oauth/token").length >= 2, "a second token was fetched");
  const [replacement] = created(setup);
  assert.equal(setup.fake.keys.has(setup.old.id), false);
  assert.match(readFileSync(setup.envFile, "utf8"), new RegExp(`PINECONE_API_KEY="${replacement!.value}"`));
});

test("a slow Admin API times out before anything changes; an endless answer is cut", async (t) => {
  const slow = await setUp(t, { hang: /^GET \/admin\/api-keys\// });
  const run = await slow.run(["--key-id", slow.old.id, "--env-file", slow.envFile, "--timeout", "1"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /reading API key .* did not answer in time/);
  assert.match(run.stderr, /Nothing was changed/);
  assertOldKeyAlive(slow);

  const endless = await setUp(t, { endless: /^POST \/admin\/projects\/.*\/api-keys$/ });
  const cut = await endless.run(["--key-id", endless.old.id, "--env-file", endless.envFile, "--timeout", "20"]);
  assert.equal(cut.status, 2);
  assert.match(cut.stderr, /creating a new API key .* larger than/);
  assertOldKeyAlive(endless);
  assert.equal(readFileSync(endless.envFile, "utf8"), endless.envText);
});

test("a deletion that never completes within --wait: exit 2, the new key in place, said plainly", async (t) => {
  const setup = await setUp(t, { deletePolls: 1_000_000 });
  const run = await setup.run(["--key-id", setup.old.id, "--env-file", setup.envFile, "--wait", "1"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /the old key .* still exists 1 s after Pinecone accepted its deletion/);
  assert.match(run.stderr, /The new key is in place/);
  assert.equal(created(setup).length, 1, "the new key stays: the services use it now");
});

test("--keep-old leaves the old key alive and says what is left to do", async (t) => {
  const setup = await setUp(t);
  const run = await setup.run(["--key-id", setup.old.id, "--update-with", setup.storeCommand, "--keep-old"]);
  assert.equal(run.status, 0, run.stderr);
  assertOldKeyAlive(setup);
  assert.equal(created(setup).length, 1);
  assert.match(run.stdout, /still works \(--keep-old\): delete it in the console/);
  assert.ok(!setup.fake.seen.some((r) => r.method === "DELETE"));
});

test("without --key-id off a terminal: the project's keys are listed, and nothing changes", async (t) => {
  const setup = await setUp(t);
  const run = await setup.run(["--env-file", setup.envFile]);
  assert.equal(run.status, 2);
  assert.ok(run.stderr.includes(setup.old.id), "the key's id is listed");
  assert.match(run.stderr, /rotate needs --key-id <id>: project .* has 1 API keys/);
  assertOldKeyAlive(setup);

  const nowhere = await setup.run(["--key-id", setup.old.id]);
  assert.equal(nowhere.status, 2);
  assert.match(nowhere.stderr, /needs somewhere to put the new key/);

  const unknown = await setup.run(["--key-id", "00000000-0000-4000-8000-000000000000", "--env-file", setup.envFile]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no API key with id 00000000-0000-4000-8000-000000000000/);
});

test("on a terminal without --key-id: the chosen key is rotated (the picker sees the project's keys)", async (t) => {
  const setup = await setUp(t);
  const other = setup.fake.addKey("staging", ["ProjectViewer"]);
  const { rotateCommand } = await import("../../dist/cli/commands/rotate.js");
  const saved = { ...process.env };
  t.after(() => {
    for (const name of Object.keys(setup.fake.env)) delete process.env[name];
    Object.assign(process.env, saved);
  });
  Object.assign(process.env, setup.fake.env);
  const offered: string[][] = [];
  const result = await rotateCommand({
    envFile: setup.envFile,
    pick: async (keys, question) => {
      offered.push([question, ...keys.map((k) => k.name).sort()]);
      return keys.find((k) => k.id === setup.old.id);
    },
  });
  assert.equal(result.exitCode, 0, result.stderr);
  assert.deepEqual(offered, [["Which key leaked?", "production", "staging"]]);
  assert.equal(setup.fake.keys.has(setup.old.id), false);
  assert.ok(setup.fake.keys.has(other.id), "the other key is untouched");
  assertNoKeyIn(`${result.stdout}${result.stderr}`, [...setup.fake.keys.values()].map((k) => k.value).concat(setup.old.value));
});

test("Ctrl-C while the update command runs: it is stopped, the new key deleted, the env file restored", async (t) => {
  const setup = await setUp(t);
  // A store that takes its time: it has the key, then hangs (it would store it in 60 s).
  const pidFile = join(setup.storeDir, "slow-store.pid");
  writeFileSync(
    join(setup.storeDir, "slow-store.cjs"),
    `const fs = require("node:fs"); fs.readFileSync(0); fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 60_000);\n`,
  );
  const slowStore = `"${process.execPath}" "${join(setup.storeDir, "slow-store.cjs")}"`;
  const child = spawn(process.execPath, [CLI, "rotate", "--key-id", setup.old.id, "--env-file", setup.envFile, "--update-with", slowStore], {
    cwd: setup.repo.dir,
    env: setup.repo.env(setup.fake.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, signal) => resolve(signal)));
  // Wait until the update command has the key.
  while (!existsSync(pidFile) || readFileSync(pidFile, "utf8") === "") await new Promise((resolve) => setTimeout(resolve, 50));
  child.kill("SIGINT");
  assert.equal(await ended, "SIGINT", "it dies of the signal, as an interrupted process should");
  assert.match(stderr, /interrupted \(SIGINT\)/);
  assert.match(stderr, /Rolling back:\n {2}✓ .*\.env is back as it was\n {2}✓ deleted the new key/);
  assert.equal(readFileSync(setup.envFile, "utf8"), setup.envText);
  assert.deepEqual(created(setup), []);
  assertOldKeyAlive(setup);
  assertNoKeyIn(stderr, [setup.old.value]);
  // Stopped too (SIGKILL to its process group; it may take a moment to be reaped, not 60 s).
  const storePid = Number(readFileSync(pidFile, "utf8"));
  const alive = (): boolean => {
    try {
      process.kill(storePid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 100 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(!alive(), "the update command was stopped too");
});
