import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Finding } from "../../core/finding.js";
import { PinekeyError } from "../../core/errors.js";
import { commonGitDir, workTree, workTreeIfAny, type WorkTree } from "../../git/repository.js";
import { scanHistory } from "../../git/history.js";
import { scanStaged } from "../../git/staged.js";
import type { Format } from "../format.js";
import type { ReportContext, ReportScope } from "../messages.js";
import type { CommandResult } from "../result.js";
import type { ScanContext } from "../scan-context.js";

/** What `scan` looks at: exactly one of these. */
export type ScanTarget =
  | { kind: "staged" }
  | { kind: "range"; range: string }
  | { kind: "all" }
  | { kind: "image"; path: string }
  | { kind: "files"; paths: string[] };

export interface ScanOptions {
  target: ScanTarget;
  format: Format;
  verify?: boolean;
  /** Also send allowed keys to the live check (`--verify-allowed`). */
  verifyAllowed?: boolean;
  cwd?: string;
}

export function exitCodeFor(findings: Finding[]): 0 | 1 {
  return findings.some((finding) => !finding.allowed) ? 1 : 0;
}

/**
 * What every scan does once the findings are in: the live check (when on), notes about what was
 * skipped, and, when something blocks, the pointer to `remediate` and the record for
 * `ignore --last` (in the git directory, when there is one).
 */
export async function completeScan(
  context: ScanContext,
  findings: Finding[],
  scope: ReportScope,
  gitDir: string | undefined,
  reportContext?: ReportContext,
): Promise<ReportScope> {
  await context.verifyFindings(findings);
  const truncated = context.truncatedFiles();
  const done: ReportScope = { ...scope, truncated, maxFileBytes: context.config.maxFileBytes, rules: context.rules() };
  if (truncated.length > 0 && exitCodeFor(findings) === 0) {
    // Nothing else blocks, but a file was not read to its end: never "clean" (exit 2, naming it).
    throw (await import("../messages.js")).notFullyScannedError(truncated, context.config.maxFileBytes, context.config.source);
  }
  if (exitCodeFor(findings) === 1) {
    done.remediateFlags = (await import("../remediation.js")).remediateFlagsFor;
    done.shortRemediation = (await import("../block-message.js")).shortRemediation;
    if (gitDir !== undefined) {
      const run = { ...(reportContext ? { context: reportContext } : {}), ...(scope.commits !== undefined ? { commits: scope.commits } : {}) };
      (await import("../last-findings.js")).rememberFindings(gitDir, findings, run);
    }
  }
  return done;
}


/**
 * The report in the chosen format; the text report says what was scanned. The modules that write
 * reports load while git is still producing the diff (see scanCommand), not before it starts.
 */
export async function formatResult(
  findings: Finding[],
  format: Format,
  context: ReportContext,
  scope: ReportScope,
  scan: ScanContext,
): Promise<string> {
  switch (format) {
    case "json":
      return (await import("../format.js")).formatJson(findings);
    case "sarif": {
      const { formatSarif } = await import("../format.js");
      const { ownPackage } = await import("../package-info.js");
      const rules = scan.config.rules.map((r) => ({ id: r.id, name: r.id, description: r.description }));
      return formatSarif(findings, ownPackage().version, rules);
    }
    case "text":
      return (await import("../messages.js")).renderReport(findings, context, scope);
  }
}

/**
 * Settles on the next turn of the event loop. simple-git spawns git in the microtasks of the turn
 * that asks for it; what waits for this comes after the spawn.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A path to scan that does not exist is a mistake (a typo in CI would otherwise scan nothing and
 * pass). Pathspecs with glob characters or git's magic (`:(glob)…`, `:/`) are taken as given.
 */
