import {
  base64Needles,
  decodeBase64Tokens,
  decodePercent,
  jsonRawIndexer,
  percentRawIndexer,
  unescapeJson,
} from "./decode.js";
import type { Encoding, Finding, RuleId } from "./finding.js";
import { fingerprintOf, redactCurrentKey, redactLegacyKey } from "./mask.js";
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
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;

/** A line that makes nearby UUIDs Pinecone-related: the word, or a legacy environment name. */
const PINECONE_CONTEXT =
  /pinecone|\b(?:us|eu|asia|ap|europe|northamerica|southamerica)-[a-z]+\d*-(?:gcp|aws|azure)\b|\bgcp-starter\b/i;

/**
 * The name a value is assigned to, read backwards from the value: `NAME = "`, `"NAME": "`, `NAME=`,
 * `environ["NAME"] = "`, `setdefault("NAME", "`, `Name: `, `--name `. Anchored at the end of the
 * text before the value.
 */
const NAME_BEFORE_VALUE = /([A-Za-z][A-Za-z0-9_.-]*)["'\]]*\s*(?::=|=>|[:=,])?\s*["'`]?\s*$/;
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

/** How far (in lines, either side) a `pinecone` word makes a UUID under a generic key name a key. */
export const LEGACY_CONTEXT_WINDOW = 3;
/** The unified-diff context the detector wants from git so the window above can see neighbours. */
export const DIFF_CONTEXT_LINES = LEGACY_CONTEXT_WINDOW;

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

interface Allowance {
  allowed: boolean;
  reason?: string;
}

interface PendingLegacy {
  finding: Finding;
  /** The last line number whose Pinecone context can still confirm this candidate. */
  deadline: number;
}

interface RecentLine {
  line: number;
  pineconeContext: boolean;
  allowsNextLine: boolean;
}

export class Detector {
  private file = "";
  private findings: Finding[] = [];
  private pending: PendingLegacy[] = [];
  /** The last few lines seen in this file (added or context), newest last. */
  private recent: RecentLine[] = [];
  /** Keys already reported on the current line, so decoded variants do not report them twice. */
  private readonly seenOnLine = new Set<string>();

  beginFile(file: string): void {
    this.file = file;
    this.findings = [];
    this.pending = [];
    this.recent = [];
  }

  /**
   * One line of the current file, in increasing line order. `added` is false for context lines:
   * they are never reported, they only lend context to their neighbours.
   */
  addLine(line: number, rawText: string, added: boolean): void {
    const text = rawText.endsWith("\r") ? rawText.slice(0, -1) : rawText;
    const pineconeContext = PINECONE_CONTEXT.test(text);

    this.settlePending(line, pineconeContext);

    if (added) {
      const allowance = this.allowanceFor(line, text);
      this.scanLine(line, text, allowance, pineconeContext);
    }

    this.recent.push({ line, pineconeContext, allowsNextLine: text.includes(ALLOW_NEXT_LINE_MARKER) });
    if (this.recent.length > LEGACY_CONTEXT_WINDOW) this.recent.shift();
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

  private settlePending(line: number, pineconeContext: boolean): void {
    if (this.pending.length === 0) return;
    const stillOpen: PendingLegacy[] = [];
    for (const candidate of this.pending) {
      if (line > candidate.deadline) continue;
      if (pineconeContext) this.findings.push(candidate.finding);
      else stillOpen.push(candidate);
    }
    this.pending = stillOpen;
  }

  private allowanceFor(line: number, text: string): Allowance {
    const at = text.indexOf(ALLOW_MARKER);
    if (at !== -1 && !text.startsWith(ALLOW_NEXT_LINE_MARKER, at)) {
      return { allowed: true, reason: allowReason(text.slice(at + ALLOW_MARKER.length)) };
    }
    const previous = this.recent[this.recent.length - 1];
    if (previous && previous.line === line - 1 && previous.allowsNextLine) return { allowed: true };
    return { allowed: false };
  }

  private scanLine(line: number, text: string, allowance: Allowance, pineconeContext: boolean): void {
    this.seenOnLine.clear();
    this.scanVariant(line, text, allowance, undefined, (index) => index);

    if (text.indexOf("\\") !== -1) {
      const unescaped = unescapeJson(text);
      if (unescaped !== null) {
        this.scanVariant(line, unescaped, allowance, "json-escaped", jsonRawIndexer(text));
      }
    }
    if (text.indexOf("%") !== -1) {
      const decoded = decodePercent(text);
      if (decoded !== null) {
        this.scanVariant(line, decoded, allowance, "url-encoded", percentRawIndexer(text));
      }
    }
    const worthDecodingAll = pineconeContext || BASE64_SIGNS.some((sign) => text.indexOf(sign) !== -1);
    for (const token of decodeBase64Tokens(text, worthDecodingAll ? Infinity : LEGACY_KEY_BASE64_MAX_LENGTH)) {
      // Put the decoded value where the encoded one stood, so `PINECONE_API_KEY: <b64>` keeps its name.
      const virtualLine = text.slice(0, token.index) + token.decoded;
      // The key's characters are not on the raw line at all: its column is the encoded token's.
      this.scanVariant(line, virtualLine, allowance, "base64", (index) => Math.min(index, token.index));
    }
  }

  /**
   * Scan one reading of a line: the line itself or a decoded form of it. `rawIndex` maps an index in
   * the reading back to the line as committed, so a column always points at what was committed.
   */
  private scanVariant(
    line: number,
    text: string,
    allowance: Allowance,
    encoding: Encoding | undefined,
    rawIndex: (indexInReading: number) => number,
  ): void {
    if (text.indexOf("pcsk_") !== -1) {
      CURRENT_KEY.lastIndex = 0;
      for (let m = CURRENT_KEY.exec(text); m; m = CURRENT_KEY.exec(text)) {
        const [key, label, secret] = m as unknown as [string, string, string];
        if (isPlaceholderSecret(secret) || this.seenOnLine.has(key)) continue;
        this.seenOnLine.add(key);
        const column = rawIndex(m.index) + 1;
        this.findings.push(
          this.finding("pinecone-api-key", key, redactCurrentKey(label, secret), line, column, allowance, encoding),
        );
      }
    }

    if (text.indexOf("-") === -1) return;
    // Whether this reading mentions Pinecone, worked out once: testing the whole line again for
    // every candidate made a megabyte line of `api_key="<uuid>"` take quadratic time (tens of seconds).
    let readingHasContext: boolean | undefined;
    UUID.lastIndex = 0;
    for (let m = UUID.exec(text); m; m = UUID.exec(text)) {
      const uuid = m[0];
      if (this.seenOnLine.has(uuid) || isPlaceholderUuid(uuid)) continue;
      const before = text.slice(Math.max(0, m.index - 80), m.index);
      const name = NAME_BEFORE_VALUE.exec(before)?.[1];
      const pineconeName =
        PINECONE_CONSTRUCTOR_ARGUMENT.test(before) || (name !== undefined && PINECONE_KEY_NAME.test(name));
      // `config.api_key`, `this.apiKey`: a member's own name says what it holds, the object's does not.
      const memberName = name?.slice(name.lastIndexOf(".") + 1);
      if (!pineconeName && (memberName === undefined || !GENERIC_KEY_NAME.test(memberName))) continue;

      this.seenOnLine.add(uuid);
      const column = rawIndex(m.index) + 1;
      const finding = this.finding(
        "pinecone-legacy-api-key", uuid.toLowerCase(), redactLegacyKey(uuid), line, column, allowance, encoding,
      );
      readingHasContext ??= PINECONE_CONTEXT.test(text);
      if (pineconeName || readingHasContext || this.recentContext(line)) {
        this.findings.push(finding);
      } else {
        // `api_key = "<uuid>"` with `pinecone` on one of the next lines: decide when they arrive.
        this.pending.push({ finding, deadline: line + LEGACY_CONTEXT_WINDOW });
      }
    }
  }

  private recentContext(line: number): boolean {
    return this.recent.some((r) => r.pineconeContext && line - r.line <= LEGACY_CONTEXT_WINDOW);
  }

  private finding(
    rule: RuleId,
    key: string,
    redacted: string,
    line: number,
    column: number,
    allowance: Allowance,
    encoding: Encoding | undefined,
  ): Finding {
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
