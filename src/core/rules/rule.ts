import type { Encoding, Finding } from "../finding.js";

/**
 * Rules read at most this many characters before a value to find the name it is given; a decoded
 * base64 value keeps that many characters of its line before it (see Detector.scanLine).
 */
export const NAME_WINDOW = 80;

/**
 * One kind of secret, as data: what the prefilter looks for, how a line is matched, how the secret
 * is redacted and told from a placeholder, how it can be checked live, and the words a report uses
 * for it. Built-in rules are modules in this folder (one per rule, with ok/ng fixtures under
 * test/fixtures/rules/<id>/); a custom rule from the config becomes one through customRule().
 * The engine (detector.ts, prefilter.ts) knows no rule by name.
 */
export interface Rule {
  /** Stable id: in findings, fingerprints, `disableRules`, SARIF. */
  readonly id: string;
  /** A short name: "Pinecone API key". */
  readonly name: string;
  /** One sentence for SARIF and docs. */
  readonly description: string;
  /** What the prefilter looks for on this rule's behalf (see prefilter.ts). */
  readonly keywords: RuleKeywords;
  /** A matcher for one scan (rules with context keep their per-file state in it). */
  matcher(): RuleMatcher;
  /** The secret as reports show it (`visible`: characters of the secret shown, 0-4). */
  redact(key: string, visible: number): string;
  /** Redact this rule's keys, even truncated ones, in free text such as git's error output. */
  scrub?(text: string): string;
  /** A value of the key's shape that is a placeholder, not a key (see placeholder.ts). */
  isPlaceholder(key: string): boolean;
  /**
   * How a found key can be checked live (`--verify`), as the name of a check the CLI implements:
   * the network code stays out of the pure core, and the rule still carries its verification.
   * Undefined: the rule's keys are never sent anywhere.
   */
  readonly verification?: VerificationId;
  /** What a live key exposes (indexes, collections…), checked along with the verification. */
  readonly exposure?: ExposureCheckId;
  /** The words a block message uses for this rule. */
  readonly words: RuleWords;
}

/** The live checks the CLI knows (src/cli/verify.ts). */
export type VerificationId = "pinecone-api" | "pinecone-legacy-controller";
/** The exposure checks the CLI knows. */
export type ExposureCheckId = "pinecone-project";

/** What the prefilter searches git's output for, for one rule. */
export interface RuleKeywords {
  /** Words in any case: a line holding one may hold a finding, or context for one. */
  readonly words: readonly string[];
  /**
   * The words are marked only as written, not in any case: a key whose prefix is case-sensitive
   * (`pcsk_`). A base64 image line spells `pCsK` now and then by chance, and each sent a whole line
   * of hundreds of kilobytes through every decoder.
   */
  readonly caseSensitive?: boolean;
  /**
   * Which of the words (letters only) only lend context (the legacy rule's `pinecone`: it makes a nearby UUID a
   * key but is never one). A line holding nothing else that matters is noted (RuleMatcher.noteContext)
   * rather than read: in code that says "pinecone" on every line, reading each was most of a scan.
   */
  readonly context?: readonly string[];
  /** Words (exact case, as listed) whose base64 spellings mark a line too; the engine then decodes the line's base64. */
  readonly base64?: readonly string[];
  /** Words (any case) whose UTF-16 spellings (a NUL after each character) mark a line too. */
  readonly utf16?: readonly string[];
  /**
   * UUIDs under a name that could be a key's (or after escaped text that may hide the name): a mark
   * no word can express, for rules whose keys are bare UUIDs.
   */
  readonly keyNamedUuids?: boolean;
}

/**
 * The words of a block message: what the key is, why it matters, where the fix reads it from, and
 * how to rotate it. A custom rule gets generic words naming its own description (customRule()).
 */
