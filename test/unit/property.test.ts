/**
 * Property-based tests (fast-check) for the pure core: random and malformed diffs, random bytes and
 * random file names fed to DiffParser, PatchScanner and Detector. Whatever the input, they never
 * throw and never hang, and a finding always points at an added line of the input. Diffs are
 * generated with their added lines known and keys planted at known places among random noise, so
 * the parser's every line and every planted key can be checked exactly.
 *
 * Runs are bounded (NUM_RUNS each) so the suite stays fast. A failure prints fast-check's seed and
 * path; rerun with them (fc.assert's `seed` and `path`) to replay it.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import fc from "fast-check";
import { BUILT_IN_RULES, customRule, Detector, DiffParser, fingerprintOf, PatchScanner, type DiffSink, type Finding } from "../../dist/core/index.js";
import { compileLinear } from "../../dist/core/linear-regex.js";
import { assertNoKeyIn } from "../helpers/leaks.js";

const NUM_RUNS = 200;
/** A hang shows up as a test timeout, not as a stuck suite. */
const TIMEOUT = { timeout: 60_000 };

// ---------------------------------------------------------------------------------------------
// Keys: random-looking but derived from a seed fast-check controls, so a failure replays exactly.
// (fast-check's own strings are biased towards repetition, which the placeholder test rightly
// rejects; a hash is not.)

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function keyFromSeed(seed: number): string {
  let chars = "";
  for (let round = 0; chars.length < 5 + 63; round++) {
    for (const byte of createHash("sha256").update(`pinekey-property:${seed}:${round}`).digest()) {
      if (byte < 232) chars += BASE58[byte % 58]; // 232 = 4 × 58: no bias
    }
  }
  return `pcsk_${chars.slice(0, 5)}_${chars.slice(5, 68)}`;
}

// ---------------------------------------------------------------------------------------------
// Noise: what a line of any file may hold, as git's output decodes it (never a line break).

const TRICKY_LINES = [
  "diff --git a/x b/x",
  "+++ b/evil.txt",
  "--- a/evil.txt",
  "@@ -1,2 +1,200 @@",
  "@@@ -1 -1 +1,3 @@@",
  "\\ No newline at end of file",
  "* Unmerged path evil",
  "\0deadbeef\0someone <a@b>\0date\0subject",
  "index 0000000..1111111 100644",
  "Binary files a/x and b/x differ",
  "pinecone.init(api_key=",
  "pcsk_",
  "PINECONE_API_KEY=",
];

const bytesAsGitOutput = (bytes: Uint8Array): string => new TextDecoder("utf-8").decode(bytes);

const noise: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.uint8Array({ maxLength: 40 }).map(bytesAsGitOutput),
    fc.constantFrom(...TRICKY_LINES),
    // A UTF-8 byte-order mark, as it opens a file saved on Windows (not a column: see Detector.addLine).
    fc.constant("\ufeff"),
  )
  .map((text) => text.replace(/\n/g, " "));

// ---------------------------------------------------------------------------------------------
// File names, quoted in headers the way git quotes them (quote_c_style, core.quotepath=off).

const fileName: fc.Arbitrary<string> = fc
  .oneof(
    fc.stringMatching(/^[A-Za-z0-9._-]{1,12}(\/[A-Za-z0-9._-]{1,12}){0,2}$/),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
    fc.constantFrom("sp ace.py", 'q"uote.env', "back\\slash", "tab\there", "new\nline", "-leading", "c:olon:1:2", "\u001b[31mred", "日本語.py", "b/b/x"),
  )
  // git stores names as bytes: never a NUL, and decoded from UTF-8 never a lone surrogate.
  .filter((name) => !name.includes("\0") && !/[\ud800-\udfff]/.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "")));

