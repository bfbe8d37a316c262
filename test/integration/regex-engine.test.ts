/**
 * The linear-time regex engine (dist/regex-engine.cjs: re2js) is loaded only for a config with
 * patterns: a clean commit without custom rules does not read it. With a custom rule, the real CLI
 * runs it, and a pattern RE2 cannot take stops the commit naming the rule.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { randomString } from "../helpers/keys.js";
import { CLI, TempRepo } from "../helpers/repo.js";

test("the regex engine loads only for a config with patterns", () => {
  const repo = TempRepo.create();
  try {
    const preload = join(repo.base, "modules.cjs");
    const list = join(repo.base, "modules.txt");
    writeFileSync(preload, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(list)}, Object.keys(require.cache).join("\\n")));\n`);
    const preCommit = (): { status: number; stderr: string; modules: string } => {
      const run = spawnSync(process.execPath, ["-r", preload, CLI, "pre-commit"], { cwd: repo.dir, env: repo.env(), encoding: "utf8" });
      return { status: run.status ?? -1, stderr: run.stderr, modules: readFileSync(list, "utf8") };
    };
    repo.stage("app.py", "print('hello')\n");
    const clean = preCommit();
    assert.equal(clean.status, 0, clean.stderr);
    assert.doesNotMatch(clean.modules, /regex-engine\.cjs/);

    repo.stage(".pinekeyrc.json", JSON.stringify({ rules: [{ id: "acme-token", regex: "acme_([a-z0-9]{24})", keywords: ["acme_"] }] }));
    repo.stage("token.py", `TOKEN = "acme_${randomString(24, "abcdefghijklmnopqrstuvwxyz0123456789")}"\n`);
    const withRule = preCommit();
    assert.equal(withRule.status, 1, withRule.stderr);
    assert.match(withRule.stderr, /token\.py:1:15 {2}acme-token/, "the column of the capture group, the secret");
    assert.match(withRule.modules, /dist\/regex-engine\.cjs/);

    repo.stage(".pinekeyrc.json", JSON.stringify({ rules: [{ id: "acme-token", regex: "acme_(?=x)" }] }));
    const bad = preCommit();
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"rules\[0\]\.regex" \(rule "acme-token"\) cannot run on the linear-time regex engine/);
  } finally {
    repo.remove();
  }
});