export interface RuleWords {
  /** Counted in the headline: "1 Pinecone API key", "2 OpenAI API keys". */
  readonly one: string;
  readonly many: string;
  /** Why a leak matters, a sentence or two (wrapped to the terminal by the message). */
  readonly risk: readonly string[];
  /** The environment variable the fix reads the secret from. */
  readonly envVar: string;
  /** The SDK the secret is for: `pinecone` gets Pinecone client snippets; undefined, plain environment reads. */
  readonly client?: "pinecone";
  /** Names in a secrets manager for the fix's examples. */
  readonly secretsManager: { readonly aws: string; readonly vaultPath: string; readonly vaultField: string; readonly conjur: string };
  /** After "rotate it:", the steps (one or more lines). */
  readonly rotation: readonly string[];
}

/** One reading of an added line: the line itself, or a decoded form of it. */
export interface Reading {
  readonly line: number;
  readonly text: string;
  readonly encoding: Encoding | undefined;
}

/** What the engine offers a matcher. */
export interface MatchHost {
  /** Has this key already been reported on the current line (by any reading)? Marks it seen if not. */
  firstOnLine(key: string): boolean;
  /** Was the key already seen on this line (without marking it)? */
  seenOnLine(key: string): boolean;
  /** A finding for the key at `index` in the reading (column, allowance, fingerprint), not yet reported. */
  finding(rule: Rule, key: string, index: number, reading: Reading): Finding;
  /** Report a finding: allow patterns, ignores, and the key to the live check (with `hint`, e.g. a legacy environment). */
  report(finding: Finding, key: string, hint: string | undefined, lineText: string): void;
  /** The raw text of the added line being scanned. */
  readonly lineText: string;
  /** Whether reported keys go to the live check (only then is a verification hint worth finding). */
  readonly wantsKeys: boolean;
  /**
   * Whether the current file has shown binary content anywhere so far (binary is decided per file:
   * a pickle's `J<key>` may sit on a line of its own, its control bytes on other lines). A matcher
   * that sees a binary line says so by setting it.
   */
  fileBinary: boolean;
  /** A match that counts only if the file turns out binary: reported at the file's end if it does. */
  holdForBinaryFile(finding: Finding, key: string, lineText: string): void;
}

/** A look at a line's text without cutting it out (the line may still lie inside git's output). */
export interface LineLook {
  /** Does the line hold a run of at least `length` base64 (or base64url) characters? */
  holdsBase64Run(length: number): boolean;
}

/** A rule at work over one scan. */
export interface RuleMatcher {
  /** Find this rule's keys in one reading of an added line and report them through the host. */
  match(reading: Reading, host: MatchHost): void;
  /**
   * Rules that read context (neighbouring lines) see every line the engine reads, added or not,
   * before its readings are matched; they settle pending candidates here.
   */
  observeLine?(line: number, text: string, host: MatchHost): void;
  /**
   * Must this line be read although the prefilter found nothing on it? `line` undefined: its text was
   * not looked at yet; otherwise, a look at it in place.
   */
  needsLine?(line: number, length: number, look?: LineLook): boolean;
  /**
   * A line holding one of the rule's context words and nothing else a rule reads (no mark, escape,
   * percent-encoded byte, NUL, long base64 run, or key-like word: see PatchScanner): what
   * observeLine would make of it, without its text. Only while the scan hands keys to no one
   * (no live check), has no custom rules and no maxFileBytes (Detector.takesNotes).
   */
  noteContext?(line: number, host: MatchHost): void;
  /**
   * With noteContext: how many lines below a context line its context counts. Of a run of lines the
   * rule is not shown, each holding context words or nothing a rule reads, only the last this-many
   * are noted (a context line further up changes nothing for the lines after the run).
   */
  readonly contextReach?: number;
  /** Does the current line's context make every base64 run on it worth decoding? */
  wantsBase64?(): boolean;
  /** The longest base64 run always worth decoding on any line (a short encoded key alone), if any. */
  readonly shortBase64?: number;
  beginFile?(): void;
}
