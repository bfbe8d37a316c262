#!/usr/bin/env node
/**
 * `npm run bench`: pinekey-hook against the floor git itself sets, measured side by side in one run.
 *
 * Every corpus is generated here, in a temporary directory (nothing large is committed). Each pair
 * of commands runs alternately RUNS times; the table shows medians and their ratio, and the script
 * exits 1 when a target is missed. Then the adversarial inputs of test/helpers/adversarial.ts (whose
 * results the unit tests check) are timed against their limits, and the custom-regex safety fuzz
 * (scripts/regex-fuzz.mjs) runs. Not part of `npm test`: timings belong to a benchmark, not to
 * assertions in a test suite.
 *
 * Three corpora for `scan --staged` (issue 14): ordinary code (a few percent Pinecone lines), a
 * notebook-heavy tree like pinecone-io/examples (scripts/bench-corpora.mjs) and code where most lines
 * say "pinecone". For each, beside git's own time, the same run shows Node's floor (a script that
 * only spawns the same git command and discards its output) and secretlint with a `pcsk_` rule.
 *
 *   node scripts/bench.mjs [--runs N] [--mb SIZE] [--commits N] [--skip-secretlint] [--keep]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { denseCorpus, notebookCorpus } from "./bench-corpora.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const CLI = join(root, "dist", "bin.cjs");
const ADVERSARIAL = join(root, "test-build", "helpers", "adversarial.js");
const ARCHIVES = join(root, "test-build", "helpers", "archives.js");
const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "9" },
    mb: { type: "string", default: "50" },
    commits: { type: "string", default: "2000" },
    "skip-secretlint": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const RUNS = Number(opts.runs);
const MB = Number(opts.mb);
const COMMITS = Number(opts.commits);

if (!existsSync(CLI) || !existsSync(ADVERSARIAL)) {
  console.error("dist/ or test-build/ is missing: run `npm run build && npx tsc -p test/tsconfig.json` first (npm run bench does).");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "pinekey-bench-"));
const home = join(work, "home");
mkdirSync(home);
writeFileSync(join(home, ".gitconfig"), "[init]\n\tdefaultBranch = main\n[user]\n\tname = Bench\n\temail = bench@example.invalid\n");
const env = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: "1", NO_COLOR: "1" };
for (const name of Object.keys(env)) if (/^GIT_(DIR|INDEX_FILE|WORK_TREE)$/.test(name)) delete env[name];

function git(cwd, ...args) {
  return execFileSync("git", args, { cwd, env, maxBuffer: 1 << 30, encoding: "utf8" });
}

// ---------------------------------------------------------------------------------------------
// Corpora: the text of a retrieval app's repository. Most lines are ordinary code; about one line
// in a hundred is Pinecone code (client set-up, env lookups, queries), and data files (fixtures,
// exported results) are full of UUID ids. The detector must look at all of those and dismiss them.
// A seeded generator keeps runs comparable.

let seed = 42;
const random = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const HEX = "0123456789abcdef";
const uuid = () => [8, 4, 4, 4, 12].map((k) => Array.from({ length: k }, () => HEX[random(16)]).join("")).join("-");
const WORDS = "index vector query result chunk document score text model batch config value items total offset limit".split(" ");
const word = () => WORDS[random(WORDS.length)];
const CODE = [
  () => `    ${word()}_${word()} = ${word()}.${word()}(${word()}, ${word()}=${random(100)})`,
  () => `    for ${word()} in ${word()}_${word()}:`,
  () => `        if not ${word()}: continue`,
  () => `    return {"${word()}": ${word()}, "${word()}": len(${word()})}`,
  () => `# ${word()} ${word()} ${word()} -- ${word()} ${word()}`,
  () => `    logger.info("processed %d ${word()}s in %.2fs", len(batch), elapsed)`,
  () => `  const ${word()}${random(10)} = await ${word()}.${word()}({ ${word()}: ${random(1000)} });`,
  () => `def ${word()}_${word()}(${word()}, ${word()}=None):`,
  () => ``,
];
const PINECONE = [
  () => `from pinecone import Pinecone`,
  () => `pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])`,
  () => `index = pc.Index(os.environ.get("PINECONE_INDEX", "docs"))`,
  () => `    res = index.query(vector=embedding, top_k=${random(20)}, include_metadata=True, namespace="${word()}")`,
  () => `const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY ?? "YOUR_API_KEY" });`,
  () => `    index.upsert(vectors=[("${uuid()}", embedding, {"${word()}": "${word()}"})])`,
];
const DATA = [() => `  {"id": "${uuid()}", "${word()}": "${word()} ${word()}", "score": 0.${random(1000)}},`];
function fileText(bytes, kind) {
  let text = "";
  while (text.length < bytes) {
    const pool = kind === "data" ? DATA : random(100) === 0 ? PINECONE : CODE;
    text += pool[random(pool.length)]() + "\n";
  }
  return text;
}

function makeBigRepo() {
  const dir = join(work, "big");
  mkdirSync(dir);
  git(dir, "init", "-q");
  const files = Math.max(10, Math.round(MB * 10));
  const perFile = Math.round((MB * 1024 * 1024) / files);
  for (let i = 0; i < files; i++) {
    mkdirSync(join(dir, `pkg${i % 25}`), { recursive: true });
    const kind = i % 10 === 0 ? "data" : "code";
    const ext = kind === "data" ? "json" : i % 3 === 0 ? "ts" : "py";
    writeFileSync(join(dir, `pkg${i % 25}`, `module_${i}.${ext}`), fileText(perFile, kind));
  }
  git(dir, "add", "-A");
  return dir;
}

/** A new repository in `name` with a base commit of 10 files, each then rewritten and grown (not staged). */
function typicalChange(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  git(dir, "init", "-q");
  for (let i = 0; i < 10; i++) writeFileSync(join(dir, `file${i}.py`), fileText(2000, "code"));
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "--no-verify", "-m", "base");
  for (let i = 0; i < 10; i++) writeFileSync(join(dir, `file${i}.py`), fileText(2000, "code") + fileText(1500, "code"));
  return dir;
}

