/**
 * A static check that a team's custom regex cannot backtrack catastrophically. JavaScript's regex
 * engine backtracks, so `(a+)+$` on a line of a's takes exponential time and would stall every
 * commit. We reject the constructs that cause it, before the regex ever runs:
 * - a repeated group that itself contains a quantifier (`(a+)+`, `(\w*\s?)*`, `(?:ab+){2,}`);
 * - a repeated group with alternatives (`(a|ab)*`), which can match the same text several ways;
 * - backreferences (`\1`, `\k<name>`), which make matching NP-hard in general;
 * - two unbounded repetitions in a row that can share characters, with something after them that
 *   can fail (`\w+_\w+;`, `.*=.*;`, `\w*\w*x`): each start position then tries every way of
 *   splitting the text between them, cubic time overall (a 128 KB line took minutes).
 * An optional group (`(?:https?://)?`) is not a repetition: it matches at most once.
 * What passes is at most quadratic: one unbounded repetition tried from every start position. The
 * detector also bounds the text a custom rule sees at a time (CUSTOM_RULE_WINDOW), which keeps that
 * quadratic term small on a minified megabyte line.
 */

/** Bounded repetitions wider than this count as unbounded: `{0,1000}` costs what `*` does. */
const WIDE_RANGE = 255;

/** A set of characters, exact for ASCII; every non-ASCII character is one bucket (`other`). */
class CharSet {
  private readonly bits = new Uint32Array(4);
  other = false;

  static of(...codes: number[]): CharSet {
    const set = new CharSet();
    for (const code of codes) set.add(code);
    return set;
  }

  static range(lo: number, hi: number): CharSet {
    const set = new CharSet();
    for (let code = lo; code <= Math.min(hi, 127); code++) set.add(code);
    if (hi > 127) set.other = true;
    return set;
  }

  static any(): CharSet {
    return new CharSet().complement();
  }

  add(code: number): this {
    if (code > 127) this.other = true;
    else this.bits[code >> 5]! |= 1 << (code & 31);
    return this;
  }

  has(code: number): boolean {
    return code > 127 ? this.other : (this.bits[code >> 5]! & (1 << (code & 31))) !== 0;
  }

  addAll(other: CharSet): this {
    for (let i = 0; i < 4; i++) this.bits[i]! |= other.bits[i]!;
    this.other ||= other.other;
    return this;
  }

  /** Everything not in the set; non-ASCII counts as in it (we cannot tell, so assume overlap). */
  complement(): this {
    for (let i = 0; i < 4; i++) this.bits[i] = ~this.bits[i]! >>> 0;
    this.other = true;
    return this;
  }

  intersect(other: CharSet): CharSet {
    const out = new CharSet();
    for (let i = 0; i < 4; i++) out.bits[i] = (this.bits[i]! & other.bits[i]!) >>> 0;
    out.other = this.other && other.other;
    return out;
  }

  isEmpty(): boolean {
    return !this.other && this.bits.every((word) => word === 0);
  }

  /** With the `i` flag: each ASCII letter matches its other case too. */
  caseFolded(): CharSet {
    const out = new CharSet().addAll(this);
    for (let code = 65; code <= 90; code++) {
      if (this.has(code) || this.has(code + 32)) out.add(code).add(code + 32);
    }
    return out;
  }
}

const DIGITS = CharSet.range(48, 57);
const WORD = CharSet.range(48, 57).addAll(CharSet.range(65, 90)).addAll(CharSet.range(97, 122)).add(95);
const SPACE = CharSet.of(9, 10, 11, 12, 13, 32).add(160);

type Node =
  | { kind: "chars"; set: CharSet; min: number; max: number; end: number }
  | { kind: "assert"; end: number }
  | { kind: "group"; alternatives: Node[][]; lookaround: boolean; min: number; max: number; end: number };

class Parser {
  private i = 0;
  backreference = false;

  constructor(
    private readonly source: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node[][] {
    const alternatives = this.alternatives();
    return alternatives;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.i + offset];
  }

