/**
 * The static check on a team's custom regexes: what stalls a commit is rejected (with a reason a
 * person can act on), what people actually write for secrets passes, and what passes really runs
 * in at most quadratic time (a seeded fuzz, in a child process with a hard timeout so a regression
 * fails instead of hanging the suite).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { unsafeRegexReason } from "../../dist/core/regex-safety.js";
import { PROJECT_ROOT } from "../helpers/repo.js";

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

  it("decides fast itself, also on long patterns with many alternatives (2^40 paths)", () => {
    const start = performance.now();
    assert.equal(unsafeRegexReason(`.*${"(?:a|b)".repeat(40)}x`), null);
    assert.match(unsafeRegexReason(`.*${"(?:a|b)".repeat(40)}.*x`)!, /in a row/);
    assert.equal(unsafeRegexReason(`\\w+${"(?:-|_)".repeat(200)}\\d+;`), null);
    assert.equal(unsafeRegexReason(`${"[a-z]".repeat(5000)}x+`), null);
    assert.ok(performance.now() - start < 1000, `took ${Math.round(performance.now() - start)} ms`);
  });

  it("lets through only regexes that stay at most quadratic (seeded fuzz, 3,000-character inputs)", () => {
    // A child process: a catastrophic regex cannot be interrupted, but a process can be killed.
    const module = join(PROJECT_ROOT, "dist", "core", "regex-safety.js");
    const script = `
      const { unsafeRegexReason } = await import(${JSON.stringify(module)});
      let seed = 20251;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      const pick = (list) => list[Math.floor(random() * list.length)];
      const atoms = ["a", "b", "\\\\w", ".", "[ab]", "x", "_", "[^x]", "\\\\d", "\\\\s", " "];
      const quantifiers = ["", "", "+", "*", "?", "{2,}", "{2}"];
      const generate = (depth) => {
        let out = "";
        const terms = 1 + Math.floor(random() * 4);
        for (let i = 0; i < terms; i++) {
          if (depth < 2 && random() < 0.2) {
            const alternatives = random() < 0.3 ? [generate(depth + 1), generate(depth + 1)] : [generate(depth + 1)];
            out += "(?:" + alternatives.join("|") + ")" + pick(quantifiers);
          } else out += pick(atoms) + pick(quantifiers);
        }
        return out;
      };
      const inputs = ["a".repeat(3000) + "!", "ab".repeat(1500) + "!", "a_".repeat(1500) + "!", "a b ".repeat(750) + "!", "xa".repeat(1500)];
      let accepted = 0;
      let max = 0;
      const slow = [];
      for (let n = 0; n < 1500; n++) {
        const source = generate(0);
        let regex;
        try { regex = new RegExp(source, "g"); } catch { continue; }
        if (unsafeRegexReason(source) !== null) continue;
        accepted++;
        for (const input of inputs) {
          const start = performance.now();
          regex.lastIndex = 0;
          for (let m = regex.exec(input); m; m = regex.exec(input)) if (m[0].length === 0) regex.lastIndex++;
          const ms = performance.now() - start;
          max = Math.max(max, ms);
          if (ms > 500) slow.push(source + " " + Math.round(ms) + " ms");
        }
      }
      console.log(JSON.stringify({ accepted, slow, max }));
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 90_000 });
    assert.equal(run.signal, null, "the fuzz hung: an accepted regex backtracks catastrophically");
    assert.equal(run.status, 0, run.stderr);
    const { accepted, slow } = JSON.parse(run.stdout) as { accepted: number; slow: string[] };
    assert.ok(accepted > 300, `only ${accepted} regexes accepted`);
    assert.deepEqual(slow, []);
  });
});
