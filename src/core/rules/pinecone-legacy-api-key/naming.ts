import { NAME_WINDOW } from "../rule.js";

/**
 * What the text before a UUID says it is: the legacy-key rule's reading of names. A UUID is a key only
 * where a name says so (or a Pinecone client takes it), and Pinecone context confirms a generic name.
 *
 * The name a value is assigned to, read backwards from the value: `NAME = "`, `"NAME": "`, `NAME=`,
 * `environ["NAME"] = "`, `setdefault("NAME", "`, `Name: `, `--name `. In regex terms, the text just
 * before the value must end with
 *   ([A-Za-z][A-Za-z0-9_.-]*) ["'\]]* \s* (:= | => | [:=,])? \s* ["'`]? \s*
 * and the name is the group. It is read by hand, backwards from the value, because an end-anchored
 * regex is tried at every start position: on a diff full of ids that was the hottest code of a scan.
 */
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

