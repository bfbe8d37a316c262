/**
 * Decoders for the ways keys get committed in disguise: JSON string escapes (Jupyter notebooks),
 * base64 (Kubernetes `Secret` data, CI variables) and percent-encoding (URL query strings).
 * Each returns the decoded text, or null when the input does not decode to anything new.
 */

const JSON_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** A JSON string escape; each one decodes to exactly one UTF-16 unit. */
const JSON_ESCAPE = /\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g;
/** A percent escape; each one decodes to exactly one character. */
const PERCENT_ESCAPE = /%([0-9a-fA-F]{2})/g;

/** Undo JSON string escapes anywhere on the line (a notebook line is a JSON string literal). */
export function unescapeJson(text: string): string | null {
  if (text.indexOf("\\") === -1) return null;
  const decoded = text.replace(JSON_ESCAPE, (_m, escape: string) =>
    escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : JSON_ESCAPES[escape]!,
  );
  return decoded === text ? null : decoded;
}

/** Decode `%XX` sequences; malformed ones stay as they are (no throw, unlike decodeURIComponent). */
export function decodePercent(text: string): string | null {
  if (text.indexOf("%") === -1) return null;
  const decoded = text.replace(PERCENT_ESCAPE, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  return decoded === text ? null : decoded;
}

/** Maps indexes of `unescapeJson(raw)` to where those characters start on `raw`. */
export function jsonRawIndexer(raw: string): (index: number) => number {
  return rawIndexer(raw, JSON_ESCAPE);
}

/** Maps indexes of `decodePercent(raw)` to where those characters start on `raw`. */
export function percentRawIndexer(raw: string): (index: number) => number {
  return rawIndexer(raw, PERCENT_ESCAPE);
}

/**
 * Map indexes in a decoded reading back to the raw text, for decoders where every escape matched by
 * `escapes` becomes one character and everything else stays as it is. A finding's column must point
 * at the key as committed (`pcsk%5F…` starts at the `p`), not at where it sits once decoded.
 *
 * Findings come in increasing order, so the walk resumes where the last lookup stopped: restarting
 * from the start of the line for each of thousands of findings on a megabyte line is quadratic.
 */
function rawIndexer(raw: string, escapes: RegExp): (index: number) => number {
  const pattern = new RegExp(escapes.source, "g");
  let rawAt = 0; // start of the plain text not yet walked past
  let decodedAt = 0; // its index in the decoded reading
  let next = pattern.exec(raw); // the first escape not yet walked past
  return (index) => {
    if (index < decodedAt) {
      rawAt = 0;
      decodedAt = 0;
      pattern.lastIndex = 0;
      next = pattern.exec(raw);
    }
    while (next) {
      const plainLength = next.index - rawAt;
      if (decodedAt + plainLength > index) break; // the character is plain text before this escape
      if (decodedAt + plainLength === index) return next.index; // the character is this escape
      decodedAt += plainLength + 1;
      rawAt = next.index + next[0].length;
      next = pattern.exec(raw);
    }
    return rawAt + (index - decodedAt);
  };
}

/**
 * The three base64 spellings of `needle` (one per byte alignment), keeping only the characters that
 * depend on the needle alone. Finding any of them in a line is a cheap sign that decoding may pay.
 */
export function base64Needles(needle: string): string[] {
  const needles: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = btoa("\0".repeat(offset) + needle + "\0\0\0");
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + needle.length) * 8) / 6);
    needles.push(encoded.slice(start, end));
  }
  return needles;
}

/**
 * Runs of base64 (or base64url). Only runs long enough to hold a legacy key (36 chars → 48 encoded)
 * are decoded; the length is checked in code because a `{48,}` quantifier makes V8 overflow its
 * regexp backtrack stack (RangeError) on a run of about 10 MB, a size a single line of an embedded
 * image or font reaches. A plain `+` is matched without backtrack state.
 */
const BASE64_RUN = /[A-Za-z0-9+/_-]+={0,2}/g;
/**
 * No rule's key is shorter than this in base64 (a legacy key's 36 characters are 48): a shorter run
 * is never decoded, and a line without a longer one has nothing encoded worth reading (ContextGate).
 */
export const MIN_ENCODED_KEY_LENGTH = 48;

