import {
  base64Needles,
  decodeBase64Tokens,
  hasBase64Run,
  decodePercent,
  jsonRawIndexer,
  percentRawIndexer,
  unescapeJson,
} from "./decode.js";
import type { AllowComments, CustomRule } from "./config.js";
import type { LinearRegex } from "./linear-regex.js";
import type { Encoding, Finding } from "./finding.js";
import { fingerprintOf, redactCurrentKey, redactCustomSecret, redactLegacyKey } from "./mask.js";
import { isPlaceholderSecret, isPlaceholderUuid } from "./placeholder.js";

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

/** `pcsk_<label: 5-6 alnum>_<secret: exactly 63 alnum>` between word boundaries. */
const CURRENT_KEY = /\bpcsk_([A-Za-z0-9]{5,6})_([A-Za-z0-9]{63})\b/g;
/**
 * The same key shape without the word boundaries, for binary content only. Binary formats store a
 * string without delimiters: a pickle writes a length byte before it (74 characters: "J"), a `.pyc`
 * a type and a length byte, a SQLite record puts one column's text right after another's. So a key
 * in a pickled model config reads `…\uFFFDJpcsk_…` and the boundary rule would never see it. On a
 * line that is binary (see BINARY_CONTENT) the key is `pcsk_<label>_` and the first 63
 * alphanumerics after it, whatever touches it. Text keeps the boundaries (`xpcsk_…` and a
 * 64-character tail stay unreported there): this only finds more, where delimiters cannot be expected.
 */
const CURRENT_KEY_IN_BINARY = /pcsk_([A-Za-z0-9]{5,6})_([A-Za-z0-9]{63})/g;
/**
 * A line of binary content: it holds a NUL or another control character text does not use (all
 * below a space but tab, line feed and carriage return; escape included, since a terminal log's
 * colour code glues its last letter to what it prints), DEL, or U+FFFD, which is what a byte that
 * is not UTF-8 becomes once git's output is decoded (so text in a legacy 8-bit encoding counts too).
 */
// eslint-disable-next-line no-control-regex
const BINARY_CONTENT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;

/** A line that makes nearby UUIDs Pinecone-related: the word, or a legacy environment name. */
const PINECONE_CONTEXT =
  /pinecone|\b(?:us|eu|asia|ap|europe|northamerica|southamerica)-[a-z]+\d*-(?:gcp|aws|azure)\b|\bgcp-starter\b/i;

/**
 * The name a value is assigned to, read backwards from the value: `NAME = "`, `"NAME": "`, `NAME=`,
 * `environ["NAME"] = "`, `setdefault("NAME", "`, `Name: `, `--name `. In regex terms, the text just
 * before the value must end with
 *   ([A-Za-z][A-Za-z0-9_.-]*) ["'\]]* \s* (:= | => | [:=,])? \s* ["'`]? \s*
 * and the name is the group. It is read by hand, backwards from the value, because an end-anchored
 * regex is tried at every start position: on a diff full of ids that was the hottest code of a scan.
 */
export const NAME_WINDOW = 80;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export function nameBeforeValue(text: string, valueIndex: number): string | undefined {
  const floor = Math.max(0, valueIndex - NAME_WINDOW);
  const end = nameEnd(text, valueIndex, floor);
  let i = end - 1;
  while (i >= floor && isNameChar(text.charCodeAt(i))) i--;
  let start = i + 1;
  while (start < end && !isLetter(text.charCodeAt(start))) start++;
  return start < end ? text.slice(start, end) : undefined;
}

/**
 * Where the name before the value at `valueIndex` ends: past the spaces, the value's opening quote,
 * the assignment and the name's closing quotes and brackets, read backwards (not below `floor`).
 * Plain loops, no closures.
 */
function nameEnd(text: string, valueIndex: number, floor: number): number {
  // Every read is bounds-checked first: reading past a string's end deoptimises V8's compiled code.
  let i = valueIndex - 1;
  while (i >= floor && isSpace(text.charCodeAt(i))) i--;
  if (i >= floor) {
    const quote = text.charCodeAt(i);
    if (quote === 34 || quote === 39 || quote === 96) i--; // " ' `
  }
  while (i >= floor && isSpace(text.charCodeAt(i))) i--;
  if (i >= floor) {
    const c = text.charCodeAt(i);
    const before = i - 1 >= floor ? text.charCodeAt(i - 1) : 0;
    if ((c === 61 && before === 58) || (c === 62 && before === 61)) i -= 2; // := =>
    else if (c === 58 || c === 61 || c === 44) i--; // : = ,
  }
  while (i >= floor && isSpace(text.charCodeAt(i))) i--;
  while (i >= floor) {
    const closer = text.charCodeAt(i);
    if (closer === 34 || closer === 39 || closer === 93) i--; // " ' ]
    else break;
  }
  return i + 1;
}