function refuseMissingPaths(paths: string[], cwd = process.cwd()): void {
  const missing = paths.filter((path) => !/[*?[]/.test(path) && !path.startsWith(":") && !existsSync(resolve(cwd, path)));
  if (missing.length === 0) return;
  const [first] = missing;
  throw new PinekeyError(
    "BAD_ARGUMENTS",
    missing.length === 1 ? `no such file or directory: ${first}` : `no such files or directories: ${missing.join(", ")}`,
    "Check the path (it is relative to the current directory), or run scan without paths.",
  );
}

/** `pinekey-hook scan --staged | --range <a..b> | --all | [paths…]`: the report on stdout. */
export async function scanCommand(options: ScanOptions): Promise<CommandResult> {
  const { target, format, cwd } = options;
  if (target.kind === "files") refuseMissingPaths(target.paths, cwd);
  if (target.kind === "range" && target.range.startsWith("-")) {
    throw new PinekeyError("BAD_ARGUMENTS", `--range takes a revision range such as origin/main..HEAD, not "${target.range}".`);
  }
  // git starts first: the work tree and the staged diff are asked for at once, and the detector,
  // the config and the report modules load while git works (see scanStaged).
  // History scans also work in a bare repository; the other targets need a work tree.
  if (target.kind === "image") return scanImageCommand(target.path, options);
  const history = target.kind === "range" || target.kind === "all";
  // The long-running diff or log spawns first: rev-parse waits one turn of the event loop (spawning
  // a process takes a few milliseconds, and git's main work should not wait for them).
  const treeAtStart: Promise<WorkTree | undefined> = nextTurn().then(() => (history ? workTreeIfAny(cwd) : workTree(cwd)));
  const contextReady = (async () => {
    const root = (await treeAtStart)?.root;
    const { ScanContext } = await import("../scan-context.js");
    return { root, context: await ScanContext.create(root, { verify: options.verify === true, verifyAllowed: options.verifyAllowed === true }) };
  })();
  // A history scan's git log starts before anything else loads; its scanner follows when the work
  // tree and the config are known.
  const historyScan = history
    ? scanHistory(target.kind === "all" ? ["--all"] : [target.range], {
        ...(cwd ? { cwd } : {}),
        scanner: async () => (await contextReady).context.createScanner(),
        createDetector: async () => (await contextReady).context.createDetector(),
      })
    : undefined;
  // --all: also what the refs themselves hold (names, tags, trees and blobs reached other than
  // through a commit), after the log has started.
  const refScan =
    target.kind === "all"
      ? nextTurn().then(async () => {
          const { scanRepositoryRefs } = await import("../../git/ref-objects.js");
          return scanRepositoryRefs({ ...(cwd ? { cwd } : {}), createDetector: async () => (await contextReady).context.createDetector() });
        })
      : undefined;
  refScan?.catch(() => undefined);
  // The report modules (kleur with them) after git has been spawned, not in the microtasks before.
  const reportModules = nextTurn().then(() => Promise.all([import("../messages.js"), import("../format.js")]));
  // Nothing may fail unobserved while another step is awaited.
  reportModules.catch(() => undefined);
  contextReady.catch(() => undefined);
  historyScan?.catch(() => undefined);
  let findings: Finding[];
  let reportContext: ReportContext;
  let scope: ReportScope = {};
  switch (target.kind) {
    case "staged": {
      const tree = treeAtStart as Promise<WorkTree>; // not a history scan: workTree(), never undefined
      const staged = await scanStaged(cwd, async () => (await contextReady).context.createScanner(), tree);
      findings = staged.findings;
      scope = { unmerged: staged.unmergedPaths };
      reportContext = "staged";
      break;
    }
    case "range":
    case "all": {
      const history = await historyScan!;
      findings = [...((await refScan) ?? []), ...history.findings];
      scope = { commits: history.commits };
      reportContext = "history";
      break;
    }
    case "files": {
      const { root, context } = await contextReady;
      const { scanFiles } = await import("../files.js");
      const { workingTreeFiles } = await import("../../git/worktree.js");
      const files = (await workingTreeFiles(target.paths, cwd)).filter((file) => !context.pathIgnored(file));
      const result = await scanFiles(root!, files, context.createDetector());
      findings = result.findings;
      scope = { files: result.scanned };
      reportContext = "files";
      break;
    }
  }
  const { context } = await contextReady;
  scope = await completeScan(context, findings, scope, (await treeAtStart)?.commonDir ?? (await commonGitDir(cwd)), reportContext);
  const [{ scanNotes }] = await reportModules;
  const stdout = await formatResult(findings, format, reportContext, scope, context);
  // The text report carries its notes; JSON and SARIF keep their shape, and the notes go to stderr.
  const notes = format === "text" ? "" : scanNotes(scope);
  return { exitCode: exitCodeFor(findings), stdout, ...(notes ? { stderr: notes } : {}) };
}

/**
 * `pinekey-hook scan --image <path>|-`: a `docker save`/OCI image, no Docker daemon and no
 * repository needed (the repository's config applies when run inside one).
 */
async function scanImageCommand(path: string, options: ScanOptions): Promise<CommandResult> {
  const tree = await workTreeIfAny(options.cwd).catch(() => undefined);
  const { ScanContext } = await import("../scan-context.js");
  const context = await ScanContext.create(tree?.root, { verify: options.verify === true, verifyAllowed: options.verifyAllowed === true });
  const { ImageSource } = await import("../../sources/image.js");
  const { scanSource } = await import("../../sources/engine.js");
  const image = new ImageSource(path);
  const scanned = await scanSource(image, context.createDetector());
  const findings = image.placeFindings(scanned.findings);
  const scope = await completeScan(context, findings, { files: scanned.pieces, image: path === "-" ? "stdin" : path }, tree?.commonDir);
  const { scanNotes } = await import("../messages.js");
  const stdout = await formatResult(findings, options.format, "image", scope, context);
  const notes = options.format === "text" ? "" : scanNotes(scope);
  return { exitCode: exitCodeFor(findings), stdout, ...(notes ? { stderr: notes } : {}) };
}
