import { lexC, tokenAt, type CLanguage, type CToken } from "./c-lexer.js";
import { applyEdits, keyOffsets, newlineOf, placeholderFor } from "./text.js";
import { refuse, type Edit, type Rewrite, type RewriteInput } from "./types.js";

/** How each language reads the environment. */
const READ: Record<CLanguage, (name: string) => string> = {
  go: (name) => `os.Getenv("${name}")`,
  java: (name) => `System.getenv("${name}")`,
  csharp: (name) => `Environment.GetEnvironmentVariable("${name}")`,
};

/**
 * Go, Java and C#: a string literal that is exactly the key becomes the environment read; a key in
 * a comment becomes the variable's name. Go gets `"os"` in its imports, C# `using System;` when the
 * file has no such directive. Refused: a key inside a longer string, an escaped, raw or interpolated
 * string, a Java annotation or C# attribute argument, a C# const and a Go const block (none of them
 * can hold a call).
 */
export function rewriteCFamily(input: RewriteInput, language: CLanguage): Rewrite {
  const { text } = input;
  const tokens = lexC(text, language);
  if ("error" in tokens) return refuse(`could not read the file safely (${tokens.error})`);
  const located = keyOffsets(text, input.keys);
  if (!located) return refuse("the file no longer holds the key where it was staged");
  const edits: Edit[] = [];
  const notes: string[] = [];
  let reads = 0;
  for (const { key, start, end } of located) {
    const token = tokenAt(tokens, start);
    if (token?.kind === "comment") {
      edits.push({ start, end, text: placeholderFor(key.name) });
      continue;
    }
    if (token?.kind !== "string") return refuse(`line ${key.line}: the key is not inside a string literal`);
    const contentStart = token.start + token.open!.length;
    const contentEnd = token.end - token.close!.length;
    if (!token.simple || token.open!.startsWith("'")) return refuse(`line ${key.line}: the key is in a raw, escaped or interpolated string`);
    if (contentStart !== start || contentEnd !== end) return refuse(`line ${key.line}: the key is part of a longer string; split it by hand`);
    const index = tokens.indexOf(token);
    const blocked = blockedContext(text, tokens, index, language);
    if (blocked) return refuse(`line ${key.line}: ${blocked}`);
    const constant = language === "go" ? goConstKeyword(text, tokens, index) : undefined;
    if (constant === "block") return refuse(`line ${key.line}: the key is in a Go const block; make it a var by hand`);
    if (constant !== undefined) {
      edits.push({ start: constant.start, end: constant.end, text: "var" });
      notes.push(`line ${key.line}: the constant became a var (a constant cannot read the environment)`);
    }
    edits.push({ start: token.start, end: token.end, text: READ[language](key.name) });
    reads++;
  }
  if (reads > 0) {
    const imported = language === "go" ? goImportEdit(text, tokens) : language === "csharp" ? csharpUsingEdit(text, tokens) : undefined;
    if (imported && "error" in imported) return refuse(imported.error);
    if (imported) edits.push(imported);
  }
  return { ok: true, text: applyEdits(text, edits), notes };
}

function wordAt(text: string, token: CToken | undefined): string | undefined {
  return token?.kind === "word" ? text.slice(token.start, token.end) : undefined;
}

function punctAt(text: string, token: CToken | undefined): string | undefined {
  return token?.kind === "punct" ? text.slice(token.start, token.end) : undefined;
}

