import { lstatSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { PinekeyError } from "../../core/errors.js";
import type { Finding } from "../../core/finding.js";
import { hasRemoteTrackingRefs, ignoredPaths, stagePaths, trackedPaths, unstagedPaths, untrackPaths } from "../../git/fix.js";
import { scanHistory } from "../../git/history.js";
import { workTree } from "../../git/repository.js";
import { scanStaged } from "../../git/staged.js";
import { appendLines, dotenvLine, ignoreLineFor, parseDotenv } from "../fix/env-files.js";
import { pythonTokenizer } from "../fix/python-tokens.js";
import { DEFAULT_NAME, isFixableRule, nameOnLine, recoverKey, treatmentOf } from "../fix/rewrite.js";
import { positionsOf } from "../fix/text.js";
import type { KeyInFile, Tokenize } from "../fix/types.js";
import { ScanContext } from "../scan-context.js";
import type { CommandResult } from "../result.js";

export interface FixOptions {
  dryRun?: boolean;
  cwd?: string;
  /** Python's tokenizer (tests pass one that fails, to see the refusal). */
  tokenize?: Tokenize;
}

/** A file fix rewrote (or would): its text before and after, and what to tell about it. */
interface FileChange {
  path: string;
  before: string | undefined;
  after: string;
  /** Stage it afterwards (rewritten code, and the .gitignore/.env.example when nothing else was pending in them). */
  stage: boolean;
  notes: string[];
}

/** Something fix did not do, and what the person should do instead. */
interface LeftItem {
  path: string;
  what: string;
}

export interface FixReport {
  dryRun: boolean;
  /** Keys moved out of code, per file: `file:line` and the redacted key. */
  moved: Array<{ file: string; line: number; redacted: string; name: string }>;
  changes: FileChange[];
  untracked: string[];
  left: LeftItem[];
  /** Names of keys that are in commits a remote-tracking ref reaches (redacted). */
  pushed: string[];
  /** Every key fix handled, to redact them from the diff (memory only). */
  keys: string[];
}

/**
 * `pinekey-hook fix [--dry-run]`: move every key in the staged changes out of the code. See the
 * README's "Fix a blocked commit" and the modules in src/cli/fix/ for what each file kind becomes.
 * Order matters for "the value is never lost": `.env` is written before any file loses the key.
 */
export async function fixCommand(options: FixOptions = {}): Promise<CommandResult> {
  const dryRun = options.dryRun === true;
  const tree = await workTree(options.cwd);
  const root = tree.root;
  const context = await ScanContext.create(root);
  const staged = await scanStaged(root, () => context.createScanner(), tree);
  const blocking = staged.findings.filter((finding) => !finding.allowed);
  if (blocking.length === 0) {
    return { exitCode: 0, stdout: "pinekey-hook: no Pinecone API keys in the staged changes: nothing to fix.\n" };
  }
  const report: FixReport = { dryRun, moved: [], changes: [], untracked: [], left: [], pushed: [], keys: [] };
  const tokenize = options.tokenize ?? pythonTokenizer();

  const byFile = new Map<string, Finding[]>();
  for (const finding of blocking) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const envPath = ".env";
  const envFile = join(root, envPath);
  const envText = existsSync(envFile) ? readFileSync(envFile, "utf8") : undefined;
  const envValues = parseDotenv(envText ?? "");
  const partlyStaged = await unstagedPaths(root, [...byFile.keys()]);

  // Pass 1: read each file, find the keys in it, name them.
  const nameOfKey = new Map<string, string>();
  for (const [name, value] of envValues) if (!nameOfKey.has(value)) nameOfKey.set(value, name);
  const takenNames = new Set(envValues.keys());
  const planned: Array<{ path: string; text: string; keys: KeyInFile[]; findings: Finding[] }> = [];
  const dotenvFiles: Array<{ path: string; keys: KeyInFile[] }> = [];
  for (const [path, findings] of byFile) {
    if (partlyStaged.has(path)) {
      report.left.push({ path, what: "has changes that are not staged, so fix does not touch it: stage them (git add) or set them aside (git stash --keep-index), then run pinekey-hook fix again" });
      continue;
    }
    const treatment = treatmentOf(path);
    if (treatment.kind === "manual") {
      report.left.push({ path, what: `${describe(findings)}: ${treatment.why}` });
      continue;
    }
    const file = join(root, path);
    const stat = lstatSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      report.left.push({ path, what: `${describe(findings)}: not a regular file in the working tree; fix it by hand` });
      continue;
    }
    const bytes = readFileSync(file);
    const text = bytes.toString("utf8");
    if (!Buffer.from(text, "utf8").equals(bytes)) {
      report.left.push({ path, what: `${describe(findings)}: not UTF-8 text; fix it by hand` });
      continue;
    }
    const keys: KeyInFile[] = [];
    let problem: string | undefined;
    for (const finding of findings) {
      if (!isFixableRule(finding.rule)) problem = `${finding.redacted} (rule ${finding.rule}) is not a Pinecone key; fix only moves Pinecone keys: move it by hand`;
      else if (finding.encoding) problem = `line ${finding.line}: the key is ${finding.encoding} there; remove it by hand`;
      const key = problem ? undefined : recoverKey(text, finding);
      if (!problem && key === undefined) problem = `line ${finding.line}: the key is no longer where it was staged; run pinekey-hook fix again`;
      if (problem) break;
      const suggested = nameOnLine(text, finding);
      let name = nameOfKey.get(key!);
      if (name === undefined) {
        name = suggested ?? DEFAULT_NAME;
        for (let n = 2; takenNames.has(name); n++) name = `${suggested ?? DEFAULT_NAME}_${n}`;
        nameOfKey.set(key!, name);
        takenNames.add(name);
      }
      keys.push({ line: finding.line, column: finding.column, key: key!, name });
      if (!report.keys.includes(key!)) report.keys.push(key!);
    }
    if (problem) {
      report.left.push({ path, what: problem });
      continue;
    }
    // The same key elsewhere in the file (on a line committed before, say) goes too: a file is left
    // either free of the key or untouched.
    for (const { key, name } of [...new Map(keys.map((k) => [k.key, k])).values()]) {
      for (const at of positionsOf(text, key)) {
        if (!keys.some((k) => k.line === at.line && k.column === at.column)) keys.push({ ...at, key, name });
      }
    }
    if (treatment.kind === "untrack-dotenv") dotenvFiles.push({ path, keys });
    else planned.push({ path, text, keys, findings });
  }

  // Pass 2: rewrite.
  for (const { path, text, keys, findings } of planned) {
    const treatment = treatmentOf(path);
    if (treatment.kind !== "rewrite") continue;
    const result = await treatment.run({ path, text, keys }, tokenize, inHelmChart(root, path));
    if (!result.ok) {
      report.left.push({ path, what: `${describe(findings)}: not rewritten: ${result.reason}` });
      continue;
    }
    if (report.keys.some((key) => result.text.includes(key) && keys.some((k) => k.key === key))) {
      report.left.push({ path, what: `${describe(findings)}: the key would still be in the rewritten text; fix it by hand` });
      continue;
    }
    report.changes.push({ path, before: text, after: result.text, stage: true, notes: result.notes });
    for (const key of keys) report.moved.push({ file: path, line: key.line, redacted: findings.find((f) => f.line === key.line)?.redacted ?? "", name: key.name });
  }

  // The values: .env gets every moved key not already there; dotenv files being untracked keep theirs on disk.
  const moving = report.changes.length > 0;
  const newEnvLines: string[] = [];
  if (moving) {
    const written = new Set<string>();
    for (const move of report.changes.flatMap((change) => planned.find((p) => p.path === change.path)!.keys)) {
      if (envValues.get(move.name) === move.key || written.has(move.name)) continue;
      written.add(move.name);
      newEnvLines.push(dotenvLine(move.name, move.key));
    }
  }
  const tracked = await trackedPaths(root, [envPath]);
  const untrack = [...dotenvFiles.map((file) => file.path)];
  if ((newEnvLines.length > 0 || dotenvFiles.some((f) => f.path === envPath)) && tracked.has(envPath) && !untrack.includes(envPath)) {
    if ((await unstagedPaths(root, [envPath])).size > 0) {
      report.left.push({ path: envPath, what: "is tracked by git and has unstaged changes; fix will not put keys in it: commit or stash it, then run pinekey-hook fix again" });
      report.changes = [];
      newEnvLines.length = 0;
    } else untrack.push(envPath);
  }
  if (newEnvLines.length > 0) {
    report.changes.unshift({ path: envPath, before: envText, after: appendLines(envText ?? "", newEnvLines), stage: false, notes: envText === undefined ? ["created"] : [] });
  }
  report.untracked = untrack;

  // .gitignore and .env.example.
  const names = [...new Set([...report.changes.flatMap((c) => planned.find((p) => p.path === c.path)?.keys ?? []), ...dotenvFiles.flatMap((f) => f.keys)].map((k) => k.name))];
  if (names.length > 0) {
    const mustIgnore = [...new Set([envPath, ...untrack])];
    const ignored = await ignoredPaths(root, mustIgnore);
    const ignoreLines = mustIgnore.filter((path) => !ignored.has(path)).map(ignoreLineFor);
    await sideFile(root, ".gitignore", (text) => appendLines(text, ignoreLines.filter((line) => !text.split(/\r?\n/).includes(line))), report);
    await sideFile(root, ".env.example", (text) => {
      const present = parseDotenv(text);
      return appendLines(text, names.filter((name) => !present.has(name)).map((name) => `${name}=`));
    }, report);
  }

  // Was any of these keys ever pushed? Only commits a remote-tracking ref reaches count.
  if (report.keys.length > 0 && (await hasRemoteTrackingRefs(root))) {
    const fingerprints = new Set(blocking.map((f) => f.fingerprint));
    const history = await scanHistory(["--remotes"], { cwd: root, scanner: () => context.createScanner() });
    const pushed = history.findings.filter((f) => fingerprints.has(f.fingerprint));
    report.pushed = [...new Set(pushed.map((f) => f.redacted))];
  }

  if (!dryRun) await apply(root, report);
  return { exitCode: report.left.length > 0 ? 1 : 0, stdout: (await import("../fix/report.js")).renderFixReport(report, staged.unmergedPaths) };
}

