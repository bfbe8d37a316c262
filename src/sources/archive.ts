import { Readable } from "node:stream";
import { createGunzip, createInflateRaw } from "node:zlib";
import { expansionLimit, MAX_CONTAINER_DEPTH } from "../core/containers.js";
import { PinekeyError } from "../core/errors.js";
import { locationText, type Piece, type Source } from "../core/source.js";
import type { Entry, ZipFile } from "./libraries.js";

/**
 * Archives and compressed files, opened wherever content is scanned: every piece that is one
 * becomes the pieces inside it, nested to MAX_CONTAINER_DEPTH, everything else passes through.
 * Recognised by the first bytes, whatever the name:
 *
 *   zip (jar, whl, apk, docx, xlsx…)   50 4B 03 04  ("PK\3\4"), or 50 4B 05 06 for an empty one
 *   gzip (.gz, .tgz)                   1F 8B 08
 *   tar (ustar, GNU, pax)              "ustar" at offset 257
 *
 * The libraries: node's zlib for gzip and deflate, tar-stream for tar, yauzl for zip (its central
 * directory, as unzip tools read it; each entry's size is checked against the directory). The two
 * load on the first archive, from a bundle of their own (./libraries.ts): a scan without an archive
 * never reads them.
 *
 * Fail closed: a container that cannot be read (truncated, corrupt, encrypted), nests too deep or
 * expands past the budget is an error naming it, never a silent pass.
 */
export class ExpansionBudget {
  private expanded = 0;

  /** `inputBytes`: the top-level input's size; a stream's grows as it is read (`addInput`). */
  constructor(private inputBytes: number) {}

  addInput(bytes: number): void {
    this.inputBytes += bytes;
  }

  spend(bytes: number, location: readonly string[]): void {
    this.expanded += bytes;
    const limit = expansionLimit(this.inputBytes);
    if (this.expanded > limit) {
      throw new PinekeyError(
        "ARCHIVE_TOO_LARGE",
        `${locationText(location)} expands to more than ${formatBytes(limit)} (from ${formatBytes(this.inputBytes)}): a zip bomb, or an archive too large to scan; it was not scanned whole.`,
        "Do not commit or ship it; if it is genuine, keep it out of the repository or image (it cannot be checked for keys).",
      );
    }
  }
}

/** Output piece size for zlib: one round trip to zlib's thread per MiB, not per 16 KiB. */
const INFLATE_CHUNK = 1 << 20;

type ContainerKind = "zip" | "gzip" | "tar";

export function containerKind(head: Uint8Array): ContainerKind | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return "zip";
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 8) return "gzip";
  if (head.length >= 262 && Buffer.from(head.buffer, head.byteOffset + 257, 5).toString("latin1") === "ustar") return "tar";
  return undefined;
}

/** The pieces of `source`, with every container replaced by what is inside it. */
export async function* expandContainers(source: Source, budgetFor: (piece: Piece) => ExpansionBudget): Source {
  for await (const piece of source) yield* expand(piece, budgetFor(piece), 0);
}

/** One piece, opened if it is a container (see expandContainers). */
export async function* expand(piece: Piece, budget: ExpansionBudget, depth: number): AsyncGenerator<Piece> {
  const { head, content } = await peek(piece.content, 512);
  const kind = containerKind(head);
  if (kind === undefined) {
    yield { ...piece, content };
    return;
  }
  if (depth >= MAX_CONTAINER_DEPTH) {
    throw new PinekeyError(
      "BAD_ARCHIVE",
      `${locationText(piece.location)} nests archives more than ${MAX_CONTAINER_DEPTH} deep; it was not scanned.`,
      "Unpack it and scan the contents (pinekey-hook scan <folder>), or keep it out of the repository.",
    );
  }
  try {
    switch (kind) {
      case "gzip":
        // The decompressed stream keeps the name: `site.tar.gz → srv/.env`, not `… → site.tar → …`.
        yield* expand({ ...piece, content: gunzip(content, budget, piece.location) }, budget, depth + 1);
        return;
      case "tar":
        yield* tarMembers(piece, content, budget, depth);
        return;
      case "zip":
        yield* zipMembers(piece, await collect(content), budget, depth);
        return;
    }
  } catch (error) {
    if (error instanceof PinekeyError) throw error;
    throw unreadable(piece.location, kind, error);
  }
}

export function unreadable(location: readonly string[], kind: string, error: unknown): PinekeyError {
  const reason = error instanceof Error ? error.message : String(error);
  const truncated = /unexpected end|premature|truncated|end of (?:data|file)|too short/i.test(reason);
  return new PinekeyError(
    "BAD_ARCHIVE",
    `${locationText(location)} could not be read as ${kind === "zip" ? "a zip archive" : kind === "tar" ? "a tar archive" : "gzip data"}${truncated ? " (it is truncated)" : ""}: ${reason}. It was not scanned.`,
    "Check that the file is complete (download or build it again); a damaged archive cannot be checked for keys.",
  );
}

export async function* gunzip(content: AsyncIterable<Uint8Array> | Uint8Array, budget: ExpansionBudget, location: readonly string[]): AsyncGenerator<Uint8Array> {
  const input = content instanceof Uint8Array ? Readable.from([content]) : Readable.from(content, { objectMode: false });
  const output = input.pipe(createGunzip({ chunkSize: INFLATE_CHUNK }));
  input.on("error", (error) => output.destroy(error));
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      budget.spend(chunk.length, location);
      yield chunk;
    }
  } catch (error) {
    throw error instanceof PinekeyError ? error : unreadable(location, "gzip", error);
  } finally {
    output.destroy();
    input.destroy();
  }
}

