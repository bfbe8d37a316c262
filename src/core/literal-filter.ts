import { LITERAL_FILTER_WASM } from "./literal-filter-wasm.js";

/**
 * Where, in bytes read as Latin-1, any of a set of ASCII literals may begin: the prefilter's first
 * pass over git's output, in WebAssembly SIMD (literal-filter.wat, Teddy), answering candidates that
 * the prefilter's regex then checks one by one, in place (sticky).
 *
 * Why not the regex alone: V8's regex tries its alternatives at nearly every position of text whose
 * letters begin many of them, which is what base64 is (a notebook's images). The whole prefilter
 * (InterestMarks.add over 64 KiB chunks, CPU, medians of 11), with the regex alone against with this
 * filter: 117 MB of notebook-heavy diff 309 -> 65 ms, 50 MB of "pinecone"-dense code 144 -> 69 ms,
 * 50 MB of ordinary code 114 -> 87 ms.
 *
 * Without WebAssembly (`node --jitless`) or for literals it cannot hold (not ASCII), there is no
 * filter (`forLiterals` answers undefined) and the regex searches alone, as it always did.
 */

/**
 * A literal searched for: ASCII text, in any case or exactly. `family`: literals of a family share
 * their buckets with each other only (by default, those beginning with the same character do).
 */
export interface Literal {
  text: string;
  anyCase: boolean;
  family?: string;
}

/** Byte positions of a literal's start that the tables fingerprint (the module's 5 loads). */
const POSITIONS = 5;
/** Bits of a table entry: literals are spread over this many buckets. */
const BUCKETS = 8;
/** Bytes searched per call: the module's memory holds one window and its candidates. */
const WINDOW = 65536;
/** The memory layout the module expects (see literal-filter.wat): tables, input, output. */
const TABLES = 0;
const INPUT = 32 * POSITIONS;
/** What the last block's loads may read past the input (16 lanes, 4 bytes on), zeroed. */
const INPUT_SLACK = 48;
const OUTPUT = INPUT + WINDOW + INPUT_SLACK;

/** The part of the WebAssembly global used here (TypeScript declares it only in its DOM libraries). */
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object) => { exports: Record<string, unknown> };
    }
  | undefined;

interface Engine {
  search: (tables: number, input: number, length: number, output: number) => number;
  count: (input: number, length: number, byte: number) => number;
  runs: (tables: number, input: number, length: number, output: number) => number;
  bytes: Uint8Array;
  words: Uint32Array;
}

/** The one instance, made at first use; null when this Node cannot run it. */
let engine: Engine | null | undefined;

function loadEngine(): Engine | null {
  if (engine !== undefined) return engine;
  engine = null;
  try {
    if (typeof WebAssembly === "undefined") return engine;
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(LITERAL_FILTER_WASM));
    const memory = exports.memory as { buffer: ArrayBuffer };
    // The memory never grows (no memory.grow in the module), so these views stay valid.
    engine = {
      search: exports.search as Engine["search"],
      count: exports.count as Engine["count"],
      runs: exports.runs as Engine["runs"],
      bytes: new Uint8Array(memory.buffer),
      words: new Uint32Array(memory.buffer),
    };
  } catch {
    // No WebAssembly here (`--jitless`, or SIMD unsupported): the regex searches alone.
  }
  return engine;
}

/** How many line feeds `bytes` holds in [from, to). */
export type LineFeedCounter = (bytes: Uint8Array, from: number, to: number) => number;

/**
 * The module's count of line feeds, or undefined where it cannot run. What the diff parser uses to
 * pass over a stretch of lines nobody wants at once: one line feed at a time (`indexOf` on the
 * chunk), its loop took 40 ms of CPU on 50 MB of ordinary code; with the count, 18.
 */
export function lineFeedCounter(): LineFeedCounter | undefined {
  const engine = loadEngine();
  if (!engine) return undefined;
  const { count, bytes: memory } = engine;
  return (bytes, from, to) => {
    let lineFeeds = 0;
    for (let start = from; start < to; start += WINDOW) {
      const length = Math.min(WINDOW, to - start);
      memory.set(bytes.subarray(start, start + length), INPUT);
      lineFeeds += count(INPUT, length, 10);
    }
    return lineFeeds;
  };
}

/**
 * Runs of bytes of a class: [start, end) pairs, one after the other, in order. Every run at least
 * SURE_RUN long is among them; some shorter ones may be too (a caller wanting runs of some length
 * checks each).
 */
export type RunFinder = (bytes: Uint8Array) => number[] | undefined;
export const SURE_RUN = 31;

/**
 * The module's run finder for an ASCII class of bytes (`isMember`), or undefined where it cannot run.
 * It answers for bytes of one window at most (64 KiB: a read of git's output), else undefined: a
 * caller then looks itself. What the context gate uses to find base64 runs long enough to hide a
 * key: looked for in JavaScript, they took 47-50 ms of the main thread's 640 (CPU profile) on 50 MB
 * of "pinecone"-dense code; here, 12.
 */
