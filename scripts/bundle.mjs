#!/usr/bin/env node
/**
 * Part of `npm run build`, after tsc: replaces dist/bin.js with one file holding the CLI and every
 * module it may load (the lazily loaded ones stay lazy: their code is only parsed until first use).
 *
 * Why: the bin runs on every commit, and Node loads ES modules one by one (resolve, read, compile,
 * link). One file instead of a dozen on a clean commit's path measured 102 → 95 ms for
 * `pre-commit` (node -e 0: 53 ms), and 422 → 394 ms for `scan --staged` over 50 MB, side by side
 * on this machine. The other files in dist/ stay as tsc wrote them: they are the library
 * (`exports`) and what the unit tests import.
 *
 * Dependencies stay outside the bundle, loaded from node_modules as before.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

await build({
  entryPoints: [join(root, "dist", "bin.js")],
  outfile: join(root, "dist", "bin.js"),
  allowOverwrite: true,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: Object.keys(pkg.dependencies),
  logLevel: "warning",
});
