/**
 * The opt-in live check (`--verify` or `"verify": true`): asks Pinecone whether each found key still
 * works, and for a live key what it can reach, so the person knows how urgent a rotation is and what
 * to check afterwards. It never changes what blocks: a revoked key must not be committed either.
 *
 *   GET <base>/indexes   Api-Key: <key>   X-Pinecone-Api-Version: 2025-10   Accept: application/json
 *     200 {"indexes":[{name, dimension, deletion_protection, spec:{serverless:{cloud,region}} | {pod:{environment}}}]}
 *         → live          401 → revoked          403 → live, restricted roles          else → unknown
 *   then, for a live key only:
 *   GET <base>/collections  (same headers)  200 {"collections":[{name, dimension, environment}]}
 *   legacy keys: GET <controller>/actions/whoami  Api-Key: <key>   (when the environment is known)
 *     200 → live     401 → revoked     else → unknown
 *
 * Bounded (see http.ts): ONE deadline for the whole check of all keys, a cap on each answer's size,
 * https only except to loopback. Each verifier takes one key and returns a verdict, so a rule can
 * carry its own verification.
 */
import type { ExposedCollection, ExposedIndex, Exposure, RuleId } from "../core/finding.js";
import { PinekeyError } from "../core/errors.js";
import { builtInRule, type VerificationId } from "../core/rules/index.js";
import { DEFAULT_MAX_BYTES, deadlineIn, HttpError, insecureUrlReason, jsonBody, send, type Bounds } from "./http.js";

export type Verification = "live" | "restricted" | "revoked" | "unknown";

export interface KeyVerdict {
  verified: Verification;
  /** A live key: its indexes and collections. */
  exposure?: Exposure;
}

export const DEFAULT_API_URL = "https://api.pinecone.io";
export const DEFAULT_LEGACY_API_URL = "https://controller.{environment}.pinecone.io";
export const API_VERSION = "2025-10";
/** The whole check, every key and every request, ends by then. */
export const VERIFY_DEADLINE_MS = 5000;

export interface KeyToVerify {
  rule: RuleId | string;
  key: string;
  /** Legacy keys: the environment found next to the key (`us-west1-gcp`), if any. */
  environment?: string;
}

export interface VerifyOptions {
  apiUrl?: string;
  legacyApiUrl?: string;
  /** Milliseconds for the whole check. */
  deadlineMs?: number;
  maxBytes?: number;
}

/** Where and how long one check may talk: shared by every key of one run. */
export interface VerifyTarget extends Bounds {
  apiUrl: string;
  legacyApiUrl: string;
}

/**
 * Base URLs from the environment: PINEKEY_PINECONE_API_URL, PINEKEY_PINECONE_LEGACY_API_URL; the
 * deadline from PINEKEY_VERIFY_DEADLINE_MS. A URL that would send keys over plain http to another
 * machine is an error here, before anything is sent.
 */
export function verifyOptionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): VerifyOptions {
  const apiUrl = env.PINEKEY_PINECONE_API_URL || DEFAULT_API_URL;
  const legacyApiUrl = env.PINEKEY_PINECONE_LEGACY_API_URL || DEFAULT_LEGACY_API_URL;
  checkBaseUrl("PINEKEY_PINECONE_API_URL", apiUrl);
  checkBaseUrl("PINEKEY_PINECONE_LEGACY_API_URL", legacyApiUrl.replace("{environment}", "environment"));
  const deadline = env.PINEKEY_VERIFY_DEADLINE_MS;
  const deadlineMs = deadline && /^\d+$/.test(deadline) ? Number(deadline) : VERIFY_DEADLINE_MS;
  return { apiUrl, legacyApiUrl, deadlineMs };
}

export function checkBaseUrl(variable: string, url: string): void {
  const reason = insecureUrlReason(url);
  if (reason) {
    throw new PinekeyError(
      "BAD_CONFIG",
      `${variable}: ${reason}.`,
      "Keys and tokens go only over https, or plain http to this machine (127.0.0.1, ::1, localhost).",
    );
  }
}

function headersFor(key: string): Record<string, string> {
  return { "Api-Key": key, "X-Pinecone-Api-Version": API_VERSION, Accept: "application/json" };
}

/** One GET; undefined when no whole answer came within the bounds (refused, too slow, too large). */
async function get(url: string, headers: Record<string, string>, bounds: Bounds) {
  try {
    return await send({ method: "GET", url, headers }, bounds);
  } catch (error) {
    if (error instanceof HttpError) return undefined;
    throw error;
  }
}

/** A name from the server, made safe to print: Pinecone's names are lowercase letters, digits, `-`. */
function safeName(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const name = value.replace(/[^A-Za-z0-9._-]/g, "").slice(0, 64);
  return name.length > 0 ? name : undefined;
}

function safeNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function exposedIndex(raw: unknown): ExposedIndex | undefined {
  const index = asObject(raw);
  const name = safeName(index.name);
  if (!name) return undefined;
  const spec = asObject(index.spec);
  const serverless = asObject(spec.serverless);
  const deployed = asObject(spec.pod ?? spec.byoc);
  const protection = index.deletion_protection;
  const out: ExposedIndex = { name };
  const dimension = safeNumber(index.dimension);
  if (dimension !== undefined) out.dimension = dimension;
  const cloud = safeName(serverless.cloud);
  const region = safeName(serverless.region);
  const environment = safeName(deployed.environment);
  if (cloud) out.cloud = cloud;
  if (region) out.region = region;
  if (environment) out.environment = environment;
  if (protection === "enabled" || protection === "disabled") out.deletionProtection = protection;
  return out;
}

function exposedCollection(raw: unknown): ExposedCollection | undefined {
  const collection = asObject(raw);
  const name = safeName(collection.name);
  if (!name) return undefined;
  const out: ExposedCollection = { name };
  const dimension = safeNumber(collection.dimension);
  const environment = safeName(collection.environment);
  if (dimension !== undefined) out.dimension = dimension;
  if (environment) out.environment = environment;
  return out;
}

/** A current (`pcsk_`/`pckey_`) key: live, restricted, revoked or unknown, and what a live key reaches. */
export async function verifyCurrentKey(key: string, target: VerifyTarget): Promise<KeyVerdict> {
  const base = target.apiUrl.replace(/\/+$/, "");
  const response = await get(`${base}/indexes`, headersFor(key), target);
  if (!response) return { verified: "unknown" };
  if (response.status === 401) return { verified: "revoked" };
  if (response.status === 403) return { verified: "restricted" };
  if (response.status !== 200) return { verified: "unknown" };
  const indexes = asObject(jsonBody(response)).indexes;
  if (!Array.isArray(indexes)) return { verified: "unknown" }; // a 200 that is not Pinecone's (a portal)
  const exposure: Exposure = { indexes: indexes.map(exposedIndex).filter((i): i is ExposedIndex => i !== undefined) };
  const listed = await get(`${base}/collections`, headersFor(key), target);
  const collections = listed?.status === 200 ? asObject(jsonBody(listed)).collections : undefined;
  if (Array.isArray(collections)) {
    exposure.collections = collections.map(exposedCollection).filter((c): c is ExposedCollection => c !== undefined);
  }
  return { verified: "live", exposure };
}

/** A legacy (UUID) key, at the controller of its environment. */
export async function verifyLegacyKey(key: string, environment: string | undefined, target: VerifyTarget): Promise<KeyVerdict> {
  if (!environment || !/^[a-z0-9-]+$/.test(environment)) return { verified: "unknown" };
  const base = target.legacyApiUrl.replace("{environment}", environment).replace(/\/+$/, "");
  const response = await get(`${base}/actions/whoami`, { "Api-Key": key, Accept: "application/json" }, target);
  if (!response) return { verified: "unknown" };
  if (response.status === 200) return { verified: "live" };
  if (response.status === 401) return { verified: "revoked" };
  return { verified: "unknown" };
}

export function verifyTarget(options: VerifyOptions = {}): VerifyTarget {
  return {
    apiUrl: options.apiUrl ?? DEFAULT_API_URL,
    legacyApiUrl: options.legacyApiUrl ?? DEFAULT_LEGACY_API_URL,
    deadline: deadlineIn(options.deadlineMs ?? VERIFY_DEADLINE_MS),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
  };
}

/** Check every key at once, all within one deadline; the result maps each input's index to its verdict. */
export async function verifyKeys(keys: KeyToVerify[], options: VerifyOptions = {}): Promise<KeyVerdict[]> {
  const target = verifyTarget(options);
  return Promise.all(
    keys.map((k) => {
      // The check the key's rule names; custom rules name none: their keys are never sent anywhere.
      const verification = builtInRule(k.rule)?.verification;
      return verification ? VERIFIERS[verification](k.key, k.environment, target) : Promise.resolve<KeyVerdict>({ verified: "unknown" });
    }),
  );
}

/** The live checks a rule can name (Rule.verification): the network side of a rule, kept out of the core. */
const VERIFIERS: Record<VerificationId, (key: string, environment: string | undefined, target: VerifyTarget) => Promise<KeyVerdict>> = {
  "pinecone-api": (key, _environment, target) => verifyCurrentKey(key, target),
  "pinecone-legacy-controller": (key, environment, target) => verifyLegacyKey(key, environment, target),
};
