/**
 * The opt-in live check (`--verify` or `"verify": true`): asks Pinecone whether each found key still
 * works, so the person knows how urgent a rotation is. It never changes what blocks: a revoked key
 * must not be committed either. It sends each key only to Pinecone's own API (or the base URL the
 * environment names, for tests and proxies), all checks in parallel, each with a short timeout.
 *
 *   GET <base>/indexes   Api-Key: <key>   X-Pinecone-Api-Version: 2025-10   Accept: application/json
 *     200 with an "indexes" array → live     401 → revoked     403 → live, restricted     else → unknown
 *   legacy keys: GET <controller>/actions/whoami  Api-Key: <key>   (when the environment is known)
 *     200 → live     401 → revoked     else → unknown
 */
import type { RuleId } from "../core/finding.js";
import { builtInRule, type VerificationId } from "../core/rules/index.js";

export type Verification = "live" | "restricted" | "revoked" | "unknown";

export const DEFAULT_API_URL = "https://api.pinecone.io";
export const DEFAULT_LEGACY_API_URL = "https://controller.{environment}.pinecone.io";
export const API_VERSION = "2025-10";
export const VERIFY_TIMEOUT_MS = 3000;

export interface KeyToVerify {
  rule: RuleId | string;
  key: string;
  /** Legacy keys: the environment found next to the key (`us-west1-gcp`), if any. */
  environment?: string;
}

export interface VerifyOptions {
  apiUrl?: string;
  legacyApiUrl?: string;
  timeoutMs?: number;
}

/** Base URLs from the environment: PINEKEY_PINECONE_API_URL, PINEKEY_PINECONE_LEGACY_API_URL. */
export function verifyOptionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): VerifyOptions {
  return {
    apiUrl: env.PINEKEY_PINECONE_API_URL || DEFAULT_API_URL,
    legacyApiUrl: env.PINEKEY_PINECONE_LEGACY_API_URL || DEFAULT_LEGACY_API_URL,
  };
}

async function request(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Response | undefined> {
  try {
    return await fetch(url, { method: "GET", headers, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  } catch {
    return undefined; // timeout, refused connection, DNS failure: we cannot tell
  }
}

async function verifyCurrent(key: string, options: Required<VerifyOptions>): Promise<Verification> {
  const response = await request(
    `${options.apiUrl.replace(/\/+$/, "")}/indexes`,
    { "Api-Key": key, "X-Pinecone-Api-Version": API_VERSION, Accept: "application/json" },
    options.timeoutMs,
  );
  if (!response) return "unknown";
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 401) return "revoked";
    if (response.status === 403) return "restricted";
    return "unknown";
  }
  try {
    const body = (await response.json()) as { indexes?: unknown };
    return Array.isArray(body?.indexes) ? "live" : "unknown";
  } catch {
    return "unknown";
  }
}

async function verifyLegacy(key: string, environment: string | undefined, options: Required<VerifyOptions>): Promise<Verification> {
  if (!environment || !/^[a-z0-9-]+$/.test(environment)) return "unknown";
  const base = options.legacyApiUrl.replace("{environment}", environment).replace(/\/+$/, "");
  const response = await request(`${base}/actions/whoami`, { "Api-Key": key, Accept: "application/json" }, options.timeoutMs);
  await response?.body?.cancel().catch(() => undefined);
  if (!response) return "unknown";
  if (response.status === 200) return "live";
  if (response.status === 401) return "revoked";
  return "unknown";
}

/** The live checks a rule can name (Rule.verification): the network side of a rule, kept out of the core. */
const VERIFIERS: Record<VerificationId, (key: string, environment: string | undefined, options: Required<VerifyOptions>) => Promise<Verification>> = {
  "pinecone-api": (key, _environment, options) => verifyCurrent(key, options),
  "pinecone-legacy-controller": (key, environment, options) => verifyLegacy(key, environment, options),
};

/** Check every key at once; the result maps each input's index to its verdict. */
export async function verifyKeys(keys: KeyToVerify[], options: VerifyOptions = {}): Promise<Verification[]> {
  const resolved: Required<VerifyOptions> = {
    apiUrl: options.apiUrl ?? DEFAULT_API_URL,
    legacyApiUrl: options.legacyApiUrl ?? DEFAULT_LEGACY_API_URL,
    timeoutMs: options.timeoutMs ?? VERIFY_TIMEOUT_MS,
  };
  return Promise.all(
    keys.map((k) => {
      // Custom rules carry no verification: their keys are never sent anywhere.
      const verification = builtInRule(k.rule)?.verification;
      return verification ? VERIFIERS[verification](k.key, k.environment, resolved) : Promise.resolve<Verification>("unknown");
    }),
  );
}