function makeTypicalRepo() {
  const dir = typicalChange("typical");
  git(dir, "add", "-A");
  return dir;
}

async function makeArchiveCommit({ tarOf, gzipOf, zipOf }, packed) {
  seed = 4242; // the same content both times
  const dir = typicalChange(packed ? "archives" : "unpacked");
  const modules = Array.from({ length: 120 }, (_, i) => ({ name: `pkg/module_${i}.py`, content: fileText(40_000, i % 10 === 0 ? "data" : "code") }));
  const site = Array.from({ length: 80 }, (_, i) => ({ name: `srv/www/page_${i}.js`, content: fileText(60_000, "code") }));
  const docx = [{ name: "word/document.xml", content: fileText(500_000, "code") }, { name: "[Content_Types].xml", content: "<Types/>" }];
  if (packed) {
    mkdirSync(join(dir, "dist"));
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "dist", "app.whl"), zipOf(modules));
    writeFileSync(join(dir, "site.tgz"), gzipOf(await tarOf(site)));
    writeFileSync(join(dir, "docs", "guide.docx"), zipOf(docx));
  } else {
    writeFiles(join(dir, "dist", "app"), modules);
    writeFiles(join(dir, "site"), site);
    writeFiles(join(dir, "docs", "guide"), docx);
  }
  git(dir, "add", "-A");
  return dir;
}

function writeFiles(root, files) {
  for (const file of files) {
    mkdirSync(dirname(join(root, file.name)), { recursive: true });
    writeFileSync(join(root, file.name), file.content);
  }
}

