/**
 * `--verify` against the loopback look-alike of Pinecone (test/helpers/fake-pinecone.ts): what a live
 * key exposes (indexes with dimension, cloud/region and deletion protection; collections) in text,
 * JSON and SARIF; and the bounds of issue 12: allowed keys are not sent unless asked, an endless
 * answer is cut, one deadline covers the whole check, plain http goes only to loopback.
 */
import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";
import { startFakePinecone } from "../helpers/fake-pinecone.js";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { TempRepo } from "../helpers/repo.js";
import { cliAsync } from "../helpers/scan.js";

interface ExposureFinding {
  file: string;
  line: number;
  allowed: boolean;
  verified?: string;
  exposure?: { indexes: Array<Record<string, unknown>>; collections?: Array<Record<string, unknown>> };
}

function newRepo(t: TestContext): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  return repo;
}

const text = (...lines: string[]): string => lines.join("\n") + "\n";

function findingsOf(stdout: string): ExposureFinding[] {
  return (JSON.parse(stdout) as { findings: ExposureFinding[] }).findings;
}

const EXPECTED_EXPOSURE = {
  indexes: [
    { name: "docs", dimension: 1536, cloud: "aws", region: "us-east-1", deletionProtection: "enabled" },
    { name: "support-tickets", dimension: 768, environment: "us-east1-gcp", deletionProtection: "disabled" },
  ],
  collections: [{ name: "docs-backup", dimension: 1536, environment: "us-east1-gcp" }],
};

test("a live key's finding lists what it can reach, in text, JSON and SARIF; a data-plane key is live but restricted", async (t) => {
  const repo = newRepo(t);
  const fake = await startFakePinecone(t);
  const editor = fake.addKey("prod", ["ProjectEditor"]);
  const dataOnly = fake.addKey("ingest", ["DataPlaneEditor"]);
  repo.stage("app.py", text(`PINECONE_API_KEY = "${editor.value}"`, `INGEST_KEY = "${dataOnly.value}"`));
  const env = { PINEKEY_PINECONE_API_URL: fake.env.PINEKEY_PINECONE_API_URL! };

  const [textRun, jsonRun, sarifRun] = await Promise.all([
    cliAsync(repo, ["scan", "--staged", "--verify"], { env }),
    cliAsync(repo, ["scan", "--staged", "--verify", "--format", "json"], { env }),
    cliAsync(repo, ["scan", "--staged", "--verify", "--format", "sarif"], { env }),
  ]);
  for (const run of [textRun, jsonRun, sarifRun]) {
    assert.equal(run.status, 1, run.stderr);
    assertNoKeyIn(run.stdout + run.stderr, [editor.value, dataOnly.value]);
  }
  assert.match(
    textRun.stdout,
    /this key can read, change or delete 2 indexes: docs \(1536-dim, aws us-east-1, deletion protection on\), support-tickets \(768-dim, us-east1-gcp, no deletion protection\); 1 collection: docs-backup/,
  );
  const [first, second] = findingsOf(jsonRun.stdout);
  assert.equal(first!.verified, "live");
  assert.deepEqual(first!.exposure, EXPECTED_EXPOSURE);
  assert.equal(second!.verified, "restricted");
  assert.equal(second!.exposure, undefined);
  const sarif = JSON.parse(sarifRun.stdout) as { runs: Array<{ results: Array<{ properties?: { verified?: string; exposure?: unknown } }> }> };
  assert.deepEqual(sarif.runs[0]!.results[0]!.properties, { verified: "live", exposure: EXPECTED_EXPOSURE });
  assert.deepEqual(fake.violations, []);
});

