import { closeSync, createReadStream, lstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { isContainerPath } from "../core/containers.js";
import { ContentScanner } from "../core/content.js";
import { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";

const READ_SIZE = 1 << 20;

/**
 * Scan files as they are on disk, whole content, through the engine for whole content
 * (ContentScanner: the same prefilter as diffs). Each file is read in 1 MiB pieces, synchronously:
 * on a local disk that is much faster than a stream per file, and nothing else in this process
 * waits meanwhile. Archives and compressed files (by name: src/core/containers.ts) are opened and
 * every member scanned (src/sources/archive.ts, loaded only when there is one).
 * Symlinks (their target may be anything, anywhere), directories (submodules) and files that
 * vanished since git listed them are skipped.
 */
export async function scanFiles(
  root: string,
  files: string[],
  detector: Detector = new Detector(),
): Promise<{ findings: Finding[]; scanned: number }> {
  const findings: Finding[] = [];
  const buffer = Buffer.allocUnsafe(READ_SIZE);
  const scanner = new ContentScanner(detector);
  let scanned = 0;
  for (const file of files) {
    const path = join(root, file);
    let fd: number;
    let size: number;
    try {
      const stats = lstatSync(path);
      if (!stats.isFile()) continue;
      size = stats.size;
      fd = openSync(path, "r");
    } catch {
      continue;
    }
    scanned++;
    if (isContainerPath(file)) {
      closeSync(fd);
      findings.push(...(await scanContainerFile(path, file, size, detector)));
      continue;
    }
    try {
      scanner.begin(file);
      const decoder = new StringDecoder("utf8");
      for (let read = readSync(fd, buffer, 0, buffer.length, null); read > 0 && !scanner.stopped; read = readSync(fd, buffer, 0, buffer.length, null)) {
        scanner.push(decoder.write(buffer.subarray(0, read)));
      }
      scanner.push(decoder.end());
      findings.push(...scanner.end());
    } finally {
      closeSync(fd);
    }
  }
  return { findings, scanned };
}

async function scanContainerFile(path: string, file: string, size: number, detector: Detector): Promise<Finding[]> {
  const { expand, ExpansionBudget } = await import("../sources/archive.js");
  const { scanSource } = await import("../sources/engine.js");
  const content = createReadStream(path, { highWaterMark: READ_SIZE }) as AsyncIterable<Uint8Array>;
  return (await scanSource(expand({ location: [file], content }, new ExpansionBudget(size), 0), detector)).findings;
}
