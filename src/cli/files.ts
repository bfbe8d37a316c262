import { closeSync, lstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import { ContentScanner } from "../core/content.js";

const READ_SIZE = 1 << 20;

/**
 * Scan files as they are on disk, whole content: each read in 1 MiB pieces through a ContentScanner
 * (the same prefilter as diffs; only marked lines reach the detector). A large file is never held in
 * memory whole. Reads are synchronous: on a local disk that is
 * much faster than a stream per file, and nothing else in this process waits meanwhile.
 * Symlinks (their target may be anything, anywhere), directories (submodules) and files that
 * vanished since git listed them are skipped.
 */
export function scanFiles(
  root: string,
  files: string[],
  detector: Detector = new Detector(),
): { findings: Finding[]; scanned: number } {
  const findings: Finding[] = [];
  const buffer = Buffer.allocUnsafe(READ_SIZE);
  const content = new ContentScanner(detector);
  let scanned = 0;
  for (const file of files) {
    const path = join(root, file);
    let fd: number;
    try {
      if (!lstatSync(path).isFile()) continue;
      fd = openSync(path, "r");
    } catch {
      continue;
    }
    try {
      scanned++;
      findings.push(...scanOneFile(fd, file, buffer, content));
    } finally {
      closeSync(fd);
    }
  }
  return { findings, scanned };
}

function scanOneFile(fd: number, file: string, buffer: Buffer, content: ContentScanner): Finding[] {
  content.begin(file);
  const decoder = new StringDecoder("utf8");
  for (let done = false; !done && !content.stopped; ) {
    const read = readSync(fd, buffer, 0, buffer.length, null);
    done = read === 0;
    content.push(done ? decoder.end() : decoder.write(buffer.subarray(0, read)));
  }
  return content.end();
}