export function runFinder(isMember: (byte: number) => boolean): RunFinder | undefined {
  const engine = loadEngine();
  if (!engine) return undefined;
  // A byte is of the class where its low nibble's entry holds the bit of its high nibble (0-7).
  const tables = new Uint8Array(32);
  for (let high = 0; high < 8; high++) tables[16 + high] = 1 << high;
  for (let byte = 0; byte < 128; byte++) if (isMember(byte)) tables[byte & 15]! |= 1 << (byte >> 4);
  const { runs, bytes: memory, words } = engine;
  return (bytes) => {
    if (bytes.length > WINDOW) return undefined;
    memory.set(tables, TABLES);
    memory.set(bytes, INPUT);
    const found = new Array<number>(2 * runs(TABLES, INPUT, bytes.length, OUTPUT));
    for (let i = 0, word = OUTPUT >> 2; i < found.length; i++) found[i] = words[word + i]!;
    return found;
  };
}

/**
 * Does the literal begin at `at` of the text (Latin-1 characters)? For a literal in any case, as
 * `text.toLowerCase()` would compare with it lower-cased: only ASCII letters have another case here
 * (no Latin-1 character lower-cases to ASCII).
 */
export function literalAt(text: string, at: number, literal: Literal): boolean {
  const { text: word, anyCase } = literal;
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    const w = word.charCodeAt(k);
    if (c === w) continue;
    const lower = anyCase ? letterLowerCase(w) : -1;
    if (lower === -1 || letterLowerCase(c) !== lower) return false;
  }
  return true;
}

export class LiteralFilter {
  /** The candidates of the last search, in increasing order: as many as it answered. */
  positions = new Int32Array(1024);

  private constructor(
    private readonly tables: Uint8Array,
    private readonly engine: Engine,
  ) {}

  /** A filter for these literals, or undefined where there can be none (see above). */
  static forLiterals(literals: readonly Literal[]): LiteralFilter | undefined {
    if (literals.length === 0 || literals.some((literal) => literal.text.length === 0 || !isAscii(literal.text))) return undefined;
    const engine = loadEngine();
    return engine ? new LiteralFilter(tablesFor(literals), engine) : undefined;
  }

  /**
   * Search `bytes` (the text read as Latin-1: byte i is character i); returns how many candidates
   * `positions` now holds. Every offset where one of the literals begins is among them.
   */
  search(bytes: Uint8Array): number {
    const { search, bytes: memory, words } = this.engine;
    memory.set(this.tables, TABLES);
    let found = 0;
    for (let start = 0; start < bytes.length; start += WINDOW) {
      const length = Math.min(WINDOW, bytes.length - start);
      // The fingerprint of a candidate near the window's end reads the 4 bytes after it.
      const copied = Math.min(bytes.length - start, length + POSITIONS - 1);
      memory.set(bytes.subarray(start, start + copied), INPUT);
      memory.fill(0, INPUT + copied, INPUT + copied + INPUT_SLACK);
      const count = search(TABLES, INPUT, length, OUTPUT);
      if (found + count > this.positions.length) {
        const grown = new Int32Array(Math.max(2 * this.positions.length, found + count));
        grown.set(this.positions.subarray(0, found));
        this.positions = grown;
      }
      for (let i = 0, word = OUTPUT >> 2; i < count; i++) {
        const at = words[word + i]!;
        if (at >= length) break; // the last block's lanes past the window
        this.positions[found++] = start + at;
      }
    }
    return found;
  }
}

/**
 * The module's tables: for each position k, the buckets whose literals may hold a byte there, by
 * the byte's low nibble (at 32k) and by its high nibble (at 32k + 16). A literal shorter than 5 has
 * every byte allowed past its end. Literals are put in buckets by their first character (in any
 * case, where they are), so that a bucket's nibble tables mix little, and the short ones apart (they
 * would let every byte through at the last positions for the long ones they share with: `pine` in
 * all "pinecone"-dense code would be a candidate for `pinekey-allow`). Past 8 groups, the last ones
 * (the base64 signs, rare in code) share the last bucket.
 */
function tablesFor(literals: readonly Literal[]): Uint8Array {
  const tables = new Uint8Array(32 * POSITIONS);
  const groups: string[] = [];
  for (const literal of literals) {
    const key = literal.family ?? (literal.text.length < POSITIONS ? "short" : literal.anyCase ? literal.text[0]!.toLowerCase() : literal.text[0]!);
    let group = groups.indexOf(key);
    if (group === -1) group = groups.push(key) - 1;
    const bucket = 1 << Math.min(group, BUCKETS - 1);
    for (let k = 0; k < POSITIONS; k++) {
      const bytes = k < literal.text.length ? spellings(literal.text.charCodeAt(k), literal.anyCase) : ALL_BYTES;
      for (const byte of bytes) {
        tables[32 * k + (byte & 15)]! |= bucket;
        tables[32 * k + 16 + (byte >> 4)]! |= bucket;
      }
    }
  }
  return tables;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

const ALL_BYTES = Array.from({ length: 256 }, (_, byte) => byte);

/** The bytes that spell an ASCII character: both cases of a letter where case does not matter. */
function spellings(code: number, anyCase: boolean): number[] {
  const lower = anyCase ? letterLowerCase(code) : -1;
  return lower !== -1 ? [lower, lower & ~0x20] : [code];
}

/** An ASCII letter's lower-case code; -1 for any other character. */
function letterLowerCase(code: number): number {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a ? lower : -1;
}
