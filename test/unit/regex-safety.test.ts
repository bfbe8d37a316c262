/**
 * The static check on a team's custom regexes: what stalls a commit is rejected (with a reason a
 * person can act on), and what people actually write for secrets passes. That what passes really
 * runs in at most quadratic time is a timing question: `npm run bench` answers it with a seeded fuzz
 * (scripts/regex-fuzz.mjs).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unsafeRegexReason } from "../../dist/core/regex-safety.js";

/** Regexes teams write for other secrets: all must pass. */
const SAFE = [
  "sk-[A-Za-z0-9]{48}",
  "AKIA[0-9A-Z]{16}",
  "(?:ghp|gho)_[A-Za-z0-9]{36}",
  "xox[baprs]-[0-9A-Za-z-]{10,48}",
  "sk_(?:live|test)_[0-9a-zA-Z]{24,}",
  'password\\s*[:=]\\s*"([^"]+)"',
  "(?:password|passwd)\\s*[:=]\\s*[\"']?([^\"'\\s]+)",
  "Bearer\\s+[A-Za-z0-9._~+/-]+=*",
  "-----BEGIN [A-Z ]+PRIVATE KEY-----",
  "(?:https?://)?[a-z0-9.-]+\\.example\\.com",
  "\\b[a-f0-9]{32}\\b",
  "[A-Za-z0-9+/]{40,}={0,2}",
  "(?<token>tok_[a-z0-9]{16})",
  "\\w+@\\w+\\.\\w+",
  "(?=[a-z]*\\d)[a-z0-9]{20}",
  "\\p{L}+\\d+",
];

/** Each with the reason the person is shown. */
const UNSAFE: Array<[string, RegExp]> = [
  ["(a+)+$", /repeated group contains a repetition/],
  ["(a|ab)*", /repeated group contains alternatives/],
  ["(\\w+\\s?)*", /repeated group contains a repetition/],
  ["(?:ab+){2,}", /repeated group contains a repetition/],
  ["(?:\\w?\\w?)+x", /repeated group contains a repetition/],
  ["(?:a|b){3,}c", /repeated group contains alternatives/],
  ["(a)\\1", /backreferences/],
  ["(?<q>['\"]).*\\k<q>", /backreferences/],
  ["\\w*\\w*;", /two unbounded repetitions in a row/],
  ["\\w+_\\w+;", /two unbounded repetitions in a row/],
  [".*=.*;", /two unbounded repetitions in a row/],
  [".*secret.*=", /two unbounded repetitions in a row/],
  ["\\w+(?:_|-)\\w+$", /two unbounded repetitions in a row/],
  ["(?:\\w+)?\\w+x", /two unbounded repetitions in a row/],
  ["[a-z]{0,1000}[a-z]{0,1000};", /two unbounded repetitions in a row/],
];

describe("unsafeRegexReason", () => {
  it("passes the regexes people write for secrets", () => {
    for (const source of SAFE) {
      new RegExp(source, "u"); // each is valid
      assert.equal(unsafeRegexReason(source), null, source);
    }
  });

  it("rejects nested repetition, repeated alternatives, backreferences and ambiguous repetitions in a row", () => {
    for (const [source, reason] of UNSAFE) {
      new RegExp(source); // each is valid: the check is about cost, not syntax
      const why = unsafeRegexReason(source);
      assert.ok(why !== null, `${source} must be rejected`);
      assert.match(why, reason, source);
    }
  });

  it("tells the person how to rewrite a chain of repetitions", () => {
    assert.match(unsafeRegexReason(".*=.*;")!, /\[\^=\]\*=|\{1,64\}/);
  });

  it("treats an optional group as no repetition: (x+)? and (a|b)? are fine, (x+){2} is not", () => {
    assert.equal(unsafeRegexReason("(?:https?://)?host"), null);
    assert.equal(unsafeRegexReason("(?:a+)?b"), null);
    assert.equal(unsafeRegexReason("(?:key|token)?=\\w{8}"), null);
    assert.equal(unsafeRegexReason("(?:-[a-z0-9]+){0,1}x"), null);
    assert.match(unsafeRegexReason("(?:a+){2}")!, /repetition/);
  });

  it("accepts a chain at the very end (the first, greedy split succeeds) and a bounded one", () => {
    assert.equal(unsafeRegexReason("\\w+_\\w+"), null);
    assert.equal(unsafeRegexReason("(\\w+_\\w+)"), null);
    assert.equal(unsafeRegexReason("\\w{1,64}_\\w+;"), null);
    assert.match(unsafeRegexReason("(\\w+_\\w+);")!, /in a row/);
  });

  it("sees a separator that neither repetition can take: \\s*=\\s*, \\w+\\.\\w+, [a-z]+[0-9]+", () => {
    assert.equal(unsafeRegexReason('key\\s*=\\s*"x"'), null);
    assert.equal(unsafeRegexReason("\\w+\\.\\w+;"), null);
    assert.equal(unsafeRegexReason("[a-z]+[0-9]+;"), null);
    assert.equal(unsafeRegexReason("[^_]+_\\w+;"), null);
  });

  it("folds case with the i flag: [A-Z]+[a-z]+! is ambiguous only then", () => {
    assert.equal(unsafeRegexReason("[A-Z]+[a-z]+!"), null);
    assert.match(unsafeRegexReason("[A-Z]+[a-z]+!", "i")!, /in a row/);
  });

  it("reads escapes and classes as characters, not as syntax", () => {
    assert.equal(unsafeRegexReason("\\(a+\\)+"), null, "escaped parentheses are literals");
    assert.equal(unsafeRegexReason("[(]a+[)]+"), null, "parentheses in a class are literals");
    assert.equal(unsafeRegexReason("[\\]|]+x"), null, "| in a class is no alternation");
    assert.equal(unsafeRegexReason("x{,3}"), null, "{,3} is a literal without the u flag");
    assert.equal(unsafeRegexReason("\\\\d+"), null);
  });
});