/** Why a call cannot stand where the literal is: annotations, attributes, C# constants, switch labels. */
function blockedContext(text: string, tokens: CToken[], index: number, language: CLanguage): string | undefined {
  // The innermost open bracket before the literal, skipping closed pairs.
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const p = punctAt(text, tokens[i]);
    if (p === ")" || p === "]" || p === "}") depth++;
    else if (p === "(" || p === "[" || p === "{") {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (p === "(" && language === "java" && punctAt(text, tokens[i - 2]) === "@") return "the key is an annotation's argument, which must be a constant";
      if (p === "(" && language === "java" && punctAt(text, tokens[i - 2]) === "." && i >= 4) {
        // @a.b.Name( … ): walk the qualified name back to its @.
        let j = i - 1;
        while (j >= 1 && wordAt(text, tokens[j]) !== undefined && punctAt(text, tokens[j - 1]) === ".") j -= 2;
        if (punctAt(text, tokens[j - 1]) === "@") return "the key is an annotation's argument, which must be a constant";
      }
      if ((p === "(" || p === "[") && language === "csharp" && attributeOpen(text, tokens, i)) {
        return "the key is an attribute's argument, which must be a constant";
      }
      break;
    }
    if (p === ";") break;
  }
  const previous = wordAt(text, tokens[index - 1]);
  if (previous === "case") return "the key is a switch label, which must be a constant";
  if (language === "csharp") {
    for (let i = index - 1; i >= 0; i--) {
      const p = punctAt(text, tokens[i]);
      if (p === ";" || p === "{" || p === "}") break;
      if (wordAt(text, tokens[i]) === "const") return "the key is a C# const, which cannot read the environment; make it static readonly by hand";
    }
  }
  return undefined;
}

/** `[Name(` or `[Name]`-style attribute: the bracket chain leads back to a `[` opening a statement. */
function attributeOpen(text: string, tokens: CToken[], open: number): boolean {
  if (punctAt(text, tokens[open]) === "[") return punctAt(text, tokens[open - 1]) === undefined || [";", "{", "}", "]"].includes(punctAt(text, tokens[open - 1])!);
  let j = open - 1;
  while (j >= 0 && (wordAt(text, tokens[j]) !== undefined || punctAt(text, tokens[j]) === ".")) j--;
  return punctAt(text, tokens[j]) === "[" && j < open - 1;
}

/**
 * The `const` keyword of a one-line Go const declaration holding the literal at `index`, "block" for
 * a `const ( … )` block, undefined when the literal is not in a const declaration.
 */
function goConstKeyword(text: string, tokens: CToken[], index: number): CToken | "block" | undefined {
  const literalLine = lineOf(text, tokens[index]!.start);
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i]!;
    const p = punctAt(text, token);
    if (p === ")" || p === "}" || p === "]") depth++;
    if (p === "(" || p === "{" || p === "[") {
      if (depth === 0) {
        if (p === "(" && wordAt(text, tokens[i - 1]) === "const") return "block";
        return undefined;
      }
      depth--;
    }
    if (depth === 0 && lineOf(text, token.start) !== literalLine) return undefined;
    if (depth === 0 && wordAt(text, token) === "const") return token;
    if (depth === 0 && (p === ";" || wordAt(text, token) === "var")) return undefined;
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf("\n"); at !== -1 && at < offset; at = text.indexOf("\n", at + 1)) line++;
  return line;
}

/**
 * `"os"` into the imports, where gofmt keeps it: in the group of standard-library imports, sorted;
 * a single `import "x"` becomes a block; no imports at all: `import "os"` after the package clause.
 *
 *   import "fmt"                       import (
 *                           ->             "fmt"
 *                                          "os"
 *                                      )
 */
