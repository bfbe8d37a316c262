#!/usr/bin/env node
/**
 * Part of `npm run bench`: does the static check on custom regexes (src/core/regex-safety.ts) let
 * through only regexes that stay at most quadratic? A seeded fuzz: 1,500 generated regexes, and every
 * one the check accepts is run over five 3,000-character inputs built to make backtracking explode.
 * Prints {accepted, slow, maxMs} as JSON; `slow` lists runs over SLOW_MS. A catastrophic regex cannot
 * be interrupted, so the bench runs this in a child process with a hard timeout.
 */
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SLOW_MS = 500;
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { unsafeRegexReason } = await import(pathToFileURL(join(root, "dist", "core", "regex-safety.js")).href);

let seed = 20251;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(random() * list.length)];
const atoms = ["a", "b", "\\w", ".", "[ab]", "x", "_", "[^x]", "\\d", "\\s", " "];
const quantifiers = ["", "", "+", "*", "?", "{2,}", "{2}"];
const generate = (depth) => {
  let out = "";
  const terms = 1 + Math.floor(random() * 4);
  for (let i = 0; i < terms; i++) {
    if (depth < 2 && random() < 0.2) {
      const alternatives = random() < 0.3 ? [generate(depth + 1), generate(depth + 1)] : [generate(depth + 1)];
      out += `(?:${alternatives.join("|")})${pick(quantifiers)}`;
    } else out += pick(atoms) + pick(quantifiers);
  }
  return out;
};
const inputs = [`${"a".repeat(3000)}!`, `${"ab".repeat(1500)}!`, `${"a_".repeat(1500)}!`, `${"a b ".repeat(750)}!`, "xa".repeat(1500)];

let accepted = 0;
let maxMs = 0;
const slow = [];
for (let n = 0; n < 1500; n++) {
  const source = generate(0);
  let regex;
  try {
    regex = new RegExp(source, "g");
  } catch {
    continue;
  }
  if (unsafeRegexReason(source) !== null) continue;
  accepted++;
  for (const input of inputs) {
    const start = performance.now();
    regex.lastIndex = 0;
    for (let m = regex.exec(input); m; m = regex.exec(input)) if (m[0].length === 0) regex.lastIndex++;
    const ms = performance.now() - start;
    maxMs = Math.max(maxMs, ms);
    if (ms > SLOW_MS) slow.push(`${source} ${Math.round(ms)} ms`);
  }
}
console.log(JSON.stringify({ accepted, slow, maxMs }));
