/**
 * The context gate (context-gate.ts) answers the same whether it searches a chunk with indexOf and a
 * loop over its characters, or (given the chunk's bytes) with what the WebAssembly module finds:
 * needles in any case, backslashes, NULs, percent-encoded bytes, base64 runs around the length that
 * counts, on lines of "pinecone"-dense code, asked line by line as the scanner asks.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ContextGate } from "../../dist/core/context-gate.js";
import { seeded } from "../helpers/seeded.js";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";

/** A chunk of diff lines, as Latin-1 characters (one per byte). */
function chunkOf(seed: number, length: number): string {
  const { random, pick, chars } = seeded(seed);
  const piece = () =>
    pick([
      () => "pinecone_index.query(vector=v, top_k=5)",
      () => "from pinecone import Pinecone",
      () => pick(["api", "API", "Api", "ke", "KE", "kE", "secret", "SeCrEt", "secre", "ap", "k", "token", "TOKEN"]),
      () => pick(["\\", "\\n", "\0", "%", "%2", "%3D", "%zz", "%.2f"]),
      () => chars(pick([15, 16, 17, 31, 32, 47, 48, 49, 80]), BASE64),
      () => pick([" ", "=", '"', "(", ")", ".", ",", "é", "\xff", "\x80", "\r"]),
    ])();
  let text = "";
  while (text.length < length) {
    let line = pick(["+", "+", " ", "-"]);
    for (let n = random(12); n > 0; n--) line += piece();
    text += `${line}\n`;
  }
  return text.slice(0, length);
}

/** Every answer of a gate for the chunk's lines, asked as the scanner asks (`from` never going back). */
function answers(chunk: string, bytes: Uint8Array | undefined, seed: number): string[] {
  const { random } = seeded(seed);
  const gate = new ContextGate();
  gate.reset(chunk, undefined, bytes);
  const said: string[] = [];
  let start = 0;
  for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
    const only = gate.onlyContext(start + 1, end);
    said.push(`${start}: ${only}`);
    if (only && random(3) === 0) {
      const quiet = gate.quietEnd(end + 1);
      said.push(`quiet from ${end + 1}: ${quiet}`);
      // The scanner passes the lines that end before the answer.
      if (quiet !== Infinity) {
        const next = chunk.lastIndexOf("\n", quiet - 1) + 1;
        if (next > end) end = next - 1;
      } else {
        break;
      }
    }
    start = end + 1;
  }
  return said;
}

describe("the context gate", () => {
  it("answers the same with the chunk's bytes (WebAssembly) as from its characters alone", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const chunk = chunkOf(seed, seed % 5 === 0 ? 65_536 : 200 + seed * 40);
      const bytes = Buffer.from(chunk, "latin1");
      assert.deepEqual(answers(chunk, bytes, seed), answers(chunk, undefined, seed), `chunk ${seed}`);
    }
  });
});
