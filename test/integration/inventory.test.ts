/**
 * `pinekey-hook inventory` through the built CLI on a small monorepo: two services, Compose, a Helm
 * chart, Terraform, a workflow, git-ignored .env files (a rotation must update them too), and
 * dependency directories that are not the project's.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { TempRepo } from "../helpers/repo.js";

const lines = (...l: string[]): string => l.join("\n") + "\n";

test("inventory: every place that reads or configures the key, grouped by service, text and JSON", (t) => {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  const key = fakeKey();
  repo.write(".gitignore", ".env\nnode_modules/\n");
  repo.write("docker-compose.yml", lines("services:", "  api:", "    environment:", "      PINECONE_API_KEY: ${PINECONE_API_KEY}"));
  repo.write(".github/workflows/ci.yml", lines("jobs:", "  test:", "    env:", "      PINECONE_API_KEY: ${{ secrets.PINECONE_API_KEY }}"));
  repo.write("services/api/pyproject.toml", lines("[project]", 'name = "api"'));
  repo.write("services/api/app/main.py", lines("import os", "from pinecone import Pinecone", 'pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])'));
  repo.write("services/api/.env", lines(`PINECONE_API_KEY=${key}`));
  repo.write("services/web/package.json", JSON.stringify({ name: "web" }));
  repo.write("services/web/src/pinecone.ts", lines('import { Pinecone } from "@pinecone-database/pinecone";', "export const pc = new Pinecone();"));
  repo.write("services/web/node_modules/@pinecone-database/pinecone/index.js", lines("process.env.PINECONE_API_KEY"));
  repo.write("deploy/chart/Chart.yaml", lines("name: api"));
  repo.write("deploy/chart/templates/deployment.yaml", lines("env:", "  - name: PINECONE_API_KEY", "    valueFrom:", "      secretKeyRef:", "        name: pinecone", "        key: api-key"));
  repo.write("infra/main.tf", lines('provider "pinecone" {}'));
  repo.write("services/api/app/unrelated.py", lines("print('nothing here')"));
  repo.write("services/api/app/blob.py", Buffer.from([0x00, 0x01, 0x50, 0x49, 0x4e, 0x45]));

  const run = repo.cli(["inventory"]);
  assert.equal(run.status, 0, run.stderr);
  assertNoKeyIn(run.stdout + run.stderr, [key]);
  assert.match(run.stdout, /^7 places in 6 services read or configure the Pinecone API key:/);
  const sections = run.stdout.split("\n\n").map((s) => s.trim());
  assert.ok(sections.includes(lines("(top directory)", "  docker-compose.yml:4  compose      sets PINECONE_API_KEY").trim()), run.stdout);
  assert.match(run.stdout, /\.github\/workflows\n {2}\.github\/workflows\/ci\.yml:4 +ci +passes secrets\.PINECONE_API_KEY/);
  assert.match(run.stdout, /services\/api\n {2}services\/api\/\.env:1 +dotenv +PINECONE_API_KEY=\n {2}services\/api\/app\/main\.py:3 +code +reads PINECONE_API_KEY/);
  assert.match(run.stdout, /services\/web\n {2}services\/web\/src\/pinecone\.ts:2 +sdk-default/);
  assert.match(run.stdout, /deploy\/chart\n {2}deploy\/chart\/templates\/deployment\.yaml:2 +kubernetes +from secretKeyRef pinecone/);
  assert.match(run.stdout, /infra\/main\.tf:1 +terraform +the Pinecone provider/);
  assert.doesNotMatch(run.stdout, /node_modules|unrelated\.py/);
  assert.match(run.stdout, /note: services\/api\/app\/blob\.py was not read \(binary\)/);

  const json = repo.cli(["inventory", "--format", "json", "services"]);
  assert.equal(json.status, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as { services: Array<{ service: string; entries: Array<{ file: string; line: number; kind: string }> }> };
  assert.deepEqual(
    parsed.services.map((s) => [s.service, s.entries.map((e) => [e.file, e.line, e.kind])]),
    [
      ["services/api", [["services/api/.env", 1, "dotenv"], ["services/api/app/main.py", 3, "code"]]],
      ["services/web", [["services/web/src/pinecone.ts", 2, "sdk-default"]]],
    ],
  );
  assertNoKeyIn(json.stdout, [key]);

  const none = repo.cli(["inventory", "services/api/app/unrelated.py"]);
  assert.equal(none.status, 0);
  assert.match(none.stdout, /No file here reads or configures the Pinecone API key \(1 files read\)/);
  const outside = repo.cli(["inventory", ".."]);
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /outside the current directory/);
  const badFormat = repo.cli(["inventory", "--format", "sarif"]);
  assert.equal(badFormat.status, 2);
});
