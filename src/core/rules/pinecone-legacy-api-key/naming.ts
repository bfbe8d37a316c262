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

/** What separates a name from its value, as read backwards from the value. */
type Separator = "assignment" | "call" | "element" | "fallback" | "none";

interface ValueName {
  name: string;
  /** Where the name starts in the text. */
  start: number;
  separator: Separator;
}

/** The name a value is given, and how (see nameEnd). */
export function nameBeforeValue(text: string, valueIndex: number): ValueName | undefined {
  const floor = Math.max(0, valueIndex - NAME_WINDOW);
  separatorFound = "none";
  const end = nameEnd(text, valueIndex, floor);
  const separator = separatorFound;
  let i = end - 1;
  while (i >= floor && isNameChar(text.charCodeAt(i))) i--;
  let start = i + 1;
  while (start < end && !isLetter(text.charCodeAt(start))) start++;
  return start < end ? { name: text.slice(start, end), start, separator } : undefined;
}

/** The separator nameEnd read last (a module variable: no object per UUID on a data file's hot path). */
let separatorFound: Separator = "none";

/**
 * Where the name before the value at `valueIndex` ends: past the spaces, the value's opening quote,
 * the separator and the name's closing quotes and brackets, read backwards (not below `floor`).
 * Separators: an assignment (`:=`, `=>`, `:`, `=`, `,`), a call's parenthesis (`setApiKey("`), an
 * element's tag (`<ApiKey>`), a fallback after an environment read (`??`, `||`, `or`, `?:`, the
 * shell's `:-`), or none (`--api-key <uuid>`). Plain loops, no closures.
 */
function nameEnd(text: string, valueIndex: number, floor: number): number {
  // Every read is bounds-checked first: reading past a string's end deoptimises V8's compiled code.
  let i = valueIndex - 1;
  while (i >= floor && isSpace(text.charCodeAt(i))) i--;
  if (i >= floor) {
    const quote = text.charCodeAt(i);
    if (quote === 34 || quote === 39 || quote === 96) i--; // " ' `
    if (i >= floor && text.charCodeAt(i) === 64) i--; // C#'s @"…"
  }
  while (i >= floor && isSpace(text.charCodeAt(i))) i--;
  if (i >= floor) {
    const c = text.charCodeAt(i);
    const before = i - 1 >= floor ? text.charCodeAt(i - 1) : 0;
    if ((c === 61 && before === 58) || (c === 62 && before === 61)) {
      i -= 2; // := =>
      separatorFound = "assignment";
    } else if ((c === 63 && before === 63) || (c === 124 && before === 124) || (c === 45 && before === 58) || (c === 58 && before === 63)) {
      i -= 2; // ?? || :- ?:
      separatorFound = "fallback";
    } else if (c === 114 && before === 111 && i - 2 >= floor && isSpace(text.charCodeAt(i - 2))) {
      i -= 2; // Python's `or`
      separatorFound = "fallback";
    } else if (c === 58 || c === 61 || c === 44) {
      i--; // : = ,
      separatorFound = "assignment";
    } else if (c === 40) {
      i--; // (
      separatorFound = "call";
    } else if (c === 62) {
      i--; // >
      separatorFound = "element";
    }
  }
  while (i >= floor && isSpace(text.charCodeAt(i))) i--;
  while (i >= floor) {
    const closer = text.charCodeAt(i);
    // " ' ] ? (Kotlin's `String?`) and, after a fallback, the environment read's closing parenthesis
    if (closer === 34 || closer === 39 || closer === 93 || closer === 63 || (closer === 41 && separatorFound === "fallback")) i--;
    else break;
  }
  return i + 1;
}