/** A `docker save` archive: a base layer of binaries, site-packages, node_modules, the app (with a jar). */
async function makeImage({ dockerSave, zipOf }) {
  const binary = (bytes) => {
    const out = Buffer.allocUnsafe(bytes);
    for (let i = 0; i < bytes; i += 4) out.writeUInt32LE(random(0x7fffffff), i);
    return out;
  };
  const base = Array.from({ length: 30 }, (_, i) => ({ name: `usr/lib/x86_64-linux-gnu/lib${i}.so.1`, content: binary(2 * 1024 * 1024) }));
  const python = Array.from({ length: 1500 }, (_, i) => ({ name: `usr/lib/python3.12/site-packages/pkg${i % 60}/mod_${i}.py`, content: fileText(40_000, i % 10 === 0 ? "data" : "code") }));
  const node = Array.from({ length: 1000 }, (_, i) => ({ name: `app/node_modules/dep${i % 80}/lib/index_${i}.js`, content: fileText(30_000, "code") }));
  const app = [
    { name: "app/server.py", content: fileText(100_000, "code") },
    { name: "app/lib/client.jar", content: zipOf(Array.from({ length: 50 }, (_, i) => ({ name: `com/example/Class${i}.class`, content: binary(100_000) }))) },
    { name: "app/.wh.old-config.json", content: "" },
  ];
  const tar = await dockerSave({ tag: "bench/app", layers: [base, python, node, app], config: { Env: ["PATH=/usr/bin", "PINECONE_INDEX=docs"], Cmd: ["python", "app/server.py"] } });
  writeFileSync(join(work, "image.tar"), tar);
  const unpacked = join(work, "image-files");
  mkdirSync(unpacked);
  git(unpacked, "init", "-q");
  [base, python, node, app].forEach((layer, i) => writeFiles(join(unpacked, `layer${i + 1}`), layer));
  return { mb: Math.round(tar.length / (1024 * 1024)), unpacked };
}

