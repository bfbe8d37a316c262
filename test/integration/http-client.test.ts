/**
 * The one bounded HTTP client (src/cli/http.ts) that --verify, the exposure report and rotate share:
 * one deadline across many requests, a size cap that cuts an endless body as it streams, https only
 * except to loopback, no redirects. Against servers on 127.0.0.1 started here.
 */
import assert from "node:assert/strict";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { test, type TestContext } from "node:test";
import { deadlineIn, HttpError, insecureUrlReason, isLoopbackHost, send } from "../../dist/cli/http.js";
import { answerEndlessly } from "../helpers/fake-pinecone.js";

async function serve(t: TestContext, handler: RequestListener): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HttpError, `an HttpError, not ${String(error)}`);
    return error;
  }
  assert.fail("the request should have failed");
}

test("loopback hosts: only these may be reached over plain http", () => {
  for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "api.localhost"]) assert.ok(isLoopbackHost(host), host);
  for (const host of ["10.0.0.1", "192.168.1.1", "api.pinecone.io", "127.0.0.1.nip.io", "::ffff:10.0.0.1", "0.0.0.0"]) {
    assert.ok(!isLoopbackHost(host), host);
  }
  assert.equal(insecureUrlReason("https://api.pinecone.io"), undefined);
  assert.equal(insecureUrlReason("http://127.0.0.1:8080"), undefined);
  assert.match(insecureUrlReason("http://api.pinecone.io") ?? "", /plain http/);
  assert.match(insecureUrlReason("ftp://api.pinecone.io") ?? "", /not an https/);
  assert.match(insecureUrlReason("not a url") ?? "", /not a URL/);
});

test("plain http to another machine is refused before any connection", async () => {
  // 192.0.2.0/24 is TEST-NET-1: nothing answers there, so a connection attempt would hang, not fail fast.
  const error = await failure(send({ method: "GET", url: "http://192.0.2.1/indexes", headers: { "Api-Key": "x" } }, { deadline: deadlineIn(60_000), maxBytes: 100 }));
  assert.equal(error.failure, "insecure");
});

test("an endless 200 body is cut at the cap: memory never holds more", async (t) => {
  let written = 0;
  const server = await serve(t, (_req, res) => answerEndlessly(res, (bytes) => (written += bytes)));
  const error = await failure(send({ method: "GET", url: `${server.url}/indexes` }, { deadline: deadlineIn(30_000), maxBytes: 1024 * 1024 }));
  assert.equal(error.failure, "too-large");
  // The server got at most the cap plus what the socket buffers held: far below the 30 s it had.
  assert.ok(written < 64 * 1024 * 1024, `${written} bytes were written before the client stopped`);
});

test("one deadline covers many requests: a slow trickle ends at the deadline, the next request gets no time", async (t) => {
  const server = await serve(t, (_req, res) => {
    res.writeHead(200);
    const timer = setInterval(() => res.write(" "), 50); // headers at once, then a byte now and then
    res.on("close", () => clearInterval(timer));
  });
  const deadline = deadlineIn(400);
  const started = Date.now();
  const first = await failure(send({ method: "GET", url: `${server.url}/a` }, { deadline, maxBytes: 1_000_000 }));
  assert.equal(first.failure, "timeout");
  const second = await failure(send({ method: "GET", url: `${server.url}/b` }, { deadline, maxBytes: 1_000_000 }));
  assert.equal(second.failure, "timeout");
  assert.equal(server.requests(), 1, "no time left: the second request was not sent");
  assert.ok(Date.now() - started < 10_000);
});

test("a redirect is returned as it is, never followed; a body and headers arrive whole", async (t) => {
  const target = await serve(t, (_req, res) => res.end("elsewhere"));
  const server = await serve(t, (req, res) => {
    if (req.url === "/moved") {
      res.writeHead(307, { location: `${target.url}/` });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ echo: Buffer.concat(chunks).toString("utf8"), header: req.headers["x-test"] }));
    });
  });
  const moved = await send({ method: "GET", url: `${server.url}/moved` }, { deadline: deadlineIn(5000), maxBytes: 1000 });
  assert.equal(moved.status, 307);
  assert.equal(target.requests(), 0);
  const echoed = await send({ method: "POST", url: `${server.url}/echo`, headers: { "X-Test": "yes" }, body: "ünïcode" }, { deadline: deadlineIn(5000), maxBytes: 1000 });
  assert.equal(echoed.status, 201);
  assert.deepEqual(JSON.parse(echoed.body), { echo: "ünïcode", header: "yes" });
});

test("a refused connection is a network failure", async () => {
  // A port nothing listens on: close a server and reuse its port.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const error = await failure(send({ method: "GET", url: `http://127.0.0.1:${port}/` }, { deadline: deadlineIn(5000), maxBytes: 1000 }));
  assert.equal(error.failure, "network");
});

test("an answer cut off before its end is a failure, never a truncated answer", async (t) => {
  const server = await serve(t, (_req, res) => {
    res.writeHead(200, { "content-length": "1000", "content-type": "application/json" });
    res.write('{"indexes":[');
    setTimeout(() => res.destroy(), 20);
  });
  const error = await failure(send({ method: "GET", url: `${server.url}/indexes` }, { deadline: deadlineIn(5000), maxBytes: 100_000 }));
  assert.equal(error.failure, "network");
});
