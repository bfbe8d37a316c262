/**
 * The prefilter's literal filter (literal-filter.ts, WebAssembly): its committed bytes are what its
 * text assembles to; every place a literal begins is among its candidates; and the prefilter finds
 * the same marks with it as with its regex alone, on texts of every size (windows of 64 KiB joined),
 * for the built-in rules and custom ones (short keywords, keywords it cannot hold).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { BUILT_IN_RULES, customRule, type Rule } from "../../dist/core/index.js";
import { compileLinear } from "../../dist/core/linear-regex.js";
import { LITERAL_FILTER_WASM } from "../../dist/core/literal-filter-wasm.js";
import { LiteralFilter, lineFeedCounter, runFinder, SURE_RUN, type Literal } from "../../dist/core/literal-filter.js";
import { isBase64Char } from "../../dist/core/decode.js";
import { InterestMarks } from "../../dist/core/prefilter.js";
import { seeded as generator } from "../helpers/seeded.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const custom = (id: string, keywords: string[]): Rule =>
  customRule({ id, regex: compileLinear(`${keywords[0]}[a-z0-9]{16}`), keywords, description: id });
/** Rule sets: the built-in ones; with a custom rule whose keywords are short; with one the filter cannot hold. */
const RULE_SETS: Array<[string, readonly Rule[]]> = [
  ["the built-in rules", BUILT_IN_RULES],
  ["with short custom keywords", [...BUILT_IN_RULES, custom("short", ["zq", "x_"])]],
  ["with a keyword that is not ASCII", [...BUILT_IN_RULES, custom("accent", ["clé_"])]],
];

/**
 * Text as Latin-1 characters (as the CLI reads git's output): base64 noise, code, the rules' words
 * in every case, their near misses, base64 and UTF-16 spellings, prefixes they share (`pine`),
 * binary bytes.
 */
function textOf(seed: number, length: number, rules: readonly Rule[]): string {
  const { random, pick } = generator(seed);
  const words = rules.flatMap((rule) => rule.keywords.words);
  const fragments = [
    ...words,
    ...words.map((w) => w.toUpperCase()),
    ...words.map((w) => [...w].map((c) => (random(2) ? c.toUpperCase() : c)).join("")),
    ...words.map((w) => w.slice(0, -1)),
    ...words.flatMap((w) => [0, 1, 2].map((shift) => Buffer.from(`${"ab".slice(0, shift)}${w}_`).toString("base64"))),
    ...words.flatMap((w) => [[...w].join("\0"), [...w.toUpperCase()].join("\0")]),
    "pine", "pinec", "pinek", "pcs", "pcsK", "PCSK", "api", "-g", "gcp", "apikeY", "cGNza", "Bjc2t", "wY3Nr",
    "\n", "\n", "\r\n", " = ", '"', "\0", "é", "\xff",
  ];
  let text = "";
  while (text.length < length) {
    const kind = random(4);
    if (kind === 0) text += pick(fragments);
    else if (kind === 1) text += Array.from({ length: 1 + random(120) }, () => BASE64[random(64)]).join("");
    else if (kind === 2) text += pick(["index = pc.Index(name)\n", "from pinecone import Pinecone\n", "def f(x):\n", "  return x\n"]);
    else text += String.fromCharCode(...Array.from({ length: 1 + random(20) }, () => random(256)));
  }
  return text.slice(0, length);
}

/** Every mark (and note) the prefilter records for the text in these chunks, with or without the bytes. */
function marksOf(text: string, sizes: readonly number[], rules: readonly Rule[], withBytes: boolean): number[] {
  const marks = new InterestMarks(rules);
  for (let at = 0, i = 0; at < text.length; i++) {
    const chunk = text.slice(at, at + Math.max(1, sizes[i % sizes.length]!));
    marks.add(chunk, withBytes ? Buffer.from(chunk, "latin1") : undefined);
    at += chunk.length;
  }
  const found: number[] = [];
  for (let mark = marks.nextMark(0); mark !== Infinity; mark = marks.nextMark(mark + 1)) found.push(mark);
  return found;
}

