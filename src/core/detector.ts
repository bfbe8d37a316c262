import { base64Needles, decodeBase64Tokens, hasBase64Run, MIN_ENCODED_KEY_LENGTH, TextSpan, decodePercent, jsonRawIndexer, percentRawIndexer, unescapeJson } from "./decode.js";
import type { AllowComments, CustomRule } from "./config.js";
import type { LinearRegex } from "./linear-regex.js";
import type { Finding } from "./finding.js";
import { fingerprintOf } from "./mask.js";
import { activeRules, CUSTOM_RULE_WINDOW, NAME_WINDOW, type LineLook, type MatchHost, type Reading, type Rule, type RuleMatcher } from "./rules/index.js";

/**
 * The detector core. It takes a file's lines one at a time (added lines, and the unchanged context
 * lines git shows around them) and reports keys on added lines only. Context lines are there so a
 * `pinekey-allow-next-line` comment or a `pinecone` word on an unchanged neighbouring line still
 * counts. Nothing here does I/O: the same core serves staged diffs, pushed history and plain files.
 *
 *   detector.beginFile("app.py");
 *   detector.addLine(12, 'PINECONE_API_KEY = "pcsk_…"', true);
 *   const findings = detector.endFile();
 */

const ALLOW_MARKER = "pinekey-allow";
const ALLOW_NEXT_LINE_MARKER = "pinekey-allow-next-line";

export { DIFF_CONTEXT_LINES, LEGACY_CONTEXT_WINDOW } from "./context-window.js";
export { CUSTOM_RULE_WINDOW, NAME_WINDOW };

export interface DetectorOptions {
  /** Extra rules from the team's config (`rules`). */
  customRules?: readonly CustomRule[];
  /** Rule ids turned off (`disableRules`). */
  disabledRules?: readonly string[];
  /** A finding whose key or line matches one of these is allowed (`allow`; linear-time, RE2). */
  allowPatterns?: readonly LinearRegex[];
  /** What an allow comment must hold to allow a key (default "any"; a server passes "with-reason" or "off"). */
  allowComments?: AllowComments;
  /** Fingerprints from `.pinekeyignore`: such findings are allowed. */
  ignoredFingerprints?: ReadonlySet<string>;
  /** How many characters of a secret redaction shows (0-4). */
  visibleChars?: number;
  /**
   * Stop scanning a file after this many characters of its lines; the file is then listed in
   * `truncatedFiles` (and the command refuses to call the scan clean). Unset: no limit.
   */
  maxFileBytes?: number;
  /**
   * Called once per finding with the key itself, for the opt-in live check. The key never enters a
   * Finding (which is printed and serialised); whoever asks for it holds it in memory only.
   */
  onKey?: (fingerprint: string, key: string, environment: string | undefined) => void;
  /**
   * Whether the keys go to the live check, which wants the environment a legacy key's context names
   * (looked for only then). Default: whenever onKey is given.
   */
  liveCheck?: boolean;
}

interface Allowance {
  allowed: boolean;
  reason?: string;
  /** Set when a comment asked to allow the line but the policy did not let it (see Finding.allowRefused). */
  refused?: Finding["allowRefused"];
}

export class Detector implements MatchHost {
  /** Files whose scan stopped at `maxFileBytes` (in the order met). */
  readonly truncatedFiles: string[] = [];
  /** The rules in force: built-in and custom, less the disabled (the prefilter is built from them). */
  readonly rules: readonly Rule[];
  private readonly options: DetectorOptions;
  private readonly visibleChars: number;
  private readonly matchers: readonly RuleMatcher[];
  /** The matchers that read neighbouring lines (observeLine / needsLine): usually just one. */
  private readonly contextMatchers: readonly RuleMatcher[];
  /** The base64 spellings of the rules' keywords: on a line, a sign that its base64 may hide a key. */
  private readonly base64Signs: readonly string[];
  /** The longest base64 run decoded on any line (a short key alone, encoded). */
  private readonly shortBase64: number;
  private file = "";
  private fileChars = 0;
  private truncated = false;
  /**
   * Whether the current file has shown binary content anywhere (a line of it, or a NUL or a byte that
   * is not UTF-8 the caller saw: markFileBinary). Binary is decided per file, not per line.
   */
  fileBinary = false;
  /** Matches only a binary file's rules would take (see holdForBinaryFile), until the file ends. */
  private binaryOnly: { finding: Finding; key: string; text: string }[] = [];
  private findings: Finding[] = [];
  /** The line number just below a `pinekey-allow-next-line` comment, and the reason it gave. */
  private allowedLine = -1;
  private allowedLineReason: string | undefined;
  /** Keys already reported on the current line, so decoded variants do not report them twice. */
  private readonly seenKeys = new Set<string>();
  private allowCache: { line: string; pattern: LinearRegex | undefined } | undefined;
  /** The added line being scanned, and its allowance once a finding needs it. */
  private lineNumber = 0;
  lineText = "";
  private lineAllowance: Allowance | undefined;
  readonly wantsKeys: boolean;
  /**
   * Whether a line holding only context words may be noted (noteContext) instead of read: not when
   * keys go to the live check (which wants the environment name a context line may hold), with
   * custom rules (whose patterns may match what their keywords did not mark), or with maxFileBytes
   * (which counts read lines as they come).
   */
  readonly takesNotes: boolean;
  /** How many lines below a noted context line the rules still look (RuleMatcher.contextReach). */
  readonly contextReach: number;

