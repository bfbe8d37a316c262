import { StringDecoder } from "node:string_decoder";
import { PinekeyError } from "../core/errors.js";
import { gitOutput, gitStreamBytes } from "./git.js";

/** What receives the objects `readObjects` reads, in the order asked for. */
export interface ObjectSink {
  begin(oid: string, type: string, size: number): void;
  /** The object's content as text, in pieces (each object decoded as UTF-8 on its own). */
  text(piece: string): void;
  end(): void;
  /** Optional: stop feeding this object (the rest of its bytes are passed over). */
  stopped?(): boolean;
}

/** Each object's whole text, handed over object by object (for small objects: commits, tags). */
export async function readObjectTexts(oids: string[], onObject: (oid: string, text: string) => void, cwd?: string): Promise<void> {
  let oid = "";
  let parts: string[] = [];
  await readObjects(
    oids,
    {
      begin: (id) => {
        oid = id;
        parts = [];
      },
      text: (piece) => void parts.push(piece),
      end: () => onObject(oid, parts.join("")),
    },
    cwd,
  );
}

/**
 * Read objects whole, streamed, with one `git cat-file --batch`: an object of any size passes
 * through in pieces. The framing counts bytes, so the end of every object, and of the output, is
 * known: output that ends before every object asked for has come is an error, never a short scan.
 *
 *   stdin:  <oid> LF …
 *   stdout: <oid> SP <type> SP <size> LF <size bytes of content> LF      for each object
 *           <oid> SP missing LF                                           for one that is not there
 */
export async function readObjects(oids: string[], sink: ObjectSink, cwd?: string): Promise<void> {
  if (oids.length === 0) return;
  const reader = new BatchReader(sink);
  await gitStreamBytes(["cat-file", "--batch"], (chunk) => reader.push(chunk), {
    ...(cwd ? { cwd } : {}),
    input: oids.map((oid) => `${oid}\n`).join(""),
  });
  if (reader.objects !== oids.length || reader.midObject) {
    throw new PinekeyError(
      "GIT_OUTPUT_INCOMPLETE",
      `git cat-file ended early: ${reader.objects} of ${oids.length} objects came whole.`,
      "The scan did not see everything it was asked to, so it cannot say the content is clean; try again, and check the repository with `git fsck`.",
    );
  }
}

class BatchReader {
  objects = 0;
  private header: Buffer[] = [];
  /** Content bytes left of the current object; -1 between objects (reading a header). */
  private left = -1;
  /** The LF after an object's content is still to come. */
  private trailer = false;
  private decoder = new StringDecoder("utf8");

  constructor(private readonly sink: ObjectSink) {}

  get midObject(): boolean {
    return this.left >= 0 || this.trailer || this.header.length > 0;
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.trailer) {
        this.trailer = false;
        at++; // the LF after the content
        this.objects++;
        continue;
      }
      if (this.left < 0) {
        const lf = chunk.indexOf(10, at);
        if (lf === -1) {
          this.header.push(chunk.subarray(at));
          return;
        }
        this.header.push(chunk.subarray(at, lf));
        const line = Buffer.concat(this.header).toString("utf8");
        this.header = [];
        at = lf + 1;
        this.beginObject(line);
        continue;
      }
      const take = Math.min(this.left, chunk.length - at);
      if (take > 0 && !this.sink.stopped?.()) this.sink.text(this.decoder.write(chunk.subarray(at, at + take)));
      this.left -= take;
      at += take;
      if (this.left === 0) this.endObject();
    }
  }

  private beginObject(line: string): void {
    const [oid = "", type = "", size] = line.split(" ");
    if (type === "missing" || size === undefined || !/^\d+$/.test(size)) {
      throw new PinekeyError(
        "MISSING_OBJECT",
        `git could not read object ${oid || line}: the repository is missing it or it is damaged.`,
        "Check the repository with `git fsck`, then try again.",
      );
    }
    this.decoder = new StringDecoder("utf8");
    this.sink.begin(oid, type, Number(size));
    this.left = Number(size);
    if (this.left === 0) this.endObject();
  }

  private endObject(): void {
    const rest = this.decoder.end();
    if (rest.length > 0 && !this.sink.stopped?.()) this.sink.text(rest);
    this.sink.end();
    this.left = -1;
    this.trailer = true;
  }
}

/**
 * Object types of the given ids, in one `git cat-file --batch-check` process. Missing objects (a
 * remote oid this clone never fetched) come back as "missing" and are left out of the map.
 *
 *   stdin:  <oid> LF …
 *   stdout: <oid> SP <type> LF      or      <oid> SP missing LF
 */
export async function objectTypes(oids: string[], cwd?: string): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  if (oids.length === 0) return types;
  const output = await gitOutput(["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    ...(cwd ? { cwd } : {}),
    input: oids.map((oid) => `${oid}\n`).join(""),
  });
  for (const line of output.split("\n")) {
    const [oid, type] = line.split(" ");
    if (oid && type && type !== "missing") types.set(oid, type);
  }
  return types;
}

/** One entry of a tree listed recursively. */
export interface TreeEntry {
  type: string;
  oid: string;
  path: string;
}

/**
 * Every entry under a tree, subtrees included, with its path from that tree.
 *
 *   git ls-tree -r -t -z <tree>
 *   stdout: <mode> SP <type> SP <oid> TAB <path> NUL …
 */
export async function treeEntries(tree: string, cwd?: string): Promise<TreeEntry[]> {
  const output = await gitOutput(["ls-tree", "-r", "-t", "-z", "--full-tree", tree], cwd ? { cwd } : {});
  const entries: TreeEntry[] = [];
  for (const record of output.split("\0")) {
    const tab = record.indexOf("\t");
    if (tab === -1) continue;
    const [, type = "", oid = ""] = record.slice(0, tab).split(" ");
    entries.push({ type, oid, path: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * The objects reachable from `tips` and from none of `excludeArgs` (revision arguments such as
 * `--all`, `--remotes=origin`) or `excludeOids`.
 *
 *   git rev-list --objects --not <excludeArgs…> --stdin      stdin: <tip> LF … ^<oid> LF …
 * (stdin takes no options before git 2.42, not even --not: excluded ids are written `^<oid>`.)
 *   stdout: <oid> LF (commits)      <oid> SP <path> LF (trees, blobs; a tag's name for tags)
 */
export async function newObjects(tips: string[], excludeArgs: string[], excludeOids: string[], cwd?: string): Promise<Set<string>> {
  const output = await gitOutput(["rev-list", "--objects", ...(excludeArgs.length > 0 ? ["--not", ...excludeArgs] : []), "--stdin"], {
    ...(cwd ? { cwd } : {}),
    input: [...tips, ...excludeOids.map((oid) => `^${oid}`)].map((line) => `${line}\n`).join(""),
  });
  const oids = new Set<string>();
  for (const line of output.split("\n")) {
    const space = line.indexOf(" ");
    const oid = space === -1 ? line : line.slice(0, space);
    if (oid.length > 0) oids.add(oid);
  }
  return oids;
}
