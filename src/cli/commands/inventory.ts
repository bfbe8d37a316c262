/**
 * `pinekey-hook inventory [paths…] [--format json]`: every place under the current directory (or the
 * paths) that reads or configures the Pinecone API key, grouped by service, so a rotation misses none.
 *
 * It walks the file system rather than asking git: the .env files a rotation must update are
 * usually ignored by git. Dependency and build directories are skipped; binary files and files over
 * 2 MiB are counted and named, never silently left out.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { PinekeyError } from "../../core/errors.js";
import { fileKind, groupByService, isManifest, usagesIn, type ServiceUsages, type Usage } from "../../core/inventory.js";
import type { CommandResult } from "../result.js";

export interface InventoryOptions {
  paths: string[];
  format: "text" | "json";
  cwd?: string;
}

/** Directories of dependencies, caches and build output: never where a service reads its key. */
const SKIPPED_DIRS = new Set([".git", "node_modules", ".venv", "venv", "__pycache__", ".terraform", ".next", ".nuxt", ".tox", ".mypy_cache", ".pytest_cache", "target", "vendor", "bower_components"]);
const MAX_BYTES = 2 * 1024 * 1024;

export interface Inventory {
  services: ServiceUsages[];
  /** Files the inventory would read but did not: binary, or over the size limit. */
  skipped: Array<{ file: string; reason: string }>;
  filesRead: number;
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

function isBinary(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(8192);
    const read = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, read).includes(0);
  } finally {
    closeSync(fd);
  }
}

export function takeInventory(root: string, paths: string[]): Inventory {
  const usages: Usage[] = [];
  const manifestDirs = new Set<string>();
  const skipped: Inventory["skipped"] = [];
  let filesRead = 0;
  const visit = (absolute: string): void => {
    const file = toPosix(relative(root, absolute));
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      throw new PinekeyError("BAD_ARGUMENTS", `cannot read ${file || "."}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(absolute, { withFileTypes: true })) {
        if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue;
        if (entry.isSymbolicLink()) continue; // never leave the tree, never loop
        visit(join(absolute, entry.name));
      }
      return;
    }
    if (!stats.isFile()) return;
    if (isManifest(file)) manifestDirs.add(file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "");
    if (!fileKind(file)) return;
    if (stats.size > MAX_BYTES) {
      skipped.push({ file, reason: `larger than ${MAX_BYTES / 1024 / 1024} MiB` });
      return;
    }
    if (isBinary(absolute)) {
      skipped.push({ file, reason: "binary" });
      return;
    }
    filesRead++;
    usages.push(...usagesIn(file, readFileSync(absolute, "utf8")));
  };
  for (const path of paths.length > 0 ? paths : ["."]) {
    const absolute = resolve(root, path);
    const inside = relative(root, absolute);
    if (inside.startsWith("..")) throw new PinekeyError("BAD_ARGUMENTS", `${path} is outside the current directory.`, "Run inventory from the repository's top directory.");
    visit(absolute);
  }
  return { services: groupByService(usages, manifestDirs), skipped, filesRead };
}

function renderText(inventory: Inventory): string {
  const total = inventory.services.reduce((sum, s) => sum + s.usages.length, 0);
  const out: string[] = [];
  if (total === 0) {
    out.push(`No file here reads or configures the Pinecone API key (${inventory.filesRead} files read).`);
  } else {
    const services = inventory.services.length;
    out.push(`${total} place${total === 1 ? "" : "s"} in ${services} service${services === 1 ? "" : "s"} read or configure the Pinecone API key:`);
    for (const { service, usages } of inventory.services) {
      out.push("", `${service === "." ? "(top directory)" : service}`);
      const width = Math.max(...usages.map((u) => `${u.file}:${u.line}`.length));
      for (const usage of usages) out.push(`  ${`${usage.file}:${usage.line}`.padEnd(width)}  ${usage.kind.padEnd(11)}  ${usage.what}`);
    }
    out.push("", "After a rotation, update each of them (secret stores, CI secrets, .env files) and restart the services.");
  }
  for (const { file, reason } of inventory.skipped) out.push(`note: ${file} was not read (${reason}).`);
  return out.join("\n") + "\n";
}

export function inventoryCommand(options: InventoryOptions): CommandResult {
  const inventory = takeInventory(options.cwd ?? process.cwd(), options.paths);
  if (options.format === "json") {
    const services = inventory.services.map(({ service, usages }) => ({ service, entries: usages }));
    return { exitCode: 0, stdout: JSON.stringify({ services, skipped: inventory.skipped }, null, 2) + "\n" };
  }
  return { exitCode: 0, stdout: renderText(inventory) };
}
