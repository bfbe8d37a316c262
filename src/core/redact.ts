import { readsShapes, uuidNaming } from "./rules/pinecone-legacy-api-key/naming.js";
import { NAME_WINDOW } from "./rules/rule.js";

/**
 * The redaction gate: every string pinekey-hook lets out of the process (stdout, stderr, the files
 * it writes) passes through redactOutput at the boundary (src/cli/output.ts), whatever built it.
 * Reports carry redacted keys already; this is the net under every other path a key could take:
 * a commit subject, an allow comment's reason, a file name, git's error text, a future feature
 * that forgets. What it masks:
 *
 * - anything shaped like a current or announced key, written with `_` or percent-encoded or
 *   JSON-escaped underscores: `pcsk_<label>_<secret>`, `pckey_<label>_<secret>`. The label (at most
 *   16 alphanumerics; the console shows it) stays, and at most 4 characters of the secret:
 *   `pcsk_AbC12_7xQa…`. A run of more than 16 alphanumerics right after the prefix has no label and
 *   keeps 4 characters. Redacted forms (4 characters and `…`) pass unchanged, so the gate can be
 *   applied twice.
 * - a UUID that reads as a key value (`api_key = "<uuid>"`, `PINECONE_API_KEY=<uuid>`,
 *   `Pinecone("<uuid>")`: the detector's own name test, uuidNaming, with an assignment or a quote
 *   after a generic name). Other UUIDs (request ids, file names, trace ids, API key ids) are not
 *   key-shaped on their own and stay, or SARIF locations and subjects that mention ids would be
 *   mangled;
 * - any secret the run itself found (`known`): a legacy key or a custom rule's secret is masked
 *   wherever else it shows up, whatever surrounds it.
 *
 * Every pattern here is linear: each alternative is anchored on a literal and its runs cannot
 * overlap, so no input makes the gate slow (test/helpers/adversarial.ts times it on a megabyte).
 */
const SHOWN = 4;
/** A secret shorter than this is not looked for by its own text (it would match ordinary words). */
const MIN_KNOWN_SECRET_LENGTH = 8;
/** Custom secrets looked for by their own text, at most (each is one alternative of a regex). */
const MAX_KNOWN_LITERALS = 256;
const LABEL_MAX = 16;

// `_` as written, percent-encoded (`%5F`) or JSON-escaped (`\u005f`, and `\\u005f` once that text is
// itself written as JSON, as a finding's allowReason is).
const SEPARATOR = String.raw`(?:_|%5[fF]|\\{1,2}u005[fF])`;
// No word boundary before the prefix: binary content glues a key to the byte before it (`Jpcsk_…`).
const KEY_SHAPED = new RegExp(String.raw`(pcsk|pckey)(${SEPARATOR})([A-Za-z0-9]+)(?:(${SEPARATOR})([A-Za-z0-9]+))?`, "g");
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;

function shortened(secret: string): string {
  return secret.length > SHOWN ? `${secret.slice(0, SHOWN)}…` : secret;
}

function maskKeyShaped(match: string, prefix: string, separator: string, label: string, secondSeparator?: string, secret?: string): string {
  if (label.length > LABEL_MAX) return `${prefix}${separator}${shortened(label)}`;
  if (secret === undefined) return match;
  return `${prefix}${separator}${label}${secondSeparator}${shortened(secret)}`;
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

/** Mask every key-shaped string, key-named UUID and known secret in `text` (see the top of this file). */
export function redactOutput(text: string, known: ReadonlySet<string> = new Set()): string {
  if (text.length === 0) return text;
  let result = text.indexOf("pc") === -1 ? text : text.replace(KEY_SHAPED, maskKeyShaped);
  if (result.indexOf("-") !== -1) {
    result = result.replace(UUID, (uuid: string, index: number, whole: string) =>
      known.has(uuid.toLowerCase()) || namedAsKey(whole, index) ? shortened(uuid) : uuid,
    );
  }
  const literals = [...known].filter(
    (secret) => secret.length >= MIN_KNOWN_SECRET_LENGTH && !UUID_ALONE.test(secret) && !/^pc(?:sk|key)_/.test(secret),
  );
  if (literals.length > 0) {
    const longestFirst = literals.sort((a, b) => b.length - a.length).slice(0, MAX_KNOWN_LITERALS);
    result = result.replace(new RegExp(longestFirst.map(escapeLiteral).join("|"), "g"), shortened);
  }
  return result;
}

/**
 * Does the UUID at `index` read as a key value? Inside JSON output the quotes around a value are
 * escaped (`"subject": "API_KEY=\\"<uuid>\\""`): the window before it is read unescaped.
 */
function namedAsKey(text: string, index: number): boolean {
  if (isKeyValue(text, index)) return true;
  const window = text.slice(Math.max(0, index - NAME_WINDOW), index);
  if (window.indexOf("\\") === -1) return false;
  const unescaped = window.replace(/\\(["'\\/])/g, "$1");
  return isKeyValue(unescaped, unescaped.length);
}

/**
 * A Pinecone key name before the UUID (PINECONE_API_KEY, `Pinecone("`) whatever separates them, or
 * a generic one (api_key, token) with an assignment or a quote between: `api_key = "<uuid>"` is a
 * key's value, while prose such as "deleted the new key <uuid>" names a key by its id, which is not
 * a secret (rotate prints them).
 */
function isKeyValue(text: string, index: number): boolean {
  const naming = uuidNaming(text, index, readsShapes(text.slice(Math.max(0, index - 2 * NAME_WINDOW), index)));
  return naming === "pinecone" || (naming === "generic" && ASSIGNED.test(text.slice(Math.max(0, index - 8), index)));
}

/** The end of `name = "`, `name: `, `"name": "`, `name='`: an assignment or a quote, then spaces. */
const ASSIGNED = /[=:"'`]\s*$/;

const UUID_ALONE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
