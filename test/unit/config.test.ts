/**
 * Team configuration: parseConfig's validation (every error names the file and the key), the
 * shipped JSON schema (valid draft-07 that agrees with parseConfig), the loaders for
 * .pinekeyrc.json / package.json / .pinekeyignore, and the detector run with the options a config
 * turns into (custom rules, disabled rules, allow patterns, ignored fingerprints, redaction width,
 * the size limit).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Ajv from "ajv";
import { loadConfig, loadIgnoredFingerprints } from "../../dist/cli/config.js";
import {
  DEFAULT_CONFIG,
  MAX_VISIBLE_CHARS,
  parseConfig as parseConfigWith,
  type PinekeyConfig,
} from "../../dist/core/config.js";
import { compileLinear } from "../../dist/core/linear-regex.js";
import { CUSTOM_RULE_WINDOW, type DetectorOptions } from "../../dist/core/detector.js";
import { Detector, fingerprintOf, PinekeyError, type Finding } from "../../dist/core/index.js";
import { fakeKey, fakeUuid, randomString, splitKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { PROJECT_ROOT } from "../helpers/repo.js";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** parseConfig with the linear-time engine, as cli/config.ts loads it for a config with patterns. */
function parseConfig(raw: unknown, source: string): PinekeyConfig {
  return parseConfigWith(raw, source, compileLinear);
}
const RC = ".pinekeyrc.json";
const PKG = 'package.json "pinekey"';

/** A complete config using every setting, as a team would commit it. */
const FULL_EXAMPLE = {
  $schema: "./node_modules/pinekey-hook/pinekey.schema.json",
  ignorePaths: ["test/fixtures/**", "**/*.snap"],
  allow: ["EXAMPLE[_-]KEY", "^# docs:"],
  rules: [
    {
      id: "openai-api-key",
      regex: "sk-[A-Za-z0-9]{48}",
      keywords: ["sk-"],
      description: "OpenAI API key",
    },
    { id: "github-token", regex: "(?:ghp|gho)_[A-Za-z0-9]{36}", flags: "i" },
    { id: "internal.token_v2", regex: 'INTERNAL_TOKEN\\s*=\\s*"([A-Z0-9]{24})"', keywords: ["INTERNAL_TOKEN"] },
  ],
  disableRules: ["pinecone-legacy-api-key", "github-token"],
  verify: true,
  maxFileBytes: 1048576,
  redact: { visibleChars: 2 },
};

function rejects(raw: unknown, key: string, problem: RegExp, source = RC): void {
  assert.throws(
    () => parseConfig(raw, source),
    (error: unknown) => {
      assert.ok(error instanceof PinekeyError, `not a PinekeyError: ${String(error)}`);
      assert.equal(error.code, "BAD_CONFIG");
      assert.ok(
        error.message.startsWith(`${source}: "${key}" `),
        `the message names ${source} and "${key}": ${error.message}`,
      );
      assert.match(error.message, problem);
      assert.ok(error.hint?.includes(source), "the hint says which file to fix");
      return true;
    },
    `${JSON.stringify(raw)} must be rejected at "${key}"`,
  );
}