  constructor(options: DetectorOptions = {}) {
    this.options = options;
    this.visibleChars = options.visibleChars ?? 4;
    this.wantsKeys = options.liveCheck ?? options.onKey !== undefined;
    this.rules = activeRules(options.customRules, new Set(options.disabledRules ?? []));
    this.matchers = this.rules.map((rule) => rule.matcher());
    this.contextMatchers = this.matchers.filter((m) => m.observeLine !== undefined || m.needsLine !== undefined);
    this.base64Signs = [...new Set(this.rules.flatMap((rule) => (rule.keywords.base64 ?? []).flatMap(base64Needles)))];
    this.shortBase64 = Math.max(0, ...this.matchers.map((m) => m.shortBase64 ?? 0));
    this.takesNotes =
      !this.wantsKeys &&
      options.maxFileBytes === undefined &&
      !(options.customRules?.length) &&
      this.contextMatchers.every((m) => m.noteContext !== undefined);
    this.contextReach = Math.max(0, ...this.contextMatchers.map((m) => m.contextReach ?? Infinity));
  }

  beginFile(file: string): void {
    this.file = file;
    this.fileChars = 0;
    this.truncated = false;
    this.fileBinary = false;
    this.binaryOnly = [];
    this.findings = [];
    this.allowedLine = -1;
    for (const matcher of this.contextMatchers) matcher.beginFile?.();
  }

  /**
   * One line of the current file, in increasing line order. `added` is false for context lines:
   * they are never reported, they only lend context to their neighbours. `mayMatter: false` is the
   * prefilter's word that the line holds nothing worth a regex (see prefilter.ts).
   */
  addLine(line: number, rawText: string, added: boolean, mayMatter = true): void {
    if (this.truncated) return;
    if (this.options.maxFileBytes !== undefined) {
      this.fileChars += rawText.length + 1;
      if (this.fileChars > this.options.maxFileBytes) {
        this.truncated = true;
        this.truncatedFiles.push(this.file);
        return;
      }
    }
    // The fast path (see prefilter.ts): a line with nothing the prefilter looks for cannot produce
    // or affect a finding, unless a rule that reads neighbouring lines still wants it (a candidate
    // waiting for context, a short base64 value just below Pinecone context).
    if (!mayMatter && !this.ruleNeeds(line, rawText.length, this.textLook.set(rawText, 0, rawText.length))) return;

    let text = rawText.endsWith("\r") ? rawText.slice(0, -1) : rawText;
    // A UTF-8 byte-order mark opens some files saved on Windows. It is not a character of the first
    // line as an editor shows it, so it must not shift that line's columns. (Decoding a file on its
    // own drops it already; inside git's output it is an ordinary character: without this the same
    // key had column 8 in `scan <file>` and 9 in `scan --staged`.)
    // (The character is tested first: a branch taken only on line 1 would be one V8 never saw run
    // before optimising this function, and its first use would throw the optimised code away.)
    if (text.charCodeAt(0) === 0xfeff && line === 1) text = text.slice(1);
    if (added) {
      this.lineNumber = line;
      this.lineText = text;
      this.lineAllowance = undefined;
    }
    for (const matcher of this.contextMatchers) matcher.observeLine?.(line, text, this);
    if (added) this.scanLine(line, text);
    const nextLine = text.indexOf(ALLOW_NEXT_LINE_MARKER);
    if (nextLine !== -1) {
      this.allowedLine = line + 1;
      this.allowedLineReason = allowReason(text.slice(nextLine + ALLOW_NEXT_LINE_MARKER.length));
    }
  }

  /**
   * A line holding context words and nothing else any rule reads (the caller checked: see
   * PatchScanner), taken as read (only when takesNotes).
   */
  noteContext(line: number): void {
    if (this.truncated) return;
    for (const matcher of this.contextMatchers) matcher.noteContext!(line, this);
  }

