/**
 * A loopback look-alike of the three Pinecone services pinekey-hook talks to, written from the public
 * spec (see pinecone-spec.ts, whose schemas it checks every request body and every answer against):
 *
 *   POST /oauth/token                               (login.pinecone.io)  client credentials → bearer token
 *   GET  /admin/projects                            (api.pinecone.io, Bearer + X-Pinecone-Api-Version)
 *   GET  /admin/projects/{project_id}/api-keys
 *   POST /admin/projects/{project_id}/api-keys     → 201 {key, value}
 *   GET  /admin/api-keys/{api_key_id}
 *   DELETE /admin/api-keys/{api_key_id}            → 202; the key keeps working for `deletePolls` reads
 *   GET  /indexes, /collections                     (Api-Key): 200 live, 401 unknown, 403 data-plane roles only
 *
 * Failure injection (FakeFailures): wrong credentials (any other client secret), 403 on create, a
 * token that expires after N admin calls, a delete that takes several polls, a new key that never
 * works, and a slow, hanging or endless answer on any path. Both services listen on one port;
 * everything stays on 127.0.0.1.
 */
import Ajv from "ajv";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";
import { fakeKey, randomString } from "./keys.js";
import { SPEC_SCHEMAS, type SpecSchema } from "./pinecone-spec.js";

export type Role = "ProjectEditor" | "ProjectViewer" | "ControlPlaneEditor" | "ControlPlaneViewer" | "DataPlaneEditor" | "DataPlaneViewer";

export interface StoredKey {
  id: string;
  name: string;
  project_id: string;
  roles: Role[];
  value: string;
  /** Set once DELETE was accepted: reads left before the key is really gone. */
  deletingPollsLeft?: number;
}

