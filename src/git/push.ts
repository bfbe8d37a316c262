import type { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import type { PatchScanner } from "../core/scan.js";
import { isZeroOid, type PushedRef, type ReceivedRef } from "../core/push-lines.js";
import { scanHistory, type HistoryScan } from "./history.js";
import { gitOutput } from "./git.js";
import { objectTypes } from "./objects.js";
import { scanRefObjects, type RefTip } from "./ref-objects.js";
import { configValue } from "./repository.js";

export interface PushScanOptions {
  cwd?: string;
  scanner?: PatchScanner;
  /** A detector for what is not a diff (messages, names, whole blobs); a default one if absent. */
  createDetector?: () => Detector | Promise<Detector>;
}

/**
 * pre-push: what this push would newly send to `remote`.
 *
 * New = reachable from the pushed tips, minus what the remote is known to have: the remote oids on
 * stdin that exist here (an update or force push: the overwritten remote commits are not rescanned)
 * and the remote-tracking refs of that remote (a new branch: only commits not already on the remote,
 * not the whole history). One `git log` walks all refs at once; a commit reachable from two pushed
 * refs is scanned once. Pushing to a bare URL (`git push https://… main`), git passes the URL as the
 * remote name and no remote-tracking refs belong to it: exclude every remote-tracking ref instead,
 * never nothing and never everything.
 */
export async function scanPush(remote: string, url: string, refs: PushedRef[], options: PushScanOptions = {}): Promise<HistoryScan> {
  const { cwd } = options;
  const tips = refs.filter((r) => !isZeroOid(r.localOid)).map((r) => ({ ref: r.remoteRef, oid: r.localOid }));
  if (tips.length === 0) return { findings: [], commits: 0 }; // empty stdin, or deletions only
  const remoteOids = [...new Set(refs.filter((r) => !isZeroOid(r.remoteOid)).map((r) => r.remoteOid))];
  const present = await objectTypes(remoteOids, cwd);
  const known = remoteOids.filter((oid) => present.has(oid));
  const isNamedRemote = remote !== url && (await configValue(`remote.${remote}.url`, cwd)) !== undefined;
  return scanPushedTips(tips, { args: [isNamedRemote ? `--remotes=${remote}` : "--remotes"], oids: known }, options);
}

/**
 * pre-receive (server side): the pushed objects sit in a quarantine directory, not yet referenced,
 * so what is new is what the new ref values reach and no existing ref does (`--not --all`).
 */
export async function scanReceive(refs: ReceivedRef[], options: PushScanOptions = {}): Promise<HistoryScan> {
  const tips = refs.filter((r) => !isZeroOid(r.newOid)).map((r) => ({ ref: r.ref, oid: r.newOid }));
  if (tips.length === 0) return { findings: [], commits: 0 };
  return scanPushedTips(tips, { args: ["--all"], oids: [] }, options);
}

/**
 * Every object the pushed refs add: ref names, tags, trees and blobs reached other than through a
 * commit (scanRefObjects), then the new commits' diffs, file names and own text (scanHistory). Each
 * finding names the ref it came in through.
 */
async function scanPushedTips(tips: RefTip[], exclude: { args: string[]; oids: string[] }, options: PushScanOptions): Promise<HistoryScan> {
  const { cwd, scanner } = options;
  const createDetector = options.createDetector ?? (async () => new (await import("../core/detector.js")).Detector());
  const objects = await scanRefObjects(tips, exclude, { ...(cwd ? { cwd } : {}), createDetector });
  const history =
    objects.commits.length === 0
      ? { findings: [], commits: 0 }
      : await scanHistory(["--not", ...exclude.args, ...exclude.oids], {
          ...(cwd ? { cwd } : {}),
          ...(scanner ? { scanner } : {}),
          createDetector,
          stdinRevisions: objects.commits.map((c) => c.oid),
        });
  const findings = [...objects.findings, ...history.findings];
  await nameRefs(findings, objects.commits, exclude, cwd);
  return { findings, commits: history.commits };
}

/**
 * Which pushed ref brought each commit with a finding: the first (in git's order) whose new commits
 * include it. Asked only when there are such findings: one `git rev-list` per ref.
 */
async function nameRefs(findings: Finding[], commits: RefTip[], exclude: { args: string[]; oids: string[] }, cwd?: string): Promise<void> {
  const unnamed = findings.filter((f) => f.ref === undefined && f.commit !== undefined);
  if (unnamed.length === 0) return;
  const wanted = new Set(unnamed.map((f) => f.commit!));
  const refOf = new Map<string, string>();
  for (const tip of commits) {
    if ([...wanted].every((oid) => refOf.has(oid))) break;
    const output = await gitOutput(["rev-list", "--not", ...exclude.args, "--stdin"], {
      ...(cwd ? { cwd } : {}),
      input: [tip.oid, ...exclude.oids.map((oid) => `^${oid}`)].map((line) => `${line}\n`).join(""),
    });
    for (const oid of output.split("\n")) if (wanted.has(oid) && !refOf.has(oid)) refOf.set(oid, tip.ref);
  }
  for (const finding of unnamed) {
    const ref = refOf.get(finding.commit!);
    if (ref !== undefined) finding.ref = ref;
  }
}