describe("parseConfig: valid configurations", () => {
  it("gives the defaults for an empty object, naming the source", () => {
    const config = parseConfig({}, RC);
    assert.deepEqual({ ...config, source: undefined }, DEFAULT_CONFIG);
    assert.equal(config.source, RC);
    assert.equal(config.maxFileBytes, undefined, "no size limit unless one is configured");
    assert.equal(config.redact.visibleChars, MAX_VISIBLE_CHARS);
    assert.equal(config.verify, false);
  });

  it("reads every setting of a full example", () => {
    const config = parseConfig(FULL_EXAMPLE, RC);
    assert.deepEqual(config.ignorePaths, ["test/fixtures/**", "**/*.snap"]);
    assert.deepEqual(config.allow.map(String), ["/EXAMPLE[_-]KEY/", "/^# docs:/"]);
    assert.deepEqual(
      config.rules.map((rule) => [rule.id, rule.keywords, rule.description]),
      [
        ["openai-api-key", ["sk-"], "OpenAI API key"],
        ["github-token", [], "github-token"],
        ["internal.token_v2", ["internal_token"], "internal.token_v2"],
      ],
    );
    assert.deepEqual(config.disableRules, ["pinecone-legacy-api-key", "github-token"]);
    assert.equal(config.verify, true);
    assert.equal(config.maxFileBytes, 1048576);
    assert.deepEqual(config.redact, { visibleChars: 2 });
  });

  it("compiles rules for the linear-time engine, with the flags asked for", () => {
    const [openai, github] = parseConfig(FULL_EXAMPLE, RC).rules;
    assert.equal(openai!.regex.source, "sk-[A-Za-z0-9]{48}");
    assert.ok(github!.regex.test("GHP_" + "a".repeat(36)), "i: any case");
    assert.ok(!openai!.regex.test("SK-" + "a".repeat(48)));
    const multi = parseConfig({ rules: [{ id: "x", regex: "^key=.\\w{8}$", flags: "msu" }] }, RC).rules[0]!.regex;
    assert.ok(multi.test("first line\nkey=\n12345678\nlast"), "m: ^ and $ at line ends; s: . takes a line break");
  });

  it("takes RE2's syntax: named groups, \\x{…} escapes; refuses \\u escapes and backreferences", () => {
    const [rule] = parseConfig({ rules: [{ id: "x", regex: "tok\\x{5F}(?<secret>[a-z]{8})" }] }, RC).rules;
    assert.deepEqual([...rule!.regex.matches("a tok_abcdefgh b")].map((m) => [m.secret, m.secretIndex]), [["abcdefgh", 6]]);
    rejects({ rules: [{ id: "x", regex: "tok\\u005F[a-z]{8}" }] }, "rules[0].regex", /invalid escape sequence/);
  });

  it("does not share state with the defaults", () => {
    const config = parseConfig({ redact: { visibleChars: 0 } }, RC);
    assert.equal(config.redact.visibleChars, 0);
    assert.equal(DEFAULT_CONFIG.redact.visibleChars, MAX_VISIBLE_CHARS);
  });

  it("accepts the boundaries: visibleChars 0 and 4, maxFileBytes 1, a rule disabled by its own id", () => {
    assert.equal(parseConfig({ redact: { visibleChars: 0 } }, RC).redact.visibleChars, 0);
    assert.equal(parseConfig({ redact: { visibleChars: 4 } }, RC).redact.visibleChars, 4);
    assert.equal(parseConfig({ redact: {} }, RC).redact.visibleChars, MAX_VISIBLE_CHARS);
    assert.equal(parseConfig({ maxFileBytes: 1 }, RC).maxFileBytes, 1);
    assert.deepEqual(
      parseConfig({ rules: [{ id: "mine", regex: "mine_[a-z]{8}" }], disableRules: ["mine", "pinecone-api-key"] }, RC).disableRules,
      ["mine", "pinecone-api-key"],
    );
  });

  it("accepts the safe regexes people write, as rules and as allow patterns", () => {
    const regexes = [
      "sk-[A-Za-z0-9]{48}",
      "AKIA[0-9A-Z]{16}",
      "(?:ghp|gho)_[A-Za-z0-9]{36}",
      "xox[baprs]-[0-9A-Za-z-]{10,48}",
      'password\\s*[:=]\\s*"([^"]+)"',
      "(?:https?://)?[a-z0-9.-]+\\.internal\\.example",
    ];
    const config = parseConfig({ rules: regexes.map((regex, i) => ({ id: `rule-${i}`, regex })), allow: regexes }, RC);
    assert.equal(config.rules.length, regexes.length);
    assert.equal(config.allow.length, regexes.length);
  });
});

