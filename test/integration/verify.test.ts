/**
 * The opt-in live check against a local server on 127.0.0.1 that answers like Pinecone's API:
 * `GET /indexes` (with the three headers it requires) for current keys, `GET /actions/whoami` at a
 * per-environment controller for legacy keys. Nothing leaves the loopback: both base URLs point at
 * the fake in every test, including those that must send nothing.
 *
 * The CLI runs asynchronously (the fake answers from this process's event loop).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { writeHook } from "../helpers/remote.js";
import { type RunResult, TempRepo } from "../helpers/repo.js";
import { cliAsync, type JsonFinding } from "../helpers/scan.js";

type Behaviour = "live" | "revoked" | "restricted" | "error" | "hang" | "portal" | { redirect: string };

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface FakePinecone {
  env: Record<string, string>;
  seen: SeenRequest[];
  /** The most "hang" requests that were open at the same moment. */
  mostHangingAtOnce(): number;
}

/** A fake Pinecone API: answers per key, records every request, stops when the test ends. */
async function startFakePinecone(t: TestContext, behaviour: Map<string, Behaviour>): Promise<FakePinecone> {
  const seen: SeenRequest[] = [];
  let hanging = 0;
  let mostHanging = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const key = req.headers["api-key"];
      const answer = typeof key === "string" ? behaviour.get(key) : undefined;
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const legacy = /^\/legacy\/([a-z0-9-]+)\/actions\/whoami$/.exec(req.url ?? "");
      if (req.method === "GET" && req.url === "/indexes") {
        // Pinecone's API wants all three; answer 400 otherwise (so a "live" verdict proves them).
        if (typeof key !== "string" || req.headers["x-pinecone-api-version"] !== "2025-10" || req.headers.accept !== "application/json") {
          json(400, { error: { code: "INVALID_ARGUMENT", message: "missing or wrong headers" }, status: 400 });
          return;
        }
      } else if (!(req.method === "GET" && legacy && typeof key === "string")) {
        json(404, { error: { code: "NOT_FOUND" } });
        return;
      }
      if (typeof answer === "object") {
        res.writeHead(307, { location: answer.redirect });
        res.end();
        return;
      }
      switch (answer) {
        case "portal": // a captive portal or a proxy's page: 200, but not Pinecone's answer
          res.writeHead(200, { "content-type": "text/html" });
          res.end("<html><body>Sign in to the network</body></html>");
          return;
        case "live":
          json(200, legacy ? { project_name: "demo", user_label: "default", user_name: "someone" } : { indexes: [] });
          return;
        case "restricted":
          json(403, { error: { code: "FORBIDDEN", message: "insufficient permissions" }, status: 403 });
          return;
        case "error":
          json(500, { error: { code: "INTERNAL", message: "try again" }, status: 500 });
          return;
        case "hang": // never answer; count the requests left open at once
          hanging++;
          mostHanging = Math.max(mostHanging, hanging);
          res.on("close", () => hanging--);
          return;
        default:
          json(401, { error: { code: "UNAUTHENTICATED", message: "Invalid API Key" }, status: 401 });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  t.after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    env: {
      PINEKEY_PINECONE_API_URL: `http://127.0.0.1:${port}`,
      PINEKEY_PINECONE_LEGACY_API_URL: `http://127.0.0.1:${port}/legacy/{environment}`,
    },
    seen,
    mostHangingAtOnce: () => mostHanging,
  };
}

function newRepo(t: TestContext): TempRepo {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  return repo;
}

const text = (...lines: string[]): string => lines.join("\n") + "\n";