/** COMMITS commits through one `git fast-import` (seconds, not minutes). */
function makeHistoryRepo() {
  const dir = join(work, "history");
  mkdirSync(dir);
  git(dir, "init", "-q");
  const parts = [];
  const files = new Map();
  for (let c = 1; c <= COMMITS; c++) {
    const path = `src/mod${random(40)}.py`;
    const body = (files.get(path) ?? "") + fileText(1200, random(10) === 0 ? "data" : "code");
    files.set(path, body.length > 40000 ? body.slice(-20000) : body);
    const data = files.get(path);
    const message = `commit ${c}`;
    parts.push(
      `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.invalid> ${1700000000 + c * 60} +0000\n` +
        `data ${message.length}\n${message}\n${c > 1 ? `from :${c - 1}\n` : ""}` +
        `M 100644 inline ${path}\ndata ${Buffer.byteLength(data)}\n${data}\n`,
    );
  }
  const run = spawnSync("git", ["fast-import", "--quiet"], { cwd: dir, env, input: parts.join(""), maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`fast-import failed: ${run.stderr}`);
  git(dir, "reset", "-q", "--hard", "main");
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Measuring

const RSS_PRELOAD = join(work, "rss.mjs");
writeFileSync(
  RSS_PRELOAD,
  // VmHWM (Linux), not getrusage's maxRSS: Linux keeps ru_maxrss across exec, so a child forked
  // from this process, which holds a 150 MB image by then, would report this process's size.
  `import { readFileSync, writeFileSync } from "node:fs";\n` +
    `const hwm = () => { try { return Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]); } catch { return process.resourceUsage().maxRSS; } };\n` +
    `process.on("exit", () => { if (process.env.PINEKEY_BENCH_RSS) writeFileSync(process.env.PINEKEY_BENCH_RSS, String(hwm())); });\n`,
);

function timeOnce(command, args, extraEnv, cwd) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Run the two commands alternately, RUNS times each, after one warm-up of each (the floor in `floorCwd` if given). */
function pair(ours, floor, cwd, floorCwd = cwd) {
  return pairRuns(ours, floor, cwd, RUNS, floorCwd);
}

function pairRuns(ours, floor, cwd, runs, floorCwd = cwd) {
  const run = ([command, args, extraEnv = {}], where) => timeOnce(command, args, extraEnv, where);
  run(ours, cwd);
  run(floor, floorCwd);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(run(ours, cwd));
    b.push(run(floor, floorCwd));
  }
  return { ours: median(a), floor: median(b) };
}

/** Peak RSS (MiB) of one run of our CLI, read by a preload module at exit. */
function peakRss(args, cwd) {
  const file = join(work, `rss-${Date.now()}`);
  spawnSync(process.execPath, ["--import", `file://${RSS_PRELOAD}`, CLI, ...args], {
    cwd,
    env: { ...env, PINEKEY_BENCH_RSS: file },
    stdio: "ignore",
  });
  const kb = Number(readFileSync(file, "utf8"));
  return kb / 1024;
}

const sh = (script) => ["sh", ["-c", script]];
const cli = (...args) => [process.execPath, [CLI, ...args]];

// Node's own floor: start, spawn git with the same arguments, read its output and drop it.
const NODE_FLOOR = join(work, "node-floor.mjs");
writeFileSync(
  NODE_FLOOR,
  `import { spawn } from "node:child_process";\n` +
    `const child = spawn("git", process.argv.slice(2), { stdio: ["ignore", "pipe", "inherit"] });\n` +
    `child.stdout.on("data", () => {});\n` +
    `child.on("close", (code) => process.exit(code ?? 2));\n`,
);
const nodeFloor = (...gitArgs) => [process.execPath, [NODE_FLOOR, ...gitArgs]];

/** secretlint 13 with a `pcsk_` pattern rule (installed once into node_modules/.cache), or undefined. */
function secretlint() {
  if (opts["skip-secretlint"]) return undefined;
  const cache = join(root, "node_modules", ".cache", "pinekey-bench-secretlint");
  const bin = join(cache, "node_modules", ".bin", "secretlint");
  if (!existsSync(bin)) {
    process.stdout.write("installing secretlint for the comparison (once)… ");
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, "package.json"), '{"private":true}\n');
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--silent", "secretlint@13", "@secretlint/secretlint-rule-pattern@13"], { cwd: cache, stdio: "inherit" });
    console.log(install.status === 0 ? "done" : "failed");
  }
  if (!existsSync(bin)) return undefined;
  const rc = join(work, ".secretlintrc.json");
  writeFileSync(
    rc,
    JSON.stringify({
      rules: [{ id: "@secretlint/secretlint-rule-pattern", options: { patterns: [{ name: "Pinecone API key", pattern: "/\\bpcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}\\b/" }] } }],
    }),
  );
  return (...globs) => [bin, ["--secretlintrc", rc, "--format", "json", ...globs]];
}

/** Write a generated corpus ({ path: content }) into a new repository and stage it. */
function stageCorpus(name, files) {
  const dir = join(work, name);
  mkdirSync(dir);
  git(dir, "init", "-q");
  writeFiles(dir, [...files].map(([file, content]) => ({ name: file, content })));
  git(dir, "add", "-A");
  return dir;
}

/** The scale rows of one corpus: Node's floor and secretlint, against the same git floor. */
function scaleRows(label, dir, gitFloor, gitArgs, globs) {
  const runs = Math.min(RUNS, 5);
  const node = pairRuns(nodeFloor(...gitArgs), gitFloor, dir, runs);
  record(label, node.ours, node.floor, undefined, "  Node's floor: spawn the same git, drop its output");
  const peer = secretlint();
  if (peer) {
    const t = pairRuns(peer(...globs), gitFloor, dir, runs);
    record(label, t.ours, t.floor, undefined, "  secretlint 13, pcsk_ pattern rule, same files");
  }
}

// ---------------------------------------------------------------------------------------------

const results = [];
function record(name, ours, floor, target, floorName) {
  const ratio = ours / floor;
  results.push({ name, ours, floor, ratio, target, floorName, ok: target === undefined || ratio <= target });
}

