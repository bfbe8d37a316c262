import { createReadStream, readdirSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import { PinekeyError } from "../core/errors.js";
import type { Finding } from "../core/finding.js";
import { locationText, type Piece } from "../core/source.js";
import { collect, containerKind, expand, ExpansionBudget, gunzip, peek, tarFiles } from "./archive.js";

/**
 * A container image as a source, read with no Docker daemon from what `docker save`, `podman save`
 * or an OCI tool writes: a tar archive (gzip-compressed or not, from a file or stdin) or an OCI
 * image layout directory. Every entry is read once, in the order it comes (stdin cannot seek, and
 * `docker save` writes manifest.json last), so names are settled at the end (`placeFindings`).
 *
 *   docker save (Docker < 25, podman save)      OCI image layout (Docker 25+ writes both)
 *     manifest.json                               oci-layout, index.json
 *       [{"Config": "<id>.json",                    {"manifests": [{"digest": "sha256:<m>", …}]}
 *         "RepoTags": ["app:1.0"],                blobs/sha256/<m>   the image manifest:
 *         "Layers": ["<id>/layer.tar", …]}]         {"config": {"digest": …}, "layers": [{"digest": …}, …]}
 *     <id>.json       the image config            blobs/sha256/<c>   the image config
 *     <id>/layer.tar  a layer: a tar of files     blobs/sha256/<l>   a layer (tar, or tar+gzip)
 *
 * Layers are recognised by their first bytes (tar or gzip) and scanned whole, every file, no skip
 * list (a key under /usr or /etc ships like any other). Small JSON entries wait for the end: the
 * manifests say which is the config, whose fields are then scanned one by one:
 *
 *   {"config": {"Env": ["PINECONE_API_KEY=…"], "Labels": {…}, "Cmd": […], "Entrypoint": […]},
 *    "history": [{"created_by": "RUN /bin/sh -c echo PINECONE_API_KEY=… > .env"}, …],
 *    "rootfs": {"diff_ids": ["sha256:<uncompressed layer digest>", …]}}
 *
 * `history[].created_by` is what `docker history --no-trunc` shows: every Dockerfile instruction,
 * with the values of `ARG`s and `ENV`s that `RUN` lines used. Everything else in the config is
 * scanned too, as one piece.
 *
 * Whiteouts (OCI and Docker alike): a later layer deletes `dir/name` with an empty `dir/.wh.name`
 * and everything under `dir` with `dir/.wh..wh..opq`. The deleted file still ships in the image
 * (anyone with the image can read the lower layer): it is reported, and the finding says so.
 */

/** Reads of the image file: one round trip to the thread pool per MiB, not per 64 KiB. */
const READ_SIZE = 1 << 20;

/** JSON entries held for the end: manifests and configs are small; a larger one is scanned as a file. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

interface Entry {
  /** Path in the archive or layout directory, `/`-separated, without a leading `./`. */
  name: string;
  content: AsyncIterable<Uint8Array>;
}

interface ImageInfo {
  label: string;
  config: string;
  layers: string[];
}

interface LayerFiles {
  files: Set<string>;
  /** Paths a whiteout deletes. */
  deleted: Set<string>;
  /** Directories an opaque whiteout empties. */
  opaque: Set<string>;
}

export class ImageSource implements AsyncIterable<Piece> {
  /** The name findings carry as `file`: the path given, or `stdin`. */
  readonly name: string;
  private readonly json = new Map<string, Buffer>();
  private readonly layers = new Map<string, LayerFiles>();
  private images: ImageInfo[] = [];