describe("parseConfig: every validation error names the file and the key", () => {
  const rule = (extra: Record<string, unknown>) => ({ rules: [{ id: "my-rule", regex: "tok_[a-z0-9]{16}", ...extra }] });
  const cases: Array<[string, unknown, string, RegExp]> = [
    ["an array", [], "(top level)", /must be a JSON object/],
    ["null", null, "(top level)", /must be a JSON object/],
    ["a string", "ignorePaths", "(top level)", /must be a JSON object/],
    ["an unknown key (a typo)", { ignorepaths: [] }, "ignorepaths", /is not a known setting \(known: ignorePaths, allow, rules/],
    ["ignorePaths not an array", { ignorePaths: "test/**" }, "ignorePaths", /must be an array of strings/],
    ["ignorePaths holding a number", { ignorePaths: ["test/**", 3] }, "ignorePaths", /must be an array of strings/],
    ["an empty glob", { ignorePaths: ["test/**", ""] }, "ignorePaths[1]", /non-empty glob/],
    ["allow not an array", { allow: "EXAMPLE" }, "allow", /must be an array of strings/],
    ["allow: bad syntax", { allow: ["ok", "(unclosed"] }, "allow[1]", /cannot run on the linear-time regex engine.*missing closing \)/],
    ["allow: a lookahead", { allow: ["(?=x)x"] }, "allow[0]", /cannot run on the linear-time regex engine \(RE2 syntax: no lookaround/],
    ["allow: empty", { allow: [""] }, "allow[0]", /matches the empty string, so it would allow every key/],
    ["allow: matches everything", { allow: [".*"] }, "allow[0]", /matches the empty string/],
    ["rules not an array", { rules: { id: "x" } }, "rules", /must be an array of rule objects/],
    ["a rule that is a string", { rules: ["sk-[a-z]+"] }, "rules[0]", /must be an object with id and regex/],
    ["an unknown rule key", rule({ name: "mine" }), "rules[0].name", /is not a rule setting \(known: id, regex, flags, keywords, description\)/],
    ["a missing id", { rules: [{ regex: "x{8}" }] }, "rules[0].id", /must be a lowercase id/],
    ["an uppercase id", rule({ id: "OpenAI" }), "rules[0].id", /must be a lowercase id/],
    ["an id starting with a dash", rule({ id: "-key" }), "rules[0].id", /must be a lowercase id/],
    ["an id with a space", rule({ id: "my key" }), "rules[0].id", /must be a lowercase id/],
    ["an id too long", rule({ id: "a".repeat(65) }), "rules[0].id", /must be a lowercase id/],
    ["a numeric id", rule({ id: 7 }), "rules[0].id", /must be a lowercase id/],
    [
      "a duplicate id",
      { rules: [{ id: "dup", regex: "a{8}" }, { id: "dup", regex: "b{8}" }] },
      "rules[1].id",
      /"dup" is already a rule id/,
    ],
    ["a built-in id", rule({ id: "pinecone-api-key" }), "rules[0].id", /"pinecone-api-key" is already a rule id/],
    ["the legacy built-in id", rule({ id: "pinecone-legacy-api-key" }), "rules[0].id", /already a rule id/],
    ["a missing regex", { rules: [{ id: "x" }] }, "rules[0].regex", /must be a non-empty string/],
    ["an empty regex", rule({ regex: "" }), "rules[0].regex", /must be a non-empty string/],
    ["a regex that is not a string", rule({ regex: ["a"] }), "rules[0].regex", /must be a non-empty string/],
    ["bad regex syntax", rule({ regex: "[a-" }), "rules[0].regex", /\(rule "my-rule"\) cannot run on the linear-time regex engine/],
    ["bad syntax: a lone quantifier", rule({ regex: "+key" }), "rules[0].regex", /\(rule "my-rule"\) cannot run on the linear-time regex engine.*missing argument to repetition operator/],
    ["a lookahead", rule({ regex: "tok_(?=[a-z])\\w{8}" }), "rules[0].regex", /\(rule "my-rule"\) cannot run on the linear-time regex engine \(RE2 syntax: no lookaround, no backreferences\)/],
    ["a lookbehind", rule({ regex: "(?<=key=)\\w{8}" }), "rules[0].regex", /\(rule "my-rule"\) cannot run on the linear-time regex engine/],
    ["a backreference", rule({ regex: "(['\"])[a-z]{8}\\1" }), "rules[0].regex", /\(rule "my-rule"\) cannot run on the linear-time regex engine/],
    ["a named backreference", rule({ regex: "(?<q>['\"])[a-z]{8}\\k<q>" }), "rules[0].regex", /\(rule "my-rule"\) cannot run on the linear-time regex engine/],
    ["too large a program", rule({ regex: "\\w{1,1000}\\w{1,1000}\\w{1,1000}!" }), "rules[0].regex", /\(rule "my-rule"\) is too large for a bounded scan \(\d+ instructions compiled, at most 1000\)/],
    ["matching the empty string", rule({ regex: "[a-z]*" }), "rules[0].regex", /\(rule "my-rule"\) matches the empty string/],
    ["matching the empty string: ^", rule({ regex: "^" }), "rules[0].regex", /matches the empty string/],
    ["flags: g", rule({ flags: "g" }), "rules[0].flags", /may only hold the flags "i", "m", "s", "u"/],
    ["flags: y", rule({ flags: "iy" }), "rules[0].flags", /may only hold the flags/],
    ["flags: twice the same", rule({ flags: "ii" }), "rules[0].flags", /each once/],
    ["flags not a string", rule({ flags: true }), "rules[0].flags", /may only hold the flags/],
    ["keywords not an array", rule({ keywords: "tok_" }), "rules[0].keywords", /must be an array of strings/],
    ["keywords holding a number", rule({ keywords: ["tok_", 1] }), "rules[0].keywords", /must be an array of strings/],
    ["a description that is not a string", rule({ description: 42 }), "rules[0].description", /must be a string/],
    ["disableRules not an array", { disableRules: "pinecone-api-key" }, "disableRules", /must be an array of strings/],
    [
      "disableRules naming an unknown rule",
      { disableRules: ["pinecone-legacy-key"] },
      "disableRules",
      /names "pinecone-legacy-key", which is not a rule \(rules: pinecone-api-key, pinecone-pckey-api-key, pinecone-legacy-api-key\)/,
    ],
    ["verify not a boolean", { verify: "yes" }, "verify", /must be true or false/],
    ["maxFileBytes 0", { maxFileBytes: 0 }, "maxFileBytes", /must be a positive whole number of bytes/],
    ["maxFileBytes negative", { maxFileBytes: -100 }, "maxFileBytes", /positive whole number/],
    ["maxFileBytes not an integer", { maxFileBytes: 1.5 }, "maxFileBytes", /positive whole number/],
    ["maxFileBytes a string", { maxFileBytes: "1000" }, "maxFileBytes", /positive whole number/],
    ["maxFileBytes null", { maxFileBytes: null }, "maxFileBytes", /positive whole number/],
    ["redact not an object", { redact: 2 }, "redact", /must be an object such as \{"visibleChars": 2\}/],
    ["redact an array", { redact: [2] }, "redact", /must be an object/],
    ["visibleChars -1", { redact: { visibleChars: -1 } }, "redact.visibleChars", /must be a whole number from 0 to 4/],
    ["visibleChars 5", { redact: { visibleChars: 5 } }, "redact.visibleChars", /from 0 to 4/],
    ["visibleChars 1.5", { redact: { visibleChars: 1.5 } }, "redact.visibleChars", /from 0 to 4/],
    ["visibleChars a string", { redact: { visibleChars: "2" } }, "redact.visibleChars", /from 0 to 4/],
    ["an unknown redact key", { redact: { chars: 2 } }, "redact.chars", /is not a redact setting \(known: visibleChars\)/],
  ];

  for (const [what, raw, key, problem] of cases) {
    it(`${what} → "${key}"`, () => {
      rejects(raw, key, problem, RC);
      rejects(raw, key, problem, PKG);
    });
  }

  it("reports the first bad rule by its index", () => {
    rejects(
      { rules: [{ id: "fine", regex: "fine_[a-z]{8}" }, { id: "bad", regex: "(x+)(?=y)" }] },
      "rules[1].regex",
      /\(rule "bad"\) cannot run/,
    );
  });

  it("shows no regex input in a message beyond the pattern itself", () => {
    // A message names the setting and quotes what the person wrote, never anything scanned.
    try {
      parseConfig({ rules: [{ id: "x", regex: "(a+)(?!b)" }] }, RC);
      assert.fail("must throw");
    } catch (error) {
      assert.ok(error instanceof PinekeyError);
      assert.doesNotMatch(error.message, /pcsk_/);
    }
  });
});

describe("pinekey.schema.json", () => {
  const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, "pinekey.schema.json"), "utf8")) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);

  it("is valid JSON and a valid draft-07 schema, and is shipped with the package", () => {
    assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
    assert.ok(ajv.validateSchema(schema), ajv.errorsText(ajv.errors));
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { files: string[] };
    assert.ok(pkg.files.includes("pinekey.schema.json"));
  });

  it("accepts a full example config (which parseConfig accepts too)", () => {
    assert.ok(validate(FULL_EXAMPLE), ajv.errorsText(validate.errors));
    assert.ok(validate({}));
    parseConfig(FULL_EXAMPLE, RC);
  });

  it("rejects an unknown key, at the top, in a rule and in redact", () => {
    assert.equal(validate({ ...FULL_EXAMPLE, ignorepaths: [] }), false);
    assert.match(ajv.errorsText(validate.errors), /additional properties/);
    assert.equal(validate({ rules: [{ id: "x", regex: "x{8}", name: "x" }] }), false);
    assert.equal(validate({ redact: { chars: 2 } }), false);
  });

  it("agrees with parseConfig on what it can express", () => {
    const invalid: unknown[] = [
      { ignorePaths: "test/**" },
      { ignorePaths: [""] },
      { allow: [""] },
      { allow: [1] },
      { rules: [{ id: "OpenAI", regex: "x{8}" }] },
      { rules: [{ id: "x" }] },
      { rules: [{ id: "x", regex: "" }] },
      { rules: [{ id: "x", regex: "x{8}", flags: "g" }] },
      { rules: [{ id: "x", regex: "x{8}", flags: "ii" }] },
      { rules: [{ id: "x", regex: "x{8}", keywords: "x" }] },
      { verify: "yes" },
      { maxFileBytes: 0 },
      { maxFileBytes: 1.5 },
      { redact: { visibleChars: 5 } },
      { redact: { visibleChars: -1 } },
    ];
    for (const raw of invalid) {
      assert.equal(validate(raw), false, `the schema accepts ${JSON.stringify(raw)}`);
      assert.throws(() => parseConfig(raw, RC), PinekeyError, `parseConfig accepts ${JSON.stringify(raw)}`);
    }
    const valid: unknown[] = [
      {},
      { rules: [{ id: "x", regex: "x{8}", flags: "imsu" }] },
      { redact: { visibleChars: 0 } },
      { maxFileBytes: 1 },
    ];
    for (const raw of valid) {
      assert.ok(validate(raw), `the schema rejects ${JSON.stringify(raw)}`);
      parseConfig(raw, RC);
    }
  });

  it("states the same defaults as the code", () => {
    const properties = schema.properties as Record<string, { default?: unknown; properties?: Record<string, { default?: unknown }> }>;
    assert.equal(properties.maxFileBytes!.default, undefined, "no size limit by default");
    assert.equal(properties.verify!.default, false);
    assert.equal(properties.redact!.properties!.visibleChars!.default, MAX_VISIBLE_CHARS);
  });
});

