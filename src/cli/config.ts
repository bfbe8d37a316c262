import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { configHasPatterns, DEFAULT_CONFIG, parseConfig, type PinekeyConfig } from "../core/config.js";
import { PinekeyError } from "../core/errors.js";
import { jsonErrorPlace } from "../core/json-error.js";

export const CONFIG_FILE = ".pinekeyrc.json";
export const IGNORE_FILE = ".pinekeyignore";

function readJson(path: string, name: string): unknown {
  const raw = readFileSync(path, "utf8");
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return JSON.parse(text);
  } catch (error) {
    void error; // its wording varies by Node version and may name no position; ours names line and column
    const { line, column, found } = jsonErrorPlace(text);
    throw new PinekeyError(
      "BAD_CONFIG",
      `${name}:${line}:${column}: not valid JSON: unexpected ${found}.`,
      `Fix ${name} at line ${line}, column ${column}, then try again.`,
    );
  }
}

/**
 * The configuration in effect at the top of a work tree: `.pinekeyrc.json`, else the `"pinekey"` key
 * of package.json, else the defaults. (With both, `.pinekeyrc.json` wins, as with other tools that
 * read either; `pinekey-hook doctor` shows which one is used.)
 */
export async function loadConfig(root: string | undefined): Promise<PinekeyConfig> {
  if (root === undefined) return DEFAULT_CONFIG;
  const rc = join(root, CONFIG_FILE);
  if (existsSync(rc)) return configFrom(readJson(rc, CONFIG_FILE), CONFIG_FILE);
  const pkgPath = join(root, "package.json");
  if (existsSync(pkgPath)) {
    const pkg = readJson(pkgPath, "package.json");
    if (typeof pkg === "object" && pkg !== null && "pinekey" in pkg) {
      return configFrom((pkg as Record<string, unknown>).pinekey, 'package.json "pinekey"');
    }
  }
  return DEFAULT_CONFIG;
}

/**
 * A config file named by its full path (the server's policy file, see `git config pinekey.config`);
 * `name` says in messages where the path came from.
 */
export async function loadConfigFile(path: string, name: string): Promise<PinekeyConfig> {
  let exists: boolean;
  try {
    exists = statSync(path).isFile();
  } catch {
    exists = false;
  }
  if (!exists) {
    throw new PinekeyError("BAD_CONFIG", `${name} names ${path}, which is not a readable file.`, `Create the file, or fix the setting (${name}).`);
  }
  return configFrom(readJson(path, path), path);
}

/** parseConfig, with the linear-time regex engine loaded only for a config that has patterns. */
async function configFrom(raw: unknown, source: string): Promise<PinekeyConfig> {
  const compiler = configHasPatterns(raw) ? (await import("../core/linear-regex.js")).compileLinear : undefined;
  return parseConfig(raw, source, compiler);
}

const FINGERPRINT = /^[a-z0-9][a-z0-9._-]*:[0-9a-f]{16}$/;

export function isFingerprint(text: string): boolean {
  return FINGERPRINT.test(text);
}

/**
 * `.pinekeyignore`: one fingerprint per line, `#` starts a comment, blank lines are fine.
 *
 *   pinecone-api-key:9f86d081884c7d65   # revoked key in the test fixtures
 */
export function loadIgnoredFingerprints(root: string | undefined): Set<string> {
  const ignored = new Set<string>();
  if (root === undefined) return ignored;
  const path = join(root, IGNORE_FILE);
  if (!existsSync(path)) return ignored;
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((raw, index) => {
      // `s`: the comment runs to the end, CR included (a CRLF checkout, core.autocrlf); without it
      // `.` stops at the CR, the comment stays, and every line with one is "not a fingerprint".
      const entry = raw.replace(/#.*$/s, "").trim();
      if (entry === "") return;
      if (!isFingerprint(entry)) {
        throw new PinekeyError(
          "BAD_CONFIG",
          `${IGNORE_FILE}:${index + 1}: "${entry}" is not a fingerprint (expected <rule>:<16 hex digits>).`,
          `Fix ${IGNORE_FILE}; fingerprints are printed in JSON output and by "pinekey-hook ignore --last".`,
        );
      }
      ignored.add(entry);
    });
  return ignored;
}
