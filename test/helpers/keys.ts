/**
 * Fake keys, generated fresh for every run: the repository never holds a key-shaped literal, so
 * this project's own pre-commit hook (and any scanner) stays quiet on its test suite.
 */
import { randomInt } from "node:crypto";

/** Pinecone's observed key alphabet (base58: no 0 O I l). */
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";

export function randomString(length: number, alphabet = BASE58): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export interface FakeKeyOptions {
  labelLength?: number;
  secretLength?: number;
  alphabet?: string;
}

/** A key of the current shape: pcsk_<label 5-6>_<secret 63>. */
export function fakeKey(options: FakeKeyOptions = {}): string {
  const label = randomString(options.labelLength ?? 5, options.alphabet ?? BASE58);
  const secret = randomString(options.secretLength ?? 63, options.alphabet ?? BASE58);
  return `pcsk_${label}_${secret}`;
}

export interface FakePckeyOptions {
  /** 1-16 for a key. */
  labelLength?: number;
  /** 32-128 for a key. */
  secretLength?: number;
  /** The secret's alphabet: all 62 alphanumerics by default (nobody has seen a real one yet). */
  alphabet?: string;
}

/** A key of the announced shape: pckey_<label 1-16>_<secret 32-128>. Random lengths unless given. */
export function fakePckey(options: FakePckeyOptions = {}): string {
  const label = randomString(options.labelLength ?? 1 + randomInt(16), ALNUM);
  const secret = randomString(options.secretLength ?? 32 + randomInt(97), options.alphabet ?? ALNUM);
  return `pckey_${label}_${secret}`;
}

export { ALNUM, HEX };

/** Any alphanumerics (not only base58) must be caught too. */
export function fakeAlnumKey(): string {
  return fakeKey({ alphabet: ALNUM });
}

/** A random version-4 UUID, the shape of a legacy key (and of every ordinary id). */
export function fakeUuid(): string {
  const h = (n: number) => randomString(n, HEX);
  return `${h(8)}-${h(4)}-4${h(3)}-${"89ab"[randomInt(4)]}${h(3)}-${h(12)}`;
}

/** The label and secret of a current key (redaction shows the label, never the secret). */
export function splitKey(key: string): { label: string; secret: string } {
  const [, label, secret] = key.split("_") as [string, string, string];
  return { label, secret };
}

export function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}