describe("loadConfig and loadIgnoredFingerprints", () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  function root(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "pinekey-config-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it("reads .pinekeyrc.json, else package.json's \"pinekey\", else the defaults", async () => {
    assert.deepEqual((await loadConfig(root({ [RC]: '{"ignorePaths":["a/**"]}' }))).ignorePaths, ["a/**"]);
    const fromPackage = await loadConfig(root({ "package.json": '{"name":"x","pinekey":{"ignorePaths":["b/**"]}}' }));
    assert.deepEqual(fromPackage.ignorePaths, ["b/**"]);
    assert.equal(fromPackage.source, PKG);
    assert.equal(await loadConfig(root({ "package.json": '{"name":"x"}' })), DEFAULT_CONFIG);
    assert.equal(await loadConfig(root({})), DEFAULT_CONFIG);
    assert.equal(await loadConfig(undefined), DEFAULT_CONFIG);
  });

  it("prefers .pinekeyrc.json over package.json", async () => {
    const config = await loadConfig(
      root({ [RC]: '{"ignorePaths":["rc/**"]}', "package.json": '{"pinekey":{"ignorePaths":["pkg/**"]}}' }),
    );
    assert.deepEqual(config.ignorePaths, ["rc/**"]);
    assert.equal(config.source, RC);
  });

  it("accepts a byte-order mark and names a file that is not JSON", async () => {
    assert.deepEqual((await loadConfig(root({ [RC]: '\ufeff{"verify":true}' }))).verify, true);
    await assert.rejects(loadConfig(root({ [RC]: '{"verify": true,}' })), /^PinekeyError: \.pinekeyrc\.json:1:17: not valid JSON: unexpected '}'/);
    await assert.rejects(loadConfig(root({ "package.json": "{" })), /package\.json:1:2: not valid JSON/);
    await assert.rejects(loadConfig(root({ "package.json": '{"pinekey": []}' })), /package\.json "pinekey": "\(top level\)" must be a JSON object/);
  });

  it("reads fingerprints with comments, blank lines and CRLF; names a malformed line", () => {
    const a = fingerprintOf("pinecone-api-key", fakeKey());
    const b = fingerprintOf("pinecone-legacy-api-key", fakeUuid());
    const c = fingerprintOf("openai-api-key", "sk-x");
    const ignored = loadIgnoredFingerprints(root({ ".pinekeyignore": `# revoked test keys\r\n\r\n${a}  # fixture\r\n${b}\n   ${c}   \n` }));
    assert.deepEqual([...ignored].sort(), [a, b, c].sort());
    assert.throws(
      () => loadIgnoredFingerprints(root({ ".pinekeyignore": `${a}\n\nnot-a-fingerprint # oops\n` })),
      (error: unknown) => error instanceof PinekeyError && /^\.pinekeyignore:3: "not-a-fingerprint" is not a fingerprint/.test(error.message),
    );
    assert.throws(() => loadIgnoredFingerprints(root({ ".pinekeyignore": `${a.toUpperCase()}\n` })), /\.pinekeyignore:1:/);
    assert.equal(loadIgnoredFingerprints(root({})).size, 0);
  });
});

