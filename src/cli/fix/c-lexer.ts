/**
 * A lexer for the C-family languages the fix rewrites without a full parser (Go, Java, C#): it only
 * has to tell strings, comments and code apart, and find identifiers and brackets around a string.
 * Everything it does not know for sure (an unterminated string, an odd interpolation) ends the scan
 * with an error, and the caller refuses the file.
 */
export type CLanguage = "go" | "java" | "csharp";

export interface CToken {
  kind: "string" | "comment" | "word" | "punct";
  start: number;
  end: number;
  /** For strings: the characters before the content (`"`, `@"`, `` ` ``, `"""`) and after it. */
  open?: string;
  close?: string;
  /** For strings: whether the content may hold escapes, holes or several lines (a plain literal is simple). */
  simple?: boolean;
}

const WORD = /[A-Za-z_$\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /[0-9][0-9A-Za-z_.]*/y;

export function lexC(text: string, language: CLanguage): CToken[] | { error: string } {
  const tokens: CToken[] = [];
  let at = 0;
  const fail = (what: string) => ({ error: `${what} at offset ${at}` });
  while (at < text.length) {
    const c = text[at]!;
    const next = text[at + 1];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\ufeff") {
      at++;
      continue;
    }
    if (c === "/" && next === "/") {
      const end = lineEnd(text, at);
      tokens.push({ kind: "comment", start: at, end });
      at = end;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = text.indexOf("*/", at + 2);
      if (end === -1) return fail("an unterminated comment");
      tokens.push({ kind: "comment", start: at, end: end + 2 });
      at = end + 2;
      continue;
    }
    const string = lexString(text, at, language);
    if (string === null) return fail("an unterminated string");
    if (string !== undefined) {
      tokens.push(string);
      at = string.end;
      continue;
    }
    WORD.lastIndex = at;
    const word = WORD.exec(text);
    if (word) {
      tokens.push({ kind: "word", start: at, end: at + word[0].length });
      at += word[0].length;
      continue;
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      at += number[0].length;
      continue;
    }
    tokens.push({ kind: "punct", start: at, end: at + 1 });
    at++;
  }
  return tokens;
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf("\n", at);
  return end === -1 ? text.length : end;
}

/** A string or character literal starting at `at`: undefined when none starts there, null when it never ends. */
function lexString(text: string, at: number, language: CLanguage): CToken | null | undefined {
  const c = text[at]!;
  if (language === "go" && c === "`") {
    const end = text.indexOf("`", at + 1);
    if (end === -1) return null;
    return { kind: "string", start: at, end: end + 1, open: "`", close: "`", simple: !text.slice(at, end).includes("\n") };
  }
  if (c === "'") return quoted(text, at, 1, "'", false);
  if (language === "csharp") {
    const prefix = /^(?:\$+@?|@\$*)?(?=")/.exec(text.slice(at, at + 8))?.[0];
    if (prefix !== undefined && (prefix.length > 0 || c === '"')) return csharpString(text, at, prefix);
    return undefined;
  }
  if (c !== '"') return undefined;
  if (language === "java" && text.startsWith('"""', at)) {
    const end = text.indexOf('"""', at + 3);
    if (end === -1) return null;
    return { kind: "string", start: at, end: end + 3, open: '"""', close: '"""', simple: false };
  }
  return quoted(text, at, 1, '"', true);
}

/** A one-line literal with backslash escapes; `simple` when asked and it holds no backslash. */
function quoted(text: string, at: number, openLength: number, quote: string, canBeSimple: boolean): CToken | null {
  let i = at + openLength;
  let escapes = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\") {
      escapes = true;
      i += 2;
      continue;
    }
    if (ch === "\n") return null;
    if (ch === quote) {
      return { kind: "string", start: at, end: i + 1, open: text.slice(at, at + openLength), close: quote, simple: canBeSimple && !escapes };
    }
    i++;
  }
  return null;
}

/**
 * C#: "…", @"…" (verbatim, "" for a quote), $"…{hole}…" (interpolated), """…""" (raw, C# 11).
 * Interpolated and raw strings are lexed to their end but never counted simple.
 */
function csharpString(text: string, at: number, prefix: string): CToken | null {
  const quoteAt = at + prefix.length;
  if (text.startsWith('"""', quoteAt)) {
    const run = /^"{3,}/.exec(text.slice(quoteAt))![0];
    const end = text.indexOf(run, quoteAt + run.length);
    if (end === -1) return null;
    return { kind: "string", start: at, end: end + run.length, open: prefix + run, close: run, simple: false };
  }
  const verbatim = prefix.includes("@");
  const interpolated = prefix.includes("$");
  let depth = 0;
  let i = quoteAt + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (depth > 0) {
      if (ch === '"') {
        const inner = csharpString(text, i, "");
        if (inner === null) return null;
        i = inner.end;
        continue;
      }
      if (ch === "{") depth++;
      if (ch === "}") depth--;
      i++;
      continue;
    }
    if (!verbatim && ch === "\\") {
      i += 2;
      continue;
    }
    if (!verbatim && ch === "\n") return null;
    if (interpolated && ch === "{") {
      if (text[i + 1] === "{") i += 2;
      else {
        depth = 1;
        i++;
      }
      continue;
    }
    if (ch === '"') {
      if (verbatim && text[i + 1] === '"') {
        i += 2;
        continue;
      }
      const content = text.slice(quoteAt + 1, i);
      const simple = !interpolated && !content.includes("\\") && !content.includes("\n") && !(verbatim && content.includes('""'));
      return { kind: "string", start: at, end: i + 1, open: prefix + '"', close: '"', simple };
    }
    i++;
  }
  return null;
}

/** The token that holds `offset`, if any. */
export function tokenAt(tokens: CToken[], offset: number): CToken | undefined {
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const token = tokens[mid]!;
    if (offset < token.start) high = mid - 1;
    else if (offset >= token.end) low = mid + 1;
    else return token;
  }
  return undefined;
}