  /** `path`: a `docker save` / OCI tar archive (gzip or not), an OCI layout directory, or `-` for stdin. */
  constructor(private readonly path: string, private readonly stdin: NodeJS.ReadableStream = process.stdin) {
    this.name = path === "-" ? "stdin" : path;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Piece> {
    const { entries, budget } = await this.open();
    for await (const entry of entries) {
      const { head, content } = await peek(entry.content, 512);
      const kind = containerKind(head);
      if (kind === undefined && looksLikeJson(head)) {
        const bytes = await collect(content);
        if (bytes.length <= MAX_JSON_BYTES) {
          this.json.set(entry.name, bytes);
          continue;
        }
        yield { location: [this.name, entry.name], content: bytes };
        continue;
      }
      if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
        throw new PinekeyError(
          "BAD_IMAGE",
          `${locationText([this.name, entry.name])} is a zstd-compressed layer, which pinekey-hook cannot read yet; the image was not scanned.`,
          "Save the image with gzip layers (docker buildx: --output type=docker,compression=gzip) and scan that.",
        );
      }
      let entryContent = content;
      if (head.length === 512 && head.every((byte) => byte === 0)) {
        // An empty layer (WORKDIR, ENV in older builders) is a tar of end blocks only: zeros, with
        // no "ustar" to recognise it by. Only an entry all zeros is one; anything else is scanned.
        const bytes = await collect(content);
        if (bytes.every((byte) => byte === 0)) {
          this.layerFiles(entry.name);
          continue;
        }
        entryContent = bytes;
      }
      const layer = kind === "tar" || kind === "gzip" ? this.layerFiles(entry.name) : undefined;
      for await (const piece of expand({ location: [this.name, entry.name], content: entryContent }, budget, 0)) {
        if (layer) recordLayerPath(layer, piece.location[2]);
        yield piece;
      }
    }
    this.images = this.findImages();
    yield* this.configPieces();
  }

  /**
   * Findings with their final names: a layer's blob becomes the image and the layer's number and
   * digest (`image app:1.0`, `layer 3/7 sha256:<diff id>`), and a file a later layer deleted or
   * replaced says so. Call after the source has been read to its end.
   */
  placeFindings(findings: Finding[]): Finding[] {
    return findings.map((finding) => {
      const [blob, path, ...rest] = finding.within ?? [];
      if (blob === undefined || path === undefined || !this.layers.has(blob)) return finding;
      const image = this.images.find((candidate) => candidate.layers.includes(blob));
      if (!image) return finding;
      const index = image.layers.indexOf(blob);
      const config = this.configOf(image);
      const diffId = config?.rootfs?.diff_ids?.[index] ?? digestIn(blob);
      const layerLabel = `layer ${index + 1}/${image.layers.length}${diffId ? ` ${diffId}` : ""}`;
      const shadow = this.shadowed(image, index, normalise(path));
      return {
        ...finding,
        within: [image.label, layerLabel, path, ...rest],
        ...(shadow ? { note: shadow } : {}),
      };
    });
  }