function describe(findings: Finding[]): string {
  const lines = [...new Set(findings.map((f) => f.line))];
  return `${findings.length === 1 ? "a key" : `${findings.length} keys`} on line${lines.length === 1 ? "" : "s"} ${lines.join(", ")}`;
}

/** Plan a change to a side file (.gitignore, .env.example); staged only when the file had nothing else pending. */
async function sideFile(root: string, path: string, change: (text: string) => string, report: FixReport): Promise<void> {
  const file = join(root, path);
  const before = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const after = change(before ?? "");
  if (after === (before ?? "")) return;
  const tracked = before !== undefined && (await trackedPaths(root, [path])).has(path);
  const pending = tracked && (await unstagedPaths(root, [path])).size > 0;
  const ignored = !tracked && (await ignoredPaths(root, [path])).has(path);
  const notes = [];
  if (before === undefined) notes.push("created");
  if (pending) notes.push("not staged: it has other unstaged changes");
  if (ignored) notes.push("not staged: .gitignore ignores it");
  report.changes.push({ path, before, after, stage: notes.every((note) => note === "created"), notes });
}

/** Is there a Chart.yaml in the file's directory or one above it (inside the work tree)? */
function inHelmChart(root: string, path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(join(root, dir, "Chart.yaml"))) return true;
    if (dir === "." || dir === "/" || dir === "") return false;
  }
}

/** Write the files (.env first: the value is never lost), then put the index in order. */
async function apply(root: string, report: FixReport): Promise<void> {
  const ordered = [...report.changes].sort((a, b) => Number(b.path === ".env") - Number(a.path === ".env"));
  for (const change of ordered) {
    const file = join(root, change.path);
    writeFileSync(file, change.after, change.before === undefined && change.path === ".env" ? { mode: 0o600 } : {});
  }
  const toStage = report.changes.filter((change) => change.stage).map((change) => change.path);
  try {
    if (report.untracked.length > 0) await untrackPaths(root, report.untracked);
    await stagePaths(root, toStage);
  } catch (error) {
    if (!(error instanceof PinekeyError)) throw error;
    // The files are written: say where things stand, so nothing is committed half-fixed.
    throw new PinekeyError(
      error.code,
      `${error.message} The files were rewritten on disk (and .env holds the values), but the index was not updated.`,
      `Once git works again, finish by hand: ${[
        report.untracked.length > 0 ? `git rm --cached -- ${report.untracked.join(" ")}` : "",
        toStage.length > 0 ? `git add -- ${toStage.join(" ")}` : "",
      ].filter(Boolean).join(" && ")}`,
    );
  }
}
