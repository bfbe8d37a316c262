import { DIFF_CONTEXT_LINES } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import { PatchScanner } from "../core/scan.js";
import { gitStream } from "./git.js";
import { workTreeRoot } from "./repository.js";

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
 */
export async function scanStaged(cwd = process.cwd()): Promise<Finding[]> {
  await workTreeRoot(cwd);
  const scanner = new PatchScanner();
  await gitStream(["diff", "--cached", ...PATCH_OPTIONS], (text) => scanner.push(text), cwd);
  return scanner.end();
}
