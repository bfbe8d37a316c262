/**
 * `pinekey-hook scan --staged` in every output format at once, with the checks every integration
 * test wants: the three formats agree on the exit code, no output (stdout or stderr, in any format)
 * holds a key, the JSON has the documented shape and the SARIF is valid 2.1.0 that says the same.
 */
import { printablePath } from "../../dist/cli/messages.js";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { CLI, type RunResult, type TempRepo } from "./repo.js";
import { assertNoKeyIn } from "./leaks.js";

export interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  column: number;
  redacted: string;
  fingerprint: string;
  allowed: boolean;
  allowReason?: string;
  encoding?: string;
}

export interface ScanAll {
  /** The exit code (the same in every format). */
  status: number;
  findings: JsonFinding[];
  text: RunResult;
  json: RunResult;
  sarif: RunResult;
  sarifLog: SarifLog;
}

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
  }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: string; justification: string }>;
}

interface SarifLog {
  version: string;
  runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string }> } }; results: SarifResult[] }>;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** The built CLI, asynchronously (so the three formats of one scan run side by side). */
export function cliAsync(repo: TempRepo, args: string[], options: CliOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? repo.dir,
      env: repo.env(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({
        status: code ?? (signal ? -1 : -1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}

const FINDING_FIELDS = ["allowed", "column", "file", "fingerprint", "line", "redacted", "rule"];
const OPTIONAL_FIELDS = ["allowReason", "encoding"];

/** Run `scan --staged` as text, json and sarif; check what every scan must satisfy. */
export async function scanAll(repo: TempRepo, keys: string[], options: CliOptions = {}): Promise<ScanAll> {
  const [text, json, sarif] = await Promise.all([
    cliAsync(repo, ["scan", "--staged"], options),
    cliAsync(repo, ["scan", "--staged", "--format", "json"], options),
    cliAsync(repo, ["scan", "--staged", "--format", "sarif"], options),
  ]);
  for (const [name, run] of [["text", text], ["json", json], ["sarif", sarif]] as const) {
    assertNoKeyIn(run.stdout + run.stderr, keys, `scan --format ${name}`);
  }
  assert.ok(
    json.status === 0 || json.status === 1,
    `scan --staged failed (exit ${json.status}):\n${json.stderr}`,
  );
  assert.equal(text.status, json.status, "text and json exit codes differ");
  assert.equal(sarif.status, json.status, "sarif and json exit codes differ");
  for (const run of [text, json, sarif]) assert.equal(run.stderr, "", "a scan that ran writes nothing to stderr");

  const parsed = JSON.parse(json.stdout) as { findings: JsonFinding[] };
  assert.deepEqual(Object.keys(parsed), ["findings"]);
  assert.ok(Array.isArray(parsed.findings));
  for (const finding of parsed.findings) {
    const fields = Object.keys(finding);
    for (const field of FINDING_FIELDS) assert.ok(fields.includes(field), `finding lacks "${field}"`);
    for (const field of fields) {
      assert.ok(FINDING_FIELDS.includes(field) || OPTIONAL_FIELDS.includes(field), `unexpected field "${field}"`);
    }
    assert.match(finding.fingerprint, /^pinecone-(?:legacy-)?api-key:[0-9a-f]{16}$/);
    assert.equal(finding.fingerprint.split(":")[0], finding.rule);
  }

  const sarifLog = checkSarif(sarif.stdout, parsed.findings);

  // The human report names every blocking finding by file:line:column, with control characters in
  // a name escaped (a terminal must not act on them) and no raw control character anywhere.
  for (const finding of parsed.findings.filter((f) => !f.allowed)) {
    const where = `${printablePath(finding.file)}:${finding.line}:${finding.column}`;
    assert.ok(text.stdout.includes(where), `text report lacks ${JSON.stringify(where)}:\n${text.stdout}`);
  }
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(text.stdout.replace(/\n/g, ""), /[\u0000-\u0008\u000b-\u001f\u007f]/, "no raw control characters in the text report");
  if (json.status === 0) assert.match(text.stdout, /no Pinecone API keys in the staged changes/);

  return { status: json.status, findings: parsed.findings, text, json, sarif, sarifLog };
}

/** SARIF 2.1.0 that reports exactly the JSON findings, each with a partial fingerprint. */
export function checkSarif(output: string, findings: JsonFinding[]): SarifLog {
  const log = JSON.parse(output) as SarifLog;
  assert.equal(log.version, "2.1.0");
  assert.equal(log.runs.length, 1);
  const run = log.runs[0]!;
  assert.equal(run.tool.driver.name, "pinekey-hook");
  const ruleIds = run.tool.driver.rules.map((rule) => rule.id);
  assert.equal(run.results.length, findings.length);
  run.results.forEach((result, index) => {
    const finding = findings[index]!;
    assert.equal(result.ruleId, finding.rule);
    assert.ok(ruleIds.includes(result.ruleId));
    assert.equal(result.level, "error");
    assert.deepEqual(result.partialFingerprints, { "pinekeyFingerprint/v1": finding.fingerprint });
    const location = result.locations[0]!.physicalLocation;
    const uri = location.artifactLocation.uri;
    assert.equal(uri.split("/").map(decodeURIComponent).join("/"), finding.file);
    assert.doesNotMatch(uri, /[\s"\\:?#]/, "an artifact URI must be percent-encoded");
    assert.deepEqual(location.region, { startLine: finding.line, startColumn: finding.column });
    assert.equal(result.suppressions !== undefined, finding.allowed);
  });
  return log;
}

/** 1-based column of `needle` on `line` (it must be there). */
export function columnOf(line: string, needle: string): number {
  const index = line.indexOf(needle);
  assert.ok(index >= 0, "needle not on the line");
  return index + 1;
}

/** Compare findings on the fields each expected entry names (and the number of findings). */
export function assertFindings(
  actual: JsonFinding[],
  expected: Array<Partial<JsonFinding> & Pick<JsonFinding, "file" | "line" | "column">>,
): void {
  const picked = actual.map((finding, index) => {
    const fields = Object.keys(expected[index] ?? finding);
    return Object.fromEntries(fields.map((field) => [field, (finding as unknown as Record<string, unknown>)[field]]));
  });
  assert.deepEqual(picked, expected);
}
