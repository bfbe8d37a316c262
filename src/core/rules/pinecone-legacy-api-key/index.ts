import type { Finding } from "../../finding.js";
import { redactLegacyKey } from "../../mask.js";
import { isPlaceholderUuid } from "../../placeholder.js";
import { PINECONE_WORDS } from "../pinecone-words.js";
import type { LineLook, MatchHost, Reading, Rule, RuleMatcher } from "../rule.js";
import { ENVIRONMENT_SUFFIXES, environmentOn, hasPineconeContext } from "./context.js";
import { lastPairName, readsShapes, SHAPE_WORDS, uuidNaming, type Naming } from "./naming.js";
import { LEGACY_CONTEXT_WINDOW } from "./window.js";

/**
 * Legacy Pinecone keys (before the 2024 SDKs): bare UUIDs, told from the thousands of ordinary ids
 * only by context. A UUID is a key when the name it is given says "Pinecone key" (PINECONE_API_KEY,
 * a Pinecone client's argument), or says "key" (api_key, token) with a Pinecone word or legacy
 * environment within LEGACY_CONTEXT_WINDOW lines, above or below. The window is this rule's: the
 * engine shows it every line it reads, and it holds candidates until the lines below decide.
 * The name is read the ways people write it (naming.ts): `NAME = `, annotations, setters and
 * wrappers, XML elements, fallbacks after an environment read, command-line flags, and name/value
 * pairs, whose name may stand on a line above (PAIR_REACH).
 * Fixtures: test/fixtures/rules/pinecone-legacy-api-key/.
 */

const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;

/**
 * A legacy key alone in base64 (a Kubernetes Secret's `api-key: <b64>`, with `pinecone` only in the
 * metadata a few lines away) holds no word the prefilter knows. Its encoding is 48 characters, 52
 * with a trailing line break: runs that short are cheap to decode, so they are decoded on every line.
 */
const SHORT_BASE64 = 52;
/** A pair's name is looked for in the first this-many characters of a line (a minified line has no pairs worth it). */
const PAIR_LINE_LIMIT = 4096;
/** 36 characters of UUID are 48 in base64: a shorter run cannot hide a key. */
const MIN_ENCODED_LENGTH = 48;
/**
 * A pair's value may stand this many lines below its name: Kubernetes' `- name:` then `value:`, an
 * argparse `"--api-key",` then `type=str,` then `default=`.
 */
const PAIR_REACH = 2;

interface Pending {
  finding: Finding;
  key: string;
  /** The line the candidate is on, for the config's allow patterns when it is confirmed later. */
  text: string;
  /** The last line number whose Pinecone context can still confirm this candidate. */
  deadline: number;
}

class LegacyMatcher implements RuleMatcher {
  readonly shortBase64 = SHORT_BASE64;
  readonly contextReach = LEGACY_CONTEXT_WINDOW;
  private pending: Pending[] = [];
  /**
   * The environment names of this file's last LEGACY_CONTEXT_WINDOW context lines (undefined where a
   * line named none), a ring: `recentAt` is where the next one goes. In "pinecone"-dense code every
   * line is one, so nothing is allocated per line.
   */
  private readonly recentEnvironments: (string | undefined)[] = new Array<string | undefined>(LEGACY_CONTEXT_WINDOW).fill(undefined);
  private recentAt = 0;
  /**
   * The last line of this file with Pinecone context: the lines after it are read in full, and a
   * candidate within LEGACY_CONTEXT_WINDOW lines of it is confirmed.
   */
  private lastContextLine = -Infinity;
  /** Whether the line being scanned has Pinecone context, and its environment name. */
  private lineHasContext = false;
  private lineEnvironment: string | undefined;
  /** The last pair name seen (`- name: PINECONE_API_KEY`) on a line holding one of this rule's words. */
  private pair: { line: number; naming: Naming } | undefined;

  constructor(private readonly rule: Rule) {}

  beginFile(): void {
    this.pending = [];
    this.recentEnvironments.fill(undefined);
    this.lastContextLine = -Infinity;
    this.pair = undefined;
  }

  observeLine(line: number, text: string, host: MatchHost): void {
    if (readsShapes(text) || this.pairReaches(line)) {
      // Only lines holding this rule's words (which the prefilter marks) or below a pair's key name
      // (which needsLine asks for): whether a pair's name was seen must not depend on which
      // unmarked lines happened to be read. A line below saying another name ends the pair.
      const naming = lastPairName(text.length > PAIR_LINE_LIMIT ? text.slice(0, PAIR_LINE_LIMIT) : text);
      if (naming !== undefined) this.pair = { line, naming };
    }
    const context = hasPineconeContext(text);
    this.lineHasContext = context;
    this.lineEnvironment = context ? environmentOn(text) : undefined;
    if (context) this.contextAt(line, this.lineEnvironment, host);
  }

  /**
   * A line holding `pinecone` and nothing else this rule reads: what observeLine makes of it. Its
   * pair name, if it has one, says nothing (no key-like word: the caller checked), and no pair
   * reached it (needsLine would have had it read); such a name only ends a pair, and there is none.
   * It names no environment (the environment words are marks, not notes).
   */
  noteContext(line: number, host: MatchHost): void {
    this.contextAt(line, undefined, host);
  }

