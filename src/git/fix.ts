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
 * gone from the working tree.
 *
 *   git diff --name-only -z --no-relative -- <pathspecs>
 *   stdout: <path> NUL …
 */
export async function unstagedPaths(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const output = await gitOutput(["diff", "--name-only", "-z", "--no-relative", "--no-ext-diff", "--no-textconv", "--", ...paths.map(literal)], root);
  return new Set(output.split("\0").filter((path) => path.length > 0));
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
 */
export async function ignoredPaths(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const output = await gitOutput(["check-ignore", "--no-index", "--verbose", "--non-matching", "-z", "--stdin"], {
    cwd: root,
    input: paths.map((path) => `${path}\0`).join(""),
  });
  const fields = output.split("\0");
  const ignored = new Set<string>();
  let answered = 0;
  for (let i = 0; i + 3 < fields.length; i += 4) {
    answered++;
    const [source, , pattern, path] = fields.slice(i, i + 4) as [string, string, string, string];
    if (source !== "" && !pattern.startsWith("!")) ignored.add(path);
  }
  if (answered !== paths.length) throw new Error(`git check-ignore answered for ${answered} of ${paths.length} paths`);
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
