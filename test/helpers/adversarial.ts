/**
 * Adversarial inputs: text built to make a scanner slow (a near-match at every position, megabyte
 * lines, long runs of one character class, pathological custom rules). Each case builds its input,
 * runs, and checks its own result. The unit tests check the results (test/unit/adversarial.test.ts);
 * `npm run bench` times each run against its limit (scripts/bench.mjs). Timings belong to the
 * benchmark, not to assertions in the test suite; a linear pass over these inputs takes milliseconds,
 * while the quadratic or exponential one the limits guard against would take minutes.
 */
import assert from "node:assert/strict";
import { parseConfig as parseConfigWith } from "../../dist/core/config.js";
import { DiffParser, Detector, fingerprintOf, isPlaceholderUuid, PatchScanner, type Finding } from "../../dist/core/index.js";
import { compileLinear } from "../../dist/core/linear-regex.js";
import { redactOutput } from "../../dist/core/redact.js";
import { base64, fakeKey, fakeUuid, randomString } from "./keys.js";
import { chunked } from "./patches.js";

export interface AdversarialCase {
  name: string;
  /** The most one run may take in `npm run bench`, in milliseconds. */
  limitMs: number;
  /** Build the input (not timed); returns the run (timed) and the check of its result. */
  setup(): { run: () => unknown; check: (result: unknown) => void };
}

const MB = 1024 * 1024;
const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The config as cli/config.ts reads it: patterns on the linear-time engine. */
function parseConfig(raw: unknown, source: string): ReturnType<typeof parseConfigWith> {
  return parseConfigWith(raw, source, compileLinear);
}

/** Stream a patch's chunks through a fresh patch scanner (prefilter included). */
function scanChunks(chunks: string[]): Finding[] {
  const scanner = new PatchScanner();
  for (const chunk of chunks) scanner.push(chunk);
  return scanner.end();
}

/** A case that streams one added file through the patch scanner, prefilter included. */
function patchCase(name: string, limitMs: number, lines: () => string[], check: (findings: Finding[]) => void): AdversarialCase {
  return {
    name,
    limitMs,
    setup() {
      const body = lines();
      const patch = `diff --git a/t.md b/t.md\n--- /dev/null\n+++ b/t.md\n@@ -0,0 +1,${body.length} @@\n${body.map((l) => `+${l}`).join("\n")}\n`;
      const chunks = chunked(patch, [64 * 1024]);
      return {
        run: () => scanChunks(chunks),
        check: (result) => check(result as Finding[]),
      };
    },
  };
}

/** A case that scans one text with a fresh default detector. */
function detectorCase(name: string, limitMs: number, file: string, text: () => string, check: (findings: Finding[]) => void = (findings) => assert.ok(Array.isArray(findings))): AdversarialCase {
  return {
    name,
    limitMs,
    setup() {
      const input = text();
      return { run: () => new Detector().scanText(file, input), check: (result) => check(result as Finding[]) };
    },
  };
}

/** A check: exactly `count` findings, all of `rule`. */
function expectFindings(rule: string, count: number): (findings: Finding[]) => void {
  return (findings) => assert.deepEqual([findings.length, findings.every((f) => f.rule === rule)], [count, true]);
}

/** A 5 MB minified bundle on one line, with a key at its end, as a staged patch. */
function bundlePatch(key: string): { patch: string; line: string } {
  const line = `${"var a=1;".repeat((5 * MB) / 8)}k="${key}"`;
  return { patch: `diff --git a/b.min.js b/b.min.js\n--- /dev/null\n+++ b/b.min.js\n@@ -0,0 +1 @@\n+${line}\n`, line };
}

