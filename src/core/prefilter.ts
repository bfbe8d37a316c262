import { base64Needles, percentEncodedAt } from "./decode.js";
import { anyCase, exactly } from "./keywords.js";
import { LiteralFilter } from "./literal-filter.js";
import { BUILT_IN_RULES, NAME_WINDOW, type Rule } from "./rules/index.js";

/**
 * The cheap pass that keeps a 50 MB diff fast: before any line is split, each chunk of git's output
 * is searched as a whole for the few things that can matter, and their offsets are remembered.
 * A line holding none of them (nearly every line of real code) skips the detector's regexes.
 *
 * What counts as a mark is built from the rules' keywords (RuleKeywords), so no rule can be
 * forgotten here:
 * - each rule's words in any case, or as written for a rule that says so (`pcsk`, `pckey`; for the
 *   legacy rule `pinecone` and the legacy environment suffixes `-gcp`, `-aws`, `-azure`,
 *   `gcp-starter`, the context that makes a nearby UUID a key; a custom rule's keywords), and
 *   `pinekey-allow` (allow comments) for the engine; a rule's context words (`pinecone`) are kept
 *   apart as notes for a reader that asks, where they are dense (see NOTE_SPACING);
 * - the UTF-16 spellings of the words a rule lists for it (a NUL after each character);
 * - the base64 spellings of the words a rule lists for it (encoded keys);
 * - for a rule that asks (keyNamedUuids), a UUID (found by its dashes, 5 characters apart) preceded
 *   by a name that may be a key's, or passed to a call that may be a Pinecone client's, or with a
 *   backslash, a percent-encoded byte (`%3D`) or a NUL in the NAME_WINDOW characters before it on
 *   its line (escaped, percent-encoded or UTF-16 text can hide the name from the raw reading);
 *   ordinary ids, which fill lock files and notebooks, are not marks;
 * - a custom rule without keywords marks every line.
 * Anything else a line needs is decided near these marks: the detector also fully reads the few
 * lines after a Pinecone context line (short base64 values) and lines while a candidate is pending.
 *
 * A mark split across two chunks is found by searching the junction: the last TAIL characters of
 * the previous chunk with the first TAIL of the next. Offsets are counted in characters from the
 * start of the output, as DiffParser reports line positions. A big chunk is searched in place, not
 * glued to the tail: gluing copied every chunk once more (50 MB of copying for a 50 MB diff). When
 * its bytes come with it (the CLI reads git's output as Latin-1), the literal marks are found by a
 * LiteralFilter over them, each candidate checked by the same regex; otherwise by the regex alone.
 */
/** At least this much of the previous chunk is kept: longer than a UUID plus the 80 characters read for its name. */
const MIN_TAIL = 160;
/** How far into a text a UUID's first dash must be for its name to be read from that text alone. */
const UUID_NAME_REACH = 8 + NAME_WINDOW;
/**
 * Context words are noted (not marked) in a chunk holding at least one per this many characters: a
 * Pinecone line in every few. Ordinary code that uses Pinecone (a line in thirty) is cheaper read.
 */
const NOTE_SPACING = 256;
/** How many characters of a chunk whose notes are unlisted are sampled to judge their density. */
const SAMPLE = 8192;
/** The engine's own mark: allow comments. */
const ENGINE_WORDS = ["pinekey-allow"];