  private async open(): Promise<{ entries: AsyncIterable<Entry>; budget: ExpansionBudget }> {
    if (this.path === "-") {
      if ((this.stdin as NodeJS.ReadStream).isTTY) {
        throw new PinekeyError("BAD_ARGUMENTS", "--image - reads the image from stdin, but stdin is a terminal.", "Pipe one in: docker save app:1.0 | pinekey-hook scan --image -");
      }
      const budget = new ExpansionBudget(0);
      const counted = async function* (stream: NodeJS.ReadableStream): AsyncGenerator<Uint8Array> {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          budget.addInput(chunk.length);
          yield chunk;
        }
      };
      return { entries: this.tarEntries(counted(this.stdin), budget, "stdin"), budget };
    }
    let stats: Stats;
    try {
      stats = statSync(this.path);
    } catch {
      throw new PinekeyError(
        "BAD_IMAGE",
        `${this.path}: no such file or directory.`,
        "Give a `docker save` archive (docker save app:1.0 -o app.tar), an OCI layout, or - to read one from stdin.",
      );
    }
    if (stats.isDirectory()) {
      const files = walk(this.path);
      const budget = new ExpansionBudget(files.reduce((sum, file) => sum + file.size, 0));
      return { entries: directoryEntries(this.path, files), budget };
    }
    const budget = new ExpansionBudget(stats.size);
    return { entries: this.tarEntries(createReadStream(this.path, { highWaterMark: READ_SIZE }) as AsyncIterable<Uint8Array>, budget, this.path), budget };
  }

  /** The entries of an image tar (gzip-compressed or not). */
  private async *tarEntries(input: AsyncIterable<Uint8Array>, budget: ExpansionBudget, shown: string): AsyncGenerator<Entry> {
    let { head, content } = await peek(input, 512);
    if (containerKind(head) === "gzip") {
      ({ head, content } = await peek(gunzip(content, budget, [this.name]), 512));
    }
    if (head.length === 0) {
      throw new PinekeyError("BAD_IMAGE", `${shown} is empty: no image to scan.`, "Check the command that wrote it (docker save app:1.0 -o app.tar).");
    }
    if (containerKind(head) !== "tar") {
      throw new PinekeyError(
        "BAD_IMAGE",
        `${shown} is not a container image: expected a \`docker save\` or \`podman save\` archive, or an OCI image layout (a tar archive, gzip-compressed or not, or a directory).`,
        "Write one with `docker save app:1.0 -o app.tar` (or pipe it: docker save app:1.0 | pinekey-hook scan --image -).",
      );
    }
    for await (const file of tarFiles(content, [shown])) yield { name: normalise(file.name), content: file.content };
  }

  private layerFiles(blob: string): LayerFiles {
    let layer = this.layers.get(blob);
    if (!layer) this.layers.set(blob, (layer = { files: new Set(), deleted: new Set(), opaque: new Set() }));
    return layer;
  }

  /** The images the manifests describe: docker's manifest.json first, else the OCI index. */
  private findImages(): ImageInfo[] {
    const dockerManifest = this.parsed("manifest.json");
    if (Array.isArray(dockerManifest)) {
      return dockerManifest.map((image: { Config?: string; RepoTags?: string[]; Layers?: string[] }) => {
        const config = normalise(requireString(image.Config, "manifest.json: an image without Config"));
        return { config, layers: (image.Layers ?? []).map(normalise), label: `image ${image.RepoTags?.[0] ?? digestIn(config) ?? config}` };
      }).map((image) => this.checked(image));
    }
    const index = this.parsed("index.json");
    if (index && typeof index === "object") return this.fromIndex(index as OciIndex, undefined, false).map((image) => this.checked(image));
    throw new PinekeyError(
      "BAD_IMAGE",
      `${this.name} has neither manifest.json nor index.json: it is not a \`docker save\` archive or an OCI image layout (or it is cut short).`,
      "Write one with `docker save app:1.0 -o app.tar`, or point at an OCI layout (the folder with index.json).",
    );
  }

  /**
   * The images of an OCI index. `platforms`: this index lists one image per platform, and a layout
   * holds only the platforms that were copied (docker save and skopeo keep one), so the others'
   * manifests may be absent; a manifest index.json itself names must be there.
   */
  private fromIndex(index: OciIndex, refName: string | undefined, platforms: boolean): ImageInfo[] {
    const images: ImageInfo[] = [];
    for (const descriptor of index.manifests ?? []) {
      const blob = blobPath(descriptor.digest);
      const manifest = this.parsed(blob) as OciManifest & OciIndex | undefined;
      if (manifest === undefined && platforms) continue;
      if (manifest === undefined) throw this.missing(blob, "a manifest the index lists");
      const name = descriptor.annotations?.["org.opencontainers.image.ref.name"] ?? descriptor.annotations?.["io.containerd.image.name"] ?? refName;
      if (Array.isArray(manifest.manifests)) {
        const found = this.fromIndex(manifest, name, true); // an image index (several platforms)
        if (found.length === 0) throw this.missing(blob, "every platform's manifest of an image index");
        images.push(...found);
        continue;
      }
      if (!manifest.config?.digest) continue; // not an image manifest (an attestation, say): scanned as a file
      const config = blobPath(manifest.config.digest);
      images.push({ config, layers: (manifest.layers ?? []).map((layer) => blobPath(layer.digest)), label: `image ${name ?? manifest.config.digest}` });
    }
    return images;
  }

  private checked(image: ImageInfo): ImageInfo {
    if (!this.json.has(image.config)) throw this.missing(image.config, "the image config");
    for (const layer of image.layers) {
      if (!this.layers.has(layer)) throw this.missing(layer, "a layer the manifest lists");
    }
    return image;
  }

  private missing(name: string, what: string): PinekeyError {
    return new PinekeyError(
      "BAD_IMAGE",
      `${this.name}: ${what} (${name}) is missing or unreadable: the archive is incomplete, and the image was not scanned whole.`,
      "Save the image again (docker save app:1.0 -o app.tar) and scan the new archive.",
    );
  }

  private parsed(name: string): unknown {
    const bytes = this.json.get(name);
    if (bytes === undefined) return undefined;
    try {
      return JSON.parse(bytes.toString("utf8"));
    } catch {
      return undefined;
    }
  }

  private configOf(image: ImageInfo): ImageConfig | undefined {
    const config = this.parsed(image.config);
    return config && typeof config === "object" ? (config as ImageConfig) : undefined;
  }

  /** Config fields of every image, one piece each, then every other JSON entry as a file. */
  private *configPieces(): Generator<Piece> {
    const configs = new Set<string>();
    for (const image of this.images) {
      if (configs.has(image.config)) continue;
      configs.add(image.config);
      const config = this.configOf(image);
      if (!config) {
        // Not JSON after all: its bytes are still scanned.
        yield { location: [this.name, image.label, "config"], content: this.json.get(image.config)! };
        continue;
      }
      const base = [this.name, image.label, "config"];
      const field = (name: string, text: string): Piece => ({ location: [...base, name], content: Buffer.from(text, "utf8") });
      const rest: Record<string, unknown> = { ...config };
      for (const key of ["config", "container_config"] as const) {
        const run = config[key];
        if (!run || typeof run !== "object") continue;
        const prefix = key === "config" ? "" : "container_config.";
        const others: Record<string, unknown> = { ...run };
        for (const [i, env] of (Array.isArray(run.Env) ? run.Env : []).entries()) yield field(`${prefix}Env[${i}]`, String(env));
        for (const [label, value] of Object.entries(run.Labels ?? {})) yield field(`${prefix}Labels.${label}`, `${label}=${String(value)}`);
        for (const name of ["Cmd", "Entrypoint"] as const) {
          const value = run[name];
          if (value !== undefined && value !== null) yield field(`${prefix}${name}`, Array.isArray(value) ? value.join(" ") : String(value));
        }
        delete others.Env;
        delete others.Labels;
        delete others.Cmd;
        delete others.Entrypoint;
        rest[key] = others;
      }
      for (const [i, step] of (Array.isArray(config.history) ? config.history : []).entries()) {
        if (typeof step?.created_by === "string") yield field(`history[${i}].created_by`, step.created_by);
        if (typeof step?.comment === "string") yield field(`history[${i}].comment`, step.comment);
      }
      delete rest.history;
      yield field("other fields", JSON.stringify(rest, null, 2));
    }
    for (const [name, bytes] of this.json) {
      if (!configs.has(name)) yield { location: [this.name, name], content: bytes };
    }
  }

  /** Whether a later layer of `image` deleted or replaced `path` of layer `index`. */
  private shadowed(image: ImageInfo, index: number, path: string): string | undefined {
    const ancestors = parents(path);
    for (let later = index + 1; later < image.layers.length; later++) {
      const layer = this.layers.get(image.layers[later]!);
      if (!layer) continue;
      const by = `layer ${later + 1}/${image.layers.length}`;
      if (layer.deleted.has(path) || ancestors.some((dir) => layer.deleted.has(dir))) {
        return `deleted by ${by} (a whiteout), but still shipped in the image: anyone with the image can read it`;
      }
      if (ancestors.some((dir) => layer.opaque.has(dir))) {
        return `deleted by ${by} (an opaque directory), but still shipped in the image: anyone with the image can read it`;
      }
      if (layer.files.has(path)) return `replaced by ${by}, but still shipped in the image: anyone with the image can read it`;
    }
    return undefined;
  }
}