/** A name that says "Pinecone key" by itself: PINECONE_API_KEY, pineconeApiKey, pinecone.api_key. */
const PINECONE_KEY_NAME = /pinecone.*(?:api|key|token|secret)/i;
/** A generic key name that needs a Pinecone word nearby: api_key, apiKey, Api-Key, token. */
const GENERIC_KEY_NAME = /^(?:x-)?(?:api[-_.]?key|apikey|api[-_.]?token|api[-_.]?secret|key|token|secret)$/i;
/** A key's id, not the key: PINECONE_API_KEY_ID, apiKeyId, key-ids, token_uuid. */
const KEY_ID_NAME = /(?:key|token|secret)[-_.]?(?:ids?|uuids?|names?)$/i;
/** A setter or builder step whose name, less the verb, says what it takes: setApiKey, with_api_key, useToken. */
const SETTER_VERB = /^(?:set|with|use|put)(?=[A-Z_-])[-_]?/;
/**
 * Another vendor's name qualifying a generic key name (`openai.api_key`, `OpenAI(api_key=`): that
 * key is theirs, not Pinecone's, however close the word Pinecone is.
 */
const OTHER_VENDOR =
  /openai|anthropic|cohere|voyage|mistral|groq|gemini|google|huggingface|hugging_face|\bhf\b|replicate|together|fireworks|deepseek|perplexity|serp|tavily|weaviate|qdrant|chroma|milvus|zilliz|elastic|supabase|mongo|redis|neo4j|langsmith|wandb|heroku|stripe|github|gitlab|slack|twilio|sendgrid|datadog|sentry|algolia|notion|airtable|firebase|aws|azure|jina|nomic|assemblyai|deepgram|elevenlabs/i;
/**
 * A value passed as the first argument of a Pinecone client constructor, where the SDKs take the key
 * positionally: `new PineconeClient("…")` (.NET), `new Pinecone.Builder("…")` (Java), `Pinecone("…")`
 * (Python). No name precedes the value, yet the call says what it is.
 */
const PINECONE_CONSTRUCTOR = /(?:^|\.)Pinecone(?:Client)?(?:\.Builder)?$/;
/** Types in an annotation between a name and its value: `api_key: str = `, `val apiKey: String = `. */
const TYPE_WORDS = new Set(["str", "string", "String", "Text", "SecretStr", "None", "CharSequence"]);
/** Calls that wrap a value without naming it: `SecretStr("…")`, `str("…")`: the name is before them. */
const WRAPPERS = new Set(["SecretStr", "Secret", "str", "String", "SecureString", "Some"]);
/**
 * Values named by a pair: Kubernetes/ECS `name:`/`value:`, XML `key=`/`value=` and a plist's
 * `<key>`/`<string>`, Postman's and HAR's `key`/`name` and `value`, argparse's `default=` under its
 * `--api-key`, `getenv("NAME", default=`, `gh secret set NAME --body`, `--secret-string` after
 * `--name NAME`.
 */