const C_ESCAPES: Record<string, string> = { "\x07": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r", '"': '"', "\\": "\\" };

/** `<prefix><name>` as git writes it in a header (`diff --git`, `---`, `+++`). */
function headerPath(name: string, prefix = "b/"): string {
  const full = `${prefix}${name}`;
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f"\\\u007f]/.test(full)) return full.includes(" ") ? `${full}\t` : full;
  let quoted = '"';
  for (const ch of full) {
    const code = ch.charCodeAt(0);
    if (C_ESCAPES[ch] !== undefined) quoted += `\\${C_ESCAPES[ch]}`;
    else if (code < 0x20 || code === 0x7f) quoted += `\\${code.toString(8).padStart(3, "0")}`;
    else quoted += ch;
  }
  return `${quoted}"`;
}

// ---------------------------------------------------------------------------------------------
// Diffs with known lines.

type Kind = " " | "-" | "+";
interface PlannedLine {
  kind: Kind;
  /** The content; a key line is built around `key`. */
  content: string;
  key?: string;
}
interface PlannedFile {
  name: string;
  deleted: boolean;
  hunks: Array<{ gap: number; lines: PlannedLine[]; section: string }>;
  noNewlineAtEnd: boolean;
}
interface ExpectedLine {
  file: string;
  line: number;
  text: string;
  added: boolean;
}
interface Planted {
  file: string;
  line: number;
  column: number;
  key: string;
}
interface GeneratedDiff {
  patch: string;
  lines: ExpectedLine[];
  planted: Planted[];
  keys: string[];
}

const plannedLine = (kinds: Kind[]): fc.Arbitrary<PlannedLine> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom(...kinds), content: noise }) },
    {
      weight: 1,
      arbitrary: fc
        .record({ kind: fc.constantFrom(...kinds), before: noise, after: noise, seed: fc.integer() })
        .map(({ kind, before, after, seed }) => {
          const key = keyFromSeed(seed);
          // Quotes around the key: noise must not glue letters to it (a word boundary is part of the rule).
          return { kind, content: `${before} "${key}" ${after}`, key };
        }),
    },
  );

