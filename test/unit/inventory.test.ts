import assert from "node:assert/strict";
import { test } from "node:test";
import { fileKind, groupByService, serviceOf, usagesIn } from "../../dist/core/inventory.js";
import { fakeKey } from "../helpers/keys.js";

const lines = (...l: string[]): string => l.join("\n") + "\n";
const brief = (file: string, text: string) => usagesIn(file, text).map((u) => [u.line, u.kind, u.what]);

test("code in every language that reads PINECONE_API_KEY, and SDK constructors that read it themselves", () => {
  assert.deepEqual(brief("app/main.py", lines("import os", 'key = os.environ["PINECONE_API_KEY"]', "pc = Pinecone()")), [
    [2, "code", "reads PINECONE_API_KEY"],
    [3, "sdk-default", "Pinecone() reads PINECONE_API_KEY from the environment"],
  ]);
  assert.deepEqual(brief("web/src/db.ts", lines("const pc = new Pinecone();", "const k = process.env.PINECONE_API_KEY!;")).map((u) => u[1]), ["sdk-default", "code"]);
  for (const [file, line] of [
    ["svc/main.go", 'apiKey := os.Getenv("PINECONE_API_KEY")'],
    ["svc/App.java", 'String key = System.getenv("PINECONE_API_KEY");'],
    ["svc/Program.cs", 'var key = Environment.GetEnvironmentVariable("PINECONE_API_KEY");'],
    ["svc/app.rb", 'key = ENV.fetch("PINECONE_API_KEY")'],
    ["svc/settings.py", "    pinecone_api_key: str"],
  ]) {
    assert.deepEqual(brief(file!, lines(line!)), [[1, "code", "reads PINECONE_API_KEY"]], file);
  }
  assert.deepEqual(usagesIn("app/other.py", lines("import os", "print('hello')")), [], "a file that never touches the key is not listed");
  assert.deepEqual(usagesIn("docs/setup.md", lines("export PINECONE_API_KEY=...")), [], "documentation is not a place that uses the key");
});

test("dotenv files: the variable name only, never the value", () => {
  const key = fakeKey();
  const usages = usagesIn("api/.env.production", lines("# prod", `PINECONE_API_KEY=${key}`, "PINECONE_INDEX=docs", `export OLD_PINECONE_API_KEY="${key}"`));
  assert.deepEqual(usages.map((u) => [u.line, u.kind, u.what]), [
    [2, "dotenv", "PINECONE_API_KEY="],
    [4, "dotenv", "OLD_PINECONE_API_KEY="],
  ]);
  assert.ok(!JSON.stringify(usages).includes(key.slice(12)));
});

test("compose, Kubernetes (secretKeyRef), Helm values, Terraform, CI and Dockerfiles", () => {
  assert.deepEqual(brief("docker-compose.yml", lines("services:", "  api:", "    environment:", "      - PINECONE_API_KEY=${PINECONE_API_KEY}")), [[4, "compose", "sets PINECONE_API_KEY"]]);
  assert.deepEqual(
    brief("deploy/api.yaml", lines("env:", "  - name: PINECONE_API_KEY", "    valueFrom:", "      secretKeyRef:", "        name: pinecone", "        key: api-key")),
    [[2, "kubernetes", "from secretKeyRef pinecone"]],
  );
  assert.deepEqual(brief("chart/values.yaml", lines("pinecone:", "  apiKeySecret: pinecone", "pineconeApiKey: \"\"")), [[3, "helm", "a chart value"]]);
  assert.deepEqual(brief("infra/main.tf", lines('provider "pinecone" {', "  api_key = var.pinecone_api_key", "}", 'variable "pinecone_api_key" {', "  sensitive = true", "}")), [
    [1, "terraform", "the Pinecone provider"],
    [2, "terraform", "passes the key"],
    [4, "terraform", "a variable"],
  ]);
  assert.deepEqual(brief(".github/workflows/ci.yml", lines("env:", "  PINECONE_API_KEY: ${{ secrets.PINECONE_API_KEY }}")), [[2, "ci", "passes secrets.PINECONE_API_KEY"]]);
  assert.deepEqual(brief("api/Dockerfile", lines("FROM python:3.12", "ARG PINECONE_API_KEY", "RUN --mount=type=secret,id=pinecone_api_key make")), [
    [2, "dockerfile", "ARG PINECONE_API_KEY"],
    [3, "dockerfile", "a build secret"],
  ]);
  assert.equal(fileKind("README.md"), undefined);
  assert.equal(fileKind("image.png"), undefined);
});

test("grouped by service: the nearest directory with a manifest; workflows on their own", () => {
  const manifests = new Set(["services/api", "services/worker", ""]);
  assert.equal(serviceOf("services/api/src/app.py", manifests), "services/api");
  assert.equal(serviceOf("services/worker/.env", manifests), "services/worker");
  assert.equal(serviceOf("scripts/load.py", manifests), ".");
  assert.equal(serviceOf(".github/workflows/ci.yml", manifests), ".github/workflows");
  const groups = groupByService(
    [
      { file: "services/worker/main.go", line: 3, kind: "code", what: "x" },
      { file: "docker-compose.yml", line: 1, kind: "compose", what: "x" },
      { file: "services/api/app.py", line: 9, kind: "code", what: "x" },
      { file: "services/api/app.py", line: 2, kind: "code", what: "x" },
    ],
    manifests,
  );
  assert.deepEqual(groups.map((g) => [g.service, g.usages.map((u) => `${u.file}:${u.line}`)]), [
    [".", ["docker-compose.yml:1"]],
    ["services/api", ["services/api/app.py:2", "services/api/app.py:9"]],
    ["services/worker", ["services/worker/main.go:3"]],
  ]);
});