export interface FakeFailures {
  /** The status POST .../api-keys answers instead of creating (403: the service account may not). */
  createStatus?: number;
  /** The status DELETE answers instead of accepting. */
  deleteStatus?: number;
  /** Every token is refused after this many admin calls (a token that expires mid-run). */
  tokenExpiresAfterCalls?: number;
  /** GETs of a deleted key that still find it (deletion is asynchronous). */
  deletePolls?: number;
  /** Created keys get 401 from the control plane (a replacement that does not work). */
  newKeysDoNotWork?: boolean;
  /** Paths (regex on "METHOD /path") and what happens there. */
  slow?: { match: RegExp; ms: number };
  hang?: RegExp;
  endless?: RegExp;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakePineconeOptions {
  failures?: FakeFailures;
  indexes?: unknown[];
  collections?: unknown[];
}

export interface FakePinecone {
  /** PINEKEY_PINECONE_API_URL, PINEKEY_PINECONE_LOGIN_URL and the service account's credentials. */
  env: Record<string, string>;
  projectId: string;
  keys: Map<string, StoredKey>;
  seen: SeenRequest[];
  /** Requests or answers that do not match the spec snapshot (tests assert there are none). */
  violations: string[];
  failures: FakeFailures;
  /** Bytes written to endless answers so far. */
  endlessBytes(): number;
  addKey(name: string, roles: Role[]): StoredKey;
}

const ajv = new Ajv({ allErrors: true });
const validators = new Map<SpecSchema, Ajv.ValidateFunction>();
function validate(schema: SpecSchema, value: unknown): string | undefined {
  let check = validators.get(schema);
  if (!check) {
    check = ajv.compile({ definitions: SPEC_SCHEMAS, $ref: `#/definitions/${schema}` });
    validators.set(schema, check);
  }
  return check(value) ? undefined : `${schema}: ${ajv.errorsText(check.errors)}`;
}

const API_VERSIONS = new Set(["2025-04", "2025-10", "2026-04", "2026-07"]);

export const DEFAULT_INDEXES = [
  { name: "docs", dimension: 1536, metric: "cosine", host: "docs-abc.svc.aped-4627-b74a.pinecone.io", deletion_protection: "enabled", spec: { serverless: { cloud: "aws", region: "us-east-1" } }, status: { ready: true, state: "Ready" }, vector_type: "dense" },
  { name: "support-tickets", dimension: 768, metric: "dotproduct", host: "support-tickets-abc.svc.us-east1-gcp.pinecone.io", deletion_protection: "disabled", spec: { pod: { environment: "us-east1-gcp", pod_type: "p1.x1", pods: 1, replicas: 1, shards: 1 } }, status: { ready: true, state: "Ready" }, vector_type: "dense" },
];
export const DEFAULT_COLLECTIONS = [{ name: "docs-backup", size: 10_000_000, status: "Ready", dimension: 1536, vector_count: 120_000, environment: "us-east1-gcp" }];

/** A 200 whose body never ends (spaces, 64 KiB at a time, as fast as the client reads them). */
export function answerEndlessly(res: ServerResponse, onWritten: (bytes: number) => void = () => undefined): void {
  res.writeHead(200, { "content-type": "application/json" });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = (): void => {
    let more = true;
    while (!res.destroyed && more) {
      more = res.write(chunk);
      onWritten(chunk.length);
    }
    if (!res.destroyed) res.once("drain", pump);
  };
  pump();
}

export async function startFakePinecone(t: TestContext, options: FakePineconeOptions = {}): Promise<FakePinecone> {
  const failures: FakeFailures = { ...options.failures };
  const clientId = randomString(32);
  const clientSecret = randomString(48);
  const projectId = randomUUID();
  const keys = new Map<string, StoredKey>();
  const tokens = new Map<string, { callsLeft: number }>();
  const seen: SeenRequest[] = [];
  const violations: string[] = [];
  let endlessBytes = 0;
  const indexes = options.indexes ?? DEFAULT_INDEXES;
  const collections = options.collections ?? DEFAULT_COLLECTIONS;
  const createdIds = new Set<string>();

  const addKey = (name: string, roles: Role[]): StoredKey => {
    const key: StoredKey = { id: randomUUID(), name, project_id: projectId, roles, value: fakeKey() };
    keys.set(key.id, key);
    return key;
  };
  const publicKey = (key: StoredKey) => ({ id: key.id, name: key.name, project_id: key.project_id, roles: key.roles });

  function answer(res: ServerResponse, status: number, body: unknown, schema?: SpecSchema): void {
    if (schema) {
      const problem = validate(schema, body);
      if (problem) violations.push(`answer ${problem}`);
    }
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
  const error = (res: ServerResponse, status: number, code: string, message: string): void =>
    answer(res, status, { error: { code, message }, status }, "ErrorResponse");

  function route(req: SeenRequest, res: ServerResponse): void {
    const path = req.url.split("?")[0]!;
    const where = `${req.method} ${path}`;
    // --- login.pinecone.io ---
    if (where === "POST /oauth/token") {
      const type = String(req.headers["content-type"] ?? "");
      let body: Record<string, unknown> = {};
      try {
        body = type.startsWith("application/x-www-form-urlencoded")
          ? Object.fromEntries(new URLSearchParams(req.body))
          : (JSON.parse(req.body) as Record<string, unknown>);
      } catch {
        violations.push("token request is not JSON");
      }
      const problem = validate("TokenRequest", body);
      if (problem) {
        violations.push(`request ${problem}`);
        answer(res, 400, { error: "invalid_request", error_description: problem }, "OAuthErrorResponse");
        return;
      }
      if (body.client_id !== clientId || body.client_secret !== clientSecret) {
        answer(res, 401, { error: "access_denied", error_description: "Unauthorized" }, "OAuthErrorResponse");
        return;
      }
      const token = randomString(40);
      tokens.set(token, { callsLeft: failures.tokenExpiresAfterCalls ?? Infinity });
      answer(res, 200, { access_token: token, expires_in: 1800, token_type: "Bearer" }, "TokenResponse");
      return;
    }
    // --- control plane, with an API key ---
    if (where === "GET /indexes" || where === "GET /collections") {
      const value = req.headers["api-key"];
      const key = [...keys.values()].find((k) => k.value === value);
      const works = key && !(failures.newKeysDoNotWork && createdIds.has(key.id));
      if (!works) return error(res, 401, "UNAUTHENTICATED", "Invalid API Key");
      const control = key.roles.some((r) => r.startsWith("Project") || r.startsWith("ControlPlane"));
      if (!control) return error(res, 403, "FORBIDDEN", "insufficient permissions");
      if (path === "/indexes") answer(res, 200, { indexes }, "IndexList");
      else answer(res, 200, { collections }, "CollectionList");
      return;
    }
    // --- Admin API, with a bearer token ---
    if (!path.startsWith("/admin/")) return error(res, 404, "NOT_FOUND", "Not found");
    if (!API_VERSIONS.has(String(req.headers["x-pinecone-api-version"]))) {
      violations.push(`${where} without a known X-Pinecone-Api-Version`);
      return error(res, 400, "INVALID_ARGUMENT", "missing X-Pinecone-Api-Version");
    }
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
    const token = bearer ? tokens.get(bearer) : undefined;
    if (!token || token.callsLeft <= 0) return error(res, 401, "UNAUTHENTICATED", "Invalid or expired token.");
    token.callsLeft--;

    if (where === "GET /admin/projects") {
      const project = { id: projectId, name: "chatbot-prod", max_pods: 0, force_encryption_with_cmek: false, organization_id: "org-1" };
      return answer(res, 200, { data: [project] }, "ProjectList");
    }
    const projectKeys = /^\/admin\/projects\/([^/]+)\/api-keys$/.exec(path);
    if (projectKeys) {
      if (projectKeys[1] !== projectId) return error(res, 404, "NOT_FOUND", "Project not found.");
      if (req.method === "GET") {
        return answer(res, 200, { data: [...keys.values()].filter((k) => k.deletingPollsLeft === undefined).map(publicKey) }, "ListApiKeysResponse");
      }
      if (req.method === "POST") {
        let body: unknown;
        try {
          body = JSON.parse(req.body);
        } catch {
          body = undefined;
        }
        const problem = validate("CreateAPIKeyRequest", body);
        if (problem) {
          violations.push(`request ${problem}`);
          return error(res, 400, "INVALID_ARGUMENT", problem);
        }
        if (failures.createStatus) return error(res, failures.createStatus, "FORBIDDEN", "The service account may not create API keys in this project.");
        const { name, roles } = body as { name: string; roles?: Role[] };
        const key = addKey(name, roles ?? ["ProjectEditor"]);
        createdIds.add(key.id);
        return answer(res, 201, { key: publicKey(key), value: key.value }, "APIKeyWithSecret");
      }
    }
    const oneKey = /^\/admin\/api-keys\/([^/]+)$/.exec(path);
    if (oneKey) {
      const key = keys.get(oneKey[1]!);
      if (!key) return error(res, 404, "NOT_FOUND", "API key not found.");
      if (req.method === "GET") {
        if (key.deletingPollsLeft !== undefined) {
          if (key.deletingPollsLeft <= 0) {
            keys.delete(key.id);
            return error(res, 404, "NOT_FOUND", "API key not found.");
          }
          key.deletingPollsLeft--;
        }
        return answer(res, 200, publicKey(key), "APIKey");
      }
      if (req.method === "DELETE") {
        if (failures.deleteStatus) return error(res, failures.deleteStatus, "FORBIDDEN", "The service account may not delete this key.");
        const polls = failures.deletePolls ?? 0;
        if (polls === 0) keys.delete(key.id);
        else key.deletingPollsLeft ??= polls;
        res.writeHead(202);
        res.end();
        return;
      }
    }
    error(res, 404, "NOT_FOUND", "Not found");
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: SeenRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      seen.push(request);
      const where = `${request.method} ${request.url.split("?")[0]}`;
      if (failures.hang?.test(where)) return; // never answer
      if (failures.endless?.test(where)) {
        answerEndlessly(res, (bytes) => (endlessBytes += bytes));
        return;
      }
      if (failures.slow?.match.test(where)) {
        const timer = setTimeout(() => route(request, res), failures.slow.ms);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      route(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  t.after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    env: {
      PINEKEY_PINECONE_API_URL: base,
      PINEKEY_PINECONE_LOGIN_URL: base,
      PINECONE_CLIENT_ID: clientId,
      PINECONE_CLIENT_SECRET: clientSecret,
    },
    projectId,
    keys,
    seen,
    violations,
    failures,
    endlessBytes: () => endlessBytes,
    addKey,
  };
}
