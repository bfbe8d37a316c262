import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { shellWord } from "./text.js";

interface PackageJson {
  name: string;
  version: string;
  dependencies: Record<string, string>;
}

const OWN_NAME = "pinekey-hook";

let cachedRoot: string | undefined;
let cachedPackage: PackageJson | undefined;

/**
 * The directory of pinekey-hook's own package.json, found by walking up from this module. Not a
 * fixed `../../`: the same code runs from dist/cli/package-info.js and from the bundled dist/bin.cjs.
 */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    const found = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PackageJson) : undefined;
    if (found?.name === OWN_NAME) {
      cachedRoot = dir;
      cachedPackage = found;
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`${OWN_NAME}: its own package.json was not found above ${fileURLToPath(import.meta.url)}`);
  }
}

/** pinekey-hook's own package.json. */
export function ownPackage(): PackageJson {
  if (cachedPackage === undefined) packageRoot();
  return cachedPackage!;
}

/** This very CLI, dist/bin.cjs, by absolute path (the demo runs it without needing PATH). */
export function ownBin(): string {
  return join(packageRoot(), "dist", "bin.cjs");
}

/**
 * How this CLI was installed, as the command that installs it again, for hooks' "not found"
 * advice: from a clone of pinekey-hook (its source is beside dist/) the clone's folder; otherwise
 * the package name.
 */
export function installAdvice(): string {
  const root = packageRoot();
  const fromClone = existsSync(join(root, "src", "bin.ts"));
  const target = fromClone ? shellWord(root) : OWN_NAME;
  return `Run: npm install --global ${target}`;
}

/** This CLI runs from npx's cache (npm may clean it), not from an install of its own. */
export function runsFromNpxCache(): boolean {
  return /[\\/]_npx[\\/]/.test(packageRoot());
}