interface OciDescriptor {
  digest: string;
  annotations?: Record<string, string>;
}
interface OciIndex {
  manifests?: OciDescriptor[];
}
interface OciManifest {
  config?: OciDescriptor;
  layers?: OciDescriptor[];
}
interface RunConfig {
  Env?: unknown;
  Labels?: Record<string, unknown> | null;
  Cmd?: unknown;
  Entrypoint?: unknown;
}
interface ImageConfig {
  config?: RunConfig;
  container_config?: RunConfig;
  history?: Array<{ created_by?: unknown; comment?: unknown }>;
  rootfs?: { diff_ids?: string[] };
}

/** Record a layer's file: whiteouts by their name, the rest as files. */
function recordLayerPath(layer: LayerFiles, path: string | undefined): void {
  if (path === undefined) return;
  const name = normalise(path);
  const slash = name.lastIndexOf("/");
  const dir = name.slice(0, slash + 1);
  const base = name.slice(slash + 1);
  if (base === ".wh..wh..opq") layer.opaque.add(dir.replace(/\/$/, ""));
  else if (base.startsWith(".wh.")) layer.deleted.add(dir + base.slice(4));
  else layer.files.add(name);
}

/** `./srv/.env` and `srv/.env` are one path; directories lose their trailing slash. */
function normalise(name: string): string {
  return name.replace(/^(?:\.\/)+/, "").replace(/^\/+/, "").replace(/\/+$/, "");
}

