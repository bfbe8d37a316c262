import type { CustomRule } from "./config.js";
import { base64Needles } from "./decode.js";
import { NAME_WINDOW } from "./detector.js";

/**
 * The cheap pass that keeps a 50 MB diff fast: before any line is split, each chunk of git's output
 * is searched as a whole for the few things that can matter, and their offsets are remembered.
 * A line holding none of them (nearly every line of real code) skips the detector's regexes.
 *
 * What counts as a mark, and why that is enough:
 * - `pcsk` (current keys, also JSON-escaped `\"pcsk_…` and percent-encoded `pcsk%5F…`);
 * - `pinecone` in any case, and the legacy environment suffixes `-gcp`, `-aws`, `-azure`,
 *   `gcp-starter` (the context that makes a nearby UUID a key);
 * - `pinekey-allow` (allow comments);
 * - `pcsk` and `pinecone` in UTF-16 (a NUL after each character);
 * - the base64 spellings of `pcsk_`, `pinecone` and `PINECONE` (encoded keys);
 * - a UUID (found by its dashes, 5 characters apart) preceded by a name that may be a key's, or
 *   with a backslash or a percent-encoded byte (`%3D`) in the NAME_WINDOW characters before it
 *   (escaped or percent-encoded text can hide the name from the raw reading); ordinary ids, which
 *   fill lock files and notebooks, are not marks;
 * - custom rules' keywords (a custom rule without keywords marks every line).
 * Anything else a line needs is decided near these marks: the detector also fully reads the few
 * lines after a Pinecone context line (short base64 values) and lines while a candidate is pending.
 *
 * A mark split across two chunks is found by searching the junction: the last TAIL characters of
 * the previous chunk with the first TAIL of the next. Offsets are counted in characters from the
 * start of the output, as DiffParser reports line positions. A big chunk is searched in place, not
 * glued to the tail: gluing copied every chunk once more (50 MB of copying for a 50 MB diff).
 */
const TAIL = 160; // longer than a UUID plus the 80 characters read for its name
/** How far into a text a UUID's first dash must be for its name to be read from that text alone. */
const UUID_NAME_REACH = 8 + NAME_WINDOW;

const LITERALS = ["pcsk", "pinekey-allow", "-gcp", "-aws", "-azure", "gcp-starter", "pinecone"];
/** UTF-16 spellings, searched only in chunks holding a NUL at all (an alternative costs every chunk). */
const UTF16_MARKS = /p\0c\0s\0k|p\0i\0n\0e\0c\0o\0n\0e/gi;
const BASE64_SIGNS = [...base64Needles("pcsk_"), ...base64Needles("pinecone"), ...base64Needles("PINECONE")];
/**
 * One pass for all literal marks: the words in any case, the base64 signs exactly (base64 is case
 * sensitive, and so is the detector's own test for them). Case is spelled out per letter (`[pP]`)
 * rather than with the `i` flag, which would make every base64 sign case-insensitive too: that
 * regex took 54 ms over 50 MB against 36 ms for this one, measured side by side.
 */
const MARKS = new RegExp([...LITERALS.map(anyCase), ...BASE64_SIGNS].join("|"), "g");

function anyCase(word: string): string {
  return [...word].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c === "-" ? "\\-" : c)).join("");
}
/**
 * Longer than any literal mark (UTF-16 `pinecone` is 15 characters). A literal is reported by where
 * its match ends (see search), so the junction takes those ending within this reach of its tail:
 * every mark that starts in the tail is among them.
 */
const LONGEST_MARK = 16;
/**
 * Does the name before the UUID that starts at lastIndex (the regex is sticky) end in y, n or t? A
 * cheap superset of the detector's name test (nameBeforeValue + uuidNaming): every generic key name
 * ends in `key`, `token` or `secret`, and what may stand between a name and its value is read as
 * nameBeforeValue reads it: closing quotes or bracket, spaces, an assignment (`=`, `:`, `,`, `:=`,
 * `=>`), spaces, an opening quote, spaces. Pinecone key names and client constructors are left out
 * on purpose: they hold the word `pinecone`, which is a mark of its own. A lookbehind, so V8 reads
 * the few characters backwards in native code: the same test in JavaScript, run for every UUID of a
 * data file, was one of the larger pieces V8 had to compile while the scan warmed up.
 *
 * Linear on any input: no two `\s*` may stand side by side. Written as the name reads,
 * `\s* (:= | => | [:=,])? \s* ["'`]? \s*` has three runs of spaces that meet when the assignment and
 * the quote are absent, and the backtracking engine tried every way to share a run of n spaces
 * among them: n³ steps (a Markdown table padded to 4,000 columns took 408 s). Here each optional
 * part carries its own run of spaces, so a run can only end at the one non-space before it.
 */
