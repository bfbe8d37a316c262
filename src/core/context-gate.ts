import { base64RunFrom, isBase64Char, MIN_ENCODED_KEY_LENGTH, percentEncodedAt } from "./decode.js";
import { LiteralFilter, literalAt, runFinder, SURE_RUN, type Literal, type RunFinder } from "./literal-filter.js";

/**
 * The words a key's or a pair's name must hold for the legacy rule's name tests to call it a key's
 * (`api`, `key`, `token`, `secret`), as searched: `ke` stands for both `key` and `token`. A search
 * runs from one occurrence of its first letter to the next, so a needle beginning with a rare letter
 * is cheap: `key` and `token` apart took 17 ms per 20 MB of "pinecone"-dense code, `ke` 3 ms.
 */
const KEY_WORDS = ["api", "ke", "secret"];

/**
 * Does a line holding a context word (`pinecone`) hold anything else a rule reads? Asked by
 * PatchScanner for such lines of one chunk at a time, in order, about the line in place (no line is
 * cut out). What makes the line worth reading after all:
 * - a backslash (JSON and C escapes), a NUL (UTF-16 text), a percent-encoded byte (`%5F`): the
 *   detector decodes these, and what they hide is not what the prefilter saw;
 * - a base64 run long enough to hide a key (the detector decodes it beside Pinecone context);
 * - `api`, `key`, `token` or `secret` in any case: a key's name, or a pair's name that names the
 *   value on the next lines, holds one of them.
 * A UUID is not among them: one that may be a key is a mark of its own (a key's name before it, or
 * a call that may be a Pinecone client's: see the prefilter's uuidMarks), and a line holding a mark
 * is read whatever else it holds. Without a key word, a name or an escape, a UUID beside `pinecone`
 * is an id (`index.upsert([("…", vector)])`): reading each such line was a sixth of the scan of
 * "pinecone"-dense code.
 *
 * Each is found with a native search (indexOf) that resumes where it last stopped, so a chunk is read
 * at most once for each: per-character loops in JavaScript cost more here than reading the lines.
 * The key words are searched in a lower-cased copy of the chunk, made once when first needed.
 *
 * Given the chunk's bytes (read as Latin-1, see reset), the WebAssembly module finds all of them in
 * two passes over the chunk instead, when first asked: its literal filter the needles (in any case
 * for the key words, so no lower-cased copy), its run finder the long base64 runs. On code where
 * `pinecone` is on most lines, often none of the key words is anywhere, and `indexOf("api")` stops at
 * every `a` on its way to the chunk's end: on 50 MB of it those searches took 85 ms of the main
 * thread's 640 (CPU profile), the module's pass 20.
 */
export class ContextGate {
  private text = "";
  private lower: string | undefined;
  /**
   * For each needle (by its index in NEEDLES), the next place it occurs at or after the last ask
   * (-1: none left; -2: not searched in this chunk yet).
   */
  private readonly next: number[] = NEEDLES.map(() => -2);

  /** The first place at or after `nextAnyFrom` where any needle occurs (Infinity: none). */
  private nextAny = -1;
  private nextAnyFrom = -1;

  /** For quietEnd: the next percent-encoded byte and base64 run (as `next` holds them). */
  private percentEncoded = -2;
  private base64Run = -2;

  /** The chunk's bytes, when given; `found`: what the module found in them, once asked (see look). */
  private bytes: Uint8Array | undefined;
  private found: FoundInChunk | undefined;

  /**
   * A new chunk (and its lower-cased copy, if one was made): what was found in the last one no longer
   * applies. `bytes`: the bytes the chunk was read from as Latin-1 (character i is byte i), if at hand.
   */
  reset(chunk: string, lowerCased?: string, bytes?: Uint8Array): void {
    this.text = chunk;
    this.lower = lowerCased;
    this.next.fill(-2);
    this.nextAny = -1;
    this.nextAnyFrom = -1;
    this.percentEncoded = -2;
    this.base64Run = -2;
    this.bytes = bytes !== undefined && bytes.length === chunk.length ? bytes : undefined;
    this.found = undefined;
  }