/** `a/b/c` → `a/b`, `a` (the directories a path is in, nearest first). */
function parents(path: string): string[] {
  const out: string[] = [];
  for (let at = path.lastIndexOf("/"); at > 0; at = path.lastIndexOf("/", at - 1)) out.push(path.slice(0, at));
  return out;
}

function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(":");
  return `blobs/${algorithm}/${hex}`;
}

/** `blobs/sha256/<hex>` or `<hex>/layer.tar` or `<hex>.json` → `sha256:<hex>`, when the name holds one. */
function digestIn(name: string): string | undefined {
  const found = /(?:^|\/)(?:(sha256|sha512)\/)?([0-9a-f]{64}|[0-9a-f]{128})(?:\/|\.|$)/.exec(name);
  return found ? `${found[1] ?? "sha256"}:${found[2]}` : undefined;
}

function requireString(value: unknown, message: string): string {
  if (typeof value !== "string") throw new PinekeyError("BAD_IMAGE", message, "Save the image again and scan the new archive.");
  return value;
}

function looksLikeJson(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b || byte === 0x5b; // { or [
  }
  return false;
}

interface WalkedFile {
  name: string;
  size: number;
}

/** Every file under an OCI layout directory, relative names, sorted (symlinks are not followed). */
function walk(root: string, prefix = ""): WalkedFile[] {
  const out: WalkedFile[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, name));
    else if (entry.isFile()) out.push({ name, size: statSync(join(root, name)).size });
  }
  return out;
}

async function* directoryEntries(root: string, files: WalkedFile[]): AsyncGenerator<Entry> {
  for (const file of files) {
    yield { name: file.name, content: createReadStream(join(root, file.name), { highWaterMark: READ_SIZE }) as AsyncIterable<Uint8Array> };
  }
}

