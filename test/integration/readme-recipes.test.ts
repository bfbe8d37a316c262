/**
 * The README shows the recipes the tests run: the example files' lines appear in it verbatim, so the
 * copy a reader takes is the one that was tested.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PROJECT_ROOT } from "../helpers/repo.js";

const README = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");

function exampleLines(file: string): string[] {
  return readFileSync(join(PROJECT_ROOT, "examples", file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
}

for (const file of ["lefthook.yml", "gitlab-ci.yml"]) {
  test(`README shows examples/${file} as tested`, () => {
    const body = exampleLines(file).join("\n");
    assert.ok(README.includes(body), `README lacks the lines of examples/${file}:\n${body}`);
  });
}

test("README shows the GitHub Actions scan and upload steps as tested", () => {
  const lines = exampleLines("github-actions/pinekey.yml");
  const from = lines.findIndex((line) => line.includes("- name: Scan the new commits"));
  const steps = lines.slice(from).filter((line) => !/^\s+# /.test(line));
  for (const line of steps) assert.ok(README.includes(line), `README lacks: ${line}`);
});

test("README: first command for a newcomer is set-up plus the demo, then the tests", () => {
  const commands = [...README.matchAll(/```sh\n([^`]*?)```/g)].map((m) => m[1]!.trim());
  assert.ok(commands.includes("npm install && npx pinekey-hook demo"));
  const contributors = README.slice(README.indexOf("## For contributors"));
  const blocks = [...contributors.matchAll(/```sh\n([^`]*?)```/g)].map((m) => m[1]!.trim());
  assert.deepEqual(blocks.slice(0, 2), ["npm install && npx pinekey-hook demo", "npm test"]);
});