/** A name that says "Pinecone key" by itself: PINECONE_API_KEY, pineconeApiKey, pinecone.api_key. */
const PINECONE_KEY_NAME = /pinecone.*(?:api|key|token|secret)/i;
/** A generic key name that needs a Pinecone word nearby: api_key, apiKey, Api-Key, token. */
const GENERIC_KEY_NAME = /^(?:x-)?(?:api[-_.]?key|apikey|api[-_.]?token|api[-_.]?secret|key|token|secret)$/i;
/**
 * A value passed as the first argument of a Pinecone client constructor, where the SDKs take the key
 * positionally: `new PineconeClient("…")` (.NET), `new Pinecone.Builder("…")` (Java), `Pinecone("…")`
 * (Python). No name precedes the value, yet the call says what it is. Anchored at the value.
 */
const PINECONE_CONSTRUCTOR_ARGUMENT = /\bPinecone(?:Client)?(?:\.Builder)?\s*\(\s*@?["'`]$/;

const ALLOW_MARKER = "pinekey-allow";
const ALLOW_NEXT_LINE_MARKER = "pinekey-allow-next-line";

import { DIFF_CONTEXT_LINES, LEGACY_CONTEXT_WINDOW } from "./context-window.js";
export { DIFF_CONTEXT_LINES, LEGACY_CONTEXT_WINDOW };

/** Cheap signs that base64 on a line may hide a key: the encodings of `pcsk_` and `pinecone`. */
const BASE64_SIGNS = [
  ...base64Needles("pcsk_"),
  ...base64Needles("pinecone"),
  ...base64Needles("PINECONE"),
];
/**
 * A legacy key alone in base64 (a Kubernetes Secret's `api-key: <b64>`, with `pinecone` only in the
 * metadata a few lines away) shows none of the signs above. Its encoding is 48 characters, 52 with
 * a trailing line break: runs that short are cheap to decode, so they are decoded on every line.
 */
const LEGACY_KEY_BASE64_MAX_LENGTH = 52;
/** 36 characters of UUID are 48 in base64. */
const MIN_ENCODED_LEGACY_KEY_LENGTH = 48;

/** What every legacy environment name holds: a cheap test before LEGACY_ENVIRONMENT's alternation. */
const ENVIRONMENT_HINT = /-(?:gcp|aws|azure)|gcp-starter/i;
/** A legacy environment name (`us-west1-gcp`, `gcp-starter`): the live check needs it for legacy keys. */
const LEGACY_ENVIRONMENT =
  /\b((?:us|eu|asia|ap|europe|northamerica|southamerica)-[a-z]+\d*-(?:gcp|aws|azure)|gcp-starter)\b/i;

/**
 * Custom rules find their matches in windows of this many characters (overlapping by
 * CUSTOM_RULE_OVERLAP, so a secret up to that long is never cut); a pattern with an unbounded
 * repetition, at most MAX_CUSTOM_MATCHES_PER_LINE matches per line: see scanCustomRules. A line
 * with more matches of such a rule than that is reported (and blocks) by the first ones.
 */
export const CUSTOM_RULE_WINDOW = 4096;
const CUSTOM_RULE_OVERLAP = 512;
export const MAX_CUSTOM_MATCHES_PER_LINE = 1000;

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
  /** Stop scanning a file after this many characters of its lines; the file is then listed in `truncatedFiles`. */
  maxFileBytes?: number;
  /**
   * Called once per finding with the key itself, for the opt-in live check. The key never enters a
   * Finding (which is printed and serialised); whoever asks for it holds it in memory only.
   */
  onKey?: (fingerprint: string, key: string, environment: string | undefined) => void;
}

interface Allowance {
  allowed: boolean;
  reason?: string;
  /** Set when a comment asked to allow the line but the policy did not let it (see Finding.allowRefused). */
  refused?: Finding["allowRefused"];
}

interface PendingLegacy {
  finding: Finding;
  key: string;
  /** The line the candidate is on, for the config's allow patterns when it is confirmed later. */
  text: string;
  /** The last line number whose Pinecone context can still confirm this candidate. */
  deadline: number;
}

interface RecentLine {
  line: number;
  pineconeContext: boolean;
  allowsNextLine: boolean;
  /** The reason after `pinekey-allow-next-line:`, when one was given. */
  nextLineReason: string | undefined;
  environment: string | undefined;
}

export class Detector {
  /** Files whose scan stopped at `maxFileBytes` (in the order met). */
  readonly truncatedFiles: string[] = [];
  private readonly options: DetectorOptions;
  private readonly disabled: ReadonlySet<string>;
  private readonly visibleChars: number;
  /** The custom rules in force (the prefilter needs their keywords). */
  readonly customRules: readonly CustomRule[];
  private file = "";
  private fileChars = 0;
  /** The last line of this file with Pinecone context (the lines after it are read in full). */
  private lastContextLine = -Infinity;
  private truncated = false;
  private findings: Finding[] = [];
  private pending: PendingLegacy[] = [];
  /** The last few lines seen in this file (added or context), newest last. */
  private recent: RecentLine[] = [];
  /** Keys already reported on the current line, so decoded variants do not report them twice. */
  private readonly seenOnLine = new Set<string>();
  private allowCache: { line: string; pattern: LinearRegex | undefined } | undefined;
  /** The added line being scanned, and its allowance once a finding needs it. */
  private lineNumber = 0;
  private lineText = "";
  private lineAllowance: Allowance | undefined;
  /** Whether the added line being scanned mentions Pinecone (every reading of it shares this). */
  private lineHasContext = false;

  constructor(options: DetectorOptions = {}) {
    this.options = options;
    this.disabled = new Set(options.disabledRules ?? []);
    this.visibleChars = options.visibleChars ?? 4;
    this.customRules = options.customRules ?? [];
  }

  beginFile(file: string): void {
    this.file = file;
    this.fileChars = 0;
    this.truncated = false;
    this.lastContextLine = -Infinity;
    this.findings = [];
    this.pending = [];
    this.recent = [];
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
    // The fast path (see prefilter.ts): a line with nothing the prefilter looks for, no candidate
    // waiting for context, and no Pinecone context just above it cannot produce or affect a finding.
    // Just below a Pinecone context line the only thing an unmarked line can add is a short base64
    // value (a legacy key encoded, as in a Kubernetes Secret), so only such a line reads on.
    if (!mayMatter && this.pending.length === 0) {
      if (line - this.lastContextLine > LEGACY_CONTEXT_WINDOW) return;
      if (!hasBase64Run(rawText, MIN_ENCODED_LEGACY_KEY_LENGTH)) return;
    }

    let text = rawText.endsWith("\r") ? rawText.slice(0, -1) : rawText;
    // A UTF-8 byte-order mark opens some files saved on Windows. It is not a character of the first
    // line as an editor shows it, so it must not shift that line's columns. (Decoding a file on its
    // own drops it already; inside git's output it is an ordinary character: without this the same
    // key had column 8 in `scan <file>` and 9 in `scan --staged`.)
    // (The character is tested first: a branch taken only on line 1 would be one V8 never saw run
    // before optimising this function, and its first use would throw the optimised code away.)
    if (text.charCodeAt(0) === 0xfeff && line === 1) text = text.slice(1);
    const pineconeContext = hasPineconeContext(text);
    if (pineconeContext) this.lastContextLine = line;
    const environment = pineconeContext && ENVIRONMENT_HINT.test(text) ? LEGACY_ENVIRONMENT.exec(text)?.[1]?.toLowerCase() : undefined;

    this.settlePending(line, pineconeContext, environment);

    const allowsNextLine = text.includes(ALLOW_NEXT_LINE_MARKER);
    if (added) {
      this.lineNumber = line;
      this.lineText = text;
      this.lineAllowance = undefined;
      this.scanLine(line, text, pineconeContext);
    }

    // Only lines that can matter to a neighbour are remembered: context and allow-next-line lines.
    if (pineconeContext || allowsNextLine) {
      const nextLineReason = allowsNextLine
        ? allowReason(text.slice(text.indexOf(ALLOW_NEXT_LINE_MARKER) + ALLOW_NEXT_LINE_MARKER.length))
        : undefined;
      this.recent.push({ line, pineconeContext, allowsNextLine, nextLineReason, environment });
      if (this.recent.length > LEGACY_CONTEXT_WINDOW) this.recent.shift();
    }
  }

  /** The allowance of the line being scanned, worked out on the first finding only. */
  private allowance(): Allowance {
    this.lineAllowance ??= this.allowanceFor(this.lineNumber, this.lineText);
    return this.lineAllowance;
  }

  /**
   * Must this line be read even though the prefilter found nothing on it? Only while a candidate
   * waits for context, or just below a Pinecone context line when the line (of `length` characters,
   * if known) is long enough to hold a base64-encoded legacy key.
   */
  needsLine(line: number, length = Infinity): boolean {
    if (this.truncated) return false;
    if (this.pending.length > 0) return true;
    return line - this.lastContextLine <= LEGACY_CONTEXT_WINDOW && length >= MIN_ENCODED_LEGACY_KEY_LENGTH;
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

  /** Ends the current file and returns its findings sorted by position. */
  endFile(): Finding[] {
    this.pending = [];
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

  private settlePending(line: number, pineconeContext: boolean, environment: string | undefined): void {
    if (this.pending.length === 0) return;
    const stillOpen: PendingLegacy[] = [];
    for (const candidate of this.pending) {
      if (line > candidate.deadline) continue;
      if (pineconeContext) this.report(candidate.finding, candidate.key, environment, candidate.text);
      else stillOpen.push(candidate);
    }
    this.pending = stillOpen;
  }

  /** The nearest legacy environment name on this reading of the line or the few lines before it. */
  private nearbyEnvironment(ownEnvironment: string | undefined): string | undefined {
    if (ownEnvironment) return ownEnvironment;
    for (let i = this.recent.length - 1; i >= 0; i--) if (this.recent[i]!.environment) return this.recent[i]!.environment;
    return undefined;
  }

  /** The first allow pattern matching the line; remembered per line, which may hold many keys. */
  private lineAllowPattern(line: string | undefined): LinearRegex | undefined {
    if (line === undefined || !this.options.allowPatterns?.length) return undefined;
    if (this.allowCache?.line !== line) {
      this.allowCache = { line, pattern: this.options.allowPatterns.find((p) => p.test(line)) };
    }
    return this.allowCache.pattern;
  }

  /** A finding is final: apply the config's allow patterns and ignores, hand the key to onKey, keep it. */
  private report(finding: Finding, key: string, environment: string | undefined, line?: string): void {
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
    this.options.onKey?.(finding.fingerprint, key, environment);
    this.findings.push(finding);
  }

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
    const previous = this.recent[this.recent.length - 1];
    if (previous && previous.line === line - 1 && previous.allowsNextLine) {
      return previous.nextLineReason === undefined ? { allowed: true } : { allowed: true, reason: previous.nextLineReason };
    }
    return { allowed: false };
  }

  private scanLine(line: number, text: string, pineconeContext: boolean): void {
    this.seenOnLine.clear();
    this.lineHasContext = pineconeContext;
    this.scanVariant(line, text, undefined, (index) => index);

    if (text.indexOf("\\") !== -1) {
      const unescaped = unescapeJson(text);
      if (unescaped !== null) {
        this.scanVariant(line, unescaped, "json-escaped", jsonRawIndexer(text));
      }
    }
    if (text.indexOf("\0") !== -1) {
      // UTF-16 text (a Windows-saved .env or .ps1, some exported notebooks) reaches us with a NUL
      // beside every ASCII character; without them the key is plain again. Columns count the
      // characters of that text, as an editor that reads the file as UTF-16 shows them: each
      // character is one column, not two. On the first line, the byte-order mark (FF FE or FE FF,
      // two replacement characters once git's output is decoded as UTF-8) is not counted either.
      const narrowed = text.replace(/\0/g, "");
      const bom = line === 1 && narrowed.startsWith("\ufffd\ufffd") ? 2 : 0;
      this.scanVariant(line, narrowed, "utf-16", (index) => Math.max(0, index - bom));
    }
    if (text.indexOf("%") !== -1) {
      const decoded = decodePercent(text);
      if (decoded !== null) {
        this.scanVariant(line, decoded, "url-encoded", percentRawIndexer(text));
      }
    }
    if (!hasBase64Run(text, MIN_ENCODED_LEGACY_KEY_LENGTH)) return;
    const worthDecodingAll = pineconeContext || BASE64_SIGNS.some((sign) => text.indexOf(sign) !== -1);
    for (const token of decodeBase64Tokens(text, worthDecodingAll ? Infinity : LEGACY_KEY_BASE64_MAX_LENGTH)) {
      // Put the decoded value where the encoded one stood, so `PINECONE_API_KEY: <b64>` keeps its name.
      // Only the few characters a name is read from are kept before it (NAME_WINDOW): rebuilding the
      // whole line up to each token made a line of many tokens quadratic. The line's own Pinecone
      // context still counts (lineHasContext).
      const virtualLine = text.slice(Math.max(0, token.index - NAME_WINDOW), token.index) + token.decoded;
      // The key's characters are not on the raw line at all: its column is the encoded token's.
      this.scanVariant(line, virtualLine, "base64", (index) => Math.min(index, token.index));
    }
  }

  /**
   * Scan one reading of a line: the line itself or a decoded form of it. `rawIndex` maps an index in
   * the reading back to the line as committed, so a column always points at what was committed.
   */
  private scanVariant(
    line: number,
    text: string,
    encoding: Encoding | undefined,
    rawIndex: (indexInReading: number) => number,
  ): void {
    if (this.options.customRules?.length) this.scanCustomRules(line, text, encoding, rawIndex);

    if (text.indexOf("pcsk_") !== -1 && !this.disabled.has("pinecone-api-key")) {
      const pattern = encoding === undefined && BINARY_CONTENT.test(text) ? CURRENT_KEY_IN_BINARY : CURRENT_KEY;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const [key, label, secret] = m as unknown as [string, string, string];
        if (isPlaceholderSecret(secret) || this.seenOnLine.has(key)) continue;
        this.seenOnLine.add(key);
        const column = rawIndex(m.index) + 1;
        const redacted = redactCurrentKey(label, secret, this.visibleChars);
        this.report(this.finding("pinecone-api-key", key, redacted, line, column, encoding), key, undefined, text);
      }
    }

    if (text.indexOf("-") === -1 || this.disabled.has("pinecone-legacy-api-key")) return;
    // Whether this reading mentions Pinecone, worked out once: testing the whole line again for
    // every candidate made a megabyte line of `api_key="<uuid>"` take quadratic time (tens of seconds).
    let readingHasContext: boolean | undefined;
    // The same for the environment name the live check wants (only looked for when it is on).
    let readingEnvironment: string | undefined | null = null;
    UUID.lastIndex = 0;
    for (let m = UUID.exec(text); m; m = UUID.exec(text)) {
      const uuid = m[0];
      if (this.seenOnLine.has(uuid)) continue;
      const naming = uuidNaming(text, m.index);
      if (naming === "none") continue;
      const pineconeName = naming === "pinecone";
      if (isPlaceholderUuid(uuid)) continue; // after the name test: most UUIDs fail that, cheaply

      this.seenOnLine.add(uuid);
      const column = rawIndex(m.index) + 1;
      const key = uuid.toLowerCase();
      const finding = this.finding(
        "pinecone-legacy-api-key", key, redactLegacyKey(uuid, this.visibleChars), line, column, encoding,
      );
      readingHasContext ??= this.lineHasContext || hasPineconeContext(text);
      if (pineconeName || readingHasContext || this.recentContext(line)) {
        if (this.options.onKey && readingEnvironment === null) {
          readingEnvironment = LEGACY_ENVIRONMENT.exec(text)?.[1]?.toLowerCase();
        }
        this.report(finding, key, this.nearbyEnvironment(readingEnvironment ?? undefined), text);
      } else {
        // `api_key = "<uuid>"` with `pinecone` on one of the next lines: decide when they arrive.
        this.pending.push({ finding, key, text: this.lineText, deadline: line + LEGACY_CONTEXT_WINDOW });
      }
    }
  }

  /**
   * The team's own rules. A keyword prefilter first (lines without any keyword are skipped), then
   * the linear-time engine: its fast yes-or-no question over the line, and only on a yes the pass
   * that finds where each match and its secret are, over windows of CUSTOM_RULE_WINDOW characters
   * (each window asked the yes-or-no question first), and for a pattern with an unbounded
   * repetition at most MAX_CUSTOM_MATCHES_PER_LINE matches of one rule. Why both bounds: one search
   * is linear, but finding every match is a search from each match's end, and a pattern with an
   * unbounded tail (`a(?:.*b)?`) reads to the end of the text for each of them. In a window each
   * search reads at most the window, and the cap bounds how many there are: a line costs at most
   * its length plus cap × window. A bounded pattern's search stops within its longest match.
   */
  private scanCustomRules(
    line: number,
    text: string,
    encoding: Encoding | undefined,
    rawIndex: (indexInReading: number) => number,
  ): void {
    let lower: string | undefined;
    for (const rule of this.options.customRules!) {
      if (this.disabled.has(rule.id)) continue;
      if (rule.keywords.length > 0) {
        lower ??= text.toLowerCase();
        if (!rule.keywords.some((keyword) => lower!.includes(keyword))) continue;
      }
      if (!rule.regex.test(text)) continue;
      let matched = 0;
      const step = CUSTOM_RULE_WINDOW - CUSTOM_RULE_OVERLAP;
      for (let start = 0; start < text.length && matched < MAX_CUSTOM_MATCHES_PER_LINE; start += step) {
        const whole = text.length <= CUSTOM_RULE_WINDOW;
        const window = whole ? text : text.slice(start, start + CUSTOM_RULE_WINDOW);
        if (whole || rule.regex.test(window)) {
          for (const { secret, secretIndex } of rule.regex.matches(window)) {
            // Every match counts towards the cap, repeated ones too: each cost a search.
            if (!rule.regex.bounded && ++matched > MAX_CUSTOM_MATCHES_PER_LINE) break;
            const seen = `${rule.id}\0${secret}`;
            if (this.seenOnLine.has(seen)) continue;
            this.seenOnLine.add(seen);
            const column = rawIndex(start + secretIndex) + 1;
            const redacted = redactCustomSecret(secret, this.visibleChars);
            this.report(this.finding(rule.id, secret, redacted, line, column, encoding), secret, undefined, text);
          }
        }
        if (start + CUSTOM_RULE_WINDOW >= text.length) break;
      }
    }
  }

  private recentContext(line: number): boolean {
    return this.recent.some((r) => r.pineconeContext && line - r.line <= LEGACY_CONTEXT_WINDOW);
  }

  private finding(
    rule: string,
    key: string,
    redacted: string,
    line: number,
    column: number,
    encoding: Encoding | undefined,
  ): Finding {
    const allowance = this.allowance();
    const finding: Finding = {
      rule,
      file: this.file,
      line,
      column,
      redacted,
      fingerprint: fingerprintOf(rule, key),
      allowed: allowance.allowed,
    };
    if (allowance.reason) finding.allowReason = allowance.reason;
    if (allowance.refused) finding.allowRefused = allowance.refused;
    if (encoding) finding.encoding = encoding;
    return finding;
  }
}

/** The reason after `pinekey-allow:`; it stops at a block-comment closer, `-->` or the end of a string. */
function allowReason(afterMarker: string): string | undefined {
  const match = /^\s*:\s*(.*)$/.exec(afterMarker);
  if (!match) return undefined;
  const reason = match[1]!.split(/\*\/|-->|\\n|["`]/)[0]!.trim();
  return reason.length > 0 ? reason : undefined;
}

const PINECONE_WORD = /pinecone/i;
const ENVIRONMENT_SUFFIXES = ["-gcp", "-aws", "-azure", "gcp-starter", "-GCP", "-AWS", "-AZURE", "GCP-STARTER"];

/** PINECONE_CONTEXT, with the costly environment-name alternation tried only when a suffix is there. */
function hasPineconeContext(text: string): boolean {
  if (PINECONE_WORD.test(text)) return true;
  return ENVIRONMENT_SUFFIXES.some((suffix) => text.includes(suffix)) && PINECONE_CONTEXT.test(text);
}

/**
 * What the text just before a UUID says it is: "pinecone" (a Pinecone key name such as
 * PINECONE_API_KEY, or the first argument of a Pinecone client constructor), "generic" (api_key,
 * apiKey, Api-Key, token: a key only with Pinecone context nearby) or "none" (an id of any other kind).
 */
export function uuidNaming(text: string, uuidStart: number): "pinecone" | "generic" | "none" {
  const name = nameBeforeValue(text, uuidStart);
  if (name === undefined) {
    // A constructor argument has no name before it (`PineconeClient("` ends in a parenthesis).
    return PINECONE_CONSTRUCTOR_ARGUMENT.test(text.slice(Math.max(0, uuidStart - NAME_WINDOW), uuidStart)) ? "pinecone" : "none";
  }
  if (PINECONE_KEY_NAME.test(name)) return "pinecone";
  // `config.api_key`, `this.apiKey`: a member's own name says what it holds, the object's does not.
  return GENERIC_KEY_NAME.test(name.slice(name.lastIndexOf(".") + 1)) ? "generic" : "none";
}

