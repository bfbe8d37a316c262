#!/usr/bin/env node
/**
 * Part of `npm run bench`: do custom regexes stay fast on the linear-time engine
 * (src/core/linear-regex.ts), whatever their shape? A seeded fuzz: 400 generated regexes (nested
 * and adjacent unbounded repetitions, alternatives: what stalls a backtracking engine), each the config
 * would accept run as the detector runs a custom rule (the yes-or-no test, then every match) over five
 * 3,000-character inputs built to make backtracking explode. Prints {accepted, slow, maxMs} as
 * JSON; `slow` lists runs over SLOW_MS. Run in a child process with a hard timeout all the same.
 */
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SLOW_MS = 500;
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { compileLinear } = await import(pathToFileURL(join(root, "dist", "core", "linear-regex.js")).href);
const { Detector } = await import(pathToFileURL(join(root, "dist", "core", "detector.js")).href);

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
for (let n = 0; n < 400; n++) {
  const source = generate(0);
  let regex;
  try {
    regex = compileLinear(source, "");
  } catch {
    continue;
  }
  if (regex.test("")) continue; // the config refuses a pattern that matches the empty string
  accepted++;
  for (const input of inputs) {
    const start = performance.now();
    new Detector({ customRules: [{ id: "fuzz", regex, keywords: [], description: source }] }).scanText("f.txt", input);
    const ms = performance.now() - start;
    maxMs = Math.max(maxMs, ms);
    if (ms > SLOW_MS) slow.push(`${source} ${Math.round(ms)} ms`);
  }
}
console.log(JSON.stringify({ accepted, slow, maxMs }));
