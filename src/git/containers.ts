import { PinekeyError } from "../core/errors.js";
import type { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import { withCommit, type ContainerChange } from "../core/scan.js";
import { gitBytes } from "./git.js";

/**
 * The archives and compressed files a patch touched (PatchScanner.containers), opened: each one's
 * blob read from git (`git cat-file --batch`), every member scanned (src/sources/archive.ts). A key
 * counts only when it is new: one the same member of an earlier version (`previous`: HEAD, the
 * merge heads, a commit's parents) already held is not reported again, as for lines.
 *
 * `opened` names the changes that really were containers (by their first bytes): their patch
 * findings (compressed bytes read as text, or a tar's members line by line) are replaced by these.
 * A file named like an archive that is not one keeps its patch findings, and is not opened.
 */
export async function scanContainerChanges(
  changes: readonly ContainerChange[],
  options: {
    cwd: string;
    detector: Detector;
    /** The object name of the version to scan: `:<path>` (the index), `<commit>:<path>`. */
    current: (change: ContainerChange) => string;
    /** Object names of the versions it replaces (missing ones are fine). */
    previous: (change: ContainerChange) => string[];
  },
): Promise<{ findings: Finding[]; opened: Set<string> }> {
  const { containerKind, expand, ExpansionBudget } = await import("../sources/archive.js");
  const { scanSource } = await import("../sources/engine.js");
  const scan = async (path: string, blob: Buffer): Promise<Finding[]> =>
    (await scanSource(expand({ location: [path], content: blob }, new ExpansionBudget(blob.length), 0), options.detector)).findings;

  const findings: Finding[] = [];
  const opened = new Set<string>();
  // One archive at a time (its blob, then its earlier versions only when it holds a key): memory
  // stays that of the largest archive, whatever the number of commits that changed one.
  for (const change of changes) {
    const current = options.current(change);
    const blob = (await readBlobs([current], options.cwd)).get(current);
    if (blob === undefined || containerKind(blob.subarray(0, 512)) === undefined) continue;
    opened.add(changeKey(change.path, change.commit?.oid));
    let found = await scan(change.path, blob);
    if (found.length === 0) continue;
    const known = new Set<string>();
    const previous = await readBlobs(options.previous(change), options.cwd);
    for (const old of previous.values()) {
      if (containerKind(old.subarray(0, 512)) === undefined) continue;
      try {
        for (const finding of await scan(change.path, old)) known.add(memberIdentity(finding));
      } catch {
        // An earlier version that cannot be opened vouches for nothing: every key counts as new.
      }
    }
    found = found.filter((finding) => !known.has(memberIdentity(finding)));
    findings.push(...found.map((finding) => withCommit(finding, change.commit)));
  }
  return { findings, opened };
}

/** Which patch findings a container scan replaces: same file, same commit. */
export function changeKey(path: string, commit: string | undefined): string {
  return `${commit ?? ""}\0${path}`;
}

/** The same key in the same member (line numbers move as members change). */
function memberIdentity(finding: Finding): string {
  return `${(finding.within ?? []).join("\0")}\0${finding.fingerprint}`;
}

/**
 * Blobs by object name, in one process. A name git cannot resolve (a file new in this commit has
 * no earlier version) is left out of the map.
 *
 *   stdin:  <object name> LF …
 *   stdout: <oid> SP <type> SP <size> LF <contents> LF      or      <object name> SP missing LF
 */
export async function readBlobs(specs: readonly string[], cwd: string): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(specs)];
  if (unique.length === 0) return blobs;
  for (const spec of unique) {
    if (spec.includes("\n")) {
      throw new PinekeyError("BAD_ARCHIVE", `cannot read ${JSON.stringify(spec)} from git: its name holds a line break.`, "Rename the file.");
    }
  }
  const output = await gitBytes(["cat-file", "--batch"], { cwd, input: unique.map((spec) => `${spec}\n`).join("") });
  let at = 0;
  for (const spec of unique) {
    const lineEnd = output.indexOf(0x0a, at);
    if (lineEnd === -1) throw truncatedBatch(spec);
    const header = output.toString("utf8", at, lineEnd);
    at = lineEnd + 1;
    if (header.endsWith(" missing") || header.endsWith(" ambiguous")) continue;
    const [, type, size] = header.split(" ");
    const length = Number(size);
    if (!Number.isSafeInteger(length) || at + length + 1 > output.length) throw truncatedBatch(spec);
    if (type === "blob") blobs.set(spec, output.subarray(at, at + length));
    at += length + 1;
  }
  return blobs;
}

function truncatedBatch(spec: string): PinekeyError {
  return new PinekeyError("GIT_FAILED", `git cat-file --batch stopped before it gave ${spec}: its output is cut short.`);
}
