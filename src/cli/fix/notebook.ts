import { pythonEdits } from "./python.js";
import { applyEdits, placeholderFor } from "./text.js";
import { refuse, type KeyInFile, type Rewrite, type Tokenize } from "./types.js";

interface Cell {
  cell_type?: unknown;
  source?: unknown;
  outputs?: unknown;
  execution_count?: unknown;
  [other: string]: unknown;
}

/**
 * A Jupyter notebook (nbformat 4): the notebook is edited as JSON, not as text. In code cells the key
 * is rewritten as in a Python file (magics such as `%pip` and `!ls` are read as comments); in
 * markdown and raw cells it becomes the variable's name; a cell whose outputs show the key loses its
 * outputs and execution count, as "Clear output" would. The notebook is written back the way Jupyter
 * writes it (the file's own indentation, keys in their order, a final newline), so the diff shows only
 * the cells that changed. A key anywhere else (metadata, attachments) is refused.
 */
export async function rewriteNotebook(text: string, keys: KeyInFile[], tokenize: Tokenize): Promise<Rewrite> {
  let notebook: { cells?: unknown; nbformat?: unknown };
  try {
    notebook = JSON.parse(text) as typeof notebook;
  } catch {
    return refuse("the notebook is not valid JSON");
  }
  if (!Array.isArray(notebook.cells) || typeof notebook.nbformat !== "number" || notebook.nbformat < 4) {
    return refuse("not an nbformat 4 notebook");
  }
  const notes: string[] = [];
  const values = [...new Map(keys.map((key) => [key.key, key])).values()];
  for (const [index, cell] of (notebook.cells as Cell[]).entries()) {
    const number = index + 1;
    const source = Array.isArray(cell.source) ? (cell.source as unknown[]).join("") : typeof cell.source === "string" ? cell.source : undefined;
    if (source === undefined) return refuse(`cell ${number} has no readable source`);
    const present = values.filter((key) => source.includes(key.key));
    if (present.length > 0) {
      const rewritten = cell.cell_type === "code" ? await rewriteCodeCell(source, present, tokenize) : replaceAll(source, present);
      if (!rewritten.ok) return refuse(`cell ${number}: ${rewritten.reason}`);
      cell.source = Array.isArray(cell.source) ? splitLines(rewritten.text) : rewritten.text;
    }
    if (cell.outputs !== undefined && values.some((key) => JSON.stringify(cell.outputs).includes(key.key))) {
      cell.outputs = [];
      if ("execution_count" in cell) cell.execution_count = null;
      notes.push(`cleared the outputs of cell ${number}, which showed the key`);
    }
  }
  const out = serialize(notebook, text);
  if (values.some((key) => out.includes(key.key))) return refuse("the key is also in the notebook's metadata or attachments; remove it by hand");
  return { ok: true, text: out, notes };
}

/** A code cell: magics masked as comments (same length, so positions hold), then the Python rewrite. */
async function rewriteCodeCell(source: string, keys: KeyInFile[], tokenize: Tokenize): Promise<Rewrite> {
  if (/^\s*%%/.test(source)) return refuse("a cell magic (%%…) cell is not Python; change it by hand");
  const masked = source.replace(/^([ \t]*)[%!?]/gm, "$1#");
  const tokens = await tokenize(masked);
  if ("error" in tokens) return refuse(tokens.error);
  const located = occurrences(source, keys);
  const edits = pythonEdits(masked, located, tokens);
  if (!Array.isArray(edits)) return edits;
  return { ok: true, text: applyEdits(source, edits), notes: [] };
}

/** Every place each key appears in the text, as positions. */
function occurrences(text: string, keys: KeyInFile[]): KeyInFile[] {
  const found: KeyInFile[] = [];
  for (const key of keys) {
    for (let at = text.indexOf(key.key); at !== -1; at = text.indexOf(key.key, at + key.key.length)) {
      const lineStart = text.lastIndexOf("\n", at - 1) + 1;
      const line = text.slice(0, at).split("\n").length;
      found.push({ ...key, line, column: at - lineStart + 1 });
    }
  }
  return found;
}

function replaceAll(text: string, keys: KeyInFile[]): Rewrite {
  let out = text;
  for (const key of keys) out = out.split(key.key).join(placeholderFor(key.name));
  return { ok: true, text: out, notes: [] };
}

/** nbformat keeps a multi-line source as its lines, each with its newline (Python's splitlines(keepends=True)). */
function splitLines(text: string): string[] {
  return text.length === 0 ? [] : (text.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

/**
 * Back to text as the notebook was written: its indentation (Jupyter uses one space), non-ASCII as
 * \u escapes if the file had them escaped, and its final newline.
 */
function serialize(notebook: unknown, original: string): string {
  const indent = /^\{\r?\n( +|\t)"/.exec(original)?.[1] ?? (original.startsWith("{\n") ? " " : "");
  let out = JSON.stringify(notebook, null, indent);
  // eslint-disable-next-line no-control-regex
  const escapedAscii = !/[^\x00-\x7f]/.test(original) && /\\u(?:00[89a-f]|0[1-9a-f]|[1-9a-f])[0-9a-f]{2}/i.test(original);
  if (escapedAscii) out = out.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const crlf = original.includes("\r\n");
  if (crlf) out = out.replace(/\n/g, "\r\n");
  return out + (original.endsWith("\n") ? (crlf ? "\r\n" : "\n") : "");
}
