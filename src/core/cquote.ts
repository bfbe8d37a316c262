/**
 * Git writes a path in a patch header C-quoted when it holds a control character, `"` or `\`
 * (and, unless core.quotepath=off, any byte above 0x7f):
 *
 *   +++ "b/new\nline.txt"        +++ "b/q\"uote.txt"        +++ "b/caf\303\251.txt"
 *
 * Unquoted paths that contain a space get a trailing TAB (for GNU patch): `+++ b/sp ace.txt\t`.
 */

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  "\\": 0x5c,
};

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

/** The path in a `--- `/`+++ ` header after the prefix, exactly as stored in the repository. */
export function parseHeaderPath(field: string): string {
  if (!field.startsWith('"')) return field.endsWith("\t") ? field.slice(0, -1) : field;
  return unquoteC(field);
}

/** Undo git's C-style quoting (`quote_c_style` in git's quote.c). Octal escapes are raw bytes. */
export function unquoteC(quoted: string): string {
  const end = quoted.lastIndexOf('"');
  const body = quoted.slice(1, end > 0 ? end : undefined);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\") {
      for (const byte of encoder.encode(ch)) bytes.push(byte);
      // a surrogate pair is two UTF-16 units but one character: encode it whole
      if (ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdbff && i + 1 < body.length) {
        bytes.length -= 3;
        for (const byte of encoder.encode(body.slice(i, i + 2))) bytes.push(byte);
        i++;
      }
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      bytes.push(parseInt(octal, 8) & 0xff);
      i += octal.length;
    } else {
      bytes.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}
