/**
 * The regex engine for the team's own patterns (custom rules' `regex`, `allow`): RE2's semantics
 * through re2js, a pure-JavaScript port of RE2. Its time is linear in the text (times the size of
 * the compiled pattern), whatever the pattern: no pattern and no line can make it backtrack, so a
 * custom rule cannot stall a commit. The price is RE2's syntax: no lookaround, no backreferences;
 * such a pattern is refused when the config is read, naming the rule.
 *
 * Loaded only when a config holds patterns (see cli/config.ts): re2js is a quarter of a megabyte of
 * code, and a clean commit without custom rules does not pay for loading it.
 */
import { RE2JS } from "re2js";

/** One match: where it is, and the secret (the first capture group when the pattern has one, else the match). */
export interface LinearMatch {
  index: number;
  secretIndex: number;
  secret: string;
}

export interface LinearRegex {
  /** The pattern as the config wrote it, for messages (`config allow /…/`). */
  readonly source: string;
  /**
   * False when the pattern has an unbounded repetition (`*`, `+`, `{n,}`): a search for its next
   * match may then read to the end of the text (see Detector.scanCustomRules).
   */
  readonly bounded: boolean;
  /** Does the pattern match anywhere in `text`? (RE2's DFA: the fast question.) */
  test(text: string): boolean;
  /** Every non-empty match, left to right, as JavaScript's `g` flag would find them. */
  matches(text: string): Generator<LinearMatch>;
  /** `/pattern/`, as messages show it. */
  toString(): string;
}

/**
 * A bound on the compiled program (re2js's "program size", about one instruction per character a
 * pattern can consume). Matching costs up to the text's length times this size: `\w{1,100}` three
 * times is 600 and runs over a 20,000-character line in well under a second; `\w{1,1000}` three
 * times is 6,000 and took seconds. Real secret patterns (gitleaks' generic-api-key included) stay
 * far below the bound.
 */
export const MAX_PROGRAM_SIZE = 1000;

/** Why a pattern cannot run here; the config turns it into a message naming the rule. */
export class UnsupportedPatternError extends Error {}

/** JavaScript flags as the config takes them: i, m, s, u (RE2 reads text as Unicode anyway). */
function re2Flags(flags: string): number {
  let result = 0;
  if (flags.includes("i")) result |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes("m")) result |= RE2JS.MULTILINE;
  if (flags.includes("s")) result |= RE2JS.DOTALL;
  return result;
}

/**
 * Does the pattern (RE2 syntax) hold an unbounded repetition? Read token by token: an escape is
 * two characters, a class `[...]` holds no operators.
 */
function hasUnboundedRepetition(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      if (pattern[i + 1] === "^") i++;
      if (pattern[i + 1] === "]") i++; // a leading ] is a literal
    } else if (c === "*" || c === "+") return true;
    else if (c === "{" && /^\{\d+,\}/.test(pattern.slice(i, i + 12))) return true;
  }
  return false;
}

/**
 * Compile a pattern in RE2's syntax (JavaScript's, less lookaround, backreferences and `\u`
 * escapes: `\x{5F}` instead) for the linear-time engine. Throws UnsupportedPatternError when RE2
 * cannot run it. (re2js's translateRegExp is not used: it turns a backreference `\k<name>` into
 * the literal `k<name>` without a word.)
 */
export function compileLinear(pattern: string, flags = ""): LinearRegex {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, re2Flags(flags));
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, "");
    throw new UnsupportedPatternError(`cannot run on the linear-time regex engine (RE2 syntax: no lookaround, no backreferences): ${reason}`);
  }
  const size = compiled.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    throw new UnsupportedPatternError(
      `is too large for a bounded scan (${size} instructions compiled, at most ${MAX_PROGRAM_SIZE}): use smaller repetition counts such as {1,64}`,
    );
  }
  return {
    source: pattern,
    bounded: !hasUnboundedRepetition(pattern),
    toString: () => `/${pattern}/`,
    test: (text) => compiled.test(text),
    *matches(text) {
      const matcher = compiled.matcher(text);
      const hasGroup = compiled.groupCount() > 0;
      while (matcher.find()) {
        const index = matcher.start(0);
        if (matcher.end(0) === index) continue; // an empty match says nothing
        const groupStart = hasGroup ? matcher.start(1) : -1;
        if (groupStart >= 0) yield { index, secretIndex: groupStart, secret: matcher.group(1)! };
        else yield { index, secretIndex: index, secret: matcher.group(0)! };
      }
    },
  };
}