function goImportEdit(text: string, tokens: CToken[]): Edit | { error: string } | undefined {
  const nl = newlineOf(text);
  const imports: Array<{ keyword: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    if (wordAt(text, tokens[i]) === "import") imports.push({ keyword: i });
    else if (wordAt(text, tokens[i]) === "func" || wordAt(text, tokens[i]) === "type" || wordAt(text, tokens[i]) === "var") break;
  }
  const specs: Array<{ path: string; alias: string | undefined; token: CToken }> = [];
  for (const { keyword } of imports) {
    let i = keyword + 1;
    const block = punctAt(text, tokens[i]) === "(";
    if (block) i++;
    while (i < tokens.length) {
      if (block && punctAt(text, tokens[i]) === ")") break;
      let alias: string | undefined;
      if (wordAt(text, tokens[i]) !== undefined || punctAt(text, tokens[i]) === "." || punctAt(text, tokens[i]) === "_") {
        alias = text.slice(tokens[i]!.start, tokens[i]!.end);
        i++;
      }
      const spec = tokens[i];
      if (spec?.kind !== "string") return { error: "could not read the Go imports" };
      specs.push({ path: text.slice(spec.start + 1, spec.end - 1), alias, token: spec });
      i++;
      if (punctAt(text, tokens[i]) === ";") i++;
      if (!block) break;
    }
  }
  const os = specs.find((spec) => spec.path === "os");
  if (os) return os.alias === undefined ? undefined : { error: 'the file imports "os" under another name; change the read by hand' };
  // The first block whose first group holds standard-library paths (no dot in the first element).
  for (const { keyword } of imports) {
    if (punctAt(text, tokens[keyword + 1]) !== "(") continue;
    const groupSpecs = specs.filter((spec) => spec.token.start > tokens[keyword]!.start);
    const firstStd = groupSpecs.find((spec) => !spec.path.split("/")[0]!.includes("."));
    if (!firstStd) continue;
    // The group of firstStd: specs on consecutive lines with it.
    const group = [firstStd];
    for (const spec of groupSpecs.slice(groupSpecs.indexOf(firstStd) + 1)) {
      if (lineOf(text, spec.token.start) !== lineOf(text, group[group.length - 1]!.token.start) + 1) break;
      group.push(spec);
    }
    const after = group.find((spec) => spec.path > "os");
    const anchor = after ?? group[group.length - 1]!;
    const anchorLineStart = text.lastIndexOf("\n", anchor.token.start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(anchorLineStart))![0];
    if (after) return { start: anchorLineStart, end: anchorLineStart, text: `${indent}"os"${nl}` };
    const lineEnd = text.indexOf("\n", anchor.token.end);
    const at = lineEnd === -1 ? text.length : lineEnd + 1;
    return { start: at, end: at, text: `${indent}"os"${nl}` };
  }
  const single = imports.find(({ keyword }) => punctAt(text, tokens[keyword + 1]) !== "(");
  if (single) {
    const keyword = tokens[single.keyword]!;
    const spec = specs.find((s) => s.token.start > keyword.start)!;
    const lines = [spec, { path: "os", alias: undefined, token: spec.token }]
      .sort((a, b) => (a.path < b.path ? -1 : 1))
      .map((s) => `\t${s.alias ? `${s.alias} ` : ""}"${s.path}"`);
    const std = !spec.path.split("/")[0]!.includes(".");
    const body = std ? lines.join(nl) : `\t"os"${nl}${nl}\t${spec.alias ? `${spec.alias} ` : ""}"${spec.path}"`;
    return { start: keyword.start, end: spec.token.end, text: `import (${nl}${body}${nl})` };
  }
  const packageIndex = tokens.findIndex((token) => wordAt(text, token) === "package");
  const name = tokens[packageIndex + 1];
  if (packageIndex === -1 || name === undefined) return { error: "found no package clause" };
  const lineEnd = text.indexOf("\n", name.end);
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  return { start: at, end: at, text: `${lineEnd === -1 ? nl : ""}${nl}import "os"${nl}` };
}

/** `using System;` at the top of the usings, unless the file has it (or a global using of it). */
function csharpUsingEdit(text: string, tokens: CToken[]): Edit | undefined {
  if (/^\s*(?:global\s+)?using\s+System\s*;/m.test(text)) return undefined;
  const nl = newlineOf(text);
  const firstUsing = tokens.find((token) => wordAt(text, token) === "using");
  const firstCode = tokens.find((token) => token.kind !== "comment");
  const anchor = firstUsing && firstCode && firstUsing.start === firstCode.start ? firstUsing : firstCode;
  if (!anchor) return { start: 0, end: 0, text: `using System;${nl}` };
  const lineStart = text.lastIndexOf("\n", anchor.start - 1) + 1;
  const separate = anchor === firstUsing ? "" : nl;
  return { start: lineStart, end: lineStart, text: `using System;${nl}${separate}` };
}
