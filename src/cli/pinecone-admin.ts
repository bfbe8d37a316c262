/**
 * Pinecone's Admin API with a service account (what `rotate` uses), through the bounded client.
 *
 *   POST <login>/oauth/token  {"grant_type":"client_credentials","client_id","client_secret",
 *                              "audience":"https://api.pinecone.io/"}  → {access_token, expires_in, token_type:"Bearer"}
 *   every call: Authorization: Bearer <token>, X-Pinecone-Api-Version: 2026-04
 *   GET    /admin/projects                        → {data:[{id, name, …}]}
 *   GET    /admin/projects/{project_id}/api-keys  → {data:[{id, name, project_id, roles}]}
 *   POST   /admin/projects/{project_id}/api-keys  {name (1-80), roles} → 201 {key:{id,name,project_id,roles}, value}
 *   GET    /admin/api-keys/{api_key_id}           → {id, name, project_id, roles}     (no secret)
 *   DELETE /admin/api-keys/{api_key_id}           → 202 (asynchronous: the key may work for a while)
 *   errors: {error:{code, message}, status}
 *
 * A token that expires mid-run (401 on a call that worked before) is renewed once and the call
 * repeated: a 401 means the call was not carried out, so repeating a create is safe.
 */
import { PinekeyError } from "../core/errors.js";
import { scrubKeys } from "../core/rules/index.js";
import { DEFAULT_MAX_BYTES, deadlineIn, HttpError, jsonBody, send, type HttpRequest, type HttpResponse } from "./http.js";
import { checkBaseUrl, DEFAULT_API_URL } from "./verify.js";

export const DEFAULT_LOGIN_URL = "https://login.pinecone.io";
export const ADMIN_API_VERSION = "2026-04";
export const AUDIENCE = "https://api.pinecone.io/";

export interface ApiKey {
  id: string;
  name: string;
  project_id: string;
  roles: string[];
}

export interface Project {
  id: string;
  name: string;
}

/** An Admin API call that answered with an error status. */
export class AdminApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "AdminApiError";
    this.status = status;
  }
}

export interface AdminOptions {
  apiUrl: string;
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  /** Milliseconds each request may take. */
  timeoutMs: number;
}

/** Credentials and base URLs from the environment; missing credentials are an error naming them. */
export function adminOptionsFromEnvironment(timeoutMs: number, env: NodeJS.ProcessEnv = process.env): AdminOptions {
  const clientId = env.PINECONE_CLIENT_ID ?? "";
  const clientSecret = env.PINECONE_CLIENT_SECRET ?? "";
  const missing = [clientId ? undefined : "PINECONE_CLIENT_ID", clientSecret ? undefined : "PINECONE_CLIENT_SECRET"].filter(Boolean);
  if (missing.length > 0) {
    throw new PinekeyError(
      "BAD_CONFIG",
      `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set: rotate needs a Pinecone service account.`,
      "Create one in the Pinecone console (Organization settings > Access > Service accounts), give it access to the project,\n" +
        "  and export its client id and secret as PINECONE_CLIENT_ID and PINECONE_CLIENT_SECRET.",
    );
  }
  const apiUrl = (env.PINEKEY_PINECONE_API_URL || DEFAULT_API_URL).replace(/\/+$/, "");
  const loginUrl = (env.PINEKEY_PINECONE_LOGIN_URL || DEFAULT_LOGIN_URL).replace(/\/+$/, "");
  checkBaseUrl("PINEKEY_PINECONE_API_URL", apiUrl);
  checkBaseUrl("PINEKEY_PINECONE_LOGIN_URL", loginUrl);
  return { apiUrl, loginUrl, clientId, clientSecret, timeoutMs };
}

/** The server's own words for an error, made safe to print (short, no control characters, no key). */
function errorText(response: HttpResponse): string {
  const body = jsonBody(response) as { error?: { message?: unknown } | string; error_description?: unknown } | undefined;
  const raw = typeof body?.error === "object" ? body.error?.message : body?.error_description ?? body?.error;
  // eslint-disable-next-line no-control-regex
  const text = typeof raw === "string" ? scrubKeys(raw).replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").slice(0, 200) : "";
  return text ? `${response.status}: ${text}` : `${response.status}`;
}

export class AdminClient {
  private token: string | undefined;

  constructor(private readonly options: AdminOptions) {}

  private bounds() {
    return { deadline: deadlineIn(this.options.timeoutMs), maxBytes: DEFAULT_MAX_BYTES };
  }

  private async sendOrExplain(request: HttpRequest, what: string): Promise<HttpResponse> {
    try {
      return await send(request, this.bounds());
    } catch (error) {
      if (error instanceof HttpError) throw new AdminApiError(0, `${what}: ${error.message}`);
      throw error;
    }
  }