describe("the literal filter", () => {
  it("is the module its text assembles to (npm run assemble-wasm)", async () => {
    const script = (await import(pathToFileURL(`${root}scripts/assemble-wasm.mjs`).href)) as { assemble: (text: string) => Promise<Uint8Array> };
    const assembled = await script.assemble(readFileSync(`${root}src/core/literal-filter.wat`, "utf8"));
    assert.deepEqual([...LITERAL_FILTER_WASM], [...assembled], "src/core/literal-filter-wasm.ts is stale: run npm run assemble-wasm");
  });

  it("answers every place a literal begins, in order, whatever the bytes around it", () => {
    const ascii = fc.integer({ min: 0, max: 127 }).map((code) => String.fromCharCode(code));
    const literal = fc.record({ text: fc.string({ unit: ascii, minLength: 1, maxLength: 12 }), anyCase: fc.boolean() });
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 400 }), fc.nat(), (literals, noise, seed) => {
        const { random, pick } = generator(seed);
        // Literals dropped into the noise, in the case asked for or another.
        const bytes: number[] = [...noise];
        for (let n = random(6); n > 0; n--) {
          const { text, anyCase } = pick(literals);
          const spelled = anyCase && random(2) ? text.toUpperCase() : text;
          bytes.splice(random(bytes.length + 1), 0, ...Buffer.from(spelled, "latin1"));
        }
        const filter = LiteralFilter.forLiterals(literals as Literal[])!;
        const count = filter.search(Uint8Array.from(bytes));
        const candidates = [...filter.positions.subarray(0, count)];
        assert.deepEqual(candidates, [...candidates].sort((a, b) => a - b), "in increasing order");
        const text = Buffer.from(bytes).toString("latin1");
        for (let at = 0; at < text.length; at++) {
          const begins = literals.some(({ text: l, anyCase }) => (anyCase ? text.slice(at, at + l.length).toLowerCase() === l.toLowerCase() : text.startsWith(l, at)));
          if (begins) assert.ok(candidates.includes(at), `${JSON.stringify(text.slice(at, at + 12))} at ${at} is no candidate`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("finds nothing in an empty text, and a literal that ends the text", () => {
    const filter = LiteralFilter.forLiterals([{ text: "pcsk", anyCase: false }])!;
    assert.equal(filter.search(new Uint8Array(0)), 0);
    const count = filter.search(Buffer.from("x".repeat(70_000) + "pcsk", "latin1"));
    assert.ok([...filter.positions.subarray(0, count)].includes(70_000));
  });

  it("counts the line feeds of any range of bytes as a loop over them does, across its 64 KiB windows", () => {
    const count = lineFeedCounter()!;
    const { random } = generator(7);
    const bytes = Uint8Array.from({ length: 200_000 }, () => (random(3) === 0 ? 10 : random(256)));
    const ranges: Array<[number, number]> = [[0, 0], [0, bytes.length], [5, 5], [0, 1], [3, 19], [65_530, 65_550], [1, 131_075]];
    for (let i = 0; i < 300; i++) {
      const from = random(bytes.length);
      ranges.push([from, Math.min(bytes.length, from + random(i % 3 === 0 ? 150_000 : 40))]);
    }
    for (const [from, to] of ranges) {
      let expected = 0;
      for (let at = from; at < to; at++) if (bytes[at] === 10) expected++;
      assert.equal(count(bytes, from, to), expected, `[${from}, ${to})`);
    }
  });

  it("finds every run of a class of bytes 31 long or more, exactly where it begins and ends, wherever it lies", () => {
    const find = runFinder(isBase64Char)!;
    const BASE64_URL = `${BASE64}-_`;
    for (let seed = 1; seed <= 200; seed++) {
      const { random, pick } = generator(seed);
      // Runs of every length around the sure one and the 16-byte blocks, between bytes of every kind.
      const bytes: number[] = [];
      const length = seed % 10 === 0 ? 65_536 : 1 + random(600);
      while (bytes.length < length) {
        if (random(2)) for (let n = pick([1, 5, 15, 16, 17, 30, 31, 32, 33, 47, 48, 49, 64, 100, 300]); n > 0; n--) bytes.push(BASE64_URL.charCodeAt(random(BASE64_URL.length)));
        else for (let n = 1 + random(3); n > 0; n--) bytes.push(pick([32, 10, 34, 61, 0, 0x80, 0xc3, 0xff, 46, 44, 64, 96, 91, 123, 58]));
      }
      const input = Uint8Array.from(bytes.slice(0, length));
      const expected: number[] = [];
      for (let at = 0; at < input.length; ) {
        if (!isBase64Char(input[at]!)) {
          at++;
          continue;
        }
        let end = at;
        while (end < input.length && isBase64Char(input[end]!)) end++;
        expected.push(at, end);
        at = end;
      }
      const found = find(input)!;
      const pairs = (list: number[]) => list.flatMap((_, i) => (i % 2 ? [] : [`${list[i]}-${list[i + 1]}`]));
      const every = new Set(pairs(expected));
      for (const run of pairs(found)) assert.ok(every.has(run), `seed ${seed}: ${run} is no whole run`);
      const long = (list: number[]) => pairs(list).filter((run) => run.split("-").map(Number).reduce((a, b) => b - a) >= SURE_RUN);
      assert.deepEqual(long(found), long(expected), `seed ${seed}`);
    }
    assert.equal(find(new Uint8Array(65_537)), undefined, "more than a window: the caller looks itself");
  });

  it("is not made for literals it cannot hold; neither it, the line feed count nor the run finder where WebAssembly cannot run (node --jitless)", () => {
    assert.equal(LiteralFilter.forLiterals([{ text: "clé", anyCase: true }]), undefined);
    assert.equal(LiteralFilter.forLiterals([{ text: "", anyCase: true }]), undefined);
    const probe = `import("${pathToFileURL(`${root}dist/core/literal-filter.js`).href}").then((m) => console.log(m.LiteralFilter.forLiterals([{ text: "pcsk", anyCase: false }]) === undefined && m.lineFeedCounter() === undefined && m.runFinder(() => true) === undefined))`;
    // (Node warns on stderr that --jitless turns WebAssembly off: that is the point.)
    assert.equal(execFileSync(process.execPath, ["--jitless", "-e", probe], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim(), "true");
  });
});

describe("the prefilter finds the same marks with the filter as with its regex alone", () => {
  it("and uses no bytes that are not the chunk's (one per character)", () => {
    const text = textOf(7, 20_000, BUILT_IN_RULES);
    const plain = marksOf(text, [20_000], BUILT_IN_RULES, false);
    const marks = new InterestMarks(BUILT_IN_RULES);
    marks.add(text, Buffer.from(text.slice(100), "latin1")); // as if the caller had lost a few bytes
    const found: number[] = [];
    for (let mark = marks.nextMark(0); mark !== Infinity; mark = marks.nextMark(mark + 1)) found.push(mark);
    assert.deepEqual(found, plain);
  });


  for (const [label, rules] of RULE_SETS) {
    it(`${label}: texts up to 300 KiB, in chunks small and large (the filter's windows are 64 KiB)`, () => {
      const sizes = [[65536], [300_000], [1000, 70_000, 200], [131_072 + 5], [321, 4096]];
      for (let seed = 1; seed <= 12; seed++) {
        const text = textOf(seed, seed % 3 === 0 ? 300_000 : 40_000, rules);
        for (const chunking of sizes) {
          const plain = marksOf(text, chunking, rules, false);
          assert.deepEqual(marksOf(text, chunking, rules, true), plain, `text ${seed}, chunks ${chunking.join(",")}`);
          assert.ok(plain.length > 0);
        }
      }
    });
  }
});
