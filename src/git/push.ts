import type { PatchScanner } from "../core/scan.js";
import { pushTips, isZeroOid, type PushedRef, type ReceivedRef } from "../core/push-lines.js";
import { objectTypes, scanHistory, type HistoryScan } from "./history.js";
import { configValue } from "./repository.js";

const NOTHING: HistoryScan = { findings: [], commits: 0 };

/** Tips git can walk: commits, and tags (which `git log` peels). Trees and blobs have no history. */
function walkable(types: Map<string, string>, oid: string): boolean {
  const type = types.get(oid);
  return type === "commit" || type === "tag";
}

/** The given ids that exist here and have history, each list filtered by one cat-file run. */
async function walkableOnly(lists: string[][], cwd?: string): Promise<string[][]> {
  const types = await objectTypes(lists.flat(), cwd);
  return lists.map((oids) => oids.filter((oid) => walkable(types, oid)));
}

/**
 * pre-push: the commits this push would newly send to `remote`.
 *
 * New = reachable from the pushed tips, minus what the remote is known to have: the remote oids on
 * stdin that exist here (an update or force push: the overwritten remote commits are not rescanned)
 * and the remote-tracking refs of that remote (a new branch: only commits not already on the remote,
 * not the whole history). One `git log` walks all refs at once; a commit reachable from two pushed
 * refs is scanned once. Pushing to a bare URL (`git push https://… main`), git passes the URL as the
 * remote name and no remote-tracking refs belong to it: exclude every remote-tracking ref instead,
 * never nothing and never everything.
 */
export async function scanPush(
  remote: string,
  url: string,
  refs: PushedRef[],
  options: { cwd?: string; scanner?: PatchScanner } = {},
): Promise<HistoryScan> {
  const { cwd, scanner } = options;
  const { include, remoteOids } = pushTips(refs);
  if (include.length === 0) return NOTHING; // empty stdin, or deletions only

  const [tips, known] = (await walkableOnly([include, remoteOids], cwd)) as [string[], string[]];
  if (tips.length === 0) return NOTHING;

  const isNamedRemote = remote !== url && (await configValue(`remote.${remote}.url`, cwd)) !== undefined;
  const remoteRefs = isNamedRemote ? `--remotes=${remote}` : "--remotes";
  return scanHistory(["--not", remoteRefs, ...known], { ...(cwd ? { cwd } : {}), ...(scanner ? { scanner } : {}), stdinRevisions: tips });
}

/**
 * pre-receive (server side): the pushed objects sit in a quarantine directory, not yet referenced,
 * so the new commits are those reachable from the new tips and from no existing ref (`--not --all`).
 */
export async function scanReceive(
  refs: ReceivedRef[],
  options: { cwd?: string; scanner?: PatchScanner } = {},
): Promise<HistoryScan> {
  const { cwd, scanner } = options;
  const include = [...new Set(refs.filter((r) => !isZeroOid(r.newOid)).map((r) => r.newOid))];
  if (include.length === 0) return NOTHING;
  const [tips] = (await walkableOnly([include], cwd)) as [string[]];
  if (tips.length === 0) return NOTHING;
  return scanHistory(["--not", "--all"], { ...(cwd ? { cwd } : {}), ...(scanner ? { scanner } : {}), stdinRevisions: tips });
}