test("keys allowed by a pinekey-allow comment are not sent unless --verify-allowed asks", async (t) => {
  const repo = newRepo(t);
  const fake = await startFakePinecone(t);
  const allowed = fake.addKey("fixture", ["ProjectViewer"]);
  const blocking = fake.addKey("prod", ["ProjectEditor"]);
  repo.stage("test_app.py", text(`FIXTURE = "${allowed.value}"  # pinekey-allow: revoked test fixture`, `REAL = "${blocking.value}"`));
  const env = { PINEKEY_PINECONE_API_URL: fake.env.PINEKEY_PINECONE_API_URL! };

  const plain = await cliAsync(repo, ["scan", "--staged", "--verify", "--format", "json"], { env });
  assert.equal(plain.status, 1, plain.stderr);
  assert.deepEqual(findingsOf(plain.stdout).map((f) => [f.allowed, f.verified]), [[true, undefined], [false, "live"]]);
  const sentBefore = fake.seen.map((r) => r.headers["api-key"]);
  assert.ok(!sentBefore.includes(allowed.value), "the allowed key was not sent");
  assert.ok(sentBefore.includes(blocking.value));

  const asked = await cliAsync(repo, ["scan", "--staged", "--verify-allowed", "--format", "json"], { env });
  assert.equal(asked.status, 1, asked.stderr);
  assert.deepEqual(findingsOf(asked.stdout).map((f) => [f.allowed, f.verified]), [[true, "live"], [false, "live"]]);
  assert.ok(fake.seen.some((r) => r.headers["api-key"] === allowed.value));
  assertNoKeyIn(plain.stdout + plain.stderr + asked.stdout + asked.stderr, [allowed.value, blocking.value]);
});

test("an endless 200 answer is cut at the size cap: the key is 'unknown' and the scan ends", async (t) => {
  const repo = newRepo(t);
  const fake = await startFakePinecone(t, { failures: { endless: /^GET \/indexes$/ } });
  const key = fake.addKey("prod", ["ProjectEditor"]);
  repo.stage("app.py", text(`PINECONE_API_KEY = "${key.value}"`));
  const run = await cliAsync(repo, ["scan", "--staged", "--verify", "--format", "json"], { env: { PINEKEY_PINECONE_API_URL: fake.env.PINEKEY_PINECONE_API_URL! } });
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(findingsOf(run.stdout).map((f) => f.verified), ["unknown"]);
  assert.ok(fake.endlessBytes() < 64 * 1024 * 1024, `the client read ${fake.endlessBytes()} bytes before stopping`);
});

test("one deadline for the whole check: a hanging second request ends with the first's verdict kept", async (t) => {
  const repo = newRepo(t);
  const fake = await startFakePinecone(t, { failures: { hang: /^GET \/collections$/ } });
  const key = fake.addKey("prod", ["ProjectEditor"]);
  repo.stage("app.py", text(`PINECONE_API_KEY = "${key.value}"`));
  const env = { PINEKEY_PINECONE_API_URL: fake.env.PINEKEY_PINECONE_API_URL!, PINEKEY_VERIFY_DEADLINE_MS: "1500" };
  const [jsonRun, textRun] = await Promise.all([
    cliAsync(repo, ["scan", "--staged", "--verify", "--format", "json"], { env }),
    cliAsync(repo, ["scan", "--staged", "--verify"], { env }),
  ]);
  assert.equal(jsonRun.status, 1, jsonRun.stderr);
  const [finding] = findingsOf(jsonRun.stdout);
  assert.equal(finding!.verified, "live");
  assert.deepEqual(finding!.exposure, { indexes: EXPECTED_EXPOSURE.indexes });
  assert.match(textRun.stdout, /2 indexes: .*; collections not listed/);
});

test("a base URL that would send keys over plain http to another machine is an error, and nothing is sent", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage("app.py", text(`PINECONE_API_KEY = "${key}"`));
  const run = await cliAsync(repo, ["scan", "--staged", "--verify"], { env: { PINEKEY_PINECONE_API_URL: "http://192.0.2.1" } });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /PINEKEY_PINECONE_API_URL: "http:\/\/192\.0\.2\.1" is plain http to a host that is not this machine/);
  assertNoKeyIn(run.stdout + run.stderr, [key]);
});