export const ADVERSARIAL_CASES: readonly AdversarialCase[] = [
  detectorCase("1 MB of `pcsk_a` repeated", 2000, "x", () => "pcsk_a".repeat(MB / 6), (findings) => assert.deepEqual(findings, [])),
  detectorCase("1 MB of hex digits and dashes", 2000, "x", () => randomString(MB, "0123456789abcdef-")),
  detectorCase("1 MB of hex digits and dashes on a pinecone api_key line", 2000, "x", () => `pinecone api_key=${randomString(MB, "0123456789abcdef-")}`),
  {
    name: "1 MB of UUIDs under key names, below `import pinecone`",
    limitMs: 2000,
    setup() {
      const line = Array.from({ length: MB / 60 }, () => `api_key="${fakeUuid()}" `).join("");
      return {
        run: () => new Detector().scanText("app.py", `${line}\nimport pinecone`),
        check: (result) => assert.ok((result as Finding[]).length > 10_000),
      };
    },
  },
  detectorCase("1 MB of base64 characters", 2000, "x", () => randomString(MB, BASE64_ALPHABET)),
  detectorCase("1 MB of base64 characters on a pinecone line (decoded)", 2000, "x", () => `PINECONE_BLOB: ${randomString(MB, BASE64_ALPHABET)}`),
  detectorCase("1 MB of base64-encoded `pcsk_ ` on a pinecone line", 2000, "x", () => `PINECONE_BLOB: ${base64("pcsk_ ".repeat(MB / 8))}`),
  {
    name: "1 MB notebook line of JSON-escaped legacy keys",
    limitMs: 2000,
    setup() {
      const uuids = Array.from({ length: MB / 64 }, () => fakeUuid());
      const line = uuids.map((uuid) => `environ[\\"PINECONE_API_KEY\\"] = \\"${uuid}\\" `).join("");
      return {
        run: () => new Detector().scanText("n.ipynb", line),
        check: (result) => {
          const findings = result as Finding[];
          // About one random UUID in ten million looks like a placeholder; with 16,384 that may happen.
          assert.equal(findings.length, uuids.filter((uuid) => !isPlaceholderUuid(uuid)).length);
          assert.ok(findings.every((f) => f.encoding === "json-escaped"));
        },
      };
    },
  },
  detectorCase("1 MB of percent-encoded keys", 2000, "u.txt", () => Array.from({ length: MB / 90 }, () => `k=${fakeKey().replace(/_/g, "%5F")}&`).join(""), expectFindings("pinecone-api-key", Math.floor(MB / 90))),
  detectorCase("1 MB of backslash and percent escapes", 2000, "x", () => "\\n\\u0041%5F%zz".repeat(MB / 14), (findings) => assert.deepEqual(findings, [])),
  {
    name: "a 5 MB single line with a key at its end",
    limitMs: 2000,
    setup() {
      const filler = "const x = 'abc'; ".repeat((5 * MB) / 17);
      const key = fakeKey();
      return {
        run: () => new Detector().scanText("bundle.min.js", `${filler}${key}`),
        check: (result) => {
          const findings = result as Finding[];
          expectFindings("pinecone-api-key", 1)(findings);
          assert.equal(findings[0]!.column, filler.length + 1);
        },
      };
    },
  },
  detectorCase("a 12 MB base64 run on a pinecone line (no regexp stack overflow)", 2000, "x", () => `pinecone: ${"QUJD".repeat(3 * MB)}`, (findings) => assert.deepEqual(findings, [])),
  {
    name: "an allow pattern on a 1 MB line (linear-time engine)",
    limitMs: 5000,
    setup() {
      const line = `k = "${fakeKey()}" ${"a".repeat(MB)}`;
      // `(?:a+)+!`: catastrophic for a backtracking engine on a run of a's with no `!` after it. (It
      // was `(?:a+)+b`, which the random key itself matched whenever it held "ab": ~2% of runs.)
      const allowPatterns = parseConfig({ allow: ["[a-z]+_test", "(?:a+)+!"] }, ".pinekeyrc.json").allow;
      return {
        run: () => new Detector({ allowPatterns }).scanText("bundle.js", line),
        check: (result) => {
          const findings = result as Finding[];
          expectFindings("pinecone-api-key", 1)(findings);
          assert.equal(findings[0]!.allowed, false);
        },
      };
    },
  },
  detectorCase("20,000 base64 tokens on a pinecone line", 5000, "data.yaml", () => `pinecone: ${Array.from({ length: 20000 }, () => base64("x".repeat(36))).join(" ")}`, (findings) => assert.deepEqual(findings, [])),
  {
    name: "custom rules over 1 MB lines of near-matches, the key at the end",
    limitMs: 2000,
    setup() {
      const config = parseConfig(
        {
          rules: [
            { id: "openai-api-key", regex: "sk-[A-Za-z0-9]{48}" },
            { id: "slack-token", regex: "xox[baprs]-[0-9A-Za-z-]{10,48}" },
            { id: "password", regex: 'password\\s*[:=]\\s*"([^"]+)"' },
            { id: "aws-access-key", regex: "AKIA[0-9A-Z]{16}" },
          ],
        },
        ".pinekeyrc.json",
      );
      const secret = `sk-${randomString(48, ALNUM)}`;
      const lines = [
        // Every position starts a near-match of 47 characters that fails on the 48th.
        `${`sk-${"a".repeat(47)}`.repeat(Math.ceil(MB / 50))} ${secret}`,
        "xoxb-aaaaaaaaa!".repeat(Math.ceil(MB / 15)),
        `password = "${"a".repeat(MB)}`,
        "AKIAAAAAAAAAAAAAAAA!".repeat(MB / 20),
      ].join("\n");
      return {
        run: () => new Detector({ customRules: config.rules }).scanText("bundle.min.js", lines),
        check: (result) =>
          assert.ok((result as Finding[]).some((f) => f.rule === "openai-api-key" && f.fingerprint === fingerprintOf("openai-api-key", secret))),
      };
    },
  },
  {
    name: "the diff parser streams a 5 MB line in 4 KB chunks (no re-scanning of the partial line)",
    limitMs: 2000,
    setup() {
      const longLine = "x".repeat(5 * MB);
      const chunks = chunked(`diff --git a/big.js b/big.js\n--- /dev/null\n+++ b/big.js\n@@ -0,0 +1 @@\n+${longLine}\n`, [4096]);
      return {
        run: () => {
          const lengths: number[] = [];
          const parser = new DiffParser({ beginFile() {}, line: (_line, text) => void lengths.push(text.length), endFile() {} });
          for (const chunk of chunks) parser.push(chunk);
          parser.end();
          return lengths;
        },
        check: (result) => assert.deepEqual(result, [longLine.length]),
      };
    },
  },
  {
    name: "the patch scanner finds a key at the end of a 5 MB line streamed in 64 KB chunks",
    limitMs: 2000,
    setup() {
      const key = fakeKey();
      const { patch, line } = bundlePatch(key);
      const chunks = chunked(patch, [64 * 1024]);
      return {
        run: () => scanChunks(chunks),
        check: (result) => {
          const findings = result as Finding[];
          assert.deepEqual(findings.map((f) => [f.file, f.line, f.rule, f.allowed]), [["b.min.js", 1, "pinecone-api-key", false]]);
          assert.equal(findings[0]!.column, line.indexOf(key) + 1);
        },
      };
    },
  },
  {
    name: "custom rule \\w{1,100}\\w{1,100}\\w{1,100}! on 20,000-character lines (with and without the !)",
    limitMs: 2000,
    setup() {
      const rules = parseConfig({ rules: [{ id: "words", regex: "\\w{1,100}\\w{1,100}\\w{1,100}!" }] }, ".pinekeyrc.json").rules;
      const text = [`${"a".repeat(20000)}`, `${"a".repeat(20000)}!`, `${"a1_".repeat(6667)}!`].join("\n");
      return {
        run: () => new Detector({ customRules: rules }).scanText("words.txt", text),
        check: (result) => assert.deepEqual((result as Finding[]).map((f) => [f.line, f.rule]), [[2, "words"], [3, "words"]]),
      };
    },
  },
  {
    name: "custom rule with an unbounded tail (a search per match reads to the end) on a 1 MB line",
    limitMs: 2000,
    setup() {
      const rules = parseConfig({ rules: [{ id: "tail", regex: "a(?:[^x]*y)?" }] }, ".pinekeyrc.json").rules;
      const line = "a".repeat(MB);
      return {
        run: () => new Detector({ customRules: rules }).scanText("tail.txt", line),
        check: (result) => assert.deepEqual((result as Finding[]).map((f) => f.column), [1]),
      };
    },
  },
  patchCase(
    "a Markdown table padded to 2,000 columns (the prefilter's key-name lookbehind)",
    2000,
    () => {
      const width = 2000;
      const row = (cells: string[]) => `|${cells.map((c) => ` ${c}`.padEnd(width)).join("|")}|`;
      return [row(["Name", "Value"]), `|${"-".repeat(width)}|${"-".repeat(width)}|`, ...Array.from({ length: 50 }, (_, i) => row([`key ${i}`, fakeUuid()]))];
    },
    (findings) => assert.deepEqual(findings, []),
  ),
  patchCase(
    "4,000 spaces then 16 dashes, and UUIDs after 100,000 spaces under a key name",
    2000,
    () => [
      ...Array.from({ length: 50 }, () => `${" ".repeat(4000)}${"-".repeat(16)}`),
      ...Array.from({ length: 20 }, () => `api_key =${" ".repeat(100_000)}"${fakeUuid()}"`),
      "import pinecone",
    ],
    // The name is too far from the value to be read (NAME_WINDOW): no key, but found in linear time.
    (findings) => assert.deepEqual(findings, []),
  ),
  {
    name: "the redaction gate over 1 MB of key-shaped text, key-named UUIDs and known secrets",
    limitMs: 2000,
    setup() {
      const secret = `sk-${randomString(48, ALNUM)}`;
      const pieces = Array.from({ length: MB / 128 }, (_, i) =>
        i % 3 === 0 ? `${fakeKey()} ` : i % 3 === 1 ? `api_key="${fakeUuid()}" ` : `${secret} pcsk_${"a".repeat(40)}`,
      );
      const text = `${pieces.join(" ")}pckey_${"b".repeat(MB / 4)}`;
      return {
        run: () => redactOutput(text, new Set([secret])),
        check: (result) => {
          const out = result as string;
          assert.doesNotMatch(out, /pc(?:sk|key)_[A-Za-z0-9]{1,16}_[A-Za-z0-9]{5}/);
          assert.ok(!out.includes(secret));
          assert.doesNotMatch(out, /api_key="[0-9a-f]{8}-/);
        },
      };
    },
  },
];