  private alternatives(): Node[][] {
    const alternatives: Node[][] = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      alternatives.push(this.sequence());
    }
    return alternatives;
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    while (this.i < this.source.length && this.peek() !== "|" && this.peek() !== ")") nodes.push(this.term());
    return nodes;
  }

  private term(): Node {
    const ch = this.source[this.i++]!;
    let node: Node;
    if (ch === "(") {
      let lookaround = false;
      if (this.peek() === "?") {
        const rest = this.source.slice(this.i + 1, this.i + 3);
        if (rest.startsWith(":")) this.i += 2;
        else if (rest.startsWith("=") || rest.startsWith("!")) {
          this.i += 2;
          lookaround = true;
        } else if (rest === "<=" || rest === "<!") {
          this.i += 3;
          lookaround = true;
        } else if (rest.startsWith("<")) this.i = this.source.indexOf(">", this.i) + 1; // (?<name>
      }
      const alternatives = this.alternatives();
      if (this.peek() === ")") this.i++;
      node = { kind: "group", alternatives, lookaround, min: 1, max: 1, end: this.i };
    } else if (ch === "^" || ch === "$") {
      node = { kind: "assert", end: this.i };
    } else if (ch === "\\" && (this.peek() === "b" || this.peek() === "B")) {
      this.i++;
      node = { kind: "assert", end: this.i };
    } else {
      let set: CharSet;
      if (ch === ".") set = CharSet.any();
      else if (ch === "[") set = this.characterClass();
      else if (ch === "\\") set = this.escape(false);
      else set = CharSet.of(this.codePointBefore());
      node = { kind: "chars", set: this.ignoreCase ? set.caseFolded() : set, min: 1, max: 1, end: this.i };
    }
    return this.quantified(node);
  }

  /** The code point of the character just consumed (a surrogate pair is one character). */
  private codePointBefore(): number {
    const code = this.source.codePointAt(this.i - 1)!;
    if (code > 0xffff) this.i++;
    return code;
  }

  private quantified(node: Node): Node {
    let min: number;
    let max: number;
    const ch = this.peek();
    if (ch === "*" || ch === "+" || ch === "?") {
      min = ch === "+" ? 1 : 0;
      max = ch === "?" ? 1 : Infinity;
      this.i++;
    } else if (ch === "{") {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (!braces) return node; // a literal `{` (without the u flag)
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === "" ? Infinity : Number(braces[3]);
      this.i += braces[0].length;
    } else return node;
    if (this.peek() === "?") this.i++; // lazy: same cost when the rest fails
    if (node.kind === "assert") return { ...node, end: this.i };
    return { ...node, min: node.min * min, max: node.max * max, end: this.i };
  }

  /** After `\`: a class escape, a character escape, or a backreference (recorded). */
  private escape(inClass: boolean): CharSet {
    const ch = this.source[this.i++];
    switch (ch) {
      case "d":
        return new CharSet().addAll(DIGITS);
      case "D":
        return new CharSet().addAll(DIGITS).complement();
      case "w":
        return new CharSet().addAll(WORD);
      case "W":
        return new CharSet().addAll(WORD).complement();
      case "s":
        return new CharSet().addAll(SPACE);
      case "S":
        return new CharSet().addAll(SPACE).complement();
      case "p":
      case "P": // a Unicode property: assume it can match anything
        if (this.peek() === "{") this.i = this.source.indexOf("}", this.i) + 1;
        return CharSet.any();
      case "n":
        return CharSet.of(10);
      case "r":
        return CharSet.of(13);
      case "t":
        return CharSet.of(9);
      case "v":
        return CharSet.of(11);
      case "f":
        return CharSet.of(12);
      case "b": // only inside a class: backspace
        return CharSet.of(8);
      case "0":
        return CharSet.of(0);
      case "c": {
        const letter = this.peek();
        if (letter && /[A-Za-z]/.test(letter)) {
          this.i++;
          return CharSet.of(letter.charCodeAt(0) % 32);
        }
        return CharSet.of(92);
      }
      case "x": {
        const hex = /^[0-9A-Fa-f]{2}/.exec(this.source.slice(this.i));
        if (!hex) return CharSet.of(120);
        this.i += 2;
        return CharSet.of(parseInt(hex[0], 16));
      }
      case "u": {
        const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.source.slice(this.i));
        const hex = braced ?? /^[0-9A-Fa-f]{4}/.exec(this.source.slice(this.i));
        if (!hex) return CharSet.of(117);
        this.i += hex[0].length;
        return CharSet.of(parseInt(braced ? braced[1]! : hex[0], 16));
      }
      case "k":
        if (!inClass && this.peek() === "<") {
          this.backreference = true;
          this.i = this.source.indexOf(">", this.i) + 1;
          return CharSet.any();
        }
        return CharSet.of(107);
      case undefined:
        return CharSet.of(92);
      default:
        if (/[1-9]/.test(ch)) {
          this.backreference = true;
          while (/[0-9]/.test(this.peek() ?? "")) this.i++;
          return CharSet.any();
        }
        return CharSet.of(this.codePointBefore());
    }
  }

  /** After `[`: the class up to its `]`, with ranges and negation. */
  private characterClass(): CharSet {
    const negated = this.peek() === "^";
    if (negated) this.i++;
    const set = new CharSet();
    while (this.i < this.source.length && this.peek() !== "]") {
      const [lo, loSet] = this.classAtom();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined && lo !== undefined) {
        this.i++;
        const [hi, hiSet] = this.classAtom();
        if (hi !== undefined) set.addAll(CharSet.range(lo, hi));
        else set.addAll(loSet).add(45).addAll(hiSet);
      } else set.addAll(loSet);
    }
    this.i++; // the `]`
    return negated ? set.complement() : set;
  }

  /** One class member: its code point when it is a single character (a range end), and its set. */
  private classAtom(): [number | undefined, CharSet] {
    const ch = this.source[this.i++]!;
    if (ch !== "\\") {
      const code = this.codePointBefore();
      return [code, CharSet.of(code)];
    }
    const isClassEscape = /[dDwWsSpP]/.test(this.peek() ?? "");
    const set = this.escape(true);
    return [isClassEscape ? undefined : firstCode(set), set];
  }
}