  /** A line with Pinecone context: it confirms the candidates waiting for it and is remembered. */
  private contextAt(line: number, environment: string | undefined, host: MatchHost): void {
    this.lastContextLine = line;
    if (this.pending.length > 0) {
      for (const candidate of this.pending) {
        if (line > candidate.deadline) continue;
        host.report(candidate.finding, candidate.key, environment, candidate.text);
      }
      this.pending = [];
    }
    this.recentEnvironments[this.recentAt] = environment;
    this.recentAt = (this.recentAt + 1) % LEGACY_CONTEXT_WINDOW;
  }

  /**
   * An unmarked line matters while a candidate waits for context, or just below a context line when
   * it is long enough to hold a base64-encoded key (and, once read, holds such a run).
   */
  needsLine(line: number, length: number, look?: LineLook): boolean {
    // The lines below a pair's key name, where its value stands.
    if (this.pairReaches(line)) return true;
    if (this.pending.length > 0) {
      if (line <= this.pending[this.pending.length - 1]!.deadline) return true;
      this.pending = [];
    }
    if (line - this.lastContextLine > LEGACY_CONTEXT_WINDOW || length < MIN_ENCODED_LENGTH) return false;
    return look === undefined || look.holdsBase64Run(MIN_ENCODED_LENGTH);
  }

  /** Is the line within reach below a pair's key name? */
  private pairReaches(line: number): boolean {
    return this.pair !== undefined && this.pair.naming !== "none" && line > this.pair.line && line - this.pair.line <= PAIR_REACH;
  }

  wantsBase64(): boolean {
    return this.lineHasContext;
  }

  match(reading: Reading, host: MatchHost): void {
    const text = reading.text;
    if (text.indexOf("-") === -1) return;
    // Whether this reading mentions Pinecone, worked out once: testing the whole line again for
    // every candidate made a megabyte line of `api_key="<uuid>"` take quadratic time (tens of seconds).
    let readingHasContext: boolean | undefined;
    // The same for the environment name the live check wants (looked for only when it is on).
    let readingEnvironment: string | undefined;
    let environmentKnown = false;
    // Whether this reading holds a word that lets the shapes beyond `name = value` be read, and
    // the name of a pair begun a line or two above.
    let shapes: boolean | undefined;
    // A pair whose name says nothing is no pair: it only ends the one before it.
    const pair = this.pair && this.pair.naming !== "none" && reading.line - this.pair.line <= PAIR_REACH ? this.pair.naming : undefined;
    UUID.lastIndex = 0;
    for (let m = UUID.exec(text); m; m = UUID.exec(text)) {
      const uuid = m[0];
      if (host.seenOnLine(uuid)) continue;
      shapes ??= readsShapes(text);
      const naming = uuidNaming(text, m.index, shapes, pair);
      if (naming === "none") continue;
      if (isPlaceholderUuid(uuid)) continue; // after the name test: most UUIDs fail that, cheaply
      host.firstOnLine(uuid);
      const key = uuid.toLowerCase();
      const finding = host.finding(this.rule, key, m.index, reading);
      readingHasContext ??= this.lineHasContext || hasPineconeContext(text);
      // A pair counts as one entry: Pinecone context near its name line counts too.
      if (naming === "pinecone" || readingHasContext || this.recentContext(reading.line) || (pair !== undefined && this.recentContext(this.pair!.line))) {
        if (host.wantsKeys && !environmentKnown) {
          readingEnvironment = environmentOn(text) ?? this.nearbyEnvironment();
          environmentKnown = true;
        }
        host.report(finding, key, readingEnvironment, text);
      } else {
        // `api_key = "<uuid>"` with `pinecone` on one of the next lines: decide when they arrive.
        this.pending.push({ finding, key, text: host.lineText, deadline: reading.line + LEGACY_CONTEXT_WINDOW });
      }
    }
  }

  /** Is a context line within the window of `line`? (Context lines come in order: the last is the nearest.) */
  private recentContext(line: number): boolean {
    return line - this.lastContextLine <= LEGACY_CONTEXT_WINDOW;
  }

  /** The nearest legacy environment name on this line or the few before it. */
  private nearbyEnvironment(): string | undefined {
    for (let back = 1; back <= LEGACY_CONTEXT_WINDOW; back++) {
      const environment = this.recentEnvironments[(this.recentAt - back + LEGACY_CONTEXT_WINDOW) % LEGACY_CONTEXT_WINDOW];
      if (environment) return environment;
    }
    return undefined;
  }
}

export const pineconeLegacyApiKey: Rule = {
  id: "pinecone-legacy-api-key",
  name: "Pinecone legacy API key",
  description: "A legacy Pinecone API key (a UUID used as PINECONE_API_KEY / pinecone.init(api_key=…)).",
  keywords: {
    words: ["pinecone", ...ENVIRONMENT_SUFFIXES, ...SHAPE_WORDS],
    context: ["pinecone"],
    base64: ["pinecone", "PINECONE"],
    utf16: ["pinecone"],
    keyNamedUuids: true,
  },
  words: PINECONE_WORDS,
  verification: "pinecone-legacy-controller",
  matcher() {
    return new LegacyMatcher(pineconeLegacyApiKey);
  },
  redact: (key, visible) => redactLegacyKey(key, visible),
  isPlaceholder: isPlaceholderUuid,
};
