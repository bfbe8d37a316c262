import type { Edit, KeyInFile } from "./types.js";

/** Offsets where each line starts (index 0 is line 1). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}

/**
 * The offset of a 1-based line and column. The detector counts columns without a UTF-8 byte-order
 * mark on line 1, so the mark is skipped here too.
 */
export function offsetOf(text: string, starts: number[], line: number, column: number): number {
  const lineStart = starts[line - 1] ?? text.length;
  const bom = line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return lineStart + bom + column - 1;
}

/** Where each key starts in the text; undefined when the text there is not that key (the file moved on). */
export function keyOffsets(text: string, keys: KeyInFile[]): Array<{ key: KeyInFile; start: number; end: number }> | undefined {
  const starts = lineStarts(text);
  const located = [];
  for (const key of keys) {
    const start = offsetOf(text, starts, key.line, key.column);
    if (text.slice(start, start + key.key.length) !== key.key) return undefined;
    located.push({ key, start, end: start + key.key.length });
  }
  return located;
}

/**
 * Every place `key` appears in the text, as 1-based lines and columns counted the way offsetOf reads
 * them (without line 1's byte-order mark).
 */
export function positionsOf(text: string, key: string): Array<{ line: number; column: number }> {
  const starts = lineStarts(text);
  const found = [];
  let line = 0;
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + key.length)) {
    while (line + 1 < starts.length && starts[line + 1]! <= at) line++;
    const bom = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    found.push({ line: line + 1, column: at - starts[line]! - bom + 1 });
  }
  return found;
}

/** Apply non-overlapping edits (in any order). Throws on an overlap: a rewriter bug, never a guess. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error("fix: overlapping edits");
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The line ending the file uses (CRLF when its first line ends so). */
export function newlineOf(text: string): string {
  const first = text.indexOf("\n");
  return first > 0 && text[first - 1] === "\r" ? "\r\n" : "\n";
}

/** What a key inside a comment or prose becomes: the name of the variable that now holds it. */
export function placeholderFor(name: string): string {
  return `<${name}>`;
}

/** The leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