console.log(`pinekey-hook benchmark: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${RUNS} runs per command`);
console.log(`corpora in ${work}`);

process.stdout.write(`generating ${MB} MB of staged text… `);
const big = makeBigRepo();
console.log("done");
const DIFF = ["diff", "--cached", "-U0", "--no-color", "--no-ext-diff"];
{
  const floor = sh(`git ${DIFF.join(" ")} | cat >/dev/null`);
  const t = pair(cli("scan", "--staged"), floor, big);
  record(`scan --staged, ${MB} MB staged`, t.ours, t.floor, 1.5, "git diff --cached | cat");
  scaleRows(`  ordinary code, ${MB} MB`, big, floor, DIFF, ["**/*.py", "**/*.ts", "**/*.json"]);
}
const bigRss = peakRss(["scan", "--staged"], big);

// Notebook-heavy: what pinecone-io/examples holds (notebooks with base64 plots, PNG and PDF files).
// Its floor prints binary files as text, as pinekey-hook asks git to (`--text`).
process.stdout.write("generating a notebook-heavy tree (~90 MB: notebooks, PNG, PDF)… ");
const notebooks = stageCorpus("notebooks", notebookCorpus(90));
console.log("done");
{
  const textDiff = [...DIFF, "--text"];
  const floor = sh(`git ${textDiff.join(" ")} | cat >/dev/null`);
  const t = pair(cli("scan", "--staged"), floor, notebooks);
  record("scan --staged, notebook-heavy 90 MB", t.ours, t.floor, 2.0, "git diff --cached --text | cat");
  scaleRows("  notebook-heavy 90 MB", notebooks, floor, textDiff, ["**/*"]);
}
const notebookRss = peakRss(["scan", "--staged"], notebooks);

// "pinecone"-dense: most lines name Pinecone, the word that makes a UUID nearby a legacy key.
process.stdout.write(`generating ${MB} MB of code where most lines say "pinecone"… `);
const dense = stageCorpus("dense", denseCorpus(MB));
console.log("done");
{
  const floor = sh(`git ${DIFF.join(" ")} | cat >/dev/null`);
  const t = pair(cli("scan", "--staged"), floor, dense);
  record(`scan --staged, "pinecone"-dense ${MB} MB`, t.ours, t.floor, 2.0, "git diff --cached | cat");
  scaleRows(`  "pinecone"-dense ${MB} MB`, dense, floor, DIFF, ["**/*.py", "**/*.ts"]);
}

process.stdout.write("generating a typical commit (10 files, a few hundred lines)… ");
const typical = makeTypicalRepo();
console.log("done");
{
  // As git runs the hook: from the top of the work tree, with GIT_INDEX_FILE set.
  const hookEnv = { GIT_INDEX_FILE: join(typical, ".git", "index") };
  const t = pair([...cli("pre-commit"), hookEnv], [process.execPath, ["-e", "0"]], typical);
  record("pre-commit, typical commit", t.ours, t.floor, 2.0, "node -e 0");
}

process.stdout.write(`generating ${COMMITS} commits… `);
const history = makeHistoryRepo();
console.log("done");
{
  const t = pair(cli("scan", "--all"), sh("git log --all -p -U0 --no-color --no-ext-diff | cat >/dev/null"), history);
  record(`scan --all, ${COMMITS} commits`, t.ours, t.floor, 1.5, "git log --all -p | cat");
}
const historyRss = peakRss(["scan", "--all"], history);

