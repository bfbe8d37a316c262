/**
 * Team configuration: `.pinekeyrc.json` at the repository root, or a `"pinekey"` key in package.json.
 * Validation is strict and names the file, the key and the problem, because an invalid config must
 * stop a hook (fail closed) rather than be half-applied.
 */
import { PinekeyError } from "./errors.js";
import { RULES } from "./finding.js";
import type { LinearRegex } from "./linear-regex.js";

/**
 * Compiles the config's patterns: compileLinear from linear-regex.ts, which the caller loads only
 * for a config that has patterns (see configHasPatterns).
 */
export type PatternCompiler = (pattern: string, flags: string) => LinearRegex;

export interface CustomRule {
  id: string;
  /** Its first capture group (when present) is the secret, else the whole match. Linear-time (RE2). */
  regex: LinearRegex;
  /** Cheap prefilter: a line is tested only when it contains one of these (case-insensitive). */
  keywords: string[];
  description: string;
}

/**
 * What an allow comment must hold to allow a key: "any" (a bare `pinekey-allow` will do), "with-reason"
 * (`pinekey-allow: <reason>`), "off" (comments allow nothing; `allow` patterns and .pinekeyignore
 * still do). A server's pre-receive never accepts less than "with-reason".
 */
export type AllowComments = "any" | "with-reason" | "off";
export const ALLOW_COMMENTS: readonly AllowComments[] = ["any", "with-reason", "off"];

export interface PinekeyConfig {
  /** Where the config came from (for messages), or undefined for the defaults. */
  source: string | undefined;
  ignorePaths: string[];
  allow: LinearRegex[];
  rules: CustomRule[];
  disableRules: string[];
  verify: boolean;
  /**
   * Unset (the default): every file is scanned whole, whatever its size (content streams through in
   * pieces; memory stays flat). Set: only the first this-many characters of a file (of the lines a
   * diff shows of it) are scanned, and a longer file blocks the commit or push with exit 2, naming
   * it: it was not fully scanned, so the scan cannot call it clean.
   */
  maxFileBytes?: number;
  redact: { visibleChars: number };
  allowComments: AllowComments;
}

/** Redaction never shows more than this many characters of a secret, whatever the config says. */
export const MAX_VISIBLE_CHARS = 4;

export const DEFAULT_CONFIG: PinekeyConfig = {
  source: undefined,
  ignorePaths: [],
  allow: [],
  rules: [],
  disableRules: [],
  verify: false,
  redact: { visibleChars: MAX_VISIBLE_CHARS },
  allowComments: "any",
};

const KNOWN_KEYS = ["$schema", "ignorePaths", "allow", "rules", "disableRules", "verify", "maxFileBytes", "redact", "allowComments"];
const RULE_KEYS = ["id", "regex", "flags", "keywords", "description"];
const RULE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

type Json = unknown;

function fail(source: string, key: string, problem: string): never {
  throw new PinekeyError(
    "BAD_CONFIG",
    `${source}: "${key}" ${problem}`,
    `Fix ${source} (the schema is in node_modules/pinekey-hook/pinekey.schema.json), then try again.`,
  );
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringArray(source: string, key: string, value: Json): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) fail(source, key, "must be an array of strings.");
  return value as string[];
}

/** `what` names the pattern's owner in messages: `rule "openai-key"`, or nothing for an allow pattern. */
function compile(compiler: PatternCompiler | undefined, source: string, key: string, pattern: string, flags: string, what = ""): LinearRegex {
  if (compiler === undefined) throw new Error("parseConfig: a config with patterns needs the pattern compiler (see configHasPatterns)");
  let regex: LinearRegex;
  try {
    regex = compiler(pattern, flags);
  } catch (error) {
    return fail(source, key, `${what}${(error as Error).message}.`);
  }
  if (regex.test("")) fail(source, key, `${what}matches the empty string, so it would ${what ? "match every line" : "allow every key"}.`);
  return regex;
}

/** Does this parsed JSON hold regex patterns (so parseConfig needs a PatternCompiler)? */
export function configHasPatterns(raw: Json): boolean {
  const nonEmpty = (value: Json): boolean => Array.isArray(value) && value.length > 0;
  return isObject(raw) && (nonEmpty(raw.rules) || nonEmpty(raw.allow));
}

/**
 * Validate parsed JSON into a config; `source` names the file in messages. `compiler` is required
 * when the config holds patterns (configHasPatterns).
 */
