import { Detector } from "./detector.js";
import { DiffParser, type DiffSink } from "./diff-parser.js";
import type { Finding } from "./finding.js";

/**
 * Glue from git's patch text to findings: text chunks → DiffParser → Detector → findings.
 * Feed chunks as they arrive from git; nothing is buffered beyond one line.
 */
export class PatchScanner {
  readonly findings: Finding[] = [];
  private readonly parser: DiffParser;

  constructor(detector: Detector = new Detector()) {
    const findings = this.findings;
    const sink: DiffSink = {
      beginFile: (path) => detector.beginFile(path),
      line: (lineNumber, text, added) => detector.addLine(lineNumber, text, added),
      endFile: () => {
        for (const finding of detector.endFile()) findings.push(finding);
      },
    };
    this.parser = new DiffParser(sink);
  }

  push(chunk: string): void {
    this.parser.push(chunk);
  }

  end(): Finding[] {
    this.parser.end();
    return this.findings;
  }
}
