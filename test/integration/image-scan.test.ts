/**
 * `scan --image`: `docker save` archives and OCI image layouts assembled from blobs by the test (no
 * Docker engine), read from a file, a directory or stdin, outside any repository.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import Ajv from "ajv";
import { dockerSave, dockerSaveFiles, gzipOf, ociLayoutFiles, sha256, tarOf, zipBomb, zipOf, type ArchiveMember, type ImageSpec } from "../helpers/archives.js";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { CLI, cleanEnv, makeTempDir, type RunResult } from "../helpers/repo.js";

const require = createRequire(import.meta.url);

let dir: string;
const keys = { layer: fakeKey(), deleted: fakeKey(), jar: fakeKey(), env: fakeKey(), label: fakeKey(), cmd: fakeKey(), history: fakeKey(), system: fakeKey(), legacy: fakeUuid() };
const all = Object.values(keys);

/** Three layers: the app, a jar and a file later deleted, then the whiteout that deletes it. */
function leakyImage(extra: Partial<ImageSpec> = {}): ImageSpec {
  return {
    tag: "shop/api",
    layers: [
      [
        { name: "usr/lib/python3/site-packages/vendor/settings.py", content: `KEY = "${keys.system}"  # pinecone\n` },
        { name: "etc/os-release", content: 'NAME="Debian GNU/Linux"\n' },
      ],
      [
        { name: "srv/app/.env", content: `DEBUG=0\nPINECONE_API_KEY=${keys.deleted}\n` },
        { name: "srv/app/main.py", content: `import os\nPINECONE_API_KEY = "${keys.layer}"\n` },
        { name: "srv/app/lib/client.jar", content: zipOf([{ name: "pinecone.properties", content: `api.key=${keys.jar}\n` }]) },
      ],
      [{ name: "srv/app/.wh..env", content: "" }],
    ],
    config: {
      Env: ["PATH=/usr/local/bin:/usr/bin", `PINECONE_API_KEY=${keys.env}`],
      Labels: { "org.opencontainers.image.source": "https://example.invalid/shop", "pinecone.key": keys.label },
      Cmd: ["python", "main.py", "--api-key", keys.cmd],
      Entrypoint: ["/usr/bin/tini", "--"],
    },
    history: [
      { created_by: "/bin/sh -c #(nop) ADD file:abc in / " },
      { created_by: "COPY . /srv/app # buildkit" },
      { created_by: `RUN /bin/sh -c echo PINECONE_API_KEY=${keys.history} > /tmp/k && rm /srv/app/.env # buildkit` },
    ],
    ...extra,
  };
}

function scanImage(args: string[], input?: Buffer): RunResult {
  const run = spawnSync(process.execPath, [CLI, "scan", ...args], { cwd: dir, env: cleanEnv(join(dir, "home")), encoding: "utf8", input: input ?? "" });
  if (run.error) throw run.error;
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

function writeTree(root: string, files: ArchiveMember[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(root, file.name)), { recursive: true });
    writeFileSync(join(root, file.name), file.content);
  }
}

interface JsonFinding {
  file: string;
  within?: string[];
  line: number;
  note?: string;
  rule: string;
}

function places(stdout: string): string[] {
  return (JSON.parse(stdout).findings as JsonFinding[]).map((f) => [f.file, ...(f.within ?? [])].join(" → ").replace(/sha256:[0-9a-f]{64}/g, "sha256:…")).sort();
}

const EXPECTED = (name: string, image: string): string[] =>
  [
    `${name} → image ${image} → config → Cmd`,
    `${name} → image ${image} → config → Env[1]`,
    `${name} → image ${image} → config → Labels.pinecone.key`,
    `${name} → image ${image} → config → history[2].created_by`,
    `${name} → image ${image} → layer 1/3 sha256:… → usr/lib/python3/site-packages/vendor/settings.py`,
    `${name} → image ${image} → layer 2/3 sha256:… → srv/app/.env`,
    `${name} → image ${image} → layer 2/3 sha256:… → srv/app/lib/client.jar → pinecone.properties`,
    `${name} → image ${image} → layer 2/3 sha256:… → srv/app/main.py`,
  ].sort();