  /** A new access token; wrong credentials are a PinekeyError naming the variables. */
  async authenticate(): Promise<void> {
    const response = await this.sendOrExplain(
      {
        method: "POST",
        url: `${this.options.loginUrl}/oauth/token`,
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-Pinecone-Api-Version": ADMIN_API_VERSION },
        body: JSON.stringify({
          grant_type: "client_credentials",
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
          audience: AUDIENCE,
        }),
      },
      "getting an access token",
    );
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new PinekeyError(
        "BAD_CONFIG",
        `Pinecone refused the service account's credentials (${errorText(response)}).`,
        "Check PINECONE_CLIENT_ID and PINECONE_CLIENT_SECRET (the service account's client id and secret).",
      );
    }
    const token = (jsonBody(response) as { access_token?: unknown } | undefined)?.access_token;
    if (response.status !== 200 || typeof token !== "string" || token.length === 0) {
      throw new AdminApiError(response.status, `getting an access token: unexpected answer ${errorText(response)}`);
    }
    this.token = token;
  }

  private async call(method: HttpRequest["method"], path: string, what: string, body?: unknown): Promise<HttpResponse> {
    if (!this.token) await this.authenticate();
    const request = (): HttpRequest => ({
      method,
      url: `${this.options.apiUrl}${path}`,
      headers: {
        Authorization: `Bearer ${this.token}`,
        "X-Pinecone-Api-Version": ADMIN_API_VERSION,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    let response = await this.sendOrExplain(request(), what);
    if (response.status === 401) {
      await this.authenticate(); // the token expired mid-run
      response = await this.sendOrExplain(request(), what);
    }
    return response;
  }

  private static fail(response: HttpResponse, what: string): never {
    throw new AdminApiError(response.status, `${what}: ${errorText(response)}`);
  }

  async listProjects(): Promise<Project[]> {
    const response = await this.call("GET", "/admin/projects", "listing projects");
    const data = (jsonBody(response) as { data?: unknown } | undefined)?.data;
    if (response.status !== 200 || !Array.isArray(data)) AdminClient.fail(response, "listing projects");
    return data.filter(isProject).map(cleaned);
  }

  async listKeys(projectId: string): Promise<ApiKey[]> {
    const what = `listing the API keys of project ${projectId}`;
    const response = await this.call("GET", `/admin/projects/${encodeURIComponent(projectId)}/api-keys`, what);
    const data = (jsonBody(response) as { data?: unknown } | undefined)?.data;
    if (response.status !== 200 || !Array.isArray(data)) AdminClient.fail(response, what);
    return data.filter(isApiKey).map(cleaned);
  }

  /** The key, or undefined when the API says it does not exist (404). */
  async getKey(id: string): Promise<ApiKey | undefined> {
    const what = `reading API key ${id}`;
    const response = await this.call("GET", `/admin/api-keys/${encodeURIComponent(id)}`, what);
    if (response.status === 404) return undefined;
    const key = jsonBody(response);
    if (response.status !== 200 || !isApiKey(key)) AdminClient.fail(response, what);
    return cleaned(key);
  }

  /** A new key; its value exists only in the returned object (and wherever the caller hands it). */
  async createKey(projectId: string, name: string, roles: string[]): Promise<{ key: ApiKey; value: string }> {
    const what = `creating a new API key in project ${projectId}`;
    const response = await this.call("POST", `/admin/projects/${encodeURIComponent(projectId)}/api-keys`, what, { name, roles });
    const body = jsonBody(response) as { key?: unknown; value?: unknown } | undefined;
    if (response.status !== 201 && response.status !== 200) AdminClient.fail(response, what);
    if (!isApiKey(body?.key) || typeof body.value !== "string" || body.value.length === 0) {
      throw new AdminApiError(response.status, `${what}: the answer holds no key`);
    }
    return { key: cleaned(body.key), value: body.value };
  }

  /** Asks for the deletion (202: accepted, carried out asynchronously). */
  async deleteKey(id: string): Promise<void> {
    const what = `deleting API key ${id}`;
    const response = await this.call("DELETE", `/admin/api-keys/${encodeURIComponent(id)}`, what);
    if (response.status !== 202 && response.status !== 200 && response.status !== 204 && response.status !== 404) {
      AdminClient.fail(response, what);
    }
  }
}

/** Names come from the server: no control characters reach the terminal, at most the API's 80 characters. */
function printableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return scrubKeys(name).replace(/[\u0000-\u001f\u007f-\u009f]/g, "?").slice(0, 80);
}

function cleaned<T extends { name: string }>(value: T): T {
  return { ...value, name: printableName(value.name) };
}

function isApiKey(value: unknown): value is ApiKey {
  const key = value as ApiKey | undefined;
  return (
    typeof key === "object" && key !== null && typeof key.id === "string" && typeof key.name === "string" &&
    typeof key.project_id === "string" && Array.isArray(key.roles) && key.roles.every((r) => typeof r === "string")
  );
}

function isProject(value: unknown): value is Project {
  const project = value as Project | undefined;
  return typeof project === "object" && project !== null && typeof project.id === "string" && typeof project.name === "string";
}
