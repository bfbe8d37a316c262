import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

/** The source of the core, from test-build/unit/ (compiled) or test/unit/. */
const CORE_SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "core");

describe("the core stays pure", () => {
  it("imports nothing from node: but a loader for the one-way hash, and nothing outside src/core", () => {
    // The core and its rules (src/core/rules/…), every file at any depth.
    const files = (readdirSync(CORE_SOURCE, { recursive: true }) as string[])
      .filter((name) => name.endsWith(".ts"))
      .map((name) => name.split(sep).join("/"));
    assert.ok(files.includes("detector.ts") && files.includes("rules/index.ts"));
    for (const name of files) {
      const source = readFileSync(join(CORE_SOURCE, name), "utf8");
      for (const match of source.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']/g)) {
        const specifier = match[1] ?? match[2]!;
        const insideCore =
          specifier.startsWith(".") && !relative(CORE_SOURCE, resolve(CORE_SOURCE, dirname(name), specifier)).startsWith("..");
        // linear-regex.ts: re2js, a regex engine in plain JavaScript (pure computation, no I/O).
        assert.ok(
          (name === "mask.ts" && specifier === "node:module") || (name === "linear-regex.ts" && specifier === "re2js") || insideCore,
          `${name} imports ${specifier}`,
        );
      }
      // mask.ts loads node:crypto on first use, and nothing else.
      const loaded = [...source.matchAll(/createRequire\([^)]*\)\(\s*"([^"]+)"/g)].map((match) => match[1]);
      assert.deepEqual(loaded, name === "mask.ts" ? ["node:crypto"] : [], `${name} loads ${loaded.join(", ")}`);
      assert.ok(!/\bprocess\.|\brequire\(/.test(source), `${name} touches process or require`);
    }
  });
});