// ---------------------------------------------------------------------------------------------
// The detector with a config's options

/** The options ScanContext derives from a config (without the live check). */
function optionsOf(config: PinekeyConfig, ignored: string[] = []): DetectorOptions {
  return {
    customRules: config.rules,
    disabledRules: config.disableRules,
    allowPatterns: config.allow,
    ignoredFingerprints: new Set(ignored),
    visibleChars: config.redact.visibleChars,
    maxFileBytes: config.maxFileBytes,
  };
}

function scanWith(raw: unknown, lines: string[], options: { file?: string; ignored?: string[] } = {}): Finding[] {
  const detector = new Detector(optionsOf(parseConfig(raw, RC), options.ignored));
  return detector.scanText(options.file ?? "settings.py", lines.join("\n") + "\n");
}

const openaiKey = (): string => `sk-${randomString(48, ALNUM)}`;
const OPENAI_RULE = { id: "openai-api-key", regex: "sk-[A-Za-z0-9]{48}", description: "OpenAI API key" };

describe("Detector with the config's options", () => {
  it("finds a custom rule's secret with its column, redaction and fingerprint", () => {
    const secret = openaiKey();
    const line = `client = OpenAI(api_key="${secret}")`;
    const findings = scanWith({ rules: [OPENAI_RULE] }, ["import openai", line]);
    assert.deepEqual(findings, [
      {
        rule: "openai-api-key",
        file: "settings.py",
        line: 2,
        column: line.indexOf(secret) + 1,
        redacted: `${secret.slice(0, 4)}…`,
        fingerprint: fingerprintOf("openai-api-key", secret),
        allowed: false,
      },
    ]);
    assertNoKeyIn(JSON.stringify(findings), [secret]);
  });

  it("never shows more than a quarter of a short secret", () => {
    const rules = [{ id: "short-token", regex: "tok_([a-z0-9]{8})\\b" }, { id: "tiny", regex: "pin=([0-9]{3})\\b" }];
    const token = randomString(8, "abcdefghijkmnopqrstuvwxyz23456789");
    const findings = scanWith({ rules }, [`TOKEN = "tok_${token}"`, "pin=123"]);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.redacted]),
      [
        ["short-token", `${token.slice(0, 2)}…`],
        ["tiny", "…"],
      ],
    );
  });

  it("takes the first capture group as the secret, at the group's own column", () => {
    const hex = randomString(32, "0123456789abcdef");
    const line = `  auth: token=${hex};`;
    const [finding] = scanWith({ rules: [{ id: "internal-token", regex: "token=([a-f0-9]{32})" }] }, [line]);
    assert.equal(finding!.column, line.indexOf(hex) + 1);
    assert.equal(finding!.fingerprint, fingerprintOf("internal-token", hex));
    assert.equal(finding!.redacted, `${hex.slice(0, 4)}…`);

    // The secret also occurs earlier in the match: the column is still the group's.
    const password = 'password = "password"';
    const rule = { id: "hardcoded-password", regex: "(?:password|passwd)\\s*[:=]\\s*\"?([^\"\\s]+)" };
    const [weak] = scanWith({ rules: [rule] }, [password]);
    assert.equal(weak!.column, 13);
    assert.equal(weak!.fingerprint, fingerprintOf("hardcoded-password", "password"));
  });

  it("finds matches past the first window of a long line, each once, at their columns", () => {
    const secrets = [openaiKey(), openaiKey(), openaiKey()];
    const filler = (n: number) => " x".repeat(n);
    const line = `${filler(100)}${secrets[0]}${filler(CUSTOM_RULE_WINDOW)}${secrets[1]}${filler(3 * CUSTOM_RULE_WINDOW)}${secrets[2]}`;
    const findings = scanWith({ rules: [OPENAI_RULE] }, [line]);
    assert.deepEqual(
      findings.map((f) => f.column),
      secrets.map((s) => line.indexOf(s) + 1),
    );
  });

  it("tests a rule only on lines holding one of its keywords, in any case", () => {
    const rule = { id: "internal-token", regex: "[A-Z0-9]{24}", keywords: ["Internal_Token"] };
    const value = randomString(24, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    const findings = scanWith({ rules: [rule] }, [`INTERNAL_TOKEN=${value}`, `OTHER=${value}`, `internal_token: ${value}`]);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.line]),
      [
        ["internal-token", 1],
        ["internal-token", 3],
      ],
    );
  });

  it("turns off a built-in rule, the other one, or a custom rule", () => {
    const key = fakeKey();
    const uuid = fakeUuid();
    const lines = [`PINECONE_API_KEY = "${key}"`, `pinecone.init(api_key="${uuid}", environment="us-west1-gcp")`, `OPENAI = "${openaiKey()}"`];
    const rules = (raw: Record<string, unknown>) => scanWith({ rules: [OPENAI_RULE], ...raw }, lines).map((f) => f.rule);
    assert.deepEqual(rules({}), ["pinecone-api-key", "pinecone-legacy-api-key", "openai-api-key"]);
    assert.deepEqual(rules({ disableRules: ["pinecone-api-key"] }), ["pinecone-legacy-api-key", "openai-api-key"]);
    assert.deepEqual(rules({ disableRules: ["pinecone-legacy-api-key"] }), ["pinecone-api-key", "openai-api-key"]);
    assert.deepEqual(rules({ disableRules: ["openai-api-key"] }), ["pinecone-api-key", "pinecone-legacy-api-key"]);
  });

  it("allows a finding whose key matches an allow pattern, with the pattern as the reason", () => {
    const key = fakeKey();
    const other = fakeKey();
    const allow = [`^pcsk_${splitKey(key).label}_`];
    const findings = scanWith({ allow }, [`KEY_A = "${key}"`, `KEY_B = "${other}"`]);
    assert.deepEqual(
      findings.map((f) => [f.line, f.allowed, f.allowReason]),
      [
        [1, true, `config allow /^pcsk_${splitKey(key).label}_/`],
        [2, false, undefined],
      ],
    );
  });

  it("allows a finding whose line matches an allow pattern (built-in, legacy and custom rules)", () => {
    const lines = [
      `PINECONE_API_KEY = "${fakeKey()}"  # EXAMPLE-KEY from the docs`,
      `PINECONE_API_KEY = "${fakeKey()}"`,
      `pinecone.init(api_key="${fakeUuid()}")  # EXAMPLE-KEY`,
      `OPENAI_API_KEY = "${openaiKey()}"  # EXAMPLE-KEY`,
    ];
    const findings = scanWith({ allow: ["EXAMPLE-KEY"], rules: [OPENAI_RULE] }, lines);
    assert.deepEqual(
      findings.map((f) => [f.line, f.allowed, f.allowReason]),
      [
        [1, true, "config allow /EXAMPLE-KEY/"],
        [2, false, undefined],
        [3, true, "config allow /EXAMPLE-KEY/"],
        [4, true, "config allow /EXAMPLE-KEY/"],
      ],
    );
  });

  it("allows findings whose fingerprint is ignored, wherever they are", () => {
    const key = fakeKey();
    const other = fakeKey();
    const ignored = [fingerprintOf("pinecone-api-key", key)];
    const first = scanWith({}, [`KEY = "${key}"`, `OTHER = "${other}"`], { ignored });
    assert.deepEqual(
      first.map((f) => [f.line, f.allowed, f.allowReason]),
      [
        [1, true, "listed in .pinekeyignore"],
        [2, false, undefined],
      ],
    );
    const moved = scanWith({}, ["", "", "", `    "apiKey": "${key}",`], { file: "elsewhere/config.json", ignored });
    assert.deepEqual(moved.map((f) => [f.line, f.allowed, f.fingerprint]), [[4, true, ignored[0]]]);
  });

  it("shows as many characters of a secret as visibleChars says: 0 and 2", () => {
    const key = fakeKey();
    const { label, secret } = splitKey(key);
    const uuid = fakeUuid();
    const custom = openaiKey();
    const lines = [`PINECONE_API_KEY = "${key}"`, `PINECONE_API_KEY = "${uuid}"`, `OPENAI = "${custom}"`];
    const redacted = (visibleChars: number) =>
      scanWith({ rules: [OPENAI_RULE], redact: { visibleChars } }, lines).map((f) => f.redacted);
    assert.deepEqual(redacted(0), [`pcsk_${label}_…`, "…", "…"]);
    assert.deepEqual(redacted(2), [`pcsk_${label}_${secret.slice(0, 2)}…`, `${uuid.slice(0, 2)}…`, `${custom.slice(0, 2)}…`]);
    assert.deepEqual(redacted(4), [`pcsk_${label}_${secret.slice(0, 4)}…`, `${uuid.slice(0, 4)}…`, `${custom.slice(0, 4)}…`]);
  });

  it("stops a file at maxFileBytes and lists it; the next file starts afresh", () => {
    const early = fakeKey();
    const late = fakeKey();
    const detector = new Detector(optionsOf(parseConfig({ maxFileBytes: 300 }, RC)));
    const lines = [`KEY = "${early}"`, ...Array.from({ length: 10 }, (_, i) => `x${i} = ${"y".repeat(30)}`), `KEY = "${late}"`];
    const findings = detector.scanText("big.py", lines.join("\n"));
    assert.deepEqual(findings.map((f) => f.redacted), [`pcsk_${splitKey(early).label}_${splitKey(early).secret.slice(0, 4)}…`]);
    assert.deepEqual(detector.truncatedFiles, ["big.py"]);
    const small = detector.scanText("small.py", `KEY = "${late}"\n`);
    assert.equal(small.length, 1);
    assert.deepEqual(detector.truncatedFiles, ["big.py"]);
  });

});