function firstCode(set: CharSet): number | undefined {
  for (let code = 0; code < 128; code++) if (set.has(code)) return code;
  return set.other ? 128 : undefined;
}

function containsQuantifier(nodes: Node[][]): boolean {
  return nodes.some((sequence) =>
    sequence.some((node) => (node.kind !== "assert" && (node.min !== 1 || node.max !== 1)) || (node.kind === "group" && containsQuantifier(node.alternatives))),
  );
}

function containsAlternation(nodes: Node[][]): boolean {
  return (
    nodes.length > 1 ||
    nodes.some((sequence) => sequence.some((node) => node.kind === "group" && containsAlternation(node.alternatives)))
  );
}

/** Every character a group's content can consume (for a repeated group, which holds no nesting). */
function charsOf(nodes: Node[][]): CharSet {
  const set = new CharSet();
  for (const sequence of nodes) {
    for (const node of sequence) {
      if (node.kind === "chars") set.addAll(node.set);
      else if (node.kind === "group" && !node.lookaround) set.addAll(charsOf(node.alternatives));
    }
  }
  return set;
}

function isWide(min: number, max: number): boolean {
  return max === Infinity || max - min > WIDE_RANGE;
}

/**
 * An unbounded repetition met earlier on some path, and the characters every mandatory step since
 * then consumes. A later unbounded repetition sharing a character with it, where each step between
 * could also take a shared character, can split the same text between them in many ways.
 */
interface Candidate {
  set: CharSet;
  between: CharSet[];
}

class Unsafe extends Error {}

function ambiguous(candidate: Candidate, set: CharSet): boolean {
  const shared = candidate.set.intersect(set);
  return !shared.isEmpty() && candidate.between.every((step) => !step.intersect(shared).isEmpty());
}