const plannedFile: fc.Arbitrary<PlannedFile> = fc.boolean().chain((deleted) =>
  fc.record({
    name: fileName,
    deleted: fc.constant(deleted),
    hunks: fc.array(
      fc.record({
        gap: fc.nat({ max: 5 }),
        // A deleted file's hunk has removed lines only; others mix all three kinds.
        lines: fc.array(plannedLine(deleted ? ["-"] : [" ", "-", "+"]), { minLength: 1, maxLength: 12, size: "max" }),
        section: fc.oneof(fc.constant(""), noise.map((text) => ` ${text}`)),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    noNewlineAtEnd: fc.boolean(),
  }),
);

/** Render planned files as git's patch text, and say exactly which lines the new versions have. */
function render(files: PlannedFile[], separators: string[]): GeneratedDiff {
  const out: string[] = [];
  const lines: ExpectedLine[] = [];
  const planted: Planted[] = [];
  const keys: string[] = [];
  files.forEach((file, index) => {
    if (separators[index]) out.push(separators[index]!);
    const a = headerPath(file.name, "a/");
    const b = headerPath(file.name);
    out.push(`diff --git ${a.replace(/\t$/, "")} ${b.replace(/\t$/, "")}`, "index 1111111..2222222 100644");
    out.push(`--- ${a}`, `+++ ${file.deleted ? "/dev/null" : b}`);
    let oldLine = 1;
    let newLine = 1;
    file.hunks.forEach((hunk, hunkIndex) => {
      oldLine += hunk.gap;
      newLine += hunk.gap;
      const oldCount = hunk.lines.filter((l) => l.kind !== "+").length;
      const newCount = hunk.lines.filter((l) => l.kind !== "-").length;
      // git's convention for an empty side: the line before it, count 0.
      const oldStart = oldCount === 0 ? oldLine - 1 : oldLine;
      const newStart = newCount === 0 ? newLine - 1 : newLine;
      out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@${hunk.section}`);
      hunk.lines.forEach((planned, lineIndex) => {
        out.push(`${planned.kind}${planned.content}`);
        if (planned.key) keys.push(planned.key);
        if (planned.kind !== "-" && !file.deleted) {
          // The parser drops one CR that ends a line (CRLF files); nothing else of the text changes.
          const text = planned.content.endsWith("\r") ? planned.content.slice(0, -1) : planned.content;
          lines.push({ file: file.name, line: newLine, text, added: planned.kind === "+" });
          if (planned.key && planned.kind === "+") {
            // A UTF-8 byte-order mark opening a file is not a column (see Detector.addLine).
            const bom = newLine === 1 && text.startsWith("\ufeff") ? 1 : 0;
            planted.push({ file: file.name, line: newLine, column: text.indexOf(planned.key) + 1 - bom, key: planned.key });
          }
        }
        if (planned.kind !== "+") oldLine++;
        if (planned.kind !== "-") newLine++;
        const last = hunkIndex === file.hunks.length - 1 && lineIndex === hunk.lines.length - 1;
        if (last && file.noNewlineAtEnd) out.push("\\ No newline at end of file");
      });
    });
  });
  return { patch: out.join("\n") + "\n", lines, planted, keys };
}

const generatedDiff: fc.Arbitrary<GeneratedDiff> = fc
  .array(plannedFile, { minLength: 1, maxLength: 4 })
  .chain((files) =>
    fc
      // Between files: nothing, or the header-only entries git writes for binary, mode-only or unmerged changes.
      .array(fc.constantFrom("", "diff --git a/bin b/bin\nBinary files a/bin and b/bin differ", "diff --git a/m b/m\nold mode 100644\nnew mode 100755", "* Unmerged path u"), {
        minLength: files.length,
        maxLength: files.length,
      })
      .map((separators) => render(files, separators)),
  );

/** Cut text into pieces of the given sizes (cycled), as git's pipe might. */
function chunks(text: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? text.length);
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}
// Small pieces split marks and lines anywhere; pieces over 320 characters take the prefilter's
// in-place path (a big chunk searched alone, its junction with the previous one searched apart).
const chunkSizes = fc.array(fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 321, max: 3000 })), { minLength: 1, maxLength: 8 });

// ---------------------------------------------------------------------------------------------
// Recording what the parser says, checking the sink's contract as it goes.

interface Recorded {
  lines: ExpectedLine[];
  unmerged: number;
}

function recordParse(pieces: string[]): Recorded {
  const lines: ExpectedLine[] = [];
  let open: string | null = null;
  let unmerged = 0;
  const sink: DiffSink = {
    beginFile(path) {
      assert.equal(open, null, "beginFile while a file is open");
      open = path;
    },
    line(line, text, added) {
      assert.notEqual(open, null, "a line outside a file");
      assert.ok(Number.isInteger(line), "line numbers are integers");
      lines.push({ file: open!, line, text, added });
    },
    endFile() {
      assert.notEqual(open, null, "endFile without beginFile");
      open = null;
    },
    unmerged() {
      unmerged++;
    },
  };
  const parser = new DiffParser(sink);
  for (const piece of pieces) parser.push(piece);
  parser.end();
  assert.equal(open, null, "every file is closed at the end");
  return { lines, unmerged };
}

/**
 * The scanner's findings on the files' lines. Output that ends inside a hunk is refused (the only
 * error allowed: git stopped part-way); keys in file names (from header lines) are another test's.
 */
function scan(pieces: string[], detector?: Detector): Finding[] {
  const scanner = new PatchScanner(detector);
  for (const piece of pieces) scanner.push(piece);
  let findings: Finding[];
  try {
    findings = scanner.end();
  } catch (error) {
    if ((error as { code?: string }).code !== "GIT_OUTPUT_INCOMPLETE") throw error;
    findings = scanner.findings;
  }
  return findings.filter((finding) => finding.origin !== "file-name");
}

const place = (file: string, line: number): string => `${file}\0${line}`;

/** Every finding sits on a line the input adds (never a context or removed line, never elsewhere). */
function assertOnAddedLines(findings: Finding[], lines: ExpectedLine[]): void {
  const added = new Set(lines.filter((l) => l.added).map((l) => place(l.file, l.line)));
  for (const finding of findings) {
    assert.ok(added.has(place(finding.file, finding.line)), `finding at ${JSON.stringify(finding.file)}:${finding.line} is not an added line`);
    assert.ok(finding.column >= 1, "columns are 1-based");
  }
}

// ---------------------------------------------------------------------------------------------

describe("property: well-formed diffs with known lines and planted keys", () => {
  it("DiffParser reports exactly the new versions' lines, whatever the chunking", TIMEOUT, () => {
    fc.assert(
      fc.property(generatedDiff, chunkSizes, (diff, sizes) => {
        const recorded = recordParse(chunks(diff.patch, sizes));
        assert.deepEqual(recorded.lines, diff.lines);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("PatchScanner finds every key planted on an added line, at its column, and nothing off the added lines", TIMEOUT, () => {
    fc.assert(
      fc.property(generatedDiff, chunkSizes, (diff, sizes) => {
        const findings = scan(chunks(diff.patch, sizes));
        assertOnAddedLines(findings, diff.lines);
        for (const planted of diff.planted) {
          const fingerprint = fingerprintOf("pinecone-api-key", planted.key);
          const found = findings.find((f) => f.file === planted.file && f.line === planted.line && f.fingerprint === fingerprint);
          assert.ok(found, `planted key at ${JSON.stringify(planted.file)}:${planted.line} not found`);
          assert.equal(found.column, planted.column);
        }
        assertNoKeyIn(JSON.stringify(findings), diff.keys, "findings");
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("the prefilter changes nothing: the same findings with every line read in full", TIMEOUT, () => {
    // A custom rule without keywords makes the prefilter mark every line (see prefilter.ts).
    const everyLine = { id: "never", regex: compileLinear("[^\\s\\S]"), keywords: [], description: "matches nothing" };
    fc.assert(
      fc.property(generatedDiff, chunkSizes, (diff, sizes) => {
        const fast = scan(chunks(diff.patch, sizes));
        const full = scan([diff.patch], new Detector({ customRules: [everyLine] }));
        assert.deepEqual(fast, full);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("the prefilter changes nothing for legacy keys, whatever stands between the name and the UUID", TIMEOUT, () => {
    // The prefilter reads a UUID's name with its own cheap test (KEY_NAME_BEFORE in prefilter.ts),
    // which must let through every UUID the detector's name test could report.
    const everyLine = { id: "never", regex: compileLinear("[^\\s\\S]"), keywords: [], description: "matches nothing" };
    const name = fc.constantFrom("api_key", "apiKey", "Api-Key", "TOKEN", "secret", "key", "config.api_key", "x-api-key", "id", "user", "PINECONE_API_KEY", "pineconeToken");
    const between = fc.array(fc.constantFrom('"', "'", "`", "]", " ", "\t", ":", "=", ",", ":=", "=>", "(", "\\\"", "%3D", "%22"), { maxLength: 6 }).map((parts) => parts.join(""));
    const line = fc.record({ lead: fc.constantFrom("", "  ", "- ", "{"), name, between, seed: fc.integer(), context: fc.boolean() });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), chunkSizes, (lines, sizes) => {
        const body = lines.flatMap(({ lead, name: n, between: b, seed, context }) => {
          const hex = createHash("sha256").update(`uuid:${seed}`).digest("hex");
          const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
          return [`+${lead}${n}${b}${uuid}`, ...(context ? ["+# pinecone"] : [])];
        });
        const patch = `diff --git a/k.yaml b/k.yaml\n--- /dev/null\n+++ b/k.yaml\n@@ -0,0 +1,${body.length} @@\n${body.join("\n")}\n`;
        const fast = scan(chunks(patch, sizes));
        const full = scan([patch], new Detector({ customRules: [everyLine] }));
        assert.deepEqual(fast, full);
      }),
      { numRuns: NUM_RUNS * 5 },
    );
  });
});

