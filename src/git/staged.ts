import { readFileSync } from "node:fs";
import { DIFF_CONTEXT_LINES } from "../core/context-window.js";
import type { Finding } from "../core/finding.js";
import type { PatchScanner } from "../core/scan.js";
import { join } from "node:path";
import { isAscii } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import { gitOutput, gitStreamBytes, type GitCallOptions } from "./git.js";
import { workTree, type WorkTree } from "./repository.js";

/**
 * Options that make git's patch output the same whatever the user's configuration says:
 * no colour, no external diff or textconv drivers, fixed `a/` `b/` prefixes (diff.noprefix and
 * diff.mnemonicPrefix would change them), paths relative to the top (diff.relative), submodules as
 * one `Subproject commit` line (diff.submodule=log would print commit subjects), binary files as
 * text so a key inside a pickle or SQLite file is still seen, and renames detected so a renamed
 * and edited file reports its new path with the right line numbers.
 */
export const PATCH_OPTIONS = [
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--text",
  "--no-relative",
  "--submodule=short",
  "--find-renames",
  `--unified=${DIFF_CONTEXT_LINES}`,
  "--src-prefix=a/",
  "--dst-prefix=b/",
];

export interface StagedScan {
  findings: Finding[];
  /**
   * Paths whose merge conflicts are not resolved yet (repository-relative, exactly as stored). The
   * index holds no single version of them, so there is nothing staged to scan; git refuses to commit
   * until each is resolved and added, and then the hook scans what was added.
   */
  unmergedPaths: string[];
}

/**
 * Findings in what the next commit would add: the index against HEAD (against the empty tree
 * before the first commit, which `git diff --cached` does by itself). The index is whichever
 * GIT_INDEX_FILE names, so `git commit <path>` and `git commit -a` are scanned as git will commit them.
 *
 * Concluding a merge (MERGE_HEAD present), the commit adds only what is new against every parent:
 * lines the merge takes from a merged branch were committed on that branch already, and a key
 * already committed does not block (the rule for ordinary commits too). So a finding counts only
 * when the index adds it against each merged head as well, the way a combined diff calls a line
 * added only when it is new to all parents.
 *
 * In the middle of a conflicted merge (unmerged entries in the index) the staged entries are scanned
 * as usual and the unmerged paths are returned for the report to name: skipping them lets nothing
 * through, because git will not commit them before they are resolved and staged, and staging them
 * puts them in front of this scan. Their names are asked of git only when the diff showed any.
 */
export async function scanStaged(
  cwd = process.cwd(),
  createScanner: () => PatchScanner | Promise<PatchScanner> = defaultScanner,
  tree?: WorkTree | Promise<WorkTree> | (() => Promise<WorkTree>),
): Promise<StagedScan> {
  // Without a work tree (or a way to find one) check first that there is one. A promise of one is
  // settled alongside the diff: `git rev-parse` and `git diff` then run at the same time.
  const knownTree = tree ?? (await workTree(cwd));
  let first: PatchScanner;
  try {
    first = await scanIndexAgainst([], cwd, createScanner);
  } catch (error) {
    // Outside a repository the diff fails with git's usage text; the work tree's error says why.
    if (knownTree instanceof Promise) await knownTree;
    throw error;
  }
  let findings = first.findings;
  const unmergedPaths = first.unmergedEntries > 0 ? await unmergedIndexPaths(cwd) : [];
  // Archives and compressed files the index changes (none on most commits: nothing more is read).
  let inside: Finding[] = [];
  if (first.containers.length > 0) {
    const heads = ["HEAD", ...mergeHeads((await resolved(knownTree)).gitDir)];
    const { scanContainerChanges, changeKey } = await import("./containers.js");
    const opened = await scanContainerChanges(first.containers, {
      cwd,
      detector: first.detector,
      current: (change) => `:${change.path}`,
      previous: (change) => heads.map((head) => `${head}:${change.path}`),
    });
    findings = findings.filter((finding) => !opened.opened.has(changeKey(finding.file, undefined)));
    inside = opened.findings;
  }
  if (findings.length === 0) return { findings: inside, unmergedPaths };
  const { gitDir } = await resolved(knownTree);
  for (const head of mergeHeads(gitDir)) {
    const againstHead = new Set((await scanIndexAgainst([head], cwd, createScanner)).findings.map(identity));
    findings = findings.filter((finding) => againstHead.has(identity(finding)));
  }
  return { findings: [...findings, ...inside], unmergedPaths };
}

