import { createReadStream } from "node:fs";
import { lstat } from "node:fs/promises";
import { join } from "node:path";
import { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";

/**
 * Scan files as they are on disk, whole content, streaming each one line by line into the detector
 * (a large file is never held in memory whole). Symlinks, directories (submodules) and files that
 * vanished since git listed them are skipped.
 */
export async function scanFiles(
  root: string,
  files: string[],
  detector: Detector = new Detector(),
): Promise<{ findings: Finding[]; scanned: number }> {
  const findings: Finding[] = [];
  let scanned = 0;
  for (const file of files) {
    const full = join(root, file);
    const stat = await lstat(full).catch(() => undefined);
    if (!stat?.isFile()) continue;
    scanned++;
    detector.beginFile(file);
    let lineNumber = 1;
    let partial = "";
    const decoder = new TextDecoder("utf-8");
    for await (const chunk of createReadStream(full, { highWaterMark: 1 << 20 })) {
      if (detector.truncatedFiles.includes(file)) break; // past maxFileBytes: stop reading
      const text = partial + decoder.decode(chunk as Buffer, { stream: true });
      let start = 0;
      for (let end = text.indexOf("\n", start); end !== -1; end = text.indexOf("\n", start)) {
        detector.addLine(lineNumber++, text.slice(start, end), true);
        start = end + 1;
      }
      partial = text.slice(start);
    }
    partial += decoder.decode();
    if (partial.length > 0) detector.addLine(lineNumber, partial, true);
    findings.push(...detector.endFile());
  }
  return { findings, scanned };
}
