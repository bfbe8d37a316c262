import { applyEdits, keyOffsets, lineStarts, newlineOf, placeholderFor } from "./text.js";
import { refuse, type Edit, type KeyInFile, type PythonToken, type Rewrite } from "./types.js";

const STRING_START = /^([rRuUbBfF]*)('''|"""|'|")/;

/**
 * Python: a string literal that is exactly the key becomes `os.environ["NAME"]`, and `import os` is
 * added unless the module imports it already; a key in a comment becomes the variable's name.
 * Positions come from Python's own tokenizer. Refused: a key in a bytes literal, an f-string or a
 * longer string (splitting those changes what the code means in ways only its author knows).
 */
export function rewritePython(text: string, keys: KeyInFile[], tokens: PythonToken[]): Rewrite {
  const edits = pythonEdits(text, keys, tokens);
  return Array.isArray(edits) ? { ok: true, text: applyEdits(text, edits), notes: [] } : edits;
}

/** The edits rewritePython makes (a notebook applies them to the cell as it was before masking its magics). */
export function pythonEdits(text: string, keys: KeyInFile[], tokens: PythonToken[]): Edit[] | Rewrite {
  const located = keyOffsets(text, keys);
  if (!located) return refuse("the file no longer holds the key where it was staged");
  const starts = lineStarts(text);
  const offset = (line: number, column: number) => (starts[line - 1] ?? text.length) + column;
  const edits: Edit[] = [];
  let reads = 0;
  for (const { key, start, end } of located) {
    const token = tokens.find((t) => offset(t.startLine, t.startColumn) <= start && end <= offset(t.endLine, t.endColumn));
    if (token?.type === "COMMENT") {
      edits.push({ start, end, text: placeholderFor(key.name) });
      continue;
    }
    if (token?.type !== "STRING") {
      return refuse(`line ${key.line}: the key is not a plain string literal (${token ? `a ${token.type.toLowerCase()} token` : "not inside any token"})`);
    }
    const opening = STRING_START.exec(token.text);
    const prefix = opening?.[1]?.toLowerCase() ?? "";
    if (!opening || /[bf]/.test(prefix)) return refuse(`line ${key.line}: the key is in ${/b/.test(prefix) ? "a bytes literal" : "an f-string"}; change it by hand`);
    const quote = opening[2]!;
    const body = token.text.slice(opening[0].length, token.text.length - quote.length);
    if (body !== key.key) return refuse(`line ${key.line}: the key is part of a longer string; split it by hand`);
    edits.push({
      start: offset(token.startLine, token.startColumn),
      end: offset(token.endLine, token.endColumn),
      text: `os.environ["${key.name}"]`,
    });
    reads++;
  }
  if (reads > 0 && !importsOs(tokens)) edits.push(importOsEdit(text, tokens, offset));
  return edits;
}

/** Statements at the top level of the module, each as its significant tokens. */
function topLevelStatements(tokens: PythonToken[]): PythonToken[][] {
  const statements: PythonToken[][] = [];
  let depth = 0; // INDENT/DEDENT nesting
  let current: PythonToken[] = [];
  for (const token of tokens) {
    if (token.type === "INDENT") depth++;
    else if (token.type === "DEDENT") depth--;
    else if (token.type === "NEWLINE" || token.type === "ENDMARKER") {
      if (current.length > 0 && depth === 0) statements.push(current);
      current = [];
    } else if (token.type !== "NL" && token.type !== "COMMENT" && token.type !== "ENCODING") current.push(token);
  }
  return statements;
}

/** `import os` or `import sys, os` at the top level (`import os as o` does not bind os). */
function importsOs(tokens: PythonToken[]): boolean {
  return topLevelStatements(tokens).some((statement) => {
    if (statement[0]?.text !== "import") return false;
    for (let i = 1; i < statement.length; i++) {
      if (statement[i]!.text === "os" && (statement[i - 1]!.text === "import" || statement[i - 1]!.text === ",") && statement[i + 1]?.text !== "as" && statement[i + 1]?.text !== ".") return true;
    }
    return false;
  });
}

/**
 * Where `import os` goes: after the module docstring and any `from __future__` imports (which must
 * come first), before the first other statement; a blank line follows it unless imports follow.
 */
function importOsEdit(text: string, tokens: PythonToken[], offset: (line: number, column: number) => number): Edit {
  const nl = newlineOf(text);
  const statements = topLevelStatements(tokens);
  let index = 0;
  if (statements[0]?.length === 1 && statements[0][0]!.type === "STRING") index++;
  while (statements[index]?.[0]?.text === "from" && statements[index]![1]?.text === "__future__") index++;
  const next = statements[index];
  if (!next) {
    const needsNewline = text.length > 0 && !text.endsWith("\n");
    return { start: text.length, end: text.length, text: `${needsNewline ? nl : ""}import os${nl}` };
  }
  const at = offset(next[0]!.startLine, 0);
  const importFollows = next[0]!.text === "import" || next[0]!.text === "from";
  return { start: at, end: at, text: `import os${nl}${importFollows ? "" : nl}` };
}
