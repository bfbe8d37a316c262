/**
 * A static check that a team's custom regex cannot backtrack catastrophically. JavaScript's regex
 * engine backtracks, so `(a+)+$` on a line of a's takes exponential time and would stall every
 * commit. We reject the constructs that cause it, before the regex ever runs:
 * - a quantified group that itself contains a quantifier (`(a+)+`, `(\w*\s?)*`, `(?:ab+){2,}`);
 * - a quantified group with alternatives (`(a|ab)*`), which can match the same text several ways;
 * - backreferences (`\1`, `\k<name>`), which make matching NP-hard in general.
 * What passes is at most polynomial; the detector also bounds the text a custom rule sees per line
 * (CUSTOM_RULE_WINDOW), so even a quadratic pattern stays fast.
 */

export interface RegexProblem {
  reason: string;
}

/** Null when safe, else why not. Assumes `source` already compiled (syntax errors are caught first). */
export function unsafeRegexReason(source: string): string | null {
  if (/\\[1-9]|\\k</.test(source)) return "backreferences (\\1, \\k<name>) can take exponential time";

  // Walk the pattern tracking groups: for each open group, whether it holds a quantifier or an
  // alternation; when a group closes and is itself quantified, that is nesting.
  const stack: Array<{ hasQuantifier: boolean; hasAlternation: boolean }> = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\") {
      i++; // an escaped character is a literal (or a class like \d): skip it
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      continue;
    }
    if (ch === "(") {
      stack.push({ hasQuantifier: false, hasAlternation: false });
      continue;
    }
    if (ch === "|" && stack.length > 0) {
      stack[stack.length - 1]!.hasAlternation = true;
      continue;
    }
    if (ch === ")") {
      const group = stack.pop();
      if (!group) continue;
      const quantified = isQuantifierAt(source, i + 1);
      if (quantified && group.hasQuantifier) return "a repeated group contains a repetition, e.g. (a+)+";
      if (quantified && group.hasAlternation) return "a repeated group contains alternatives, e.g. (a|ab)*";
      if (stack.length > 0) {
        const parent = stack[stack.length - 1]!;
        parent.hasQuantifier ||= group.hasQuantifier || quantified;
        parent.hasAlternation ||= group.hasAlternation;
      }
      continue;
    }
    if (isQuantifierAt(source, i) && stack.length > 0) stack[stack.length - 1]!.hasQuantifier = true;
  }
  return null;
}

/** `*`, `+`, `?` (not the `?` of `(?:`) or `{n}`, `{n,}`, `{n,m}` at position i. */
function isQuantifierAt(source: string, i: number): boolean {
  const ch = source[i];
  if (ch === "*" || ch === "+") return true;
  if (ch === "?") return source[i - 1] !== "(";
  if (ch === "{") return /^\{\d+(?:,\d*)?\}/.test(source.slice(i));
  return false;
}
