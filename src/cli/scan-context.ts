import { createRequire } from "node:module";
import type { AllowComments, PinekeyConfig } from "../core/config.js";
import { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import { activeRules, type Rule } from "../core/rules/index.js";
import { PatchScanner } from "../core/scan.js";
import { loadConfig, loadIgnoredFingerprints } from "./config.js";
import { rememberSecret } from "./output.js";
import type { KeyToVerify } from "./verify.js";

interface ScanContextOptions {
  verify?: boolean;
  /** Also check keys that were allowed (`--verify-allowed`). */
  verifyAllowed?: boolean;
  /** A server's scan: allow comments need a reason (or are off). */
  server?: boolean;
}

/**
 * On a server an allow comment is a bypass pushers grant themselves: it needs a reason (which the
 * audit log records), and the admin's policy can turn comments off altogether. A policy cannot
 * make the server accept a bare `pinekey-allow`.
 */
export function serverAllowComments(policy: AllowComments): AllowComments {
  return policy === "off" ? "off" : "with-reason";
}

/**
 * Everything one command's scan needs from the repository's settings: the config, the detector
 * options it implies, path ignores, and (for the opt-in live check) the keys found, held in memory
 * only, keyed by fingerprint. Commands create scanners through it so every scanner of one run
 * shares the settings, and so the files they cut short can be told afterwards.
 */
export class ScanContext {
  readonly config: PinekeyConfig;
  readonly verify: boolean;
  /** Also check keys that a pinekey-allow comment, an allow pattern or .pinekeyignore allowed. */
  readonly verifyAllowed: boolean;
  /** What an allow comment must hold to allow a key here. */
  readonly allowComments: AllowComments;
  private readonly ignoredFingerprints: Set<string>;
  private readonly isIgnoredPath: ((path: string) => boolean) | undefined;
  private readonly keys = new Map<string, KeyToVerify>();
  private readonly detectors: Detector[] = [];

  /**
   * Use create() (a work tree's settings) or forServer() (an admin's policy): the config's patterns
   * may need the regex engine, which loads asynchronously.
   */
  private constructor(config: PinekeyConfig, ignoredFingerprints: Set<string>, options: ScanContextOptions) {
    this.config = config;
    this.ignoredFingerprints = ignoredFingerprints;
    this.verifyAllowed = options.verifyAllowed === true;
    this.verify = options.verify === true || this.verifyAllowed || this.config.verify;
    this.allowComments = options.server ? serverAllowComments(config.allowComments) : config.allowComments;
    // picomatch is loaded only when the config has globs: most commits need none of it.
    this.isIgnoredPath =
      this.config.ignorePaths.length > 0 ? loadPicomatch()(this.config.ignorePaths, { dot: true }) : undefined;
  }

  /** `root` is the top of the work tree; undefined means defaults. */
  static async create(root: string | undefined, options: { verify?: boolean; verifyAllowed?: boolean } = {}): Promise<ScanContext> {
    return new ScanContext(await loadConfig(root), loadIgnoredFingerprints(root), options);
  }

  /**
   * A server's scan (pre-receive): the admin's policy (or the defaults), never anything from the
   * repository's content; allow comments need a reason at least (see serverAllowComments).
   */
  static forServer(policy: PinekeyConfig, options: { verify?: boolean; verifyAllowed?: boolean } = {}): ScanContext {
    return new ScanContext(policy, new Set(), { ...options, server: true });
  }

  createDetector(): Detector {
    const detector = new Detector({
      customRules: this.config.rules,
      disabledRules: this.config.disableRules,
      allowPatterns: this.config.allow,
      allowComments: this.allowComments,
      ignoredFingerprints: this.ignoredFingerprints,
      visibleChars: this.config.redact.visibleChars,
      ...(this.config.maxFileBytes !== undefined ? { maxFileBytes: this.config.maxFileBytes } : {}),
      // Every key found is remembered for the output gate (cli/output.ts), which masks it wherever
      // else it shows up; with the live check on, it is also kept to be verified.
      onKey: (fingerprint: string, key: string, environment: string | undefined) => {
        rememberSecret(key);
        if (this.verify && !this.keys.has(fingerprint)) {
          this.keys.set(fingerprint, { rule: fingerprint.slice(0, fingerprint.lastIndexOf(":")), key, ...(environment ? { environment } : {}) });
        }
      },
    });
    this.detectors.push(detector);
    return detector;
  }

  createScanner(): PatchScanner {
    return new PatchScanner(this.createDetector(), this.isIgnoredPath);
  }

  /** The rules in force: built-in and custom, less the disabled (their words go into the report). */
  rules(): readonly Rule[] {
    return activeRules(this.config.rules, new Set(this.config.disableRules));
  }

  pathIgnored(path: string): boolean {
    return this.isIgnoredPath?.(path) ?? false;
  }

  /** Files whose scan stopped at maxFileBytes, each once. */
  truncatedFiles(): string[] {
    return [...new Set(this.detectors.flatMap((d) => d.truncatedFiles))];
  }

  /**
   * With the live check on: ask Pinecone about every key found and record the answers (and what a
   * live key exposes). A key that was allowed (a pinekey-allow comment, an allow pattern,
   * .pinekeyignore) is not sent anywhere unless `--verify-allowed` asked for it: someone decided it
   * is not a secret to worry about, and a test key's owner may not want it sent to a third party.
   */
  async verifyFindings(findings: Finding[]): Promise<void> {
    if (!this.verify || findings.length === 0) return;
    const checked = this.verifyAllowed ? findings : findings.filter((f) => !f.allowed);
    const fingerprints = [...new Set(checked.map((f) => f.fingerprint))].filter((fp) => this.keys.has(fp));
    if (fingerprints.length > 0) {
      const { verifyKeys, verifyOptionsFromEnvironment } = await import("./verify.js");
      const verdicts = await verifyKeys(fingerprints.map((fp) => this.keys.get(fp)!), verifyOptionsFromEnvironment());
      const byFingerprint = new Map(fingerprints.map((fp, i) => [fp, verdicts[i]!]));
      for (const finding of checked) {
        const verdict = byFingerprint.get(finding.fingerprint);
        if (!verdict) continue;
        finding.verified = verdict.verified;
        if (verdict.exposure) finding.exposure = verdict.exposure;
      }
    }
    this.keys.clear();
  }
}

function loadPicomatch(): typeof import("picomatch") {
  return createRequire(import.meta.url)("picomatch") as typeof import("picomatch");
}
