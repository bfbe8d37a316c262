// The core's only Node import: a loader for node:crypto's one-way hash (see createHash below). Hashing
// does no I/O and is deterministic, so the core stays a pure function of its input.
import { createRequire } from "node:module";
import type { RuleId } from "./finding.js";

const SHOWN_SECRET_CHARS = 4;

/**
 * `pcsk_AbC12_7xQa…`: the label identifies the key in the Pinecone console and is safe to show;
 * four characters of the secret help tell two keys apart without revealing one.
 */
export function redactLabelledKey(prefix: string, label: string, secret: string, visible = SHOWN_SECRET_CHARS): string {
  return `${prefix}_${label}_${secret.slice(0, clampVisible(visible))}…`;
}

/** A current `pcsk_` key (see redactLabelledKey). */
export function redactCurrentKey(label: string, secret: string, visible = SHOWN_SECRET_CHARS): string {
  return redactLabelledKey("pcsk", label, secret, visible);
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

/** How many characters of a secret may be shown: 0-4, whatever is asked. */
export function clampVisible(visible: number): number {
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
