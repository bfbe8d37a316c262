/**
 * Keywords as regular-expression source, shared by the prefilter (which searches git's output for
 * them) and the rules that gate on them, so the two can never disagree about what a keyword matches.
 */

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/;

/** One character in any case: `[pP]`, `\-`, `7`. */
function anyCaseCharacter(c: string): string {
  const lower = c.toLowerCase();
  const upper = c.toUpperCase();
  if (lower === upper) return SPECIAL.test(c) ? `\\${c}` : c;
  const escape = (s: string) => s.replace(/[\\\]^-]/g, (x) => `\\${x}`);
  return `[${escape(lower)}${escape(upper)}]`;
}

/**
 * The word in any case, as regex source. Case is spelled out per letter (`[pP]`) rather than with the
 * `i` flag so it can share one regex with exact-case needles (base64 is case sensitive).
 */
export function anyCase(word: string): string {
  return [...word].map(anyCaseCharacter).join("");
}

/** The word exactly, as regex source. */
export function exactly(word: string): string {
  return [...word].map((c) => (SPECIAL.test(c) ? `\\${c}` : c)).join("");
}