// pre-receive for a push of all COMMITS commits to an empty branch of a bare repository: the objects
// are in the repository (as in git's quarantine) and no ref reaches them yet.
const bare = join(work, "history.git");
git(work, "clone", "-q", "--bare", history, bare);
const tip = git(bare, "rev-parse", "refs/heads/main").trim();
git(bare, "update-ref", "-d", "refs/heads/main");
writeFileSync(join(work, "pre-receive-input"), `${"0".repeat(40)} ${tip} refs/heads/main\n`);
{
  const receive = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} pre-receive < ${JSON.stringify(join(work, "pre-receive-input"))}`;
  const t = pair(sh(receive), sh(`git log -p -U0 --no-color --no-ext-diff ${tip} | cat >/dev/null`), bare);
  record(`pre-receive, push of ${COMMITS} commits`, t.ours, t.floor, 1.75, "git log -p <pushed> | cat");
}

// Archives in a commit: a typical commit plus a wheel (zip), a .tgz of a site and a .docx. What the
// archives themselves cost is measured against the same commit with the same files unpacked (the
// scan of their content is the same work); the standard tools reading the archives whole are shown
// for scale.
const archives = await import(pathToFileURL(ARCHIVES).href);
process.stdout.write("generating a commit with archives (zip, tar.gz, docx: ~12 MB unpacked), and the same unpacked… ");
const withArchives = await makeArchiveCommit(archives, true);
const unpacked = await makeArchiveCommit(archives, false);
console.log("done");
{
  const t = pair(cli("scan", "--staged"), cli("scan", "--staged"), withArchives, unpacked);
  record("scan --staged, typical commit + archives", t.ours, t.floor, 1.5, "scan --staged, the same files unpacked");
  const tools = pair(cli("scan", "--staged"), sh("git diff --cached -U0 --no-color --no-ext-diff | cat >/dev/null && unzip -p dist/app.whl >/dev/null && tar -xzOf site.tgz >/dev/null && unzip -p docs/guide.docx >/dev/null"), withArchives);
  record("scan --staged, typical commit + archives", tools.ours, tools.floor, undefined, "git diff | cat; unzip -p; tar -xzO (no scan)");
}

// A container image of ~150 MB (docker save: plain tar layers), as CI would scan it, against a scan
// of the same files unpacked into a directory (the same content, read as working-tree files), and
// for scale GNU tar reading every file of every layer.
process.stdout.write("generating a ~150 MB image (docker save), and its files unpacked… ");
const image = await makeImage(archives);
console.log("done");
{
  const t = pair(cli("scan", "--image", "image.tar"), cli("scan"), work, image.unpacked);
  record(`scan --image, ${image.mb} MB image`, t.ours, t.floor, 1.5, "scan of the same files unpacked");
  const tools = pair(cli("scan", "--image", "image.tar"), sh("tar -xOf image.tar --wildcards '*/layer.tar' | tar -xOi >/dev/null"), work);
  record(`scan --image, ${image.mb} MB image`, tools.ours, tools.floor, undefined, "tar -xO of every layer's files (no scan)");
}
const imageRss = peakRss(["scan", "--image", "image.tar"], work);

// secretlint, the nearest peer in this ecosystem, with an equivalent pcsk_ pattern rule, on the same
// files (working-tree scan: secretlint reads whole files, so pinekey-hook does too here).
let secretlintNote = "";
if (!opts["skip-secretlint"]) {
  const peer = secretlint();
  if (peer) {
    const t = pair(cli("scan"), peer("**/*.py", "**/*.ts", "**/*.json"), big);
    record(`scan (files) vs secretlint, ${MB} MB`, t.ours, t.floor, undefined, "secretlint, pcsk_ pattern rule");
    secretlintNote = `pinekey-hook is ${(t.floor / t.ours).toFixed(1)}x faster than secretlint on the same files`;
  } else {
    secretlintNote = "secretlint could not be installed: comparison skipped";
  }
}

// ---------------------------------------------------------------------------------------------
// Adversarial inputs, each timed in this process (median of three runs) against its limit, and the
// custom-regex safety fuzz in a child process that can be killed if a regex never finishes.

const { ADVERSARIAL_CASES } = await import(pathToFileURL(ADVERSARIAL).href);
const adversarial = [];
process.stdout.write(`timing ${ADVERSARIAL_CASES.length} adversarial inputs… `);
for (const { name, limitMs, setup } of ADVERSARIAL_CASES) {
  const { run, check } = setup();
  const times = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const result = run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (i === 0) check(result);
  }
  adversarial.push({ name, ms: median(times), limitMs });
}
console.log("done");
process.stdout.write("fuzzing custom regexes on the linear-time engine… ");
const fuzz = spawnSync(process.execPath, [join(root, "scripts", "regex-fuzz.mjs")], { encoding: "utf8", timeout: 90_000 });
const fuzzResult = fuzz.status === 0 ? JSON.parse(fuzz.stdout) : undefined;
const fuzzOk = fuzzResult !== undefined && fuzzResult.slow.length === 0 && fuzzResult.accepted > 300;
console.log("done");

// ---------------------------------------------------------------------------------------------

const pad = (s, n) => String(s).padEnd(n);
console.log("");
console.log(`${pad("measurement", 40)}${pad("ours (ms)", 11)}${pad("floor (ms)", 12)}${pad("ratio", 8)}${pad("target", 8)}floor`);
for (const r of results) {
  console.log(
    `${pad(r.name, 40)}${pad(r.ours.toFixed(0), 11)}${pad(r.floor.toFixed(0), 12)}${pad(r.ratio.toFixed(2) + "x", 8)}${pad(r.target ? `≤${r.target}x` : "-", 8)}${r.floorName}${r.ok ? "" : "   MISSED"}`,
  );
}
const rssTarget = 200;
console.log(`${pad(`peak RSS, scan --staged ${MB} MB`, 40)}${pad(bigRss.toFixed(0) + " MiB", 23)}${pad("", 8)}${pad(`≤${rssTarget}`, 8)}${bigRss <= rssTarget ? "" : "   MISSED"}`);
console.log(`${pad("peak RSS, scan --staged notebook-heavy", 40)}${pad(notebookRss.toFixed(0) + " MiB", 23)}${pad("", 8)}${pad(`≤${rssTarget}`, 8)}${notebookRss <= rssTarget ? "" : "   MISSED"}`);
console.log(`${pad(`peak RSS, scan --all ${COMMITS} commits`, 40)}${pad(historyRss.toFixed(0) + " MiB", 23)}${pad("", 8)}${pad(`≤${rssTarget}`, 8)}${historyRss <= rssTarget ? "" : "   MISSED"}`);
console.log(`${pad("peak RSS, scan --image", 40)}${pad(imageRss.toFixed(0) + " MiB", 23)}${pad("", 8)}${pad(`≤${rssTarget}`, 8)}${imageRss <= rssTarget ? "" : "   MISSED"}`);
if (secretlintNote) console.log(secretlintNote);
console.log("");
console.log(`${pad("adversarial input", 92)}${pad("ms", 8)}limit`);
for (const a of adversarial) console.log(`${pad(a.name, 92)}${pad(a.ms.toFixed(0), 8)}${a.limitMs}${a.ms <= a.limitMs ? "" : "   MISSED"}`);
console.log(
  fuzzResult === undefined
    ? `custom-regex fuzz: did not finish (${fuzz.signal ? "killed after 90 s: a regex did not run in linear time" : fuzz.stderr.trim()})   MISSED`
    : `custom-regex fuzz: ${fuzzResult.accepted} generated regexes compiled, slowest run ${fuzzResult.maxMs.toFixed(0)} ms (limit 500)${fuzzOk ? "" : `   MISSED ${fuzzResult.slow.join("; ")}`}`,
);

if (!opts.keep) rmSync(work, { recursive: true, force: true });
const missed =
  results.filter((r) => !r.ok).length +
  (bigRss > rssTarget ? 1 : 0) +
  (notebookRss > rssTarget ? 1 : 0) +
  (historyRss > rssTarget ? 1 : 0) +
  (imageRss > rssTarget ? 1 : 0) +
  adversarial.filter((a) => a.ms > a.limitMs).length +
  (fuzzOk ? 0 : 1);
if (missed > 0) {
  console.log(`\n${missed} target(s) missed`);
  process.exit(1);
}
console.log("\nall targets met");
