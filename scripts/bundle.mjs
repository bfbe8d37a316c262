#!/usr/bin/env node
/**
 * Part of `npm run build`, after tsc. Writes:
 * - dist/cli.cjs: the CLI (src/bin.ts) bundled into one CommonJS file with simple-git, the one
 *   dependency every run loads. Modules loaded with `import()` stay lazy: their code is only parsed
 *   until first use.
 * - dist/bin.cjs: the package's `bin`, src/launcher.ts, which runs cli.cjs through a V8 code cache.
 * - dist/archive-libraries.cjs: tar-stream and yauzl (src/sources/libraries.ts), loaded by cli.cjs on
 *   the first archive to open, so that a run without one does not read or compile them.
 * - dist/js-parser.cjs: @babel/parser, which only `fix` loads (on its first JavaScript or TypeScript
 *   file): a bundle of its own for the same reason (half a megabyte), and a build-time dependency
 *   like simple-git, so installing pinekey-hook brings no @babel/types along.
 * - dist/regex-engine.cjs: src/core/linear-regex.ts with re2js, loaded by cli.cjs for a config with
 *   custom rules or allow patterns only (the same mechanism as the archive libraries).
 * - dist/THIRD-PARTY-NOTICES.txt: the licences of the packages bundled into all four.
 *
 * Why one file: the bin runs on every commit. Node loads ES modules one by one (resolve, read,
 * compile, link) and must first load its own ES module loader; one CommonJS file needs neither.
 * Measured side by side on this machine: `pre-commit` 102 ms with tsc's modules, 95 ms as one ES
 * module, 94 ms as one CommonJS file (node -e 0: 53-56 ms); `scan --staged` over 50 MB 422, 394 and
 * 385 ms. simple-git inside the bundle: its eight files are not looked up and read one by one
 * (~4 ms), and its compiled code can be cached with ours (src/launcher.ts; both together: `pre-commit`
 * 91 -> 77 ms).
 *
 * The other files in dist/ stay as tsc wrote them: dist/index.js and dist/core/ are the library
 * (`exports`); the rest is what the unit tests import, and is not packed (package.json `files`).
 * husky (an ES module, loaded by `install` through a real `import()`), kleur and picomatch stay
 * outside, as dependencies loaded from node_modules. debug (simple-git's logger) looks for
 * supports-color only if installed; it stays outside too, so the bundle behaves as an install would.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, "dist");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const common = {
  absWorkingDir: root, // the metafile's input paths are relative to it
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // The sources locate files and dependencies from import.meta.url, which CommonJS does not have.
  define: { "import.meta.url": "__pinekeyBundleUrl" },
  logLevel: "warning",
};
// The sources are ES modules, strict by definition: the banner goes before esbuild's own
// "use strict", which would no longer be a directive after it.
const bundleUrl = '"use strict";\nconst __pinekeyBundleUrl = require("node:url").pathToFileURL(__filename).href;';

// Libraries only some runs need go into bundles of their own, each loaded on first use: the CLI
// bundle names the file instead of holding its code, so a clean commit does not read or compile it.
// - the archive libraries (src/sources/libraries.ts), loaded on the first archive to open;
// - the linear-time regex engine (src/core/linear-regex.ts with re2js, a quarter of a megabyte),
//   loaded by src/cli/config.ts for a config that has custom rules or allow patterns.
const SEPARATE = [
  { file: "archive-libraries.cjs", entry: join("sources", "libraries.js"), specifier: "./libraries.js", importer: join("sources", "archive.js") },
  { file: "regex-engine.cjs", entry: join("core", "linear-regex.js"), specifier: "../core/linear-regex.js", importer: join("cli", "config.js") },
];
const separateBuilds = await Promise.all(
  SEPARATE.map(({ file, entry }) => build({ ...common, entryPoints: [join(dist, entry)], outfile: join(dist, file), metafile: true })),
);
const separateDigests = new Map(SEPARATE.map(({ file }) => [file, createHash("sha256").update(readFileSync(join(dist, file))).digest("hex")]));
// Each `import("<specifier>")` from its importer becomes a small module that loads the other bundle
// (a `require`-style load, not an `import()`: the launcher's cached script cannot import() on
// Node 20, see src/launcher.ts).
const separateBundles = {
  name: "separate-bundles",
  setup(plugin) {
    plugin.onResolve({ filter: /\.js$/ }, (args) => {
      const separate = SEPARATE.find(({ specifier, importer }) => args.path === specifier && args.importer.endsWith(importer));
      return separate ? { path: separate.file, namespace: "separate-bundle" } : undefined;
    });
    // Loaded only if its SHA-256 is the one known now (cli.cjs, whose own digest the bin checks,
    // carries it): a replaced or damaged bundle is an error (exit 2), never run.
    plugin.onLoad({ filter: /.*/, namespace: "separate-bundle" }, (args) => ({
      contents: `
        const { readFileSync } = require("node:fs");
        const { createHash } = require("node:crypto");
        const Module = require("node:module");
        const file = require("node:path").join(__dirname, ${JSON.stringify(args.path)});
        const bytes = readFileSync(file);
        if (createHash("sha256").update(bytes).digest("hex") !== ${JSON.stringify(separateDigests.get(args.path))}) {
          throw new Error(file + " is not the code pinekey-hook was built with (changed or damaged after the build); reinstall pinekey-hook");
        }
        const loaded = new Module(file, module);
        loaded.filename = file;
        loaded.paths = Module._nodeModulePaths(__dirname);
        require.cache[file] = loaded;
        loaded._compile(bytes.toString("utf8"), file);
        loaded.loaded = true;
        module.exports = loaded.exports;`,
      loader: "js",
      resolveDir: dist,
    }));
  },
};
// @babel/parser, the same way: `import("@babel/parser")` (src/cli/fix/javascript.ts) becomes a
// `require` of the bundle beside cli.cjs.
const JS_PARSER = "js-parser.cjs";
const jsParser = await build({
  ...common,
  entryPoints: [join(root, "node_modules", "@babel", "parser", "lib", "index.js")],
  outfile: join(dist, JS_PARSER),
  minify: true,
  metafile: true,
});
const separateJsParser = {
  name: "separate-js-parser",
  setup(plugin) {
    plugin.onResolve({ filter: /^@babel\/parser$/ }, () => ({ path: JS_PARSER, namespace: "js-parser" }));
    plugin.onLoad({ filter: /.*/, namespace: "js-parser" }, () => ({
      contents: `module.exports = require("./${JS_PARSER}");`,
      loader: "js",
      resolveDir: dist,
    }));
    plugin.onResolve({ filter: new RegExp(`^\\./${JS_PARSER.replace(".", "\\.")}$`) }, (args) => ({ path: args.path, external: true }));
  },
};
const cli = await build({
  ...common,
  entryPoints: [join(dist, "bin.js")],
  outfile: join(dist, "cli.cjs"),
  external: [...Object.keys(pkg.dependencies), "supports-color"],
  banner: { js: bundleUrl },
  metafile: true,
  plugins: [separateBundles, separateJsParser],
});
await build({
  ...common,
  entryPoints: [join(dist, "launcher.js")],
  define: { ...common.define, PINEKEY_CLI_DIGEST: JSON.stringify(createHash("sha256").update(readFileSync(join(dist, "cli.cjs"))).digest("hex")) },
  outfile: join(dist, "bin.cjs"),
  banner: { js: `#!/usr/bin/env node\n${bundleUrl}` },
});