/** What the prefilter searches for, built once per set of keywords. */
interface MarkPlan {
  /** Custom rule without keywords: every line is marked. */
  everything: boolean;
  /**
   * The rules' context words (RuleKeywords.context), lower-cased: a mark ending where one of them ends
   * is that word, a note rather than a mark when notes are asked for.
   */
  context: string[];
  /** One pass for all literal marks (see LiteralMarks). */
  marks: LiteralMarks;
  /**
   * The same without the context words, for chunks where those are dense and found only where asked
   * (see InterestMarks.nextNote). Undefined: no context words.
   */
  marksWithoutContext: LiteralMarks | undefined;
  /**
   * UTF-16 spellings, searched only in chunks holding a NUL at all (an alternative costs every chunk);
   * the sticky copy checks the LiteralFilter's candidates (the marks' filters look for these too).
   */
  utf16: { regex: RegExp; sticky: RegExp } | undefined;
  uuids: boolean;
  /**
   * Longer than any literal mark. A literal is reported by where its match ends (see search), so the
   * junction takes those ending within this reach of its tail: every mark that starts in the tail is
   * among them.
   */
  longestMark: number;
  /** Characters of the previous chunk searched again with the next one (the junction). */
  tail: number;
}

const plans = new Map<string, MarkPlan>();
/**
 * The plan of each set of rules already seen (a Detector's `rules`, the same array for every file it
 * reads): working out the words and their base64 spellings again for each of the 2,000 commit texts
 * of a history scan was 70 ms of it.
 */
const plansByRules = new WeakMap<readonly Rule[], MarkPlan>();

function planFor(rules: readonly Rule[]): MarkPlan {
  let plan = plansByRules.get(rules);
  if (!plan) {
    plan = buildPlan(rules);
    plansByRules.set(rules, plan);
  }
  return plan;
}

function buildPlan(rules: readonly Rule[]): MarkPlan {
  const words = [...new Set([...ENGINE_WORDS, ...rules.flatMap((rule) => (rule.keywords.caseSensitive ? [] : rule.keywords.words))])];
  const exactWords = [...new Set(rules.flatMap((rule) => (rule.keywords.caseSensitive ? rule.keywords.words : [])))];
  const signs = [...new Set(rules.flatMap((rule) => (rule.keywords.base64 ?? []).flatMap(base64Needles)))];
  const utf16 = [...new Set(rules.flatMap((rule) => rule.keywords.utf16 ?? []))];
  const everything = rules.some((rule) => rule.keywords.words.length === 0 && !rule.keywords.keyNamedUuids);
  const uuids = rules.some((rule) => rule.keywords.keyNamedUuids === true);
  const context = [...new Set(rules.flatMap((rule) => rule.keywords.context ?? []))];
  const signature = JSON.stringify([words, exactWords, signs, utf16, everything, uuids, context]);
  let plan = plans.get(signature);
  if (!plan) {
    const longestMark = 1 + Math.max(...words.map((w) => w.length), ...exactWords.map((w) => w.length), ...signs.map((s) => s.length), ...utf16.map((w) => 2 * w.length - 1));
    plan = {
      everything,
      context: context.map((word) => word.toLowerCase()),
      marks: literalMarks(words, exactWords, signs, utf16),
      marksWithoutContext: context.length > 0 ? literalMarks(words.filter((word) => !context.includes(word)), exactWords, signs, utf16) : undefined,
      utf16: utf16.length > 0 ? utf16Marks(utf16) : undefined,
      uuids,
      longestMark,
      tail: Math.max(MIN_TAIL, longestMark),
    };
    if (plans.size > 16) plans.clear();
    plans.set(signature, plan);
  }
  return plan;
}

/**
 * The literal marks: the words in any case, the base64 signs exactly (base64 is case sensitive, and
 * so is the detector's own test for them). One regex for all: case is spelled out per letter (`[pP]`)
 * rather than with the `i` flag, which would make every base64 sign case-insensitive too (that regex
 * took 54 ms over 50 MB against 36 ms for this one, measured side by side). Where the chunk's bytes
 * are at hand, a LiteralFilter finds the few places a mark may begin and the same regex, sticky,
 * checks each: the regex alone tries its alternatives nearly everywhere in base64. The filter looks
 * for the UTF-16 spellings too (in the same pass), checked by their own regex (MarkPlan.utf16).
 */
interface LiteralMarks {
  regex: RegExp;
  /** The regex, sticky: does a mark begin exactly at lastIndex (and which, as the regex would say)? */
  sticky: RegExp;
  filter: LiteralFilter | undefined;
}