/**
 * A container's member, read by whoever scans it: a read error is the container's (a truncated
 * tar ends inside a member), so it is named after the container.
 */
export async function* guarded(content: AsyncIterable<Uint8Array>, location: readonly string[], kind: string): AsyncGenerator<Uint8Array> {
  try {
    yield* content;
  } catch (error) {
    throw error instanceof PinekeyError ? error : unreadable(location, kind, error);
  }
}

async function* tarMembers(piece: Piece, content: AsyncIterable<Uint8Array> | Uint8Array, budget: ExpansionBudget, depth: number): AsyncGenerator<Piece> {
  for await (const member of tarFiles(content, piece.location)) {
    yield* expand({ location: [...piece.location, member.name], content: member.content, ...(piece.note ? { note: piece.note } : {}) }, budget, depth + 1);
  }
}

/**
 * The regular files of a tar archive, in order, each to be read before the next is asked for. Only
 * regular files hold content: a hard link's is in the entry it names, a directory, symlink or
 * device has none. A read error (a truncated archive) is named after `location`.
 */
export async function* tarFiles(content: AsyncIterable<Uint8Array> | Uint8Array, location: readonly string[]): AsyncGenerator<{ name: string; content: AsyncIterable<Uint8Array> }> {
  const { extract } = await import("./libraries.js");
  const extractor = extract();
  const input = content instanceof Uint8Array ? Readable.from([content]) : Readable.from(content, { objectMode: false });
  input.on("error", (error) => extractor.destroy(error));
  input.pipe(extractor as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of extractor) {
      const { name, type } = entry.header;
      if (type === "file" || type === "contiguous-file") yield { name, content: guarded(entry as AsyncIterable<Uint8Array>, location, "tar") };
      entry.resume(); // whatever the scan left unread (nothing, unless it stopped early)
    }
  } catch (error) {
    throw error instanceof PinekeyError ? error : unreadable(location, "tar", error);
  } finally {
    input.destroy();
    extractor.destroy();
  }
}

async function* zipMembers(piece: Piece, zip: Buffer, budget: ExpansionBudget, depth: number): AsyncGenerator<Piece> {
  const { fromBuffer } = await import("./libraries.js");
  const file = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  try {
    for (;;) {
      const entry = await new Promise<Entry | undefined>((resolve, reject) => {
        const cleanUp = (): void => {
          file.removeListener("entry", onEntry).removeListener("end", onEnd).removeListener("error", onError);
        };
        const onEntry = (found: Entry): void => (cleanUp(), resolve(found));
        const onEnd = (): void => (cleanUp(), resolve(undefined));
        const onError = (error: Error): void => (cleanUp(), reject(error));
        file.on("entry", onEntry).on("end", onEnd).on("error", onError);
        file.readEntry();
      });
      if (entry === undefined) return;
      if (entry.fileName.endsWith("/")) continue; // a directory
      const location = [...piece.location, entry.fileName];
      if (entry.isEncrypted()) {
        throw new PinekeyError(
          "BAD_ARCHIVE",
          `${locationText(location)} is encrypted; it cannot be checked for keys and was not scanned.`,
          "Keep encrypted archives out of the repository, or commit the files they hold instead.",
        );
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new PinekeyError(
          "BAD_ARCHIVE",
          `${locationText(location)} is compressed with method ${entry.compressionMethod} (not deflate), which pinekey-hook cannot read; it was not scanned.`,
          "Re-create the archive with ordinary (deflate) compression.",
        );
      }
      // Deflate is undone here rather than by yauzl, in 1 MiB pieces (zlib's default 16 KiB means a
      // round trip to zlib's thread per 16 KiB), and the size checked against the directory.
      const deflated = entry.compressionMethod === 8;
      const raw = await new Promise<Readable>((resolve, reject) =>
        file.openReadStream(entry, deflated ? { decompress: false } : {}, (error, opened) => (error ? reject(error) : resolve(opened))),
      );
      const stream = deflated ? raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) : raw;
      if (deflated) raw.on("error", (error) => stream.destroy(error));
      const content = guarded(counted(stream, deflated ? budget : undefined, location, entry.uncompressedSize), piece.location, "zip");
      yield* expand({ location, content, ...(piece.note ? { note: piece.note } : {}) }, budget, depth + 1);
    }
  } finally {
    file.close();
  }
}

/** A member's bytes, counted against the budget when they come out of a decompressor. */
async function* counted(stream: Readable, budget: ExpansionBudget | undefined, location: readonly string[], expectedSize: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      budget?.spend(chunk.length, location);
      yield chunk;
    }
    if (size !== expectedSize) {
      throw new PinekeyError(
        "BAD_ARCHIVE",
        `${locationText(location)} holds ${size} bytes where the zip directory says ${expectedSize}: the archive is damaged or forged, and was not scanned whole.`,
        "Re-create the archive; a damaged archive cannot be checked for keys.",
      );
    }
  } finally {
    stream.destroy();
  }
}

/** The first `size` bytes (fewer if the content is shorter), and the content whole again. */
export async function peek(
  content: Uint8Array | AsyncIterable<Uint8Array>,
  size: number,
): Promise<{ head: Uint8Array; content: Uint8Array | AsyncIterable<Uint8Array> }> {
  if (content instanceof Uint8Array) return { head: content.subarray(0, size), content };
  const iterator = content[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(taken).subarray(0, size);
  async function* whole(): AsyncGenerator<Uint8Array> {
    yield* taken;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, content: whole() };
}

export async function collect(content: Uint8Array | AsyncIterable<Uint8Array>): Promise<Buffer> {
  if (content instanceof Uint8Array) return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const chunks: Uint8Array[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