describe("scan --image", () => {
  before(() => {
    dir = makeTempDir();
    mkdirSync(join(dir, "home"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("a docker save archive: config fields, every layer's files (no skip list), nested archives, a whited-out file", async () => {
    writeFileSync(join(dir, "api.tar"), await dockerSave(leakyImage()));
    const run = scanImage(["--image", "api.tar", "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(places(run.stdout), EXPECTED("api.tar", "shop/api:latest"));
    const deleted = (JSON.parse(run.stdout).findings as JsonFinding[]).find((f) => f.within?.at(-1) === "srv/app/.env")!;
    assert.match(deleted.note ?? "", /deleted by layer 3\/3 \(a whiteout\), but still shipped in the image/);
    assertNoKeyIn(run.stdout + run.stderr, all);

    const text = scanImage(["--image", "api.tar"]);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /8 Pinecone API keys in the image api\.tar/);
    assert.match(text.stdout, /api\.tar → image shop\/api:latest → layer 2\/3 sha256:[0-9a-f]{12}… → srv\/app\/\.env:2:18/);
    assert.match(text.stdout, /deleted by layer 3\/3 \(a whiteout\)/);
    assert.match(text.stdout, /Rebuild the image without the key/);
    assertNoKeyIn(text.stdout + text.stderr, all);
  });

  test("an OCI layout (gzip layers) as a directory and as a tarball, and docker save | gzip on stdin", async () => {
    const files = await ociLayoutFiles(leakyImage({ gzipLayers: true }));
    writeTree(join(dir, "oci"), files);
    const fromDir = scanImage(["--image", "oci", "--format", "json"]);
    assert.equal(fromDir.status, 1, fromDir.stderr);
    assert.deepEqual(places(fromDir.stdout), EXPECTED("oci", "shop/api"));

    writeFileSync(join(dir, "oci.tar"), await tarOf(files));
    const fromTar = scanImage(["--image", "oci.tar", "--format", "json"]);
    assert.equal(fromTar.status, 1, fromTar.stderr);
    assert.deepEqual(places(fromTar.stdout), EXPECTED("oci.tar", "shop/api"));

    const piped = scanImage(["--image", "-", "--format", "json"], gzipOf(await dockerSave(leakyImage())));
    assert.equal(piped.status, 1, piped.stderr);
    assert.deepEqual(places(piped.stdout), EXPECTED("stdin", "shop/api:latest"));
    assertNoKeyIn(fromDir.stdout + fromTar.stdout + piped.stdout, all);
  });

  test("a multi-platform OCI index of which the layout holds one platform (as docker save writes it)", async () => {
    const files = await ociLayoutFiles(leakyImage({ gzipLayers: true }));
    const index = JSON.parse(String(files.find((file) => file.name === "index.json")!.content));
    const present = index.manifests[0];
    const platformIndex = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: [
          { ...present, platform: { architecture: "amd64", os: "linux" }, annotations: undefined },
          { mediaType: present.mediaType, digest: `sha256:${sha256("arm64 manifest, not copied")}`, size: 500, platform: { architecture: "arm64", os: "linux" } },
        ],
      }),
    );
    const top = { ...index, manifests: [{ mediaType: "application/vnd.oci.image.index.v1+json", digest: `sha256:${sha256(platformIndex)}`, size: platformIndex.length, annotations: { "io.containerd.image.name": "docker.io/shop/api:1.4" } }] };
    const layout = [...files.filter((file) => file.name !== "index.json"), { name: `blobs/sha256/${sha256(platformIndex)}`, content: platformIndex }, { name: "index.json", content: JSON.stringify(top) }];
    writeFileSync(join(dir, "multi.tar"), await tarOf(layout));
    const run = scanImage(["--image", "multi.tar", "--format", "json"]);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(places(run.stdout), EXPECTED("multi.tar", "docker.io/shop/api:1.4"));
  });

  test("SARIF: the image file as the artifact, the nesting as a logical location; valid against the schema", async () => {
    writeFileSync(join(dir, "sarif.tar"), await dockerSave(leakyImage()));
    const run = scanImage(["--image", "sarif.tar", "--format", "sarif"]);
    assert.equal(run.status, 1, run.stderr);
    const sarif = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
    const ajv = new Ajv({ schemaId: "id", meta: false, allErrors: true });
    ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
    assert.ok(ajv.validate(schema, sarif), JSON.stringify(ajv.errors));
    const names = sarif.runs[0].results.map((r: { locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string }> }> }) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName);
    assert.ok(names.some((name: string) => /^sarif\.tar!\/image shop\/api:latest!\/layer 2\/3 sha256:[0-9a-f]{64}!\/srv\/app\/main\.py$/.test(name)), names.join("\n"));
    assert.ok(sarif.runs[0].results.every((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri === "sarif.tar"));
    assertNoKeyIn(run.stdout, all);
  });

  test("a clean image passes (exit 0), and a legacy key in the config's Env is caught", async () => {
    writeFileSync(join(dir, "clean.tar"), await dockerSave({ layers: [[{ name: "app/main.py", content: "print('hi')\n" }]] }));
    const clean = scanImage(["--image", "clean.tar"]);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /no Pinecone API keys in the image clean\.tar/);

    writeFileSync(join(dir, "legacy.tar"), await dockerSave({ layers: [[]], config: { Env: [`PINECONE_API_KEY=${keys.legacy}`] } }));
    const legacy = scanImage(["--image", "legacy.tar", "--format", "json"]);
    assert.equal(legacy.status, 1, legacy.stderr);
    assert.equal(JSON.parse(legacy.stdout).findings[0].rule, "pinecone-legacy-api-key");
    assertNoKeyIn(legacy.stdout, [keys.legacy]);
  });

  test("a truncated layer, a truncated archive, a missing layer: exit 2 naming what is wrong", async () => {
    const files = await dockerSaveFiles({ layers: [[{ name: "a.txt", content: "a".repeat(20_000) }], [{ name: "b.txt", content: "b\n" }]] });
    const layer = files[0]!;
    const cut = { ...layer, content: (layer.content as Buffer).subarray(0, 5_000) };
    writeFileSync(join(dir, "cut-layer.tar"), await tarOf([cut, ...files.slice(1)]));
    const cutLayer = scanImage(["--image", "cut-layer.tar"]);
    assert.equal(cutLayer.status, 2, cutLayer.stdout + cutLayer.stderr);
    assert.match(cutLayer.stderr, /cut-layer\.tar → [0-9a-f]{64}\/layer\.tar could not be read as a tar archive \(it is truncated\)/);

    const whole = await tarOf(files);
    writeFileSync(join(dir, "cut.tar"), whole.subarray(0, 12_000));
    const cutArchive = scanImage(["--image", "cut.tar"]);
    assert.equal(cutArchive.status, 2, cutArchive.stdout + cutArchive.stderr);
    assert.match(cutArchive.stderr, /cut\.tar could not be read as a tar archive \(it is truncated\)/);

    writeFileSync(join(dir, "no-layer.tar"), await tarOf(files.slice(1)));
    const missing = scanImage(["--image", "no-layer.tar"]);
    assert.equal(missing.status, 2, missing.stdout + missing.stderr);
    assert.match(missing.stderr, /a layer the manifest lists \([0-9a-f]{64}\/layer\.tar\) is missing/);

    const oci = await ociLayoutFiles({ gzipLayers: true, layers: [[{ name: "a.txt", content: `${"a".repeat(50_000)}${Math.random()}` }]] });
    const gz = oci.find((file) => file.name.startsWith("blobs/") && (file.content as Buffer)[0] === 0x1f)!;
    const cutGz = oci.map((file) => (file === gz ? { ...file, content: (file.content as Buffer).subarray(0, (file.content as Buffer).length - 30) } : file));
    writeFileSync(join(dir, "cut-gz.tar"), await tarOf(cutGz));
    const cutGzRun = scanImage(["--image", "cut-gz.tar"]);
    assert.equal(cutGzRun.status, 2, cutGzRun.stdout + cutGzRun.stderr);
    assert.match(cutGzRun.stderr, /cut-gz\.tar → blobs\/sha256\/[0-9a-f]{64} could not be read as gzip data \(it is truncated\)/);
  });

  test("a missing file, an unknown file, an empty stdin: exit 2 with the cause and the fix", () => {
    const missing = scanImage(["--image", "nope.tar"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.tar: no such file or directory/);
    assert.match(missing.stderr, /docker save/);

    writeFileSync(join(dir, "notes.txt"), "just text\n");
    const unknown = scanImage(["--image", "notes.txt"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /notes\.txt is not a container image/);

    writeFileSync(join(dir, "plain.tar"), readFileSync(join(dir, "notes.txt")));
    const empty = scanImage(["--image", "-"], Buffer.alloc(0));
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /stdin is empty/);
  });

  test("a tar that is not an image, and a zip bomb in a layer: exit 2", async () => {
    writeFileSync(join(dir, "files.tar"), await tarOf([{ name: "a.txt", content: "a\n" }]));
    const notImage = scanImage(["--image", "files.tar"]);
    assert.equal(notImage.status, 2, notImage.stdout + notImage.stderr);
    assert.match(notImage.stderr, /neither manifest\.json nor index\.json/);

    writeFileSync(join(dir, "bomb.tar"), await dockerSave({ layers: [[{ name: "srv/assets.zip", content: zipOf([{ name: "in.zip", content: zipBomb(12, 50), stored: true }]) }]] }));
    const bomb = scanImage(["--image", "bomb.tar"]);
    assert.equal(bomb.status, 2, bomb.stdout + bomb.stderr);
    assert.match(bomb.stderr, /bomb\.tar → [0-9a-f]{64}\/layer\.tar → srv\/assets\.zip → in\.zip → zeros-\d+\.bin expands to more than 512\.0 MiB/);
  });

  test("takes one target: --image with --staged is a usage error", () => {
    const run = scanImage(["--image", "x.tar", "--staged"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /takes one target/);
  });
});
