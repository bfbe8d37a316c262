/**
 * Where a JSON text stops being JSON, as line and column, for config errors a person can act on.
 * JSON.parse says "at position N" only for some errors (`Unexpected token '}', "{"a": }" is not
 * valid JSON` names none), so this walks the text once with JSON's grammar (RFC 8259) and returns
 * the offset of the first character that does not fit. Only called after JSON.parse has failed.
 */
export interface JsonErrorPlace {
  line: number;
  column: number;
  /** What was found there: a character, or "the end of the file". */
  found: string;
}

export function jsonErrorPlace(text: string): JsonErrorPlace {
  const offset = firstBadOffset(text);
  const before = text.slice(0, offset).split("\n");
  const char = text[offset];
  const found = char === undefined ? "the end of the file" : char > " " ? `'${char}'` : JSON.stringify(char);
  return { line: before.length, column: before[before.length - 1]!.length + 1, found };
}

class Stop extends Error {
  constructor(readonly offset: number) {
    super("stop");
  }
}

function firstBadOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const space = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (word: string): void => {
    for (const char of word) {
      if (text[i] !== char) fail();
      i++;
    }
  };
  const string = (): void => {
    i++; // the opening quote
    for (;;) {
      const char = text[i];
      if (char === undefined || char < " ") fail();
      i++;
      if (char === '"') return;
      if (char === "\\") {
        const escape = text[i];
        if (escape === "u") {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? "")) fail();
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i++;
        else fail();
      }
    }
  };
  const number = (): void => {
    const found = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!found || found[0] === "-") fail();
    i += found![0].length;
  };
  /** A `{…}` or `[…]` whose opening bracket is at i: `item`s separated by commas, up to `close`. */
  const list = (close: string, item: () => void): void => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ",") fail();
      i++;
    }
  };
  /** An object's `"name": value`. */
  const member = (): void => {
    space();
    if (text[i] !== '"') fail();
    string();
    space();
    if (text[i] !== ":") fail();
    i++;
    value();
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === "{") return list("}", member);
    if (char === "[") return list("]", value);
    if (char === '"') return string();
    if (char === "t") return literal("true");
    if (char === "f") return literal("false");
    if (char === "n") return literal("null");
    number();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return text.length;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    throw error;
  }
}