function literalMarks(words: string[], exactWords: string[], signs: string[], utf16: string[]): LiteralMarks {
  const source = [...words.map(anyCase), ...[...exactWords, ...signs].map(exactly)].join("|");
  const literals = [
    ...words.map((text) => ({ text, anyCase: true })),
    ...[...exactWords, ...signs].map((text) => ({ text, anyCase: false })),
    ...utf16.map((word) => ({ text: [...word].join("\0"), anyCase: true, family: "utf-16" })),
  ];
  return { regex: new RegExp(source, "g"), sticky: new RegExp(source, "y"), filter: LiteralFilter.forLiterals(literals) };
}

/** The UTF-16 spellings of the words (a NUL after each character but the last), in any case. */
function utf16Marks(words: string[]): { regex: RegExp; sticky: RegExp } {
  const source = words.map((w) => [...w].map(anyCase).join("\\0")).join("|");
  return { regex: new RegExp(source, "g"), sticky: new RegExp(source, "y") };
}

/**
 * Does the name before the UUID that starts at lastIndex (the regex is sticky) end in y, n or t? A
 * cheap superset of the detector's name test (nameBeforeValue + uuidNaming): every generic key name
 * ends in `key`, `token` or `secret`, and what may stand between a name and its value is read as
 * nameBeforeValue reads it: closing quotes, bracket or `?`, spaces, an assignment (`=`, `:`, `,`,
 * `:=`, `=>`) or a call's parenthesis (`setApiKey("`), spaces, an opening quote (`@"` in C#),
 * spaces. The legacy rule's other shapes (annotations, wrappers, elements, fallbacks, name/value
 * pairs) are read only on lines holding one of its words, which are marks. Pinecone key names are
 * left out on purpose: they hold the word `pinecone`, which is a mark of its own (or, where it is
 * a note, the line also holds `api`, `key`, `token` or `secret`, which ContextGate reads). Client
 * constructors, which take a key with no name at all, are CALL_BEFORE's. A lookbehind, so V8 reads
 * the few characters backwards in native code: the same test in JavaScript, run for every UUID of a
 * data file, was one of the larger pieces V8 had to compile while the scan warmed up.
 *
 * Linear on any input: no two `\s*` may stand side by side. Written as the name reads,
 * `\s* (:= | => | [:=,(])? \s* @? ["'`]? \s*` has three runs of spaces that meet when the
 * assignment and the quote are absent, and the backtracking engine tried every way to share a run of
 * n spaces among them: n³ steps (a Markdown table padded to 4,000 columns took 408 s). Here each
 * optional part carries its own run of spaces, so a run can only end at the one non-space before it.
 */