/** Walk one sequence; returns the candidates still open after it. Throws Unsafe on a bad chain. */
function walk(sequence: Node[], open: Candidate[], source: string): Candidate[] {
  let candidates = open;
  for (const node of sequence) {
    if (node.kind === "assert") continue;
    if (node.kind === "group" && node.lookaround) {
      for (const alternative of node.alternatives) walk(alternative, [], source);
      continue;
    }
    if (node.kind === "group" && node.max <= 1) {
      const out: Candidate[] = node.min === 0 ? [...candidates] : [];
      for (const alternative of node.alternatives) for (const candidate of walk(alternative, candidates, source)) out.push(candidate);
      candidates = dedupe(out);
      continue;
    }
    // A character step, or a repeated group treated as one (its content holds no nesting).
    const set = node.kind === "chars" ? node.set : charsOf(node.alternatives);
    const min = node.min;
    const wide = isWide(min, node.max);
    if (wide && candidates.some((candidate) => ambiguous(candidate, set)) && canFailAfter(source, node.end)) {
      throw new Unsafe();
    }
    const next: Candidate[] = [];
    for (const candidate of candidates) {
      if (min === 0) next.push(candidate);
      else if (!candidate.set.intersect(set).isEmpty()) next.push({ set: candidate.set, between: [...candidate.between, set] });
    }
    if (wide) next.push({ set, between: [] });
    candidates = dedupe(next);
  }
  return candidates;
}

/**
 * Whether anything follows position `end` but the closing of groups: a chain at the very end of the
 * pattern succeeds on its first split (greedy), so only a chain with something after it can fail
 * and make the engine try every split.
 */
function canFailAfter(source: string, end: number): boolean {
  return source.slice(end).replace(/\)(?:[*+?]|\{\d+(?:,\d*)?\})?\??/g, "") !== "";
}

/** More candidates than this are merged (see dedupe). */
const MAX_CANDIDATES = 32;

/**
 * Alternatives can double the candidates at every group (`.*(?:a|b)(?:a|b)…`: 2^n paths);
 * identical ones are kept once, and past MAX_CANDIDATES those of one repetition are merged into
 * one that forgets the steps since it. Forgetting steps only makes a later chain look ambiguous
 * sooner: the check stays on the safe side, and stays fast.
 */
function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  const unique = candidates.filter((candidate) => {
    const key = [candidate.set, ...candidate.between].map(signature).join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length <= MAX_CANDIDATES) return unique;
  const merged = new Map<string, Candidate>();
  for (const candidate of unique) merged.set(signature(candidate.set), { set: candidate.set, between: [] });
  return [...merged.values()];
}

function signature(set: CharSet): string {
  let out = set.other ? "+" : "-";
  for (let code = 0; code < 128; code++) out += set.has(code) ? "1" : "0";
  return out;
}

/** The first nesting problem in the tree, if any. */
function nestingProblem(nodes: Node[][]): string | null {
  for (const sequence of nodes) {
    for (const node of sequence) {
      if (node.kind !== "group") continue;
      const repeated = node.max > 1;
      if (repeated && containsQuantifier(node.alternatives)) return "a repeated group contains a repetition, e.g. (a+)+";
      if (repeated && containsAlternation(node.alternatives)) return "a repeated group contains alternatives, e.g. (a|ab)*";
      const inner = nestingProblem(node.alternatives);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * Null when safe, else why not. Assumes `source` already compiled with `flags` (syntax errors are
 * caught first); only the `i` flag matters here.
 */
export function unsafeRegexReason(source: string, flags = ""): string | null {
  const parser = new Parser(source, flags.includes("i"));
  const tree = parser.parse();
  if (parser.backreference) return "backreferences (\\1, \\k<name>) can take exponential time";
  const nesting = nestingProblem(tree);
  if (nesting) return nesting;
  try {
    for (const alternative of tree) walk(alternative, [], source);
  } catch (error) {
    if (!(error instanceof Unsafe)) throw error;
    return (
      "two unbounded repetitions in a row can take the same characters, e.g. \\w+_\\w+; or .*=.*; " +
      "(exclude what follows from the first, as in [^=]*=, or bound one, as in {1,64})"
    );
  }
  return null;
}
