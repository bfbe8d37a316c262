import { readFileSync } from "node:fs";

interface PackageJson {
  name: string;
  version: string;
  dependencies: Record<string, string>;
}

let cached: PackageJson | undefined;

/** pinekey-hook's own package.json (dist/cli/ → ../../package.json). */
export function ownPackage(): PackageJson {
  cached ??= JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as PackageJson;
  return cached;
}