export interface Base64Token {
  /** 0-based index of the encoded token on the line. */
  index: number;
  decoded: string;
}

/**
 * Decode every long base64 run on the line whose result is printable text. Runs longer than
 * `maxLength` are skipped undecoded (decoding a megabyte run costs; a short one does not).
 */
export function decodeBase64Tokens(text: string, maxLength = Infinity): Base64Token[] {
  const tokens: Base64Token[] = [];
  if (!hasBase64Run(text, MIN_ENCODED_KEY_LENGTH)) return tokens;
  BASE64_RUN.lastIndex = 0;
  for (let match = BASE64_RUN.exec(text); match; match = BASE64_RUN.exec(text)) {
    if (match[0].length < MIN_ENCODED_KEY_LENGTH || match[0].length > maxLength) continue;
    const raw = match[0].replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
    // atob accepts unpadded input only at lengths that are not 1 mod 4
    const usable = raw.length % 4 === 1 ? raw.slice(0, -1) : raw;
    let decoded: string;
    try {
      decoded = atob(usable);
    } catch {
      continue;
    }
    // eslint-disable-next-line no-control-regex -- tab, newline and CR are the printable text wanted here
    if (/^[\x09\x0a\x0d\x20-\x7e]+$/.test(decoded)) tokens.push({ index: match.index, decoded });
  }
  return tokens;
}

/**
 * Does the text hold a run of at least `length` base64 (or base64url) characters? Most lines of code
 * have no such run, and this answers without the regex above (which stops at every word) or any
 * allocation. It looks at the last character of each window of `length` characters first and reads
 * backwards: a character outside the alphabet there rules out every run starting at or before it,
 * so a line of ordinary code is dismissed after a few characters, not all of them. `from` and `to`:
 * only that part of the text (a line of a chunk, read in place).
 */
export function hasBase64Run(text: string, length: number, from = 0, to = text.length): boolean {
  return base64RunFrom(text, length, from, to) !== -1;
}

/** Where the first run of at least `length` base64 characters in [from, to) begins, or -1 (see hasBase64Run). */
export function base64RunFrom(text: string, length: number, from = 0, to = text.length): number {
  let start = from; // where a run could still begin
  while (start + length <= to) {
    let i = start + length - 1;
    while (i >= start && isBase64Char(text.charCodeAt(i))) i--;
    if (i < start) return start;
    start = i + 1;
  }
  return -1;
}

/**
 * The first percent-encoded byte (`%3D`, `%22`; printf's `%d` and `%.2f` are not) at or after
 * `from`, or -1. Found with indexOf: a regex beginning with `%` and a class is searched by V8 a
 * character at a time (64 ms over 50 MB of code against a few for this).
 */
export function percentEncodedAt(text: string, from: number): number {
  for (let at = text.indexOf("%", from); at !== -1; at = text.indexOf("%", at + 1)) {
    if (at + 2 < text.length && isHexDigit(text.charCodeAt(at + 1)) && isHexDigit(text.charCodeAt(at + 2))) return at;
  }
  return -1;
}

/** A hexadecimal digit's character code, in either case. */
export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/**
 * The base64 and base64url alphabets (A-Z a-z 0-9 + / - _), as a table by character code: a lookup
 * is a quarter faster than the comparisons, on the scan's hottest loop in "pinecone"-dense code.
 */
const BASE64_CHARS = new Uint8Array(128).map((_, c) => (/[A-Za-z0-9+/_-]/.test(String.fromCharCode(c)) ? 1 : 0));

export function isBase64Char(c: number): boolean {
  return c < 128 && BASE64_CHARS[c] === 1;
}

/**
 * A line as part of a text, looked at in place (the rules' LineLook): a whole line, or a line inside
 * a chunk of git's output. One class for both, so the rules' calls through it stay monomorphic.
 */
export class TextSpan {
  text = "";
  from = 0;
  to = 0;

  /** Look at [from, to) of `text` from now on. */
  set(text: string, from: number, to: number): this {
    this.text = text;
    this.from = from;
    this.to = to;
    return this;
  }

  holdsBase64Run(length: number): boolean {
    return hasBase64Run(this.text, length, this.from, this.to);
  }
}
