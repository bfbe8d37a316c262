/**
 * The output boundary: the one place pinekey-hook's text leaves the process. The bin writes stdout
 * and stderr through writeStdout/writeStderr; the files a run writes about what it found (the
 * `ignore --last` record, the server's audit log) go through writeTextFile/appendTextFile. Each
 * passes the text through the redaction gate (core/redact.ts) first, with the secrets this run
 * found, so a key cannot get out by a path that forgot to mask it. test/unit/redact.test.ts ("the
 * gate is the only way out") holds the rest of src/ to this: no other module writes to the streams
 * or to such files.
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { redactOutput } from "../core/redact.js";

/** The secrets found by this run (held in memory only), masked wherever they appear in output. */
const knownSecrets = new Set<string>();

/** Remember a secret the detector found (legacy keys lower-cased, as the detector reports them). */
export function rememberSecret(secret: string): void {
  knownSecrets.add(secret);
}

/** The gate itself, for callers that must hand text to another writer (tests, the bin's fallbacks). */
export function redacted(text: string): string {
  return redactOutput(text, knownSecrets);
}

export function writeStdout(text: string): void {
  if (text) process.stdout.write(redacted(text));
}

export function writeStderr(text: string): void {
  if (text) process.stderr.write(redacted(text));
}

/** Write a whole file (its directory made first). Errors are the caller's to handle. */
export function writeTextFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, redacted(text));
}

/**
 * Append to a file (its directory made first) in one write: one `write(2)` with O_APPEND, so the
 * records of two hooks running at once do not interleave. Errors are the caller's to handle.
 */
export function appendTextFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, redacted(text));
}
