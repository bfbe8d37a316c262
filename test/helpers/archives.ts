/**
 * Archives and container images built in code, for the tests and the benchmark: tar with
 * tar-stream's packer, gzip with node's zlib, zip written here from its published layout (APPNOTE:
 * local headers, then the central directory, then its end record), `docker save` archives and OCI
 * image layouts assembled from blobs.
 */
import { createHash } from "node:crypto";
import { deflateRawSync, gzipSync } from "node:zlib";
import { pack } from "tar-stream";

export interface ArchiveMember {
  name: string;
  content: string | Buffer;
}

/** A tar archive (ustar/pax) of regular files. */
export async function tarOf(members: ArchiveMember[]): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    packer.on("data", (chunk) => chunks.push(chunk as Buffer));
    packer.on("end", resolve);
    packer.on("error", reject);
  });
  for (const member of members) {
    const content = typeof member.content === "string" ? Buffer.from(member.content) : member.content;
    await new Promise<void>((resolve, reject) => packer.entry({ name: member.name, size: content.length }, content, (error) => (error ? reject(error) : resolve())));
  }
  packer.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function gzipOf(content: string | Buffer): Buffer {
  return gzipSync(content);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Buffer, start = 0xffffffff): number {
  let c = start;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

export interface ZipMember extends ArchiveMember {
  /** Stored as is (method 0) instead of deflated (method 8). */
  stored?: boolean;
  /** Already deflated data and the facts about it (to build a zip bomb without inflating it here). */
  raw?: { deflated: Buffer; size: number; crc: number };
}

/** A zip archive (deflate, or stored), as every zip tool writes one. */
export function zipOf(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, "utf8");
    const content = typeof member.content === "string" ? Buffer.from(member.content) : member.content;
    const method = member.stored ? 0 : 8;
    const data = member.raw ? member.raw.deflated : member.stored ? content : deflateRawSync(content);
    const size = member.raw ? member.raw.size : content.length;
    const crc = member.raw ? member.raw.crc : (crc32(content) ^ 0xffffffff) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A zip bomb: `copies` members, each `megabytes` MiB of zeros deflated to about a thousandth of
 * that; the deflate stream is made once and reused, as real bombs do.
 */
export function zipBomb(copies: number, megabytes: number): Buffer {
  const zeros = Buffer.alloc(megabytes * 1024 * 1024);
  const deflated = deflateRawSync(zeros, { level: 9 });
  const crc = (crc32(zeros) ^ 0xffffffff) >>> 0;
  return zipOf(Array.from({ length: copies }, (_, i) => ({ name: `zeros-${i}.bin`, content: "", raw: { deflated, size: zeros.length, crc } })));
}

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface ImageSpec {
  /** Each layer's files; a name `dir/.wh.file` deletes `dir/file` of lower layers (a whiteout). */
  layers: ArchiveMember[][];
  /** The run config (Env, Labels, Cmd, Entrypoint) and history of the image config. */
  config?: Record<string, unknown>;
  history?: Array<{ created_by: string; empty_layer?: boolean }>;
  tag?: string;
  /** Gzip the layers (OCI layouts do; docker save writes plain tar). */
  gzipLayers?: boolean;
}

interface BuiltBlobs {
  configBlob: Buffer;
  layerBlobs: Buffer[];
  diffIds: string[];
}

async function imageBlobs(spec: ImageSpec): Promise<BuiltBlobs> {
  const tars = await Promise.all(spec.layers.map((files) => tarOf(files)));
  const diffIds = tars.map((tar) => `sha256:${sha256(tar)}`);
  const configBlob = Buffer.from(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      config: spec.config ?? { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["/bin/sh"] },
      rootfs: { type: "layers", diff_ids: diffIds },
      history: spec.history ?? spec.layers.map((_, i) => ({ created_by: `/bin/sh -c #(nop) COPY dir:${i} in / ` })),
    }),
  );
  const layerBlobs = spec.gzipLayers ? tars.map((tar) => gzipSync(tar)) : tars;
  return { configBlob, layerBlobs, diffIds };
}

/** The files of a `docker save` archive (Docker before 25, podman save): manifest.json last, as docker writes it. */
export async function dockerSaveFiles(spec: ImageSpec): Promise<ArchiveMember[]> {
  const { configBlob, layerBlobs } = await imageBlobs(spec);
  const configName = `${sha256(configBlob)}.json`;
  const layerNames = layerBlobs.map((blob) => `${sha256(blob)}/layer.tar`);
  return [
    ...layerBlobs.map((blob, i) => ({ name: layerNames[i]!, content: blob })),
    { name: configName, content: configBlob },
    { name: "repositories", content: JSON.stringify({ [spec.tag ?? "app"]: { latest: sha256(configBlob) } }) },
    { name: "manifest.json", content: JSON.stringify([{ Config: configName, RepoTags: [`${spec.tag ?? "app"}:latest`], Layers: layerNames }]) },
  ];
}

export async function dockerSave(spec: ImageSpec): Promise<Buffer> {
  return tarOf(await dockerSaveFiles(spec));
}

/** The files of an OCI image layout: oci-layout, index.json, blobs/sha256/<digest>. */
export async function ociLayoutFiles(spec: ImageSpec): Promise<ArchiveMember[]> {
  const { configBlob, layerBlobs } = await imageBlobs(spec);
  const descriptor = (mediaType: string, blob: Buffer) => ({ mediaType, digest: `sha256:${sha256(blob)}`, size: blob.length });
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: descriptor("application/vnd.oci.image.config.v1+json", configBlob),
      layers: layerBlobs.map((blob) => descriptor(spec.gzipLayers ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar", blob)),
    }),
  );
  const index = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [{ ...descriptor("application/vnd.oci.image.manifest.v1+json", manifest), annotations: { "org.opencontainers.image.ref.name": spec.tag ?? "latest" } }],
  };
  const blob = (data: Buffer) => ({ name: `blobs/sha256/${sha256(data)}`, content: data });
  return [
    { name: "oci-layout", content: JSON.stringify({ imageLayoutVersion: "1.0.0" }) },
    blob(manifest),
    blob(configBlob),
    ...layerBlobs.map(blob),
    { name: "index.json", content: JSON.stringify(index) },
  ];
}
