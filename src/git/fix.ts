import { existsSync } from "node:fs";
import { join } from "node:path";
import { PinekeyError } from "../core/errors.js";
import { gitOutput } from "./git.js";

/**
 * What `pinekey-hook fix` asks of git and does to the index. Paths are repository-relative, as git
 * names them; each goes to git as a literal pathspec from the top of the work tree, so a name with
 * `*` or `:` in it means only itself. Every call runs in `root` with the caller's environment, so
 * GIT_INDEX_FILE and GIT_DIR are honoured like everywhere else.
 */
function literal(path: string): string {
  return `:(top,literal)${path}`;
}

/**
 * The given paths whose working copy differs from what is staged (partly staged files), or that are
 * gone from the working tree. Asked as two questions that each answer for every path, so a git that
 * fails without a word is caught instead of read as "no differences": the staged blob of each path,
 * and the blob its working copy would become (`hash-object --path` applies the same clean filters
 * and line-ending conversion `git add` would).
 *
 *   git ls-files -s -z --full-name -- <pathspecs>
 *   stdout: <mode> SP <oid> SP <stage> TAB <path> NUL …
 *   git hash-object --stdin-paths     (stdin: <path> LF …)
 *   stdout: <oid> LF …   (one per path, in order)
 */
export async function unstagedPaths(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const listing = await gitOutput(["ls-files", "-s", "-z", "--full-name", "--", ...paths.map(literal)], root);
  const stagedOid = new Map<string, string>();
  for (const entry of listing.split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab > 0) stagedOid.set(entry.slice(tab + 1), entry.split(" ")[1]!);
  }
  const differing = new Set<string>();
  const present: string[] = [];
  for (const path of paths) {
    if (!stagedOid.has(path)) throw new PinekeyError("GIT_FAILED", `git ls-files did not list the staged file ${path}.`);
    if (existsSync(join(root, path))) present.push(path);
    else differing.add(path);
  }
  if (present.length === 0) return differing;
  // --stdin-paths reads one path per line: a path with a newline in it cannot be asked this way.
  for (const path of present.filter((p) => p.includes("\n"))) differing.add(path);
  const asked = present.filter((p) => !p.includes("\n"));
  const oids = (await gitOutput(["hash-object", "--stdin-paths"], { cwd: root, input: asked.map((p) => `${p}\n`).join("") }))
    .split("\n")
    .filter((line) => line.length > 0);
  if (oids.length !== asked.length) throw new PinekeyError("GIT_FAILED", `git hash-object answered for ${oids.length} of ${asked.length} files.`);
  asked.forEach((path, i) => {
    if (oids[i] !== stagedOid.get(path)) differing.add(path);
  });
  return differing;
}

/** The given paths git tracks (has in the index). */
export async function trackedPaths(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const output = await gitOutput(["ls-files", "-z", "--full-name", "--", ...paths.map(literal)], root);
  return new Set(output.split("\0").filter((path) => path.length > 0));
}

/**
 * The given paths an ignore rule covers, whether or not they are tracked (`--no-index`). With
 * `--verbose --non-matching` git answers for every path, so an empty answer is never mistaken for
 * "none ignored"; a matching negated pattern (`!x`) means not ignored.
 *
 *   git check-ignore --no-index --verbose --non-matching -z --stdin
 *   stdout: <source> NUL <line> NUL <pattern> NUL <path> NUL …   (empty source: no rule matched)
 *   exit status: 0 some path ignored, 1 none ignored, 128 failed
 */
export async function ignoredPaths(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const output = await gitOutput(["check-ignore", "--no-index", "--verbose", "--non-matching", "-z", "--stdin"], {
    cwd: root,
    input: paths.map((path) => `${path}\0`).join(""),
    // 1: no path is ignored (an answer: every path's line is still checked below); 128 is a failure.
    answerStatuses: [1],
  });
  const fields = output.split("\0");
  const ignored = new Set<string>();
  let answered = 0;
  for (let i = 0; i + 3 < fields.length; i += 4) {
    answered++;
    const [source, , pattern, path] = fields.slice(i, i + 4) as [string, string, string, string];
    if (source !== "" && !pattern.startsWith("!")) ignored.add(path);
  }
  // An answer for every path, or git failed somewhere: never read a missing answer as "not ignored".
  if (answered !== paths.length) throw new PinekeyError("GIT_FAILED", `git check-ignore answered for ${answered} of ${paths.length} paths.`);
  return ignored;
}

/** Stage the paths exactly as they are in the working tree. */
export async function stagePaths(root: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await gitOutput(["add", "--", ...paths.map(literal)], root);
}

/** Take the paths out of the index, leaving the files on disk (`git rm --cached`). */
export async function untrackPaths(root: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await gitOutput(["rm", "--cached", "--quiet", "--", ...paths.map(literal)], root);
}

/** Whether any remote-tracking ref exists (anything under refs/remotes/). */
export async function hasRemoteTrackingRefs(root: string): Promise<boolean> {
  const output = await gitOutput(["for-each-ref", "--count=1", "--format=%(refname)", "refs/remotes/"], root);
  return output.trim().length > 0;
}