describe("property: the prefilter changes no finding, for every rule's keywords", () => {
  // A custom rule from a config, next to the built-in ones: its keyword is a mark like theirs.
  const acme = { id: "acme-token", regex: compileLinear("acme_([a-z0-9]{16})"), keywords: ["acme_"], description: "Acme token" };
  const everyLine = { id: "never", regex: compileLinear("[^\\s\\S]"), keywords: [], description: "matches nothing" };
  const rules = [...BUILT_IN_RULES, customRule(acme)];
  const words = [...new Set(rules.flatMap((rule) => rule.keywords.words))];

  const hex = (seed: number, salt: string): string => createHash("sha256").update(`${salt}:${seed}`).digest("hex");
  const uuidFrom = (seed: number): string => {
    const h = hex(seed, "uuid");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const utf16 = (text: string): string => [...text].map((c) => `${c}\0`).join("");
  // What a line is made of: every rule's words (plain, upper case, base64, UTF-16), keys of every
  // rule, and the pieces of the shapes the legacy rule reads (pairs, annotations, fallbacks…).
  const fragment: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: noise },
    { weight: 3, arbitrary: fc.constantFrom(...words, ...words.map((w) => w.toUpperCase())) },
    { weight: 1, arbitrary: fc.constantFrom(...words).map((w) => Buffer.from(`${w}=`).toString("base64")) },
    { weight: 1, arbitrary: fc.constantFrom(...words).map(utf16) },
    { weight: 3, arbitrary: fc.integer().map(uuidFrom) },
    { weight: 1, arbitrary: fc.integer().map((seed) => Buffer.from(`api-key: ${uuidFrom(seed)}`).toString("base64")) },
    { weight: 1, arbitrary: fc.integer().map((seed) => keyFromSeed(seed)) },
    { weight: 1, arbitrary: fc.integer().map((seed) => `pckey_${hex(seed, "label").slice(0, 1 + (seed & 15))}_${hex(seed, "secret").slice(0, 40)}`) },
    { weight: 1, arbitrary: fc.integer().map((seed) => `acme_${hex(seed, "acme").slice(0, 16)}`) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        "PINECONE_API_KEY", "PINECONE_API_KEY_ID", "api_key", "apiKey", "token", "OPENAI_API_KEY", "openai.", "OpenAI(",
        ': str = "', ": Optional[str] = ", " = ", '"key": "', '"name": "', '"value": "', "- name: ", "value: ", "<key>", "</key>",
        "<string>", 'default="', "--api-key ", " or '", ' ?? "', " || ", ":-", 'os.getenv("PINECONE_API_KEY")', 'setApiKey("',
        'SecretStr("', '--body "', "secret set ", "--name ", '--value ', "(", ")", '"', "'", ", ", "\\", "%3D", "us-west1-gcp",
      ),
    },
  );
  const line = fc.record({ kind: fc.constantFrom("+", "+", " "), parts: fc.array(fragment, { minLength: 1, maxLength: 6 }) });

  it("the same findings with every line read in full, custom rules included, whatever the chunking", TIMEOUT, () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), chunkSizes, (lines, sizes) => {
        const body = lines.map(({ kind, parts }) => `${kind}${parts.join("").replace(/[\r\n]/g, " ")}`);
        const added = body.filter((l) => l.startsWith("+")).length;
        const patch = `diff --git a/k.yaml b/k.yaml\n--- a/k.yaml\n+++ b/k.yaml\n@@ -1,${body.length - added} +1,${body.length} @@\n${body.join("\n")}\n`;
        const fast = scan(chunks(patch, sizes), new Detector({ customRules: [acme] }));
        const full = scan([patch], new Detector({ customRules: [acme, everyLine] }));
        assert.deepEqual(fast, full);
      }),
      { numRuns: NUM_RUNS * 5 },
    );
  });
});

