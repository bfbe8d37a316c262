// The core's only Node import: a loader for node:crypto's one-way hash (see createHash below). Hashing
// does no I/O and is deterministic, so the core stays a pure function of its input.
import { createRequire } from "node:module";
import type { RuleId } from "./finding.js";

const SHOWN_SECRET_CHARS = 4;

/**
 * `pcsk_AbC12_7xQa…`: the label identifies the key in the Pinecone console and is safe to show;
 * four characters of the 63-character secret help tell two keys apart without revealing one.
 */
export function redactCurrentKey(label: string, secret: string, visible = SHOWN_SECRET_CHARS): string {
  return `pcsk_${label}_${secret.slice(0, clampVisible(visible))}…`;
}

/** `1b2c…`: four of a legacy key's 32 hex digits. */
export function redactLegacyKey(uuid: string, visible = SHOWN_SECRET_CHARS): string {
  return `${uuid.slice(0, clampVisible(visible))}…`;
}

/**
 * A custom rule's secret: its first few characters, and never more than a quarter of it, so a short
 * secret is not half printed.
 */
export function redactCustomSecret(secret: string, visible = SHOWN_SECRET_CHARS): string {
  return `${secret.slice(0, Math.min(clampVisible(visible), Math.floor(secret.length / 4)))}…`;
}

function clampVisible(visible: number): number {
  return Math.max(0, Math.min(SHOWN_SECRET_CHARS, Math.floor(visible)));
}

/** The part of node:crypto used here. */
type CreateHash = (algorithm: "sha256") => { update(data: string): { digest(encoding: "hex"): string } };

let loadedCreateHash: CreateHash | undefined;

/**
 * node:crypto's createHash, loaded on first use: only findings have fingerprints, and loading
 * node:crypto (with the dozen modules it brings) costs every clean commit ~2 ms.
 */
function createHash(algorithm: "sha256"): ReturnType<CreateHash> {
  loadedCreateHash ??= (createRequire(import.meta.url)("node:crypto") as { createHash: CreateHash }).createHash;
  return loadedCreateHash(algorithm);
}

/**
 * A fingerprint from the rule and the whole key only: the same key gets the same fingerprint in any
 * file, on any line, in any commit, so an ignore entry survives line moves. 64 bits of SHA-256 say
 * nothing about a key with hundreds of bits of entropy.
 */
export function fingerprintOf(rule: RuleId | string, key: string): string {
  const digest = createHash("sha256").update(`${rule}\0${key}`).digest("hex");
  return `${rule}:${digest.slice(0, 16)}`;
}

/**
 * Redact everything that looks like a current key, even a truncated one (20+ secret characters),
 * in free text (used on git's error output). Legacy keys are plain UUIDs and are left alone.
 */
export function scrubKeys(text: string): string {
  return text.replace(CURRENT_KEY_ANYWHERE, (match, label: string, secret: string) =>
    secret.length >= MIN_SCRUBBED_SECRET_LENGTH ? redactCurrentKey(label, secret) : match,
  );
}

/**
 * The secret's minimum length is checked in code: a `{20,}` quantifier makes V8 overflow its
 * regexp backtrack stack (RangeError) on a run of about 10 MB, while a plain `+` does not.
 */
const CURRENT_KEY_ANYWHERE = /pcsk_([A-Za-z0-9]{5,6})_([A-Za-z0-9]+)/g;
const MIN_SCRUBBED_SECRET_LENGTH = 20;