  private ruleNeeds(line: number, length: number, look?: LineLook): boolean {
    for (const matcher of this.contextMatchers) if (matcher.needsLine?.(line, length, look)) return true;
    return false;
  }

  /** A look at a line given whole (one object, reused: no allocation per line). */
  private readonly textLook = new TextSpan();

  /** The allowance of the line being scanned, worked out on the first finding only. */
  private allowance(): Allowance {
    this.lineAllowance ??= this.allowanceFor(this.lineNumber, this.lineText);
    return this.lineAllowance;
  }

  /**
   * Must this line be read even though the prefilter found nothing on it? Only when a rule that reads
   * neighbouring lines wants it (`length`: the line's, if known).
   */
  needsLine(line: number, length = Infinity, look?: LineLook): boolean {
    if (this.truncated) return false;
    return this.ruleNeeds(line, length, look);
  }

  /** Lines not read (see needsLine), with their total length: they still count towards maxFileBytes. */
  skipLines(lines: number, length: number): void {
    if (this.truncated || this.options.maxFileBytes === undefined) return;
    this.fileChars += length + lines;
    if (this.fileChars > this.options.maxFileBytes) {
      this.truncated = true;
      this.truncatedFiles.push(this.file);
    }
  }

  /**
   * The current file holds binary content somewhere (a NUL, or bytes that are not UTF-8), seen by the
   * caller in text the detector was not given line by line.
   */
  markFileBinary(): void {
    this.fileBinary = true;
  }

  /** Ends the current file and returns its findings sorted by position. */
  endFile(): Finding[] {
    for (const matcher of this.contextMatchers) matcher.beginFile?.();
    if (this.fileBinary) {
      for (const { finding, key, text } of this.binaryOnly) {
        const found = this.findings.some((f) => f.line === finding.line && f.fingerprint === finding.fingerprint);
        if (!found) this.report(finding, key, undefined, text);
      }
    }
    this.binaryOnly = [];
    const findings = this.findings.sort((a, b) => a.line - b.line || a.column - b.column);
    this.findings = [];
    return findings;
  }

