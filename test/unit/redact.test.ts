/**
 * The redaction gate (core/redact.ts) and its one place in the code (cli/output.ts): what it masks,
 * what it leaves, and that nothing else in src/ writes to the streams or writes files about findings.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { Detector } from "../../dist/core/index.js";
import { redactOutput } from "../../dist/core/redact.js";
import { fakeKey, fakeUuid, randomString, splitKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { PROJECT_ROOT } from "../helpers/repo.js";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("redactOutput", () => {
  it("masks current and announced keys, glued, truncated or with encoded underscores, keeping the label", () => {
    const key = fakeKey();
    const { label, secret } = splitKey(key);
    const announced = `pckey_${randomString(12, ALNUM)}_${randomString(64, ALNUM)}`;
    const text = [
      `subject: add ${key}`,
      `Jpcsk_${label}_${secret}`,
      `pcsk%5F${label}%5F${secret}`,
      `pcsk\\u005f${label}\\u005f${secret}`,
      JSON.stringify(`pcsk\\u005f${label}\\u005f${secret}`),
      `truncated pcsk_${label}_${secret.slice(0, 20)}`,
      `label-less pcsk_${secret}`,
      announced,
    ].join("\n");
    const out = redactOutput(text);
    assertNoKeyIn(out, [key], "gate output");
    assert.ok(!out.includes(announced.slice(20)));
    assert.match(out, new RegExp(`add pcsk_${label}_${secret.slice(0, 4)}…`));
    assert.match(out, new RegExp(`pcsk%5F${label}%5F${secret.slice(0, 4)}…`));
    assert.match(out, new RegExp(`label-less pcsk_${secret.slice(0, 4)}…`));
  });

  it("leaves redacted forms, placeholders and ordinary text alone (it can run twice)", () => {
    const text = "pcsk_AbC12_7xQa… pcsk_... YOUR_API_KEY pcsk_abcde_…  git diff --cached  1b2c…\n";
    assert.equal(redactOutput(text), text);
    const once = redactOutput(`k=${fakeKey()}`);
    assert.equal(redactOutput(once), once);
  });

  it("masks a UUID named as a key (also inside JSON), and leaves other UUIDs", () => {
    const key = fakeUuid();
    const id = fakeUuid();
    const out = redactOutput(`PINECONE_API_KEY=${key} request ${id} data/${id}.json api_key: "${key}" deleted the new key ${id}`);
    assertNoKeyIn(out, [key], "gate output");
    assert.equal(out.split(id).length, 4, "an id that is not a key's value stays (request ids, file names, key ids)");
    const json = redactOutput(JSON.stringify({ subject: `set API_KEY="${key}"` }));
    assertNoKeyIn(json, [key], "JSON");
  });

  it("masks secrets the run found wherever they appear", () => {
    const legacy = fakeUuid();
    const custom = `sk-${randomString(48, ALNUM)}`;
    const out = redactOutput(`ticket ${legacy}: rotate ${custom}!`, new Set([legacy, custom, "short"]));
    assertNoKeyIn(out, [legacy], "gate output");
    assert.ok(!out.includes(custom));
    assert.match(out, /rotate sk-x?.{0,2}…!|rotate sk-.…!/);
  });
});

describe("the gate is the only way out", () => {
  /** Where writing to a stream or a file is allowed, and why. */
  const ALLOWED: Record<string, string> = {
    "src/cli/output.ts": "the gate itself",
    "src/launcher.ts": "the compile cache (bytecode of our own bundle) and a fixed message before the CLI loads",
    "src/cli/commands/demo.ts": "the demo's own temporary repository (a fake key on purpose) and a fixed message",
    "src/cli/commands/hook-files.ts": "hook scripts: fixed text",
    "src/cli/commands/install.ts": "package.json scripts: fixed text",
    "src/cli/commands/global-hooks.ts": "install --global's hook scripts: fixed text and the paths of node and the CLI",
    "src/cli/commands/fix.ts": "fix rewrites the user's own files to take the keys out, and puts each key in .env on purpose (never masked)",
    "src/cli/remediation.ts": "console.log inside code snippets shown to the user",
    "src/cli/secret-handoff.ts": "rotate writes the new key where it was asked to: the .env file (on purpose, never masked)",
  };
  const WRITES = /process\.(?:stdout|stderr)\.write|console\.(?:log|error|warn|info)|writeFileSync|appendFileSync|createWriteStream|\bwriteFile\(|\bappendFile\(/;

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
    );
  }

  it("no module outside the allowed list writes to stdout, stderr or a file", () => {
    for (const file of sources(join(PROJECT_ROOT, "src"))) {
      const name = relative(PROJECT_ROOT, file).split("\\").join("/");
      if (name in ALLOWED) continue;
      const code = readFileSync(file, "utf8").split("\n").filter((line) => !/^\s*(?:\/\/|\*|\/\*)/.test(line)).join("\n");
      assert.doesNotMatch(code, WRITES, `${name} writes output itself: send it through src/cli/output.ts`);
    }
  });
});

describe("allow comments under a policy", () => {
  const key = fakeKey();
  const scan = (policy: "any" | "with-reason" | "off", text: string) =>
    new Detector({ allowComments: policy }).scanText("app.py", text).map((f) => [f.allowed, f.allowReason, f.allowRefused]);

  it("any: a bare comment allows", () => {
    assert.deepEqual(scan("any", `k = "${key}"  # pinekey-allow`), [[true, undefined, undefined]]);
  });
  it("with-reason: a bare comment is refused; a reason (same line or next-line) allows", () => {
    assert.deepEqual(scan("with-reason", `k = "${key}"  # pinekey-allow`), [[false, undefined, "reason-required"]]);
    assert.deepEqual(scan("with-reason", `# pinekey-allow-next-line\nk = "${key}"`), [[false, undefined, "reason-required"]]);
    assert.deepEqual(scan("with-reason", `k = "${key}"  # pinekey-allow: fixture`), [[true, "fixture", undefined]]);
    assert.deepEqual(scan("with-reason", `# pinekey-allow-next-line: docs sample\nk = "${key}"`), [[true, "docs sample", undefined]]);
  });
  it("off: no comment allows", () => {
    assert.deepEqual(scan("off", `k = "${key}"  # pinekey-allow: fixture`), [[false, "fixture", "comments-off"]].map(([a, , c]) => [a, undefined, c]));
  });
});
