import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Detector, LEGACY_CONTEXT_WINDOW, type Finding } from "../../dist/core/index.js";
import { base64, fakeAlnumKey, fakeKey, fakeUuid, randomString, splitKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";

/** A line of input: plain text is an added line; `{ context }` is an unchanged line git shows around it. */
type InputLine = string | { context: string };

/** Feed lines numbered from `firstLine` to a fresh detector, as the diff layer would. */
function scan(lines: InputLine[], file = "app.py", firstLine = 1): Finding[] {
  const detector = new Detector();
  detector.beginFile(file);
  lines.forEach((line, i) => {
    if (typeof line === "string") detector.addLine(firstLine + i, line, true);
    else detector.addLine(firstLine + i, line.context, false);
  });
  return detector.endFile();
}

/** Just the parts a reader checks first: rule and line, blocking findings only unless asked. */
function summary(findings: Finding[]): Array<[string, number]> {
  return findings.map((f) => [f.rule, f.line]);
}

describe("rule pinecone-api-key: shape and word boundaries", () => {
  it("finds base58 and all-alphanumeric keys with a label of 5 or 6", () => {
    const keys = [
      fakeKey(),
      fakeKey({ labelLength: 6 }),
      fakeAlnumKey(),
      fakeKey({ labelLength: 6, alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" }),
    ];
    for (const key of keys) {
      const findings = new Detector().scanText("app.py", `PINECONE_API_KEY = "${key}"\n`);
      assert.deepEqual(summary(findings), [["pinecone-api-key", 1]], `label ${splitKey(key).label.length}`);
      assert.equal(findings[0]!.column, 21);
    }
  });

  it("finds a key alone on a line, at the start and at the end", () => {
    const key = fakeKey();
    assert.equal(new Detector().scanText("k.txt", key).length, 1);
    assert.equal(new Detector().scanText("k.txt", `${key} trailing words`)[0]!.column, 1);
  });

  it("finds a key between ordinary delimiters", () => {
    for (const [before, after] of [
      ['"', '"'],
      ["'", "'"],
      ["`", "`"],
      ["=", ""],
      [": ", ","],
      ["(", ")"],
      ["/", "/"],
      ["-", "-"],
      [">", "<"],
      ["\t", "\r"],
    ] as const) {
      const key = fakeKey();
      const findings = new Detector().scanText("x", `value ${before}${key}${after} end`);
      assert.equal(findings.length, 1, `between ${JSON.stringify(before)} and ${JSON.stringify(after)}`);
    }
  });

  it("does not find a label of 4 or 7 characters", () => {
    for (const labelLength of [4, 7]) {
      const key = fakeKey({ labelLength });
      assert.deepEqual(new Detector().scanText("a.py", `key = "${key}"`), [], `label ${labelLength}`);
    }
  });

  it("does not find a secret of 62 or 64 characters", () => {
    for (const secretLength of [62, 64]) {
      const key = fakeKey({ secretLength });
      assert.deepEqual(new Detector().scanText("a.py", `key = "${key}"`), [], `secret ${secretLength}`);
    }
  });

  it("does not find a key glued to a word: xpcsk_, my_pcsk_, trailing alnum or underscore", () => {
    const key = fakeKey();
    for (const line of [`x${key}`, `my_${key}`, `_${key}`, `9${key}`, `${key}x`, `${key}7`, `${key}_`, `${key}_suffix`]) {
      assert.deepEqual(new Detector().scanText("a.txt", line), [], line.replace(key, "<key>"));
    }
  });

  it("in binary content finds a key glued to its neighbours (length bytes, the next field), not in text", () => {
    const key = fakeKey();
    // A pickle's length byte ("K" = 75), a .pyc's type and length bytes, SQLite columns run together,
    // a terminal colour code: each on a line that is binary (a control character, or an undecodable byte).
    for (const line of [
      `\u0080\u0004\u0095\ufffdK${key}\ufffds.`,
      `\u0000\u0000\u0000ZK${key}`,
      `\u0007\u0004api_key${key}us-east-1-aws\u0000`,
      `\u001b[1m${key}\u001b[0m`,
    ]) {
      const findings = new Detector().scanText("blob.bin", line);
      assert.deepEqual(
        findings.map((f) => [f.column, f.fingerprint]),
        [[line.indexOf(key) + 1, new Detector().scanText("a.txt", key)[0]!.fingerprint]],
        JSON.stringify(line.replace(key, "<key>")),
      );
    }
    // The same glue in text is still not a key (see the test above).
    assert.deepEqual(new Detector().scanText("a.txt", `K${key}us`), []);
  });

  it("reports two different keys on one line, each at its own column", () => {
    const first = fakeKey();
    const second = fakeKey();
    const line = `a=${first} b=${second}`;
    const findings = new Detector().scanText("a.txt", line);
    assert.deepEqual(
      findings.map((f) => f.column),
      [line.indexOf(first) + 1, line.indexOf(second) + 1],
    );
    assert.notEqual(findings[0]!.fingerprint, findings[1]!.fingerprint);
  });

  it("reports the same key twice on one line once", () => {
    const key = fakeKey();
    assert.equal(new Detector().scanText("a.txt", `${key} ${key}`).length, 1);
  });

  it("reports keys on added lines only, never on context lines", () => {
    const onContext = fakeKey();
    const onAdded = fakeKey();
    const findings = scan([{ context: `OLD = "${onContext}"` }, `NEW = "${onAdded}"`, { context: onContext }]);
    assert.deepEqual(summary(findings), [["pinecone-api-key", 2]]);
    assert.equal(findings[0]!.redacted, `pcsk_${splitKey(onAdded).label}_${splitKey(onAdded).secret.slice(0, 4)}…`);
  });

  it("scanText numbers lines from 1, counts empty lines and strips \\r", () => {
    const key = fakeKey();
    const findings = new Detector().scanText("win.env", `# header\r\n\r\n\r\nPINECONE_API_KEY=${key}\r\n`);
    assert.deepEqual(summary(findings), [["pinecone-api-key", 4]]);
    assert.equal(findings[0]!.column, 18);
  });

  it("starts every file afresh: findings and context do not leak from one file to the next", () => {
    const detector = new Detector();
    detector.beginFile("one.py");
    detector.addLine(1, "import pinecone", true);
    detector.addLine(2, `x = "${fakeKey()}"`, true);
    assert.equal(detector.endFile().length, 1);
    detector.beginFile("two.py");
    detector.addLine(3, `api_key = "${fakeUuid()}"`, true);
    assert.deepEqual(detector.endFile(), [], "pinecone in one.py is not context for two.py");
  });
});

describe("rule pinecone-legacy-api-key", () => {
  const legacy = (findings: Finding[]) => summary(findings).filter(([rule]) => rule === "pinecone-legacy-api-key");

  it("finds PINECONE_API_KEY=<uuid> in a .env file, at the UUID's column", () => {
    const uuid = fakeUuid();
    const findings = new Detector().scanText(".env", `PINECONE_API_KEY=${uuid}\n`);
    assert.deepEqual(summary(findings), [["pinecone-legacy-api-key", 1]]);
    assert.equal(findings[0]!.column, 18);
  });

  it("finds the usual single-line spellings", () => {
    const spellings = [
      (u: string) => `os.environ["PINECONE_API_KEY"] = "${u}"`,
      (u: string) => `pinecone.init(api_key="${u}", environment="us-west1-gcp")`,
      (u: string) => `export PINECONE_API_KEY='${u}'`,
      (u: string) => `os.Setenv("PINECONE_API_KEY", "${u}")`,
      (u: string) => `process.env.PINECONE_API_KEY = "${u}";`,
      (u: string) => `const pinecone = new Pinecone({ apiKey: "${u}" });`,
      (u: string) => `ENV PINECONE_API_KEY ${u}`,
      (u: string) => `$env:PINECONE_API_KEY = "${u}"`,
      (u: string) => `  "pineconeApiKey": "${u}",`,
      (u: string) => `pinecone_api_key = "${u.toUpperCase()}"`,
    ];
    for (const spelling of spellings) {
      const line = spelling(fakeUuid());
      assert.deepEqual(legacy(new Detector().scanText("x", line)), [["pinecone-legacy-api-key", 1]], line);
    }
  });

  it("finds a UUID passed positionally to a Pinecone client constructor (.NET, Java, Python)", () => {
    for (const spelling of [
      (u: string) => `var pinecone = new PineconeClient("${u}");`,
      (u: string) => `var pinecone = new PineconeClient(@"${u}");`,
      (u: string) => `Pinecone pc = new Pinecone.Builder("${u}").build();`,
      (u: string) => `pc = Pinecone('${u}')`,
      (u: string) => `pc = pinecone.Pinecone("${u}")`,
    ]) {
      const line = spelling(fakeUuid());
      assert.deepEqual(legacy(new Detector().scanText("x", line)), [["pinecone-legacy-api-key", 1]], line);
    }
  });

  it("finds a generic member name (config.api_key, this.apiKey) with pinecone nearby", () => {
    const findings = scan([
      "Pinecone.configure do |config|",
      `  config.api_key = "${fakeUuid()}"`,
      "end",
      "class Store {",
      "  constructor() {",
      `    this.apiKey = "${fakeUuid()}"; // pinecone`,
    ]);
    assert.deepEqual(summary(findings), [
      ["pinecone-legacy-api-key", 2],
      ["pinecone-legacy-api-key", 6],
    ]);
  });

  it("finds a generic name when pinecone is on one of the previous lines (added or context)", () => {
    for (const distance of [1, 2, LEGACY_CONTEXT_WINDOW]) {
      const filler = Array.from({ length: distance - 1 }, (_, i) => `x${i} = ${i}`);
      const asAdded = scan(["import pinecone", ...filler, `api_key = "${fakeUuid()}"`]);
      assert.deepEqual(summary(asAdded), [["pinecone-legacy-api-key", distance + 1]], `added, ${distance} above`);
      const asContext = scan([{ context: "import pinecone" }, ...filler.map((context) => ({ context })), `api_key = "${fakeUuid()}"`]);
      assert.deepEqual(summary(asContext), [["pinecone-legacy-api-key", distance + 1]], `context, ${distance} above`);
    }
  });

  it("finds a generic name when pinecone comes on one of the next lines (added or context)", () => {
    const uuid = fakeUuid();
    const nextLines = scan([
      `api_key = "${uuid}"`,
      'env = os.environ["ENV"]',
      "pinecone.init(api_key=api_key, environment=env)",
    ]);
    assert.deepEqual(summary(nextLines), [["pinecone-legacy-api-key", 1]]);

    const byContext = scan([`api_key = "${fakeUuid()}"`, { context: "" }, { context: "" }, { context: "import pinecone" }]);
    assert.deepEqual(summary(byContext), [["pinecone-legacy-api-key", 1]]);
  });

  it("does not find a generic name when pinecone is further than the window on both sides", () => {
    const far = Array.from({ length: LEGACY_CONTEXT_WINDOW }, (_, i) => `filler_${i} = ${i}`);
    assert.deepEqual(scan(["import pinecone", ...far, `api_key = "${fakeUuid()}"`, ...far, "pinecone.init()"]), []);
    assert.deepEqual(scan([`api_key = "${fakeUuid()}"`]), []);
  });

  it("judges context by line numbers: a hunk far below is not a neighbour", () => {
    const detector = new Detector();
    detector.beginFile("app.py");
    detector.addLine(1, "import pinecone", false);
    detector.addLine(40, `api_key = "${fakeUuid()}"`, true);
    detector.addLine(41, "", false);
    detector.addLine(90, "pinecone.init()", false);
    assert.deepEqual(detector.endFile(), []);
  });

  it("finds YAML nesting, a legacy environment name and an Api-Key header near a pinecone URL", () => {
    assert.deepEqual(summary(scan(["pinecone:", `  api_key: ${fakeUuid()}`])), [["pinecone-legacy-api-key", 2]]);
    assert.deepEqual(
      summary(scan(["environment: us-east4-gcp", `apiKey: ${fakeUuid()}`])),
      [["pinecone-legacy-api-key", 2]],
      "a legacy environment name counts as pinecone context",
    );
    const header = scan([
      "curl -X GET https://controller.us-west1-gcp.pinecone.io/databases \\",
      `  -H "Api-Key: ${fakeUuid()}"`,
    ]);
    assert.deepEqual(summary(header), [["pinecone-legacy-api-key", 2]]);
  });

  it("does not report a legacy key that sits on a context line", () => {
    assert.deepEqual(scan([{ context: `PINECONE_API_KEY=${fakeUuid()}` }, "# touched line"]), []);
  });

  it("does not find document and vector ids, trace ids or project ids", () => {
    const lines = [
      "import pinecone",
      `index.upsert(vectors=[("${fakeUuid()}", [0.1, 0.2])])`,
      `index.upsert(vectors=[{"id": "${fakeUuid()}", "values": [0.1]}])`,
      `record = Vector(id="${fakeUuid()}", values=[0.3])`,
      `index.fetch(ids=["${fakeUuid()}"])`,
      `index = pinecone.Index("${fakeUuid()}")`,
      `logger.info("upserted", trace_id="${fakeUuid()}")`,
      `PINECONE_PROJECT_ID=${fakeUuid()}`,
      `pinecone_index_id: ${fakeUuid()}`,
      `request_id = "${fakeUuid()}"  # pinecone`,
    ];
    assert.deepEqual(scan(lines), []);
  });

  it("does not find anything in a package-lock-like file full of UUIDs, even next to pinecone packages", () => {
    const lines = ["{", '  "name": "app",', '  "lockfileVersion": 3,', '  "packages": {'];
    for (let i = 0; i < 200; i++) {
      lines.push(
        `    "node_modules/@pinecone-database/pinecone-${i}": {`,
        `      "version": "1.${i}.0",`,
        `      "resolved": "https://registry.npmjs.org/@pinecone-database/pinecone/-/pinecone-1.${i}.0.tgz",`,
        `      "integrity": "sha512-${base64(randomString(48))}",`,
        `      "uuid": "${fakeUuid()}",`,
        `      "${fakeUuid()}": "${fakeUuid()}",`,
        `      "id": "${fakeUuid()}"`,
        "    },",
      );
    }
    lines.push("  }", "}");
    assert.deepEqual(new Detector().scanText("package-lock.json", lines.join("\n")), []);
  });

  it("ignores placeholder UUIDs even under the key's own name", () => {
    for (const uuid of [
      "00000000-0000-0000-0000-000000000000",
      "12345678-1234-1234-1234-123456789abc",
      "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      "deadbeef-dead-beef-dead-beefdeadbeef",
      "01234567-89ab-cdef-0123-456789abcdef",
      "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
    ]) {
      assert.deepEqual(new Detector().scanText(".env", `PINECONE_API_KEY=${uuid}`), [], uuid);
    }
  });

  it("fingerprints a legacy key the same in upper and lower case, and never shows it", () => {
    const uuid = fakeUuid();
    const findings = scan([`PINECONE_API_KEY=${uuid}`, `PINECONE_API_KEY=${uuid.toUpperCase()}`]);
    assert.equal(findings.length, 2);
    assert.equal(findings[0]!.fingerprint, findings[1]!.fingerprint);
    assert.equal(findings[0]!.redacted, `${uuid.slice(0, 4)}…`);
    assertNoKeyIn(JSON.stringify(findings), [uuid]);
  });
});

describe("allowlist comments", () => {
  const commentStyles: Array<[string, (key: string) => string]> = [
    ["#", (key) => `PINECONE_API_KEY=${key}  # pinekey-allow`],
    ["//", (key) => `const apiKey = "${key}"; // pinekey-allow`],
    ["/* */", (key) => `const apiKey = "${key}"; /* pinekey-allow */`],
    ["<!-- -->", (key) => `<code>${key}</code> <!-- pinekey-allow -->`],
    ["--", (key) => `INSERT INTO settings VALUES ('pinecone', '${key}'); -- pinekey-allow`],
    [";", (key) => `api_key = ${key} ; pinekey-allow`],
    ["'", (key) => `apiKey = "${key}" ' pinekey-allow`],
    ["REM", (key) => `set PINECONE_API_KEY=${key} & REM pinekey-allow`],
  ];

  it("allows a line with pinekey-allow in every comment syntax, keeping the finding", () => {
    for (const [style, line] of commentStyles) {
      const findings = new Detector().scanText("x", line(fakeKey()));
      assert.equal(findings.length, 1, style);
      assert.equal(findings[0]!.allowed, true, style);
      assert.equal(findings[0]!.allowReason, undefined, style);
    }
  });

  it("allows legacy keys the same way", () => {
    const findings = new Detector().scanText(".env", `PINECONE_API_KEY=${fakeUuid()} # pinekey-allow`);
    assert.deepEqual(findings.map((f) => [f.rule, f.allowed]), [["pinecone-legacy-api-key", true]]);
  });

  it("captures the reason after `pinekey-allow:` without the comment closer", () => {
    const cases: Array<[string, string]> = [
      [`k = "${fakeKey()}"  # pinekey-allow: revoked test key`, "revoked test key"],
      [`k = "${fakeKey()}"; /* pinekey-allow: docs sample */`, "docs sample"],
      [`<p>${fakeKey()}</p> <!-- pinekey-allow:rotated in 2024-->`, "rotated in 2024"],
      [`k = "${fakeKey()}"; // pinekey-allow:   spaced out   `, "spaced out"],
      [`"source": ["k = '${fakeKey()}'  # pinekey-allow: notebook demo\\n",`, "notebook demo"],
      [`k = "${fakeKey()}"  # pinekey-allow:`, ""],
    ];
    for (const [line, reason] of cases) {
      const [finding] = new Detector().scanText("x", line);
      assert.equal(finding!.allowed, true);
      assert.equal(finding!.allowReason, reason === "" ? undefined : reason, line.replace(/pcsk_\w+/, "<key>"));
    }
  });

  it("allows the next line with pinekey-allow-next-line on an added or a context line", () => {
    const viaAdded = scan(["# pinekey-allow-next-line: fixture", `KEY = "${fakeKey()}"`]);
    assert.deepEqual(viaAdded.map((f) => [f.line, f.allowed]), [[2, true]]);
    const viaContext = scan([{ context: "// pinekey-allow-next-line" }, `const key = "${fakeKey()}";`]);
    assert.deepEqual(viaContext.map((f) => [f.line, f.allowed]), [[2, true]]);
    const legacy = scan(["pinecone:", "  # pinekey-allow-next-line", `  api_key: ${fakeUuid()}`]);
    assert.deepEqual(legacy.map((f) => [f.line, f.allowed]), [[3, true]]);
  });

  it("does not allow a line two lines below the marker, nor the line after it beyond a gap", () => {
    const twoBelow = scan(["# pinekey-allow-next-line", "", `KEY = "${fakeKey()}"`]);
    assert.deepEqual(twoBelow.map((f) => [f.line, f.allowed]), [[3, false]]);

    const detector = new Detector();
    detector.beginFile("a.py");
    detector.addLine(10, "# pinekey-allow-next-line", false);
    detector.addLine(20, `KEY = "${fakeKey()}"`, true);
    assert.deepEqual(detector.endFile().map((f) => f.allowed), [false]);
  });

  it("does not let pinekey-allow-next-line allow its own line", () => {
    const findings = scan([`KEY = "${fakeKey()}"  # pinekey-allow-next-line`, `OTHER = "${fakeKey()}"`]);
    assert.deepEqual(findings.map((f) => [f.line, f.allowed]), [
      [1, false],
      [2, true],
    ]);
  });

  it("allows only the marked line: other lines stay blocking", () => {
    const findings = scan([`A = "${fakeKey()}"  # pinekey-allow`, `B = "${fakeKey()}"`]);
    assert.deepEqual(findings.map((f) => [f.line, f.allowed]), [
      [1, true],
      [2, false],
    ]);
  });
});

describe("finding fields", () => {
  it("fills rule, file, line, 1-based column, redaction and fingerprint", () => {
    const key = fakeKey({ labelLength: 6 });
    const { label, secret } = splitKey(key);
    const line = `    client = Pinecone(api_key="${key}")`;
    const findings = scan(["", "", line], "src/rag/store.py", 41);
    assert.equal(findings.length, 1);
    const finding = findings[0]!;
    assert.equal(finding.rule, "pinecone-api-key");
    assert.equal(finding.file, "src/rag/store.py");
    assert.equal(finding.line, 43);
    assert.equal(finding.column, line.indexOf("pcsk_") + 1);
    assert.equal(finding.allowed, false);
    assert.equal(finding.encoding, undefined);
    assert.equal(finding.allowReason, undefined);
    assert.ok(finding.redacted.startsWith(`pcsk_${label}_`));
    const shownSecret = finding.redacted.slice(`pcsk_${label}_`.length).replace(/…$/, "");
    assert.ok(shownSecret.length <= 4, "at most four characters of the secret");
    assert.ok(secret.startsWith(shownSecret));
    assert.match(finding.fingerprint, /^pinecone-api-key:[0-9a-f]{16}$/);
  });

  it("gives the same key the same fingerprint on any line of any file, and different keys different ones", () => {
    const key = fakeKey();
    const other = fakeKey();
    const a = new Detector().scanText("a.py", `\n\nk = "${key}"`);
    const b = new Detector().scanText("dir/b.env", `KEY=${key}\nOTHER=${other}`);
    assert.equal(a[0]!.fingerprint, b[0]!.fingerprint);
    assert.notEqual(b[0]!.fingerprint, b[1]!.fingerprint);
    assert.notEqual(a[0]!.line, b[0]!.line);
  });

  it("never holds the key or a slice of its secret", () => {
    const keys = [fakeKey(), fakeKey({ labelLength: 6 }), fakeAlnumKey()];
    const uuid = fakeUuid();
    const findings = new Detector().scanText(
      "all.txt",
      [...keys.map((k) => `KEY=${k}`), `PINECONE_API_KEY=${uuid} # pinekey-allow: fixture`].join("\n"),
    );
    assert.equal(findings.length, 4);
    assertNoKeyIn(JSON.stringify(findings), [...keys, uuid], "findings");
  });

  it("sorts findings by line, then column, whatever order they were confirmed in", () => {
    const findings = scan([
      `api_key = "${fakeUuid()}"`, // confirmed only when line 2 arrives
      `import pinecone; KEY = "${fakeKey()}"; X = "${fakeKey()}"`,
    ]);
    assert.deepEqual(
      findings.map((f) => [f.line, f.rule]),
      [
        [1, "pinecone-legacy-api-key"],
        [2, "pinecone-api-key"],
        [2, "pinecone-api-key"],
      ],
    );
    assert.ok(findings[1]!.column < findings[2]!.column);
  });
});