// The licence of every package with code in cli.cjs (MIT asks for its notice in every copy).
const bundled = new Set();
for (const input of [cli, ...separateBuilds, jsParser].flatMap((bundle) => Object.keys(bundle.metafile.inputs))) {
  const parts = input.split("/"); // esbuild writes "/" on every platform
  const at = parts.lastIndexOf("node_modules");
  if (at >= 0) bundled.add(parts.slice(0, at + (parts[at + 1].startsWith("@") ? 3 : 2)).join("/"));
}
const notices = [...bundled].sort().map((directory) => {
  const manifest = JSON.parse(readFileSync(join(root, directory, "package.json"), "utf8"));
  const licence = readFileSync(join(root, directory, findLicence(directory)), "utf8").trim();
  return `${manifest.name} ${manifest.version} (${manifest.license})\n\n${licence}\n`;
});
writeFileSync(
  join(dist, "THIRD-PARTY-NOTICES.txt"),
  `dist/cli.cjs, ${SEPARATE.map(({ file }) => `dist/${file}`).join(", ")} and dist/${JS_PARSER} contain code from these packages, under these licences.\n\n${notices.join(`\n${"-".repeat(72)}\n\n`)}`,
);

function findLicence(directory) {
  const name = readdirSync(join(root, directory)).find((file) => /^licen[cs]e(\.(md|txt))?$/i.test(file));
  if (name === undefined) throw new Error(`bundle: no licence file in ${directory}`);
  return name;
}

for (const file of ["bin.js", "bin.d.ts", "launcher.js", "launcher.d.ts"]) rmSync(join(dist, file), { force: true });