describe("property: malformed diffs", () => {
  const diffishLine = fc.oneof(
    noise,
    fc.constantFrom(...TRICKY_LINES, "--- /dev/null", "+++ /dev/null", '+++ "b/unterminated', "@@ -0,0 +0,0 @@", "@@ -5 +5 @@", "@@ -1,-3 +1,4 @@", "@@@@ -1 -1 -1 +1 @@@@", "", "\r"),
    fc.record({ mark: fc.constantFrom("+", "-", " ", "++", "+-", " +", "\\"), text: noise }).map(({ mark, text }) => `${mark}${text}`),
    fc.record({ a: fc.nat(1_000_000), b: fc.nat(50), c: fc.nat(1_000_000), d: fc.nat(50), tail: noise }).map(
      ({ a, b, c, d, tail }) => `@@ -${a},${b} +${c},${d} @@${tail}`,
    ),
    fileName.map((name) => `+++ ${headerPath(name)}`),
    fc.integer().map((seed) => `+KEY = "${keyFromSeed(seed)}"`),
  );
  const malformed = fc.array(diffishLine, { maxLength: 60, size: "max" }).map((lines) => lines.join("\n"));

  it("never throw, keep the sink's contract, and report only lines the parser calls added", TIMEOUT, () => {
    fc.assert(
      fc.property(malformed, chunkSizes, fc.boolean(), (text, sizes, finalNewline) => {
        const input = finalNewline ? `${text}\n` : text;
        const pieces = chunks(input, sizes);
        const recorded = recordParse(pieces);
        assertOnAddedLines(scan(pieces), recorded.lines);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("random bytes as git output: no throw, findings only on added lines", TIMEOUT, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000, size: "max" }), chunkSizes, (bytes, sizes) => {
        const pieces = chunks(bytesAsGitOutput(bytes), sizes);
        const recorded = recordParse(pieces);
        assertOnAddedLines(scan(pieces), recorded.lines);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe("property: random bytes and file names straight into the detector", () => {
  it("a key planted among random bytes is found on its line and column; nothing is reported past the last line", TIMEOUT, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000, size: "max" }), fc.uint8Array({ maxLength: 3000, size: "max" }), fc.integer(), fileName, fc.boolean(), (before, after, seed, name, bom) => {
        const key = keyFromSeed(seed);
        const text = `${bom ? "\ufeff" : ""}${bytesAsGitOutput(before)} "${key}" ${bytesAsGitOutput(after)}`;
        const findings = new Detector().scanText(name, text);
        const lines = text.split("\n");
        for (const finding of findings) {
          assert.equal(finding.file, name);
          assert.ok(finding.line >= 1 && finding.line <= lines.length, "a finding lies on a line of the text");
        }
        const at = text.indexOf(key);
        const line = text.slice(0, at).split("\n").length;
        const lineText = lines[line - 1]!.replace(/\r$/, "");
        const bomColumn = line === 1 && lineText.startsWith("\ufeff") ? 1 : 0;
        const found = findings.find((f) => f.fingerprint === fingerprintOf("pinecone-api-key", key));
        assert.ok(found, "planted key not found");
        assert.deepEqual([found.line, found.column], [line, lineText.indexOf(key) + 1 - bomColumn]);
        assertNoKeyIn(JSON.stringify(findings), [key], "findings");
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("random text of any kind: the detector never throws, whatever the file name", TIMEOUT, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 3000, size: "max" }), fc.uint8Array({ maxLength: 3000, size: "max" }).map(bytesAsGitOutput)), fileName, (text, name) => {
        for (const finding of new Detector({ maxFileBytes: 1000 }).scanText(name, text)) assert.equal(finding.file, name);
        new Detector().scanText(name, text);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("any file name survives git's header quoting: a finding names the file exactly", TIMEOUT, () => {
    fc.assert(
      fc.property(fileName, fc.integer(), (name, seed) => {
        const key = keyFromSeed(seed);
        const patch = [`diff --git a/x b/x`, "new file mode 100644", "--- /dev/null", `+++ ${headerPath(name)}`, "@@ -0,0 +1 @@", `+K = "${key}"`, ""].join("\n");
        const findings = scan([patch]);
        assert.equal(findings.length, 1);
        assert.equal(findings[0]!.file, name);
        assert.equal(findings[0]!.line, 1);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