  /**
   * The first place at or after `from` where a line could hold something above (Infinity: nowhere in
   * the rest of the chunk): every line of the chunk that ends before it holds context words and
   * nothing else a rule reads, or nothing a rule reads at all. Asked with `from` never decreasing,
   * and not below the lines onlyContext was asked about.
   */
  quietEnd(from: number): number {
    let end = earlier(this.nextIn(BACKSLASH, from), this.nextIn(NUL, from));
    end = earlier(end, this.nextPercentEncoded(from));
    for (let word = FIRST_KEY_WORD; word < NEEDLES.length; word++) end = earlier(end, this.nextIn(word, from));
    end = earlier(end, this.nextBase64Run(from));
    return end === -1 ? Infinity : end;
  }

  /** The first percent-encoded byte (`%3D`; printf's `%.2f` is none) at or after `from`, or -1. */
  private nextPercentEncoded(from: number): number {
    if (this.percentEncoded === -1 || this.percentEncoded >= from) return this.percentEncoded;
    this.percentEncoded = percentEncodedAt(this.text, from);
    return this.percentEncoded;
  }

  /**
   * The first place at or after `from` where a base64 run long enough to hide a key begins, or -1.
   * Runs never cross a line (a line feed is not base64), but one may take in the `+` that opens an
   * added line: a run one character short of the length then counts too, which only ends a quiet
   * stretch early.
   */
  private nextBase64Run(from: number): number {
    if (this.base64Run === -1 || this.base64Run >= from) return this.base64Run;
    const found = this.look();
    this.base64Run = found ? found.runFrom(from) : base64RunFrom(this.text, MIN_ENCODED_KEY_LENGTH, from);
    return this.base64Run;
  }

  /**
   * Does the line at [from, to) hold such a run? The chunk's next run, found once for the lines it
   * passes: a run that begins on the line lies within it, since a line feed is not base64.
   */
  private holdsBase64Run(from: number, to: number): boolean {
    const at = this.nextBase64Run(from);
    return at !== -1 && at < to;
  }

  /** Does the line at [from, to) of the chunk hold only context (nothing above)? */
  onlyContext(from: number, to: number): boolean {
    // Most such lines hold no needle at all: one comparison against the nearest one answers.
    if (this.nextAnyFrom > from || this.nextAny < from) {
      this.nextAny = this.nearestNeedle(from);
      this.nextAnyFrom = from;
    }
    if (this.nextAny >= to) return !this.holdsBase64Run(from, to);
    return this.holdsNothingElse(from, to);
  }

  /** The first place at or after `from` where a needle occurs, whether it qualifies or not. */
  private nearestNeedle(from: number): number {
    let nearest = Infinity;
    for (let needle = 0; needle < NEEDLES.length; needle++) {
      const at = this.nextIn(needle, from);
      if (at !== -1 && at < nearest) nearest = at;
    }
    return nearest;
  }

  /** The full look, for a line some needle occurs on. */
  private holdsNothingElse(from: number, to: number): boolean {
    if (this.occursIn(BACKSLASH, from, to) || this.occursIn(NUL, from, to)) return false;
    // One that begins on the line ends on it: the line feed at `to` is no hex digit.
    const percent = this.nextPercentEncoded(from);
    if (percent !== -1 && percent < to) return false;
    if (this.holdsBase64Run(from, to)) return false;
    for (let word = FIRST_KEY_WORD; word < NEEDLES.length; word++) {
      if (this.occursIn(word, from, to - NEEDLES[word]!.length + 1)) return false;
    }
    return true;
  }

  /** The chunk lower-cased, made once when first needed (Latin-1 lower-cases to the same length: offsets hold). */
  private lowerCase(): string {
    this.lower ??= this.text.toLowerCase();
    return this.lower;
  }

  /** Does the needle start somewhere in [from, to)? */
  private occursIn(needle: number, from: number, to: number): boolean {
    const at = this.nextIn(needle, from);
    return at !== -1 && at < to;
  }