const KEY_NAME_BEFORE = /(?<=[yntYNT]["'\]]*\s*(?:(?::=|=>|[:=,])\s*)?(?:["'`]\s*)?)/y;
/** A percent-encoded byte (`%3D`, `%22`): printf's `%d` and `%.2f` are not. */
const PERCENT_ENCODED = /%[0-9A-Fa-f]{2}/g;

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** The 8 characters before the dash at `i` and the three groups of 4 after it are hex digits. */
function hexDigitsAround(text: string, i: number): boolean {
  for (let k = i - 8; k < i; k++) if (!isHexDigit(text.charCodeAt(k))) return false;
  for (let group = i + 1; group < i + 15; group += 5) {
    for (let k = group; k < group + 4; k++) if (!isHexDigit(text.charCodeAt(k))) return false;
  }
  return true;
}

export class InterestMarks {
  /** Sorted offsets of marks not yet passed. */
  private marks: number[] = [];
  private cursor = 0;
  private tail = "";
  private consumed = 0;
  /** True when every line must be read (a custom rule without keywords). */
  private readonly everything: boolean;
  private readonly keywords: string[];

  constructor(customRules: readonly CustomRule[] = []) {
    this.everything = customRules.some((rule) => rule.keywords.length === 0);
    this.keywords = [...new Set(customRules.flatMap((rule) => rule.keywords))];
  }

  /** Record the marks of the next chunk (call before the parser sees it). */
  add(chunk: string): void {
    if (this.everything) return;
    let found: number[] = [];
    const tail = this.tail;
    if (chunk.length <= 2 * TAIL) {
      // A small chunk: searched glued to the tail, which is cheap at this size.
      this.search(tail + chunk, this.consumed - tail.length, found, Infinity, 0, Infinity);
    } else {
      // The junction holds the marks that start in the tail (those crossing into this chunk), and
      // the UUIDs too close to the chunk's start for their name to be read from the chunk alone.
      this.search(chunk, this.consumed, found, Infinity, tail.length > 0 ? UUID_NAME_REACH : 0, Infinity);
      if (tail.length > 0) {
        const junction: number[] = [];
        const junctionText = tail + chunk.slice(0, TAIL);
        this.search(junctionText, this.consumed - tail.length, junction, tail.length + LONGEST_MARK, 0, tail.length + UUID_NAME_REACH);
        // Rarely any: its UUIDs may lie among the chunk's first marks, so the two are sorted together.
        if (junction.length > 0) found = [...junction, ...found].sort((a, b) => a - b);
      }
    }

    if (found.length > 0) {
      // Drop what the cursor has passed before adding, so the list stays short.
      if (this.cursor > 0) {
        this.marks = this.marks.slice(this.cursor);
        this.cursor = 0;
      }
      for (const offset of found) this.marks.push(offset);
    }
    this.tail = chunk.length >= TAIL ? chunk.slice(chunk.length - TAIL) : (tail + chunk).slice(-TAIL);
    this.consumed += chunk.length;
  }

  /**
   * Push onto `found`, in increasing order, the offsets (`base` + index) of the marks in `text`:
   * literal marks found before `literalsBefore` (a mark's offset is any place inside it), UUIDs
   * whose first dash lies in [uuidsFrom, uuidsBefore).
   */
  private search(text: string, base: number, found: number[], literalsBefore: number, uuidsFrom: number, uuidsBefore: number): void {
    // `test`, not `exec`: no match array per mark. A match ends at lastIndex, so lastIndex - 1 lies
    // inside it, on the line the mark is on.
    const literals: number[] = [];
    MARKS.lastIndex = 0;
    while (MARKS.test(text) && MARKS.lastIndex - 1 < literalsBefore) literals.push(base + MARKS.lastIndex - 1);
    let unsorted = false;
    if (text.indexOf("\0") !== -1) {
      UTF16_MARKS.lastIndex = 0;
      for (let m = UTF16_MARKS.exec(text); m && m.index < literalsBefore; m = UTF16_MARKS.exec(text)) literals.push(base + m.index);
      unsorted = true;
    }
    if (this.keywords.length > 0) {
      const lower = text.toLowerCase();
      for (const keyword of this.keywords) {
        for (let i = lower.indexOf(keyword); i !== -1 && i < literalsBefore; i = lower.indexOf(keyword, i + 1)) literals.push(base + i);
      }
      unsorted = true;
    }
    if (unsorted) literals.sort((a, b) => a - b);

    const uuids = this.uuidMarks(text, base, uuidsFrom, uuidsBefore);
    // Both lists are sorted: merge them.
    let u = 0;
    for (const offset of literals) {
      while (u < uuids.length && uuids[u]! < offset) found.push(uuids[u++]!);
      found.push(offset);
    }
    while (u < uuids.length) found.push(uuids[u++]!);
  }

  /**
   * The UUIDs that may be keys. A UUID's dashes sit 5 characters apart, 8-4-4-4-12: the first of its
   * four dashes is the one followed by three more. Escapes are looked for only in the window before
   * a UUID whose name says nothing, each search starting at that window and its answer kept for the
   * next UUIDs: the whole text is read at most once for each kind of escape.
   */
  private uuidMarks(text: string, base: number, uuidsFrom: number, uuidsBefore: number): number[] {
    const marks: number[] = [];
    // A first dash needs its three followers inside the text (a UUID cut off at the end is found in
    // the next junction); reading past the end would also deoptimise this loop.
    const last = Math.min(uuidsBefore, text.length - 15);
    let backslash = -2; // the first backslash at or after the current window; -1: none left; -2: not looked for yet
    let percent = -2;
    for (let i = text.indexOf("-", Math.max(8, uuidsFrom)); i !== -1 && i < last; i = text.indexOf("-", i + 1)) {
      if (text.charCodeAt(i + 5) !== 45 || text.charCodeAt(i + 10) !== 45 || text.charCodeAt(i + 15) !== 45) continue;
      // A row of dashes (a Markdown table's rule, an ASCII-art line) has a "first dash" at every
      // position: only hex digits between the dashes make a UUID (its last group may still lie
      // past the text's end; see `last`).
      if (!hexDigitsAround(text, i)) continue;
      const uuidStart = i - 8;
      KEY_NAME_BEFORE.lastIndex = uuidStart;
      if (KEY_NAME_BEFORE.test(text)) {
        marks.push(base + i);
        continue;
      }
      const windowStart = Math.max(0, uuidStart - NAME_WINDOW);
      if (backslash === -2 || (backslash !== -1 && backslash < windowStart)) backslash = text.indexOf("\\", windowStart);
      if (percent === -2 || (percent !== -1 && percent < windowStart)) {
        PERCENT_ENCODED.lastIndex = windowStart;
        percent = PERCENT_ENCODED.test(text) ? PERCENT_ENCODED.lastIndex - 3 : -1;
      }
      if ((backslash !== -1 && backslash < uuidStart) || (percent !== -1 && percent < uuidStart)) marks.push(base + i);
    }
    return marks;
  }

  /**
   * The offset of the first mark at or after `start`, or Infinity: the lines that end before it hold
   * none. Asked in increasing order of `start` (by `holds` too): the cursor only moves forward.
   */
  nextMark(start: number): number {
    if (this.everything) return start;
    const marks = this.marks;
    let cursor = this.cursor;
    while (cursor < marks.length && marks[cursor]! < start) cursor++;
    this.cursor = cursor;
    return cursor < marks.length ? marks[cursor]! : Infinity;
  }

  /**
   * Does the raw line at [start, end) hold a mark? Lines must be asked about in order, which is how
   * the parser emits them.
   */
  holds(start: number, end: number): boolean {
    // `<= end` also covers a `\r`. (With every line marked, nextMark answers `start`.)
    return this.nextMark(start) <= end;
  }
}
