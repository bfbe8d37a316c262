import { readFileSync } from "node:fs";
import { DIFF_CONTEXT_LINES } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import { PatchScanner } from "../core/scan.js";
import { join } from "node:path";
import { gitStream } from "./git.js";
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
 */
export async function scanStaged(
  cwd = process.cwd(),
  createScanner: () => PatchScanner = () => new PatchScanner(),
  tree?: WorkTree | (() => Promise<WorkTree>),
): Promise<Finding[]> {
  // Without a work tree (or a way to find one, asked only when needed) check first that there is one.
  const knownTree = tree ?? (await workTree(cwd));
  let findings = await scanIndexAgainst([], cwd, createScanner);
  if (findings.length === 0) return findings;
  const { gitDir } = typeof knownTree === "function" ? await knownTree() : knownTree;
  for (const head of mergeHeads(gitDir)) {
    const againstHead = new Set((await scanIndexAgainst([head], cwd, createScanner)).map(identity));
    findings = findings.filter((finding) => againstHead.has(identity(finding)));
  }
  return findings;
}

async function scanIndexAgainst(commit: string[], cwd: string, createScanner: () => PatchScanner): Promise<Finding[]> {
  const scanner = createScanner();
  await gitStream(["diff", "--cached", ...PATCH_OPTIONS, ...commit, "--"], (text) => scanner.push(text), cwd);
  return scanner.end();
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