  /**
   * The first place the needle occurs at or after `from` (asked with `from` never decreasing per
   * needle): in the chunk, or for a key word in its lower-cased copy (the same offsets).
   */
  private nextIn(needle: number, from: number): number {
    const known = this.next[needle]!;
    if (known === -1 || known >= from) return known;
    const found = this.look();
    const at = found ? found.needleFrom(needle, from) : (needle < FIRST_KEY_WORD ? this.text : this.lowerCase()).indexOf(NEEDLES[needle]!, from);
    this.next[needle] = at;
    return at;
  }

  /** What the module finds in the chunk's bytes, found at the first ask; undefined without bytes or module. */
  private look(): FoundInChunk | undefined {
    if (this.found === undefined && this.bytes !== undefined) {
      const finders = chunkFinders();
      const runs = finders?.base64Runs(this.bytes);
      this.found = finders && runs ? new FoundInChunk(this.text, finders.needles, this.bytes, runs) : undefined;
      if (this.found === undefined) this.bytes = undefined; // look no more in this chunk
    }
    return this.found;
  }
}

/**
 * Where, in one chunk, each needle begins (from the literal filter's candidates, each checked) and
 * where the base64 runs long enough to hide a key lie; asked with `from` never decreasing.
 */
class FoundInChunk {
  private readonly needles: number[][] = NEEDLES.map(() => []);
  private readonly cursors: number[] = NEEDLES.map(() => 0);
  private runCursor = 0;

  constructor(
    text: string,
    filter: LiteralFilter,
    bytes: Uint8Array,
    private readonly runs: number[],
  ) {
    const candidates = filter.search(bytes);
    for (let i = 0; i < candidates; i++) {
      const at = filter.positions[i]!;
      for (let needle = 0; needle < NEEDLES.length; needle++) {
        if (literalAt(text, at, NEEDLE_LITERALS[needle]!)) this.needles[needle]!.push(at);
      }
    }
  }

  needleFrom(needle: number, from: number): number {
    const list = this.needles[needle]!;
    let cursor = this.cursors[needle]!;
    while (cursor < list.length && list[cursor]! < from) cursor++;
    this.cursors[needle] = cursor;
    return cursor < list.length ? list[cursor]! : -1;
  }

  /** As base64RunFrom(text, MIN_ENCODED_KEY_LENGTH, from): a run counts from `from` on. */
  runFrom(from: number): number {
    const runs = this.runs;
    for (; this.runCursor < runs.length; this.runCursor += 2) {
      const begins = Math.max(runs[this.runCursor]!, from);
      if (runs[this.runCursor + 1]! - begins >= MIN_ENCODED_KEY_LENGTH) return begins;
    }
    return -1;
  }
}

/** The earlier of two places, -1 meaning none. */
function earlier(a: number, b: number): number {
  return a === -1 ? b : b === -1 ? a : Math.min(a, b);
}

/** What onlyContext searches for: characters in the chunk, then KEY_WORDS in its lower-cased copy. */
const NEEDLES = ["\\", "\0", "%", ...KEY_WORDS];
const [BACKSLASH, NUL, FIRST_KEY_WORD] = [0, 1, 3]; // (`%` only tells where to look: see nextPercentEncoded)

/** The needles as the literal filter takes them: each a bucket of its own (a family), so that its candidates are few. */
const NEEDLE_LITERALS: Literal[] = NEEDLES.map((text, needle) => ({ text, anyCase: needle >= FIRST_KEY_WORD, family: text }));

/** The module's finders for the gate, made at first use; null where the module cannot run. */
let finders: { needles: LiteralFilter; base64Runs: RunFinder } | null | undefined;

function chunkFinders(): typeof finders {
  if (finders === undefined) {
    const needles = LiteralFilter.forLiterals(NEEDLE_LITERALS);
    const base64Runs = runFinder(isBase64Char);
    // (The finder lists every run of SURE_RUN or more; the gate's runs are longer.)
    finders = needles && base64Runs && MIN_ENCODED_KEY_LENGTH >= SURE_RUN ? { needles, base64Runs } : null;
  }
  return finders;
}