function findingsOf(run: RunResult): Array<JsonFinding & { verified?: string }> {
  assert.ok(run.status === 0 || run.status === 1, `scan failed (${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { findings: Array<JsonFinding & { verified?: string }> }).findings;
}

/** Each key went out exactly once, only as the Api-Key header of a GET without a body. */
function assertSentOnlyAsHeader(seen: SeenRequest[], keys: string[]): void {
  for (const request of seen) {
    assert.equal(request.method, "GET");
    assert.equal(request.body, "");
    assertNoKeyIn(request.url, keys, "a request URL");
    for (const [name, value] of Object.entries(request.headers)) {
      if (name !== "api-key") assertNoKeyIn(String(value), keys, `the ${name} header`);
    }
  }
  // A live key is asked once more, for its collections (the exposure report): only after /indexes.
  const checks = seen.filter((request) => request.url !== "/collections");
  const sent = checks.map((request) => request.headers["api-key"]).sort();
  assert.deepEqual(sent, [...keys].sort(), "each key is sent once, and nothing else is");
  for (const followUp of seen.filter((request) => request.url === "/collections")) {
    const first = seen.findIndex((request) => request.url === "/indexes" && request.headers["api-key"] === followUp.headers["api-key"]);
    assert.ok(first >= 0 && first < seen.indexOf(followUp), "collections are asked only after a live /indexes");
  }
}

/** `git commit` without blocking this process (the hook's live check needs the fake to answer). */
function commitAsync(repo: TempRepo, message: string, env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["commit", "-q", "-m", message], { cwd: repo.dir, env: repo.env(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

function head(repo: TempRepo): string | undefined {
  const run = repo.git(["rev-parse", "--verify", "-q", "HEAD"]);
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** Five current keys, one per answer, staged in one file (one of them twice). */
type FiveAnswers = "live" | "revoked" | "restricted" | "error" | "hang";

function stageFiveKeys(repo: TempRepo): { keys: Record<FiveAnswers, string>; behaviour: Map<string, Behaviour> } {
  const keys: Record<FiveAnswers, string> = {
    live: fakeKey(),
    revoked: fakeKey(),
    restricted: fakeKey(),
    error: fakeKey(),
    hang: fakeKey(),
  };
  repo.stage(
    "src/keys.py",
    text(
      `LIVE = "${keys.live}"`,
      `REVOKED = "${keys.revoked}"`,
      `RESTRICTED = "${keys.restricted}"`,
      `ERROR = "${keys.error}"`,
      `HANG = "${keys.hang}"`,
      `LIVE_AGAIN = "${keys.live}"`,
    ),
  );
  const behaviour = new Map(Object.entries(keys).map(([answer, key]) => [key, answer as Behaviour]));
  return { keys, behaviour };
}

/** The verdicts for stageFiveKeys' lines: a 500 and no answer both leave a key "unknown". */
const FIVE_KEYS_VERDICTS = [
  [1, "live"],
  [2, "revoked"],
  [3, "restricted"],
  [4, "unknown"],
  [5, "unknown"],
  [6, "live"],
];

test("scan --verify: live, revoked, restricted, unknown (500), unknown (no answer); still exit 1", async (t) => {
  const repo = newRepo(t);
  const { keys, behaviour } = stageFiveKeys(repo);
  // Six more that are never answered, in another file: one after another, the checks would take
  // 7 × 3 s; all at once, one timeout.
  const unanswered = Array.from({ length: 6 }, () => fakeKey());
  repo.stage("zz/more.env", text(...unanswered.map((key, i) => `KEY_${i}=${key}`)));
  for (const key of unanswered) behaviour.set(key, "hang");
  const fake = await startFakePinecone(t, behaviour);

  const run = await cliAsync(repo, ["scan", "--staged", "--verify", "--format", "json"], { env: fake.env });

  assert.equal(run.status, 1);
  const findings = findingsOf(run);
  assert.deepEqual(
    findings.filter((f) => f.file === "src/keys.py").map((f) => [f.line, f.verified]),
    FIVE_KEYS_VERDICTS,
  );
  assert.deepEqual(findings.filter((f) => f.file === "zz/more.env").map((f) => f.verified), Array(6).fill("unknown"));
  assert.equal(fake.mostHangingAtOnce(), 7, "the unanswered checks wait all at once, not one after another");
  assert.ok(fake.seen.every((request) => request.url === "/indexes" || request.url === "/collections"));
  assertSentOnlyAsHeader(fake.seen, [...Object.values(keys), ...unanswered]);
  assertNoKeyIn(run.stdout + run.stderr, [...Object.values(keys), ...unanswered]);
});

test("a revoked key still blocks: the text report says so, with exit 1", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.stage("app.py", text(`PINECONE_API_KEY = "${key}"`));
  const fake = await startFakePinecone(t, new Map([[key, "revoked"]]));
  const run = await cliAsync(repo, ["scan", "--staged", "--verify"], { env: fake.env });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /app\.py:1:21 .*revoked or invalid \(still keep it out of git\)/);
  assert.match(run.stdout, /1 Pinecone API key in the staged changes/);
  assertSentOnlyAsHeader(fake.seen, [key]);
  assertNoKeyIn(run.stdout + run.stderr, [key]);
});

test("the text report shows LIVE; SARIF carries properties.verified", async (t) => {
  const repo = newRepo(t);
  const { keys, behaviour } = stageFiveKeys(repo);
  behaviour.set(keys.hang, "error"); // no need to wait for a timeout here
  const fake = await startFakePinecone(t, behaviour);

  const [textRun, sarifRun] = await Promise.all([
    cliAsync(repo, ["scan", "--staged", "--verify"], { env: fake.env }),
    cliAsync(repo, ["scan", "--staged", "--verify", "--format", "sarif"], { env: fake.env }),
  ]);
  assert.equal(textRun.status, 1);
  assert.match(textRun.stdout, /src\/keys\.py:1:\d+ .*LIVE: rotate it now/);
  assert.match(textRun.stdout, /src\/keys\.py:3:\d+ .*live \(restricted permissions\): rotate it now/);
  assert.match(textRun.stdout, /src\/keys\.py:4:\d+ .*live check inconclusive/);

  assert.equal(sarifRun.status, 1);
  const log = JSON.parse(sarifRun.stdout) as {
    runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number } } }>; properties?: { verified?: string } }> }>;
  };
  assert.deepEqual(
    log.runs[0]!.results.map((r) => [r.locations[0]!.physicalLocation.region.startLine, r.properties?.verified]),
    FIVE_KEYS_VERDICTS,
  );
  for (const run of [textRun, sarifRun]) assertNoKeyIn(run.stdout + run.stderr, Object.values(keys));
});

test('"verify": true in .pinekeyrc.json checks without the flag', async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.write(".pinekeyrc.json", JSON.stringify({ verify: true }));
  repo.stage("app.py", text(`PINECONE_API_KEY = "${key}"`));
  const fake = await startFakePinecone(t, new Map([[key, "live"]]));
  const run = await cliAsync(repo, ["scan", "--staged", "--format", "json"], { env: fake.env });
  assert.equal(run.status, 1);
  assert.deepEqual(findingsOf(run).map((f) => f.verified), ["live"]);
  assertSentOnlyAsHeader(fake.seen, [key]);
});

test("without verify no request reaches the server (scan in every format, pre-commit, a real commit)", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const uuid = fakeUuid();
  repo.stage("app.py", text("import pinecone", `PINECONE_API_KEY = "${key}"`, `pinecone.init(api_key="${uuid}", environment="us-west1-gcp")`));
  const fake = await startFakePinecone(t, new Map([[key, "live"], [uuid, "live"]]));
  repo.installPlainHook();

  const runs = await Promise.all([
    cliAsync(repo, ["scan", "--staged"], { env: fake.env }),
    cliAsync(repo, ["scan", "--staged", "--format", "json"], { env: fake.env }),
    cliAsync(repo, ["scan", "--staged", "--format", "sarif"], { env: fake.env }),
    cliAsync(repo, ["scan"], { env: fake.env }),
    cliAsync(repo, ["pre-commit"], { env: fake.env }),
  ]);
  runs.push(await commitAsync(repo, "keys", fake.env));
  for (const run of runs) assert.equal(run.status, 1, run.stderr);
  assert.ok(findingsOf(runs[1]!).every((f) => f.verified === undefined));
  assert.doesNotMatch(runs[0]!.stdout, /LIVE: rotate|revoked or invalid|inconclusive/);
  assert.deepEqual(fake.seen, []);
  assert.equal(head(repo), undefined, "the commit was blocked");
  // Explicitly off in the config is the same.
  repo.write(".pinekeyrc.json", JSON.stringify({ verify: false }));
  assert.equal((await cliAsync(repo, ["scan", "--staged"], { env: fake.env })).status, 1);
  assert.deepEqual(fake.seen, []);
  for (const run of runs) assertNoKeyIn(run.stdout + run.stderr, [key, uuid]);
});

test("legacy keys: whoami at the controller of the environment found next to them", async (t) => {
  const repo = newRepo(t);
  const live = fakeUuid();
  const revoked = fakeUuid();
  const noEnvironment = fakeUuid();
  repo.stage("west.py", text("import pinecone", `pinecone.init(api_key="${live}", environment="us-west1-gcp")`));
  repo.stage("east.py", text("import pinecone", 'ENVIRONMENT = "us-east1-aws"', `pinecone.init(api_key="${revoked}", environment=ENVIRONMENT)`));
  repo.stage("other.py", text(`PINECONE_API_KEY = "${noEnvironment}"`));
  const fake = await startFakePinecone(t, new Map([[live, "live"], [revoked, "revoked"], [noEnvironment, "live"]]));

  const run = await cliAsync(repo, ["scan", "--staged", "--verify", "--format", "json"], { env: fake.env });
  assert.equal(run.status, 1);
  assert.deepEqual(
    findingsOf(run).map((f) => [f.file, f.rule, f.verified]),
    [
      ["east.py", "pinecone-legacy-api-key", "revoked"],
      ["other.py", "pinecone-legacy-api-key", "unknown"],
      ["west.py", "pinecone-legacy-api-key", "live"],
    ],
  );
  assert.deepEqual(
    fake.seen.map((request) => [request.url, request.headers.accept]).sort(),
    [
      ["/legacy/us-east1-aws/actions/whoami", "application/json"],
      ["/legacy/us-west1-gcp/actions/whoami", "application/json"],
    ],
  );
  // A key without a known environment is not sent anywhere.
  assertSentOnlyAsHeader(fake.seen, [live, revoked]);
  assertNoKeyIn(run.stdout + run.stderr, [live, revoked, noEnvironment]);
});

test("pre-commit --verify through a real commit: blocked, the report says LIVE", async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  const revoked = fakeKey();
  writeHook(join(repo.dir, ".git", "hooks", "pre-commit"), "pre-commit --verify");
  repo.stage("README.md", "# demo\n");
  const fake = await startFakePinecone(t, new Map([[key, "live"], [revoked, "revoked"]]));
  const first = await commitAsync(repo, "initial", fake.env);
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual(fake.seen, [], "a clean commit asks nothing");
  const before = head(repo);

  repo.stage("app.py", text(`PINECONE_API_KEY = "${key}"`, `OLD_KEY = "${revoked}"`));
  const run = await commitAsync(repo, "keys", fake.env);
  assert.notEqual(run.status, 0);
  assert.equal(head(repo), before, "HEAD must not move");
  assert.match(run.stderr, /commit blocked: 2 Pinecone API keys/);
  assert.match(run.stderr, /app\.py:1:21 .*LIVE: rotate it now/);
  assert.match(run.stderr, /app\.py:2:\d+ .*revoked or invalid/);
  assertSentOnlyAsHeader(fake.seen, [key, revoked]);
  assertNoKeyIn(run.stdout + run.stderr, [key, revoked]);
});

test('"verify": true with the plain hook: a revoked key still stops the commit', async (t) => {
  const repo = newRepo(t);
  const key = fakeKey();
  repo.installPlainHook();
  repo.write(".pinekeyrc.json", JSON.stringify({ verify: true }));
  repo.stage("app.py", text(`PINECONE_API_KEY = "${key}"`));
  const fake = await startFakePinecone(t, new Map([[key, "revoked"]]));
  const run = await commitAsync(repo, "revoked key", fake.env);
  assert.notEqual(run.status, 0);
  assert.equal(head(repo), undefined);
  assert.match(run.stderr, /revoked or invalid \(still keep it out of git\)/);
  assertSentOnlyAsHeader(fake.seen, [key]);
});

test("a redirect is not followed (the key goes nowhere else), and a 200 that is not Pinecone's is not live", async (t) => {
  const repo = newRepo(t);
  const redirected = fakeKey();
  const portal = fakeKey();
  repo.stage("app.py", text(`A = "${redirected}"`, `B = "${portal}"`));
  const elsewhere = await startFakePinecone(t, new Map([[redirected, "live"]]));
  const fake = await startFakePinecone(
    t,
    new Map<string, Behaviour>([
      [redirected, { redirect: `${elsewhere.env.PINEKEY_PINECONE_API_URL}/indexes` }],
      [portal, "portal"],
    ]),
  );
  const run = await cliAsync(repo, ["scan", "--staged", "--verify", "--format", "json"], { env: fake.env });
  assert.equal(run.status, 1);
  assert.deepEqual(findingsOf(run).map((f) => f.verified), ["unknown", "unknown"]);
  assert.deepEqual(elsewhere.seen, [], "the redirect target saw nothing");
  assertSentOnlyAsHeader(fake.seen, [redirected, portal]);
});