function resolved(tree: WorkTree | Promise<WorkTree> | (() => Promise<WorkTree>)): Promise<WorkTree> {
  return typeof tree === "function" ? tree() : Promise.resolve(tree);
}

async function defaultScanner(): Promise<PatchScanner> {
  return new (await import("../core/scan.js")).PatchScanner(undefined, undefined, { latin1: true });
}

async function scanIndexAgainst(
  commit: string[],
  cwd: string,
  createScanner: () => PatchScanner | Promise<PatchScanner>,
): Promise<PatchScanner> {
  const scanner = await streamIntoScanner(["diff", "--cached", ...PATCH_OPTIONS, ...commit, "--"], createScanner, { cwd });
  scanner.end();
  return scanner;
}

/**
 * Start git at once and let the scanner come when it is ready: the detector's modules and the
 * config load while git is already producing its output. Output that arrives first waits in a list
 * (a few chunks: loading takes milliseconds) and goes to the scanner in order. Returns the scanner,
 * fed everything (not yet ended). The bytes go to the scanner read as it asks (PatchScanner.latin1):
 * as Latin-1, copied and never decoded (the scanners the CLI makes), or decoded as UTF-8.
 */
export async function streamIntoScanner(
  args: string[],
  createScanner: () => PatchScanner | Promise<PatchScanner>,
  options: GitCallOptions,
): Promise<PatchScanner> {
  let scanner: PatchScanner | undefined;
  let early: Buffer[] = [];
  let failed = false;
  let decoder: StringDecoder | undefined;
  const feed = (target: PatchScanner, chunk: Buffer): void => {
    if (target.latin1) {
      // isAscii and indexOf are native (SIMD) passes: far cheaper than the scanner's own look.
      target.push(chunk.toString("latin1"), isAscii(chunk) && chunk.indexOf(0) === -1, chunk);
      return;
    }
    decoder ??= new StringDecoder("utf8");
    const text = decoder.write(chunk);
    if (text.length > 0) target.push(text);
  };
  const ready = (async () => createScanner())().then(
    (created) => {
      for (const chunk of early) feed(created, chunk);
      early = [];
      scanner = created;
      return created;
    },
    (error: unknown) => {
      failed = true; // a broken config: git's remaining output is not worth keeping
      early = [];
      throw error;
    },
  );
  const streamed = gitStreamBytes(
    args,
    (chunk) => {
      if (scanner) feed(scanner, chunk);
      else if (!failed) early.push(chunk);
    },
    options,
  );
  // Wait for both (no promise is left to fail unobserved); the scanner's error comes first.
  const [made, done] = await Promise.allSettled([ready, streamed]);
  if (made.status === "rejected") throw made.reason;
  if (done.status === "rejected") throw done.reason;
  const rest = decoder?.end();
  if (rest) made.value.push(rest);
  return made.value;
}

/**
 * The paths with unmerged entries in the index, each once, from the top of the work tree whatever
 * the current directory (`:/`).
 *
 *   git ls-files --unmerged -z --full-name -- :/
 *   stdout: <mode> SP <oid> SP <stage> TAB <path> NUL …      (one entry per conflict stage)
 */
async function unmergedIndexPaths(cwd: string): Promise<string[]> {
  const output = await gitOutput(["ls-files", "--unmerged", "-z", "--full-name", "--", ":/"], cwd);
  const paths = output
    .split("\0")
    .map((entry) => entry.slice(entry.indexOf("\t") + 1))
    .filter((path) => path.length > 0);
  return [...new Set(paths)];
}

/** The same key at the same place of the index. */
function identity(finding: Finding): string {
  return `${finding.file}\0${finding.line}\0${finding.column}\0${finding.fingerprint}`;
}

/** The commits being merged in (one per line of MERGE_HEAD, several for an octopus), or none. */
function mergeHeads(gitDir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(gitDir, "MERGE_HEAD"), "utf8");
  } catch {
    return [];
  }
  return text.split("\n").map((line) => line.trim()).filter((line) => /^[0-9a-f]{40,64}$/.test(line));
}
