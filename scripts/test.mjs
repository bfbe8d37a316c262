#!/usr/bin/env node
/**
 * `npm test`: build, compile the tests, pack the package ONCE (e2e tests share the tarball through
 * PINEKEY_TARBALL), then run every layer with node's test runner.
 *
 *   node scripts/test.mjs                 lint, then all layers: unit fixtures integration e2e
 *   node scripts/test.mjs unit fixtures   only those layers (no lint)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const LAYERS = ["unit", "fixtures", "integration", "e2e"];
const requested = process.argv.slice(2);
const unknown = requested.filter((layer) => !LAYERS.includes(layer));
if (unknown.length > 0) {
  console.error(`unknown test layer(s): ${unknown.join(", ")} (choose from ${LAYERS.join(", ")})`);
  process.exit(2);
}
const layers = requested.length > 0 ? requested : LAYERS;

function step(what, command, args, options = {}) {
  const run = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (run.status !== 0) {
    console.error(`${what} failed (exit ${run.status ?? run.signal})`);
    process.exit(run.status || 1);
  }
}

/** On a fresh clone `npm test` alone is enough: install the dev dependencies first when missing. */
function resolved(specifier) {
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    return undefined;
  }
}
const resolveTsc = () => resolved("typescript/bin/tsc");
if (resolveTsc() === undefined || resolved("esbuild") === undefined) step("npm install", "npm", ["install", "--no-audit", "--no-fund"]);
const tsc = resolveTsc();
// The whole run (what CI runs) lints first: `npm run lint`, with ESLint's cache so a re-run is quick.
if (requested.length === 0) step("lint", "npm", ["run", "--silent", "lint", "--", "--cache", "--cache-location", "node_modules/.cache/eslint/"]);
// The same build as `npm run build`: tsc, then the bundled bin (scripts/bundle.mjs).
step("build", process.execPath, [tsc, "-p", "tsconfig.json"]);
step("bundle", process.execPath, [join(root, "scripts", "bundle.mjs")]);
rmSync(join(root, "test-build"), { recursive: true, force: true });
step("compiling the tests", process.execPath, [tsc, "-p", "test/tsconfig.json"]);

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith(".test.js") ? [path] : [];
  });
}
const files = layers.flatMap((layer) => testFiles(join(root, "test-build", layer))).sort();
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}

const env = { ...process.env };
let packDir;
if (layers.includes("e2e")) {
  packDir = mkdtempSync(join(tmpdir(), "pinekey-pack-"));
  // dist/ was built above; the tarball is what `npm publish` would ship.
  const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", packDir], {
    cwd: root,
    encoding: "utf8",
  });
  if (pack.status !== 0) {
    console.error(`npm pack failed:\n${pack.stderr}`);
    process.exit(1);
  }
  env.PINEKEY_TARBALL = join(packDir, pack.stdout.trim().split("\n").pop());
}

const run = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...files], {
  cwd: root,
  stdio: "inherit",
  env,
});
if (packDir) rmSync(packDir, { recursive: true, force: true });
process.exit(run.status ?? 1);