const PAIR_VALUES = new Set(["value", "Value", "VALUE", "default", "defaultValue", "default_value", "string", "body", "secret-string", "SecretString"]);
/** The name half of a pair, read before the value half (the last one wins). */
const PAIR_NAME =
  /(?:\b(?:name|key)["']?\s{0,4}[:=]\s{0,4}["']?|<key>\s{0,4}|\bsecret\s{1,4}set\s{1,4}|--name[=\s]\s{0,4}["']?|["'](?=--[A-Za-z])|\(\s{0,4}["'])(-{0,2}[A-Za-z][\w.-]{0,80})/gi;
/** The annotated name before a type (`name: Optional[`, `val name: `, Go's `var name `), anchored at the type. */
const ANNOTATED_NAME = /([A-Za-z_$][\w$.-]*)["']?\s{0,4}:?\s{0,4}(?:(?:Optional|Final|ClassVar)\[)?(?:&(?:'static\s{1,4})?)?(?:(?:str|string|String)\s{0,4}\|\s{0,4})?$/;
/**
 * Words that make a line worth reading for the shapes beyond `name = value`: the legacy rule's
 * keywords (the prefilter marks such lines, so reading those shapes never depends on the fast path).
 */
export const SHAPE_WORDS = ["api-key", "api_key", "apikey"];
const SHAPE_LINE = /pinecone|api[-_]?key/i;

export type Naming = "pinecone" | "generic" | "none";

/** What a name says about the value it is given. */
export function classifyName(raw: string): Naming {
  const name = raw.replace(/^-+/, "");
  if (KEY_ID_NAME.test(name)) return "none";
  if (PINECONE_KEY_NAME.test(name)) return "pinecone";
  // `config.api_key`, `this.apiKey`: a member's own name says what it holds, the object's does not
  // (unless the object is another vendor's client: `openai.api_key`).
  const dot = name.lastIndexOf(".");
  if (!GENERIC_KEY_NAME.test(name.slice(dot + 1))) return "none";
  return dot > 0 && OTHER_VENDOR.test(name.slice(0, dot)) ? "none" : "generic";
}

/** Does the reading show a word that lets the shapes beyond `name = value` be read (see SHAPE_WORDS)? */
export function readsShapes(text: string): boolean {
  return SHAPE_LINE.test(text);
}

/**
 * What the text just before a UUID says it is: "pinecone" (a Pinecone key name such as
 * PINECONE_API_KEY, or the first argument of a Pinecone client constructor), "generic" (api_key,
 * apiKey, Api-Key, token: a key only with Pinecone context nearby) or "none" (an id of any other kind).
 * `shapes`: the reading holds a word that lets annotations, wrappers, elements, fallbacks and pairs
 * be read (readsShapes); `pairName`: the name of a pair begun on a line above, if any.
 */
export function uuidNaming(text: string, uuidStart: number, shapes = false, pairName?: Naming): Naming {
  const found = nameBeforeValue(text, uuidStart);
  if (found === undefined) return "none";
  const { name, start, separator } = found;
  if (separator === "call") {
    if (PINECONE_CONSTRUCTOR.test(name)) return "pinecone";
    if (shapes && WRAPPERS.has(name)) return uuidNaming(text, start, shapes, pairName);
    const member = name.slice(name.lastIndexOf(".") + 1);
    const setter = member.replace(SETTER_VERB, "");
    if (setter !== member) return classifyName(name.slice(0, name.length - member.length) + setter);
  }
  if (shapes && TYPE_WORDS.has(name)) {
    const annotated = ANNOTATED_NAME.exec(text.slice(Math.max(0, start - NAME_WINDOW), start));
    return annotated ? classifyName(annotated[1]!) : "none";
  }
  // A pair's value: named by the pair's name, on this line before it or on a line above.
  if ((shapes || pairName !== undefined) && PAIR_VALUES.has(name)) {
    return lastPairName(text.slice(Math.max(0, start - 2 * NAME_WINDOW), start)) ?? pairName ?? "none";
  }
  if (!shapes && (separator === "element" || separator === "fallback")) return "none";
  const naming = classifyName(name);
  // `OpenAI(api_key="…")`: a generic name inside another vendor's call is that vendor's key.
  return naming === "generic" && otherVendorCall(text, start) ? "none" : naming;
}

/** What the last pair name in the text says (undefined: the text holds none). */
export function lastPairName(text: string): Naming | undefined {
  let last: string | undefined;
  PAIR_NAME.lastIndex = 0;
  for (let m = PAIR_NAME.exec(text); m; m = PAIR_NAME.exec(text)) last = m[1];
  return last === undefined ? undefined : classifyName(last);
}

/** Is the name at `nameStart` an argument of another vendor's call (`OpenAI(model=…, api_key=`)? */
function otherVendorCall(text: string, nameStart: number): boolean {
  const before = text.slice(Math.max(0, nameStart - NAME_WINDOW), nameStart);
  const open = before.lastIndexOf("(");
  if (open === -1 || before.indexOf(")", open) !== -1) return false;
  const callee = /[A-Za-z_$][\w$.]*$/.exec(before.slice(0, open).trimEnd());
  return callee !== null && OTHER_VENDOR.test(callee[0]) && !/pinecone/i.test(callee[0]);
}
