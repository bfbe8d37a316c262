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

/** Undo JSON string escapes anywhere on the line (a notebook line is a JSON string literal). */
export function unescapeJson(text: string): string | null {
  if (text.indexOf("\\") === -1) return null;
  const decoded = text.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (_m, escape: string) =>
    escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : JSON_ESCAPES[escape]!,
  );
  return decoded === text ? null : decoded;
}

/** Decode `%XX` sequences; malformed ones stay as they are (no throw, unlike decodeURIComponent). */
export function decodePercent(text: string): string | null {
  if (text.indexOf("%") === -1) return null;
  const decoded = text.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  return decoded === text ? null : decoded;
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

/** Runs of base64 (or base64url) long enough to hold a legacy key (36 chars → 48 encoded). */
const BASE64_RUN = /[A-Za-z0-9+/_-]{48,}={0,2}/g;

export interface Base64Token {
  /** 0-based index of the encoded token on the line. */
  index: number;
  decoded: string;
}

/** Decode every long base64 run on the line whose result is printable text. */
export function decodeBase64Tokens(text: string): Base64Token[] {
  const tokens: Base64Token[] = [];
  BASE64_RUN.lastIndex = 0;
  for (let match = BASE64_RUN.exec(text); match; match = BASE64_RUN.exec(text)) {
    const raw = match[0].replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
    // atob accepts unpadded input only at lengths that are not 1 mod 4
    const usable = raw.length % 4 === 1 ? raw.slice(0, -1) : raw;
    let decoded: string;
    try {
      decoded = atob(usable);
    } catch {
      continue;
    }
    if (/^[\x09\x0a\x0d\x20-\x7e]+$/.test(decoded)) tokens.push({ index: match.index, decoded });
  }
  return tokens;
}