export function parseConfig(raw: Json, source: string, compiler?: PatternCompiler): PinekeyConfig {
  if (!isObject(raw)) fail(source, "(top level)", "must be a JSON object.");
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key)) fail(source, key, `is not a known setting (known: ${KNOWN_KEYS.slice(1).join(", ")}).`);
  }
  const config: PinekeyConfig = { ...DEFAULT_CONFIG, source, redact: { ...DEFAULT_CONFIG.redact } };

  if (raw.ignorePaths !== undefined) {
    config.ignorePaths = stringArray(source, "ignorePaths", raw.ignorePaths);
    config.ignorePaths.forEach((glob, i) => {
      if (glob.trim() === "") fail(source, `ignorePaths[${i}]`, 'must be a non-empty glob such as "test/fixtures/**".');
    });
  }

  if (raw.allow !== undefined) {
    config.allow = stringArray(source, "allow", raw.allow).map((pattern, i) => {
      return compile(compiler, source, `allow[${i}]`, pattern, "");
    });
  }

  if (raw.rules !== undefined) {
    if (!Array.isArray(raw.rules)) fail(source, "rules", "must be an array of rule objects.");
    const seen = new Set<string>(RULES.map((rule) => rule.id));
    config.rules = raw.rules.map((rule: Json, i: number): CustomRule => {
      const at = `rules[${i}]`;
      if (!isObject(rule)) fail(source, at, "must be an object with id and regex.");
      for (const key of Object.keys(rule)) {
        if (!RULE_KEYS.includes(key)) fail(source, `${at}.${key}`, `is not a rule setting (known: ${RULE_KEYS.join(", ")}).`);
      }
      if (typeof rule.id !== "string" || !RULE_ID.test(rule.id)) {
        fail(source, `${at}.id`, "must be a lowercase id of letters, digits, '.', '_' or '-' (e.g. \"openai-api-key\").");
      }
      if (seen.has(rule.id)) fail(source, `${at}.id`, `"${rule.id}" is already a rule id.`);
      seen.add(rule.id);
      if (typeof rule.regex !== "string" || rule.regex.length === 0) fail(source, `${at}.regex`, "must be a non-empty string.");
      const flags = rule.flags === undefined ? "" : rule.flags;
      if (typeof flags !== "string" || !/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length) {
        fail(source, `${at}.flags`, 'may only hold the flags "i", "m", "s", "u", each once.');
      }
      const regex = compile(compiler, source, `${at}.regex`, rule.regex, flags as string, `(rule "${rule.id}") `);
      const keywords = rule.keywords === undefined ? [] : stringArray(source, `${at}.keywords`, rule.keywords);
      if (rule.description !== undefined && typeof rule.description !== "string") fail(source, `${at}.description`, "must be a string.");
      return {
        id: rule.id,
        regex,
        keywords: keywords.map((k) => k.toLowerCase()),
        description: (rule.description as string | undefined) ?? rule.id,
      };
    });
  }

  if (raw.disableRules !== undefined) {
    const ids = new Set([...RULES.map((r) => r.id as string), ...config.rules.map((r) => r.id)]);
    config.disableRules = stringArray(source, "disableRules", raw.disableRules);
    for (const id of config.disableRules) {
      if (!ids.has(id)) fail(source, "disableRules", `names "${id}", which is not a rule (rules: ${[...ids].join(", ")}).`);
    }
  }

  if (raw.verify !== undefined) {
    if (typeof raw.verify !== "boolean") fail(source, "verify", "must be true or false.");
    config.verify = raw.verify;
  }

  if (raw.maxFileBytes !== undefined) {
    if (typeof raw.maxFileBytes !== "number" || !Number.isInteger(raw.maxFileBytes) || raw.maxFileBytes < 1) {
      fail(source, "maxFileBytes", "must be a positive whole number of bytes.");
    }
    config.maxFileBytes = raw.maxFileBytes;
  }

  if (raw.allowComments !== undefined) {
    if (typeof raw.allowComments !== "string" || !(ALLOW_COMMENTS as readonly string[]).includes(raw.allowComments)) {
      fail(source, "allowComments", `must be one of ${ALLOW_COMMENTS.map((v) => `"${v}"`).join(", ")}.`);
    }
    config.allowComments = raw.allowComments as AllowComments;
  }

  if (raw.redact !== undefined) {
    if (!isObject(raw.redact)) fail(source, "redact", 'must be an object such as {"visibleChars": 2}.');
    for (const key of Object.keys(raw.redact)) {
      if (key !== "visibleChars") fail(source, `redact.${key}`, 'is not a redact setting (known: visibleChars).');
    }
    const visible = raw.redact.visibleChars;
    if (visible !== undefined) {
      if (typeof visible !== "number" || !Number.isInteger(visible) || visible < 0 || visible > MAX_VISIBLE_CHARS) {
        fail(source, "redact.visibleChars", `must be a whole number from 0 to ${MAX_VISIBLE_CHARS}.`);
      }
      config.redact.visibleChars = visible;
    }
  }
  return config;
}
