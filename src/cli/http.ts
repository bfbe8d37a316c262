/**
 * The one HTTP client of pinekey-hook: `--verify`, the exposure report and `rotate` all talk to
 * Pinecone through `send`, so every request they make is bounded the same way:
 *
 * - a deadline (an absolute time, so one deadline can cover a whole check of many requests); when it
 *   passes the socket is destroyed, whatever the server is doing (slow headers, a trickled body);
 * - a cap on each answer's size, counted as the bytes arrive: an endless 200 body is cut off at the
 *   cap, and memory never holds more than the cap;
 * - https only, except to loopback addresses (127.0.0.0/8, ::1, localhost), where tests and local
 *   proxies live; a key or a bearer token never travels over plain http to another host;
 * - redirects are never followed (node's http does not follow them): a key goes to one host only.
 *
 * Node's own http/https modules: no dependency, and (unlike fetch) the body can be counted and cut
 * as it streams without buffering it first.
 */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";

export type HttpFailure = "timeout" | "too-large" | "insecure" | "network";

/** A request that did not produce a whole answer within the bounds. */
export class HttpError extends Error {
  readonly failure: HttpFailure;
  constructor(failure: HttpFailure, message: string) {
    super(message);
    this.name = "HttpError";
    this.failure = failure;
  }
}

export interface HttpRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The whole body as text (never more than `maxBytes`). */
  body: string;
}

export interface Bounds {
  /** Absolute time (Date.now() milliseconds) by which the whole answer must have arrived. */
  deadline: number;
  /** Most bytes of body accepted; one more and the request fails as "too-large". */
  maxBytes: number;
}

/** 1 MiB: a project's index list is a few hundred bytes per index, an Admin API answer less. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** A deadline `ms` from now. */
export function deadlineIn(ms: number): number {
  return Date.now() + ms;
}

/** localhost, 127.0.0.0/8 and ::1: the only hosts plain http may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

/**
 * The URL if pinekey-hook may send credentials to it, else a reason. Used on the base URLs from the
 * environment before anything is sent, so a misconfiguration is an error, never a silent downgrade.
 */
export function insecureUrlReason(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol === "https:") return undefined;
  if (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname)) return undefined;
  if (parsed.protocol === "http:") return `"${parsed.origin}" is plain http to a host that is not this machine (use https://)`;
  return `"${parsed.origin}" is not an https:// URL`;
}

/** Send one request within the bounds; any answer with a status (even 500) resolves. */
export function send(request: HttpRequest, bounds: Bounds): Promise<HttpResponse> {
  const reason = insecureUrlReason(request.url);
  if (reason) return Promise.reject(new HttpError("insecure", `refused to send: ${reason}`));
  const url = new URL(request.url);
  const remaining = bounds.deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new HttpError("timeout", `no time left for ${url.origin}`));
  const open = url.protocol === "https:" ? httpsRequest : httpRequest;
  const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");
  const headers: Record<string, string> = { ...request.headers };
  if (body) headers["Content-Length"] = String(body.length);

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: HttpError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = open(url, { method: request.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      let received = 0;
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > bounds.maxBytes) {
          fail(new HttpError("too-large", `the answer from ${url.origin} is larger than ${bounds.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      // A connection closed before the whole body: never a (truncated) answer.
      const brokeOff = (): void => fail(new HttpError("network", `the answer from ${url.origin} broke off`));
      res.on("error", brokeOff);
      res.on("close", () => {
        if (!res.complete) brokeOff();
      });
    });
    const timer = setTimeout(
      () => fail(new HttpError("timeout", `${url.origin} did not answer in time`)),
      remaining,
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      fail(new HttpError("network", `cannot reach ${url.origin}${error.code ? ` (${error.code})` : ""}`)),
    );
    req.end(body);
  });
}

/** The body as JSON, or undefined when it is not JSON (a proxy's page, a truncated answer). */
export function jsonBody(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    return undefined;
  }
}