const KEY_NAME_BEFORE = /(?<=[yntYNT]["'\]?]*\s*(?:(?::=|=>|[:=,(])\s*)?(?:(?:@["'`]?|["'`])\s*)?)/y;
/**
 * Is the UUID that starts at lastIndex the argument of a call whose name ends in e, r or g (t, y and
 * n are KEY_NAME_BEFORE's)? The one way a UUID is a key with no key word on its line: a Pinecone
 * client takes the key positionally (`Pinecone("…")`, `new PineconeClient("…")`,
 * `new Pinecone.Builder("…")`), possibly through a wrapper (`Pinecone(SecretStr("…"))`, `str(`,
 * `String(`, `SecureString(`, `Some(`, `Secret(`). Where `pinecone` is a note rather than a mark (see
 * ContextGate), such a line holds nothing else that would have it read. Read as KEY_NAME_BEFORE reads.
 */
const CALL_BEFORE = /(?<=[eErRgG]["'\]?]*\s*\(\s*(?:(?:@["'`]?|["'`])\s*)?)/y;
/**
 * Can KEY_NAME_BEFORE or CALL_BEFORE match before the UUID at `uuidStart`? Both read, right to left,
 * only quotes, `@`, spaces, `:`, `=`, `>`, `,`, `(`, `]` and `?` before reaching the letter a name
 * ends in (y, n, t; e, r, g): so the first character before the UUID that is none of these must be
 * that letter. Most UUIDs are ids (`"id": "…"`, `[("…", vector)]`), and this look spares them the
 * two regexes. A character past ASCII is stepped over (it may be a space to `\s`): in doubt, the
 * regexes decide. Linear: the run read back ends at the character before it, never in another UUID.
 */
function mayBeNamed(text: string, uuidStart: number): boolean {
  let at = uuidStart - 1;
  while (at >= 0 && BETWEEN_NAME_AND_VALUE[Math.min(text.charCodeAt(at), 128)] === 1) at--;
  return at >= 0 && NAME_ENDS[text.charCodeAt(at)] === 1;
}

/** By character code (128: any character past ASCII): what may stand between a name and its UUID. */
const BETWEEN_NAME_AND_VALUE = new Uint8Array(129).map((_, c) => (c === 128 || /[@"'`\s:=>,(\]?]/.test(String.fromCharCode(c)) ? 1 : 0));
/** By character code: the letters a name may end in for KEY_NAME_BEFORE (y, n, t) or CALL_BEFORE (e, r, g). */
const NAME_ENDS = new Uint8Array(128).map((_, c) => (/[yntYNTeErRgG]/.test(String.fromCharCode(c)) ? 1 : 0));

/** Is the NUL at `nul` (after `from`) on the same line as `from`? (A line the text does not end is.) */
function nulOnLine(text: string, from: number, nul: number): boolean {
  const lineEnd = text.indexOf("\n", from);
  return lineEnd === -1 || nul < lineEnd;
}

const NO_MARKS: readonly number[] = [];

export class InterestMarks {
  /** Sorted offsets of marks not yet passed. */
  private marks: number[] = [];
  private cursor = 0;
  /** With notes asked for: sorted offsets of context words not yet passed (see nextNote). */
  private notes: number[] = [];
  private noteCursor = 0;
  private readonly withNotes: boolean;
  /**
   * Where context words are dense (as the last chunk showed), a chunk's notes are not listed: each
   * one was a regex match and a list entry, 1.5 per line of "pinecone"-dense code, while the reader
   * asks about a few lines in each stretch of them (see PatchScanner). They are found where asked
   * (nextNote), with indexOf in the chunk's lower-cased copy. Notes a chunk cannot show alone
   * (crossing from the last chunk, or on a line the last chunk left unfinished) are listed as ever.
   */
  private denseBefore = false;
  /** The current chunk lower-cased, when its notes are found where asked (ContextGate reads it too). */
  lazyLowerCase: string | undefined;
  /** Where the current chunk's first character lies in the output. */
  private lazyBase = 0;
  /** The last ask of lazyNote (-1: none in this chunk) and its answer, the first note at or after it. */
  private lazyFrom = -1;
  private lazyNext = Infinity;
  private tail = "";
  private consumed = 0;
  /** True when every line must be read (a custom rule without keywords). */
  private readonly everything: boolean;
  private readonly plan: MarkPlan;

  /**
   * `rules`: the rules in force (a Detector's `rules`); the built-in ones by default. `notes`: keep
   * the rules' context words apart (nextNote) instead of counting them as marks: a reader that can
   * take a line holding only context words without reading it (PatchScanner) asks for them.
   */
  constructor(rules: readonly Rule[] = BUILT_IN_RULES, options: { notes?: boolean } = {}) {
    this.plan = planFor(rules);
    this.everything = this.plan.everything;
    this.withNotes = (options.notes ?? false) && this.plan.context.length > 0;
  }

  /**
   * Record the marks of the next chunk (call before the parser sees it). `bytes`: the chunk's bytes,
   * where it is their Latin-1 reading (byte i is character i), for the LiteralFilter.
   */
  add(chunk: string, bytes?: Uint8Array): void {
    if (this.everything) return;
    let found: number[] = [];
    let notes: number[] = [];
    const tail = this.tail;
    const TAIL = this.plan.tail;
    // The last chunk's line left unfinished is read with this one: its notes are listed now.
    let carried: number[] = [];
    if (this.lazyLowerCase !== undefined) {
      carried = this.lazyNotesFrom(this.lazyLowerCase.lastIndexOf("\n") + 1);
      this.lazyLowerCase = undefined;
    }
    const lazy = this.denseBefore && chunk.length > 2 * TAIL;
    if (chunk.length <= 2 * TAIL) {
      // A small chunk: searched glued to the tail, which is cheap at this size.
      this.search(tail + chunk, this.consumed - tail.length, found, notes, Infinity, 0, Infinity);
    } else {
      // The junction holds the marks that start in the tail (those crossing into this chunk), and
      // the UUIDs too close to the chunk's start for their name to be read from the chunk alone.
      // (Bytes that are not the chunk's, one per character, would hide marks: then the regex alone.)
      const chunkBytes = bytes !== undefined && bytes.length === chunk.length ? bytes : undefined;
      this.search(chunk, this.consumed, found, lazy ? undefined : notes, Infinity, tail.length > 0 ? UUID_NAME_REACH : 0, Infinity, chunkBytes);
      if (tail.length > 0) {
        const junction: number[] = [];
        const junctionNotes: number[] = [];
        const junctionText = tail + chunk.slice(0, TAIL);
        this.search(junctionText, this.consumed - tail.length, junction, junctionNotes, tail.length + this.plan.longestMark, 0, tail.length + UUID_NAME_REACH);
        // Its UUIDs may lie among the chunk's first marks: the two sorted lists are merged. (In
        // "pinecone"-dense code the junction holds a note nearly every time.)
        if (junction.length > 0) found = mergeSorted(junction, found);
        if (junctionNotes.length > 0) notes = mergeSorted(junctionNotes, notes);
      }
    }
    // (A small chunk's search, glued to the tail, may find some of them again: merged, kept in order.)
    if (carried.length > 0) notes = mergeSorted(carried, notes);

    // Notes pay only where context words are dense: noting a line needs a look at it for everything
    // else a rule reads (ContextGate), searches that cost little per line when spread over hundreds
    // of lines, and more than reading the few lines themselves in ordinary code (a Pinecone line in a
    // hundred). Sparse, they are marks like any other. A chunk whose notes are found where asked is
    // judged by a sample of its first characters.
    if (lazy) {
      this.lazyLowerCase = chunk.toLowerCase(); // Latin-1 lower-cases to the same length: offsets hold
      this.lazyBase = this.consumed;
      this.lazyFrom = -1;
      this.denseBefore = this.sampledDense();
    } else {
      const dense = notes.length * NOTE_SPACING >= chunk.length;
      this.denseBefore = this.withNotes && this.plan.marksWithoutContext !== undefined && dense;
      if (notes.length > 0 && !dense) {
        found = mergeSorted(found, notes);
        notes = [];
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
    if (notes.length > 0) {
      if (this.noteCursor > 0) {
        this.notes = this.notes.slice(this.noteCursor);
        this.noteCursor = 0;
      }
      for (const offset of notes) this.notes.push(offset);
    }
    this.tail = chunk.length >= TAIL ? chunk.slice(chunk.length - TAIL) : (tail + chunk).slice(-TAIL);
    this.consumed += chunk.length;
  }

  /**
   * Push onto `found`, in increasing order, the offsets (`base` + index) of the marks in `text`:
   * literal marks found before `literalsBefore` (a mark's offset is any place inside it), UUIDs
   * whose first dash lies in [uuidsFrom, uuidsBefore). `bytes`: the text's bytes (see add), given
   * only for a whole chunk, where every literal mark counts (`literalsBefore` is Infinity).
   */
  private search(text: string, base: number, found: number[], notes: number[] | undefined, literalsBefore: number, uuidsFrom: number, uuidsBefore: number, bytes?: Uint8Array): void {
    // A match ends at lastIndex, so lastIndex - 1 lies inside it, on the line the mark is on. Without
    // a list for notes, context words are not looked for (they are found where asked: see
    // lazyLowerCase).
    const literals: number[] = [];
    const marks = notes === undefined ? this.plan.marksWithoutContext! : this.plan.marks;
    const context = this.withNotes && notes !== undefined ? this.plan.context : undefined;
    const take = (end: number): void => {
      if (context !== undefined && endsContextWord(context, text, end)) notes!.push(base + end - 1);
      else literals.push(base + end - 1);
    };
    const utf16 = this.plan.utf16 !== undefined && text.indexOf("\0") !== -1 ? this.plan.utf16 : undefined;
    if (bytes !== undefined && marks.filter !== undefined) {
      // The regexes' own answers: the first mark beginning at or after where the last one ended, as
      // the regex would say (its first alternative that matches there), among the filter's candidates.
      const { filter, sticky } = marks;
      const candidates = filter.search(bytes);
      const positions = filter.positions;
      let resume = 0;
      let resumeUtf16 = 0;
      for (let i = 0; i < candidates; i++) {
        const at = positions[i]!;
        if (at >= resume) {
          sticky.lastIndex = at;
          if (sticky.test(text)) {
            resume = sticky.lastIndex;
            take(resume);
          }
        }
        if (utf16 !== undefined && at >= resumeUtf16) {
          utf16.sticky.lastIndex = at;
          if (utf16.sticky.test(text)) {
            resumeUtf16 = utf16.sticky.lastIndex;
            literals.push(base + at);
          }
        }
      }
    } else {
      // `test`, not `exec`: no match array per mark.
      const regex = marks.regex;
      regex.lastIndex = 0;
      while (regex.test(text) && regex.lastIndex - 1 < literalsBefore) take(regex.lastIndex);
      if (utf16 !== undefined) {
        utf16.regex.lastIndex = 0;
        for (let m = utf16.regex.exec(text); m && m.index < literalsBefore; m = utf16.regex.exec(text)) literals.push(base + m.index);
      }
    }
    // UTF-16 marks are noted by where they begin, the others by where they end: in one list, sorted.
    if (utf16 !== undefined) literals.sort((a, b) => a - b);

    const uuids = this.plan.uuids ? this.uuidMarks(text, base, uuidsFrom, uuidsBefore) : NO_MARKS;
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
    let nul = -2; // UTF-16 text: a name read once the NULs are dropped
    for (let i = text.indexOf("-", Math.max(8, uuidsFrom)); i !== -1 && i < last; i = text.indexOf("-", i + 1)) {
      if (text.charCodeAt(i + 5) !== 45 || text.charCodeAt(i + 10) !== 45 || text.charCodeAt(i + 15) !== 45) continue;
      const uuidStart = i - 8;
      if (mayBeNamed(text, uuidStart)) {
        KEY_NAME_BEFORE.lastIndex = uuidStart;
        CALL_BEFORE.lastIndex = uuidStart;
        if (KEY_NAME_BEFORE.test(text) || CALL_BEFORE.test(text)) {
          marks.push(base + i);
          continue;
        }
      }
      // The name is read from the UUID's own line (the detector reads a line at a time): an escape on
      // the line before hides nothing here. (A notebook's output lines each end in `\n",`: every UUID
      // of a result table below one had been read for it.)
      const windowStart = Math.max(0, uuidStart - NAME_WINDOW, text.lastIndexOf("\n", uuidStart - 1) + 1);
      if (backslash === -2 || (backslash !== -1 && backslash < windowStart)) backslash = text.indexOf("\\", windowStart);
      if (percent === -2 || (percent !== -1 && percent < windowStart)) {
        percent = percentEncodedAt(text, windowStart);
      }
      if (nul === -2 || (nul !== -1 && nul < windowStart)) nul = text.indexOf("\0", windowStart);
      if ((backslash !== -1 && backslash < uuidStart) || (percent !== -1 && percent < uuidStart) || (nul !== -1 && nul < uuidStart)) {
        marks.push(base + i);
      } else if (nul !== -1 && nulOnLine(text, i, nul)) {
        // UTF-16 text anywhere on the line: once its NULs are dropped, it may hold the word that lets
        // the legacy rule read this UUID's name in more shapes (`<key>…</key>` then `api-key`).
        marks.push(base + i);
      }
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
   * With notes: the offset of the first context word at or after `start`, or Infinity. Asked in
   * increasing order of `start`, as nextMark is.
   */
  nextNote(start: number): number {
    const notes = this.notes;
    let cursor = this.noteCursor;
    while (cursor < notes.length && notes[cursor]! < start) cursor++;
    this.noteCursor = cursor;
    const listed = cursor < notes.length ? notes[cursor]! : Infinity;
    return this.lazyLowerCase === undefined ? listed : Math.min(listed, this.lazyNote(start));
  }

  /** The current chunk's first context word ending at or after `start` (its notes unlisted), or Infinity. */
  private lazyNote(start: number): number {
    if (this.lazyFrom !== -1 && this.lazyFrom <= start && this.lazyNext >= start) return this.lazyNext;
    const lower = this.lazyLowerCase!;
    const from = Math.max(0, start - this.lazyBase);
    let next = Infinity;
    for (const word of this.plan.context) {
      const at = lower.indexOf(word, from);
      if (at !== -1) next = Math.min(next, this.lazyBase + at + word.length - 1);
    }
    this.lazyFrom = start;
    this.lazyNext = next;
    return next;
  }

  /** The current chunk's notes from `from` (in the chunk) on, in order, as a search would list them. */
  private lazyNotesFrom(from: number): number[] {
    const lower = this.lazyLowerCase!;
    const found: number[] = [];
    for (const word of this.plan.context) {
      for (let at = lower.indexOf(word, from); at !== -1; at = lower.indexOf(word, at + word.length)) found.push(this.lazyBase + at + word.length - 1);
    }
    return this.plan.context.length > 1 ? found.sort((a, b) => a - b) : found;
  }

  /** Are context words dense in the current chunk, judged by its first characters? */
  private sampledDense(): boolean {
    const sample = Math.min(this.lazyLowerCase!.length, SAMPLE);
    let count = 0;
    for (const word of this.plan.context) {
      for (let at = this.lazyLowerCase!.indexOf(word); at !== -1 && at + word.length <= sample; at = this.lazyLowerCase!.indexOf(word, at + word.length)) count++;
    }
    return count * NOTE_SPACING >= sample;
  }

  /**
   * Does the raw line at [start, end) hold a mark (or, with notes, a context word)? Lines must be
   * asked about in order, which is how the parser emits them.
   */
  holds(start: number, end: number): boolean {
    // `<= end` also covers a `\r`. (With every line marked, nextMark answers `start`.)
    return this.nextMark(start) <= end || (this.withNotes && this.nextNote(start) <= end);
  }
}

/** One sorted list of two sorted lists' offsets. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) merged.push(a[i++]!);
  while (j < b.length) merged.push(b[j++]!);
  return merged;
}

/**
 * Does a context word (lower-cased, made of letters) end at `end` of the text, in any case? Compared
 * character by character: on a line of "pinecone"-dense code this runs for nearly every mark.
 */
function endsContextWord(context: readonly string[], text: string, end: number): boolean {
  next: for (const word of context) {
    const start = end - word.length;
    if (start < 0) continue;
    for (let k = word.length - 1; k >= 0; k--) if ((text.charCodeAt(start + k) | 0x20) !== word.charCodeAt(k)) continue next;
    return true;
  }
  return false;
}
