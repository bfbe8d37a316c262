import type { Detector } from "../core/detector.js";
import { scrubCommitText } from "../core/commit-record.js";
import { PinekeyError } from "../core/errors.js";
import type { Finding } from "../core/finding.js";
import { gitOutput } from "./git.js";
import { newObjects, objectTypes, readObjects, readObjectTexts, treeEntries } from "./objects.js";

/** A ref and the object it is set to (a pushed ref's new value, or a ref of the repository). */
export interface RefTip {
  ref: string;
  oid: string;
}

export interface RefObjectsScan {
  findings: Finding[];
  /** The commits the refs lead to (tags peeled), each with the first ref leading to it. */
  commits: RefTip[];
}

/** Tags of tags are followed this deep at most (git itself stops at a few dozen). */
const MAX_TAG_DEPTH = 64;

interface Reached {
  ref: string;
  oid: string;
  type: string;
  /** The tags passed through on the way, for the report: ["tag v1", "tag v1-signed"]. */
  via: string[];
}

/**
 * Everything a ref brings that is not a commit's diff: its own name, the annotated tags it passes
 * through (their names, taggers and messages), and, when it leads to a tree or a blob instead of a
 * commit (`git push origin <blob>:refs/tags/t`, a tag of a tree), that tree's file names and every
 * blob in it that is new, scanned whole. The commits the refs lead to are returned for the caller to
 * scan as history (diffs and messages).
 *
 * New means reachable from none of `excludeArgs`/`excludeOids` (for pre-receive `--all`: every ref
 * the server already has) nor from the commits being pushed (whose own changes the history scan
 * sees line by line).
 */
export async function scanRefObjects(
  tips: RefTip[],
  exclude: { args: string[]; oids: string[] },
  options: { cwd?: string; createDetector: () => Detector | Promise<Detector> },
): Promise<RefObjectsScan> {
  const { cwd } = options;
  const [{ ContentScanner }, { scanObjectText }, detector] = await Promise.all([
    import("../core/content.js"),
    import("../core/object-text.js"),
    options.createDetector(),
  ]);
  const content = new ContentScanner(detector);
  const findings: Finding[] = [];
  // Names are printed with each finding, and a name may be what holds the key: redacted.
  const scanText = (file: string, text: string, extra: Partial<Finding>): void => {
    content.begin(file);
    content.push(text);
    for (const finding of content.end()) findings.push({ ...finding, ...extra, file: scrubCommitText(file) });
  };
  const named = (ref: string, via: string[]): Partial<Finding> => ({ ref: scrubCommitText(ref), ...(via.length > 0 ? { via: scrubCommitText(via.join(" → ")) } : {}) });

  for (const { ref } of tips) scanText(ref, ref, { origin: "ref-name", ref: scrubCommitText(ref) });

  const types = await objectTypes([...new Set(tips.map((tip) => tip.oid))], cwd);
  let reached: Reached[] = tips.map(({ ref, oid }) => ({ ref, oid, type: typeOf(types, oid), via: [] }));
  const commits: RefTip[] = [];
  const seenCommits = new Set<string>();
  const others: Reached[] = [];
  const scannedTags = new Set<string>();
  for (let depth = 0; reached.length > 0; depth++) {
    if (depth > MAX_TAG_DEPTH) throw new PinekeyError("BAD_HOOK_INPUT", `a ref leads through more than ${MAX_TAG_DEPTH} tags of tags.`);
    const tags = reached.filter((r) => r.type === "tag");
    for (const r of reached) {
      if (r.type === "commit" && !seenCommits.has(r.oid)) {
        seenCommits.add(r.oid);
        commits.push({ ref: r.ref, oid: r.oid });
      } else if (r.type === "tree" || r.type === "blob") {
        others.push(r);
      }
    }
    const texts = await tagTexts([...new Set(tags.map((t) => t.oid))], cwd);
    reached = [];
    for (const tag of tags) {
      const text = texts.get(tag.oid) ?? "";
      const target = /^object ([0-9a-f]+)$/m.exec(text)?.[1];
      const type = /^type (\w+)$/m.exec(text)?.[1];
      const name = /^tag (.*)$/m.exec(text)?.[1] ?? tag.oid.slice(0, 10);
      const via = [...tag.via, `tag ${name}`];
      if (!scannedTags.has(tag.oid)) {
        scannedTags.add(tag.oid);
        for (const finding of scanObjectText(content, "tag", text)) {
          findings.push({ ...finding, ...named(tag.ref, via) });
        }
      }
      if (target === undefined || type === undefined) throw new PinekeyError("MISSING_OBJECT", `tag object ${tag.oid} is damaged: it names no object.`);
      reached.push({ ref: tag.ref, oid: target, type, via });
    }
  }

  if (others.length > 0) {
    const fresh = await newObjects(others.map((o) => o.oid), exclude.args, [...exclude.oids, ...commits.map((c) => c.oid)], cwd);
    const blobs = new Map<string, { path: string; extra: Partial<Finding> }>();
    for (const other of others) {
      if (!fresh.has(other.oid)) continue;
      const extra = named(other.ref, [...other.via, other.type]);
      if (other.type === "blob") {
        if (!blobs.has(other.oid)) blobs.set(other.oid, { path: "(blob)", extra });
        continue;
      }
      for (const entry of await treeEntries(other.oid, cwd)) {
        scanText(entry.path, entry.path, { ...extra, origin: "file-name" });
        if (entry.type === "blob" && fresh.has(entry.oid) && !blobs.has(entry.oid)) blobs.set(entry.oid, { path: entry.path, extra });
      }
    }
    let current: { path: string; extra: Partial<Finding> } | undefined;
    await readObjects(
      [...blobs.keys()],
      {
        begin: (oid) => {
          current = blobs.get(oid);
          content.begin(current?.path ?? oid);
        },
        text: (piece) => content.push(piece),
        stopped: () => content.stopped,
        end: () => {
          for (const finding of content.end()) findings.push({ ...finding, ...current?.extra, file: scrubCommitText(finding.file) });
        },
      },
      cwd,
    );
  }
  return { findings, commits };
}

function typeOf(types: Map<string, string>, oid: string): string {
  const type = types.get(oid);
  if (type === undefined) {
    throw new PinekeyError("MISSING_OBJECT", `object ${oid} is not in the repository, so what it brings cannot be scanned.`, "Check the repository with `git fsck`, then try again.");
  }
  return type;
}

/** The text of each tag object (small: a few headers and a message). */
async function tagTexts(oids: string[], cwd?: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  await readObjectTexts(oids, (oid, text) => void texts.set(oid, text), cwd);
  return texts;
}

/**
 * `scan --all`: what every ref of the repository holds besides its commits' history (which
 * `git log --all` scans): names, tags, and trees and blobs reached other than through a commit.
 *
 *   git for-each-ref --format=%(objectname) %(refname)
 */
export async function scanRepositoryRefs(options: { cwd?: string; createDetector: () => Detector | Promise<Detector> }): Promise<Finding[]> {
  const output = await gitOutput(["for-each-ref", "--format=%(objectname) %(refname)"], options.cwd ? { cwd: options.cwd } : {});
  const tips: RefTip[] = [];
  for (const line of output.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) tips.push({ oid: line.slice(0, space), ref: line.slice(space + 1) });
  }
  if (tips.length === 0) return [];
  return (await scanRefObjects(tips, { args: [], oids: [] }, options)).findings;
}
