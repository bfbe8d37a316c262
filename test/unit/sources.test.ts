/**
 * Sources as data: pieces of content with nested locations, one engine for all of them, archives
 * opened into their members, and an image read from a stream (no files, no git).
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { Detector } from "../../dist/core/index.js";
import type { Piece } from "../../dist/core/source.js";
import { expandContainers, ExpansionBudget } from "../../dist/sources/archive.js";
import { PieceScanner, scanSource } from "../../dist/sources/engine.js";
import { ImageSource } from "../../dist/sources/image.js";
import { dockerSave, gzipOf, tarOf, zipOf } from "../helpers/archives.js";
import { fakeKey } from "../helpers/keys.js";

async function* pieces(...list: Piece[]): AsyncGenerator<Piece> {
  yield* list;
}

const budget = (piece: Piece) => new ExpansionBudget(piece.content instanceof Uint8Array ? piece.content.length : 0);

describe("the engine for pieces", () => {
  it("places findings where the piece is: file is the outermost name, within the rest", async () => {
    const key = fakeKey();
    const scanner = new PieceScanner(new Detector());
    const [finding] = await scanner.scan({ location: ["a.tar", "srv/.env"], content: Buffer.from(`X=1\nPINECONE_API_KEY=${key}\n`), note: "a note" });
    assert.equal(finding!.file, "a.tar");
    assert.deepEqual(finding!.within, ["srv/.env"]);
    assert.equal(finding!.line, 2);
    assert.equal(finding!.note, "a note");
    const [plain] = await scanner.scan({ location: ["app.py"], content: Buffer.from(`K = "${key}"\n`) });
    assert.equal(plain!.file, "app.py");
    assert.equal(plain!.within, undefined);
  });

  it("reads streamed content in pieces of any size, a key split between two of them included", async () => {
    const key = fakeKey();
    const text = Buffer.from(`${"x".repeat(1000)}\nPINECONE_API_KEY=${key}\n`);
    async function* bytes(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < text.length; at += 7) yield text.subarray(at, at + 7);
    }
    const { findings } = await scanSource(pieces({ location: ["stream.env"], content: bytes() }), new Detector());
    assert.deepEqual(findings.map((f) => [f.file, f.line]), [["stream.env", 2]]);
  });

  it("opens archives into members by their first bytes, nested, whatever their names", async () => {
    const keys = [fakeKey(), fakeKey()];
    const inner = zipOf([{ name: "conf/prod.properties", content: `pinecone.api-key=${keys[0]}\n` }]);
    const outer = gzipOf(await tarOf([{ name: "lib/app.bin", content: inner }, { name: "README", content: `PINECONE_API_KEY=${keys[1]}\n` }]));
    const { findings } = await scanSource(expandContainers(pieces({ location: ["release.data"], content: outer }), budget), new Detector());
    assert.deepEqual(findings.map((f) => [f.file, ...(f.within ?? [])]), [
      ["release.data", "lib/app.bin", "conf/prod.properties"],
      ["release.data", "README"],
    ]);
  });
});

describe("an image as a source", () => {
  it("names image, layer and path once the manifest (written last) is read, and says what a whiteout deleted", async () => {
    const key = fakeKey();
    const archive = await dockerSave({
      tag: "app",
      layers: [[{ name: "etc/app/secret.env", content: `PINECONE_API_KEY=${key}\n` }], [{ name: "etc/.wh.app", content: "" }]],
    });
    const image = new ImageSource("-", Readable.from([archive]));
    const { findings } = await scanSource(image, new Detector());
    const [finding] = image.placeFindings(findings);
    assert.equal(finding!.file, "stdin");
    assert.deepEqual(finding!.within!.map((name) => name.replace(/[0-9a-f]{64}/, "<digest>")), ["image app:latest", "layer 1/2 sha256:<digest>", "etc/app/secret.env"]);
    assert.match(finding!.note!, /deleted by layer 2\/2 \(a whiteout\)/);
  });
});