  /** Convenience for a whole file's text: every line counts as added. */
  scanText(file: string, text: string): Finding[] {
    this.beginFile(file);
    let lineNumber = 1;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      if (end > start || end < text.length) this.addLine(lineNumber, text.slice(start, end), true);
      lineNumber++;
      start = end + 1;
    }
    return this.endFile();
  }

  // -------------------------------------------------------------------------------------------
  // What rules are offered (MatchHost)

  firstOnLine(key: string): boolean {
    if (this.seenKeys.has(key)) return false;
    this.seenKeys.add(key);
    return true;
  }

  seenOnLine(key: string): boolean {
    return this.seenKeys.has(key);
  }

  holdForBinaryFile(finding: Finding, key: string, lineText: string): void {
    this.binaryOnly.push({ finding, key, text: lineText });
  }

  finding(rule: Rule, key: string, index: number, reading: Reading): Finding {
    const allowance = this.allowance();
    const finding: Finding = {
      rule: rule.id,
      file: this.file,
      line: reading.line,
      column: this.rawIndex(index) + 1,
      redacted: rule.redact(key, this.visibleChars),
      fingerprint: fingerprintOf(rule.id, key),
      allowed: allowance.allowed,
    };
    if (allowance.reason) finding.allowReason = allowance.reason;
    if (allowance.refused) finding.allowRefused = allowance.refused;
    if (reading.encoding) finding.encoding = reading.encoding;
    return finding;
  }

  /** A finding is final: apply the config's allow patterns and ignores, hand the key to onKey, keep it. */
  report(finding: Finding, key: string, hint: string | undefined, line?: string): void {
    if (!finding.allowed) {
      if (this.options.ignoredFingerprints?.has(finding.fingerprint)) {
        finding.allowed = true;
        finding.allowReason = "listed in .pinekeyignore";
        delete finding.allowRefused;
      } else {
        const pattern = this.options.allowPatterns?.find((p) => p.test(key)) ?? this.lineAllowPattern(line);
        if (pattern) {
          finding.allowed = true;
          finding.allowReason = `config allow ${String(pattern)}`;
          delete finding.allowRefused;
        }
      }
    }
    this.options.onKey?.(finding.fingerprint, key, hint);
    this.findings.push(finding);
  }

  // -------------------------------------------------------------------------------------------

  /**
   * The first allow pattern matching the line; remembered per line, which may hold many keys. The
   * engine is linear-time (RE2), so the whole line is read, however long.
   */
  private lineAllowPattern(line: string | undefined): LinearRegex | undefined {
    if (line === undefined || !this.options.allowPatterns?.length) return undefined;
    if (this.allowCache?.line !== line) {
      this.allowCache = { line, pattern: this.options.allowPatterns.find((p) => p.test(line)) };
    }
    return this.allowCache.pattern;
  }

  /** What the line's allow comment asks, as the policy in force (allowComments) lets it. */
  private allowanceFor(line: number, text: string): Allowance {
    const requested = this.commentAllowance(line, text);
    if (!requested.allowed) return requested;
    const policy = this.options.allowComments ?? "any";
    if (policy === "off") return { allowed: false, refused: "comments-off" };
    if (policy === "with-reason" && requested.reason === undefined) return { allowed: false, refused: "reason-required" };
    return requested;
  }

  /** What the line's own `pinekey-allow` comment, or the line before's `pinekey-allow-next-line`, asks. */
  private commentAllowance(line: number, text: string): Allowance {
    const at = text.indexOf(ALLOW_MARKER);
    if (at !== -1 && !text.startsWith(ALLOW_NEXT_LINE_MARKER, at)) {
      const reason = allowReason(text.slice(at + ALLOW_MARKER.length));
      return reason === undefined ? { allowed: true } : { allowed: true, reason };
    }
    if (this.allowedLine !== line) return { allowed: false };
    return this.allowedLineReason === undefined ? { allowed: true } : { allowed: true, reason: this.allowedLineReason };
  }

  /** Maps an index in the reading being matched back to the line as committed. */
  private rawIndex: (indexInReading: number) => number = (index) => index;

  private scanLine(line: number, text: string): void {
    this.seenKeys.clear();
    this.scanReading({ line, text, encoding: undefined }, (index) => index);

    if (text.indexOf("\\") !== -1) {
      const unescaped = unescapeJson(text);
      if (unescaped !== null) this.scanReading({ line, text: unescaped, encoding: "json-escaped" }, jsonRawIndexer(text));
    }
    if (text.indexOf("\0") !== -1) {
      // UTF-16 text (a Windows-saved .env or .ps1, some exported notebooks) reaches us with a NUL
      // beside every ASCII character; without them the key is plain again. Columns count the
      // characters of that text, as an editor that reads the file as UTF-16 shows them: each
      // character is one column, not two. On the first line, the byte-order mark (FF FE or FE FF,
      // two replacement characters once git's output is decoded as UTF-8) is not counted either.
      const narrowed = text.replace(/\0/g, "");
      const bom = line === 1 && narrowed.startsWith("\ufffd\ufffd") ? 2 : 0;
      this.scanReading({ line, text: narrowed, encoding: "utf-16" }, (index) => Math.max(0, index - bom));
    }
    if (text.indexOf("%") !== -1) {
      const decoded = decodePercent(text);
      if (decoded !== null) this.scanReading({ line, text: decoded, encoding: "url-encoded" }, percentRawIndexer(text));
    }
    if (!hasBase64Run(text, MIN_ENCODED_KEY_LENGTH)) return;
    const worthDecodingAll =
      this.contextMatchers.some((m) => m.wantsBase64?.() === true) || this.base64Signs.some((sign) => text.indexOf(sign) !== -1);
    for (const token of decodeBase64Tokens(text, worthDecodingAll ? Infinity : this.shortBase64)) {
      // Put the decoded value where the encoded one stood, so `PINECONE_API_KEY: <b64>` keeps its name.
      // Only the few characters a name is read from are kept before it (NAME_WINDOW): rebuilding the
      // whole line up to each token made a line of many tokens quadratic. The line's own context
      // still counts (rules remember it from observeLine).
      const virtualLine = text.slice(Math.max(0, token.index - NAME_WINDOW), token.index) + token.decoded;
      // The key's characters are not on the raw line at all: its column is the encoded token's.
      this.scanReading({ line, text: virtualLine, encoding: "base64" }, (index) => Math.min(index, token.index));
    }
  }

  /** Every rule over one reading of a line: the line itself or a decoded form of it. */
  private scanReading(reading: Reading, rawIndex: (indexInReading: number) => number): void {
    this.rawIndex = rawIndex;
    for (const matcher of this.matchers) matcher.match(reading, this);
  }
}

/** The reason after `pinekey-allow:`; it stops at a block-comment closer, `-->` or the end of a string. */
function allowReason(afterMarker: string): string | undefined {
  const match = /^\s*:\s*(.*)$/.exec(afterMarker);
  if (!match) return undefined;
  const reason = match[1]!.split(/\*\/|-->|\\n|["`]/)[0]!.trim();
  return reason.length > 0 ? reason : undefined;
}
