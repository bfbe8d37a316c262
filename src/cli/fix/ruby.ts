import { applyEdits, keyOffsets, placeholderFor } from "./text.js";
import { refuse, type Edit, type Rewrite, type RewriteInput } from "./types.js";

/**
 * Ruby has no parser this tool can run, and its grammar (heredocs, %-literals, regex literals) is
 * too rich for a lexer to be sure of. So the rewrite is kept to what can be checked on the line
 * itself: the key is a whole '…' or "…" literal (no escapes, no #{…}), everything before it on the
 * line reads as plain code with balanced quotes, and the file has no heredoc or =begin block. A key
 * in a # comment becomes the variable's name. Anything else is refused.
 */
export function rewriteRuby(input: RewriteInput): Rewrite {
  const { text } = input;
  if (/<<[~-]?(?:[A-Z_]+|["'`][^"'`\n]+["'`])/.test(text)) return refuse("the file has a heredoc, which this rewrite cannot read safely");
  if (/^=begin\b/m.test(text)) return refuse("the file has an =begin block, which this rewrite cannot read safely");
  const located = keyOffsets(text, input.keys);
  if (!located) return refuse("the file no longer holds the key where it was staged");
  const edits: Edit[] = [];
  for (const { key, start, end } of located) {
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const before = text.slice(lineStart, start);
    const state = scanLine(before);
    if (state === "unsure") return refuse(`line ${key.line}: the code before the key is too complex to rewrite safely`);
    if (state === "comment") {
      edits.push({ start, end, text: placeholderFor(key.name) });
      continue;
    }
    const quote = text[start - 1];
    if ((quote !== '"' && quote !== "'") || text[end] !== quote || state !== quote) {
      return refuse(`line ${key.line}: the key is not a whole '…' or "…" string`);
    }
    edits.push({ start: start - 1, end: end + 1, text: `ENV.fetch("${key.name}")` });
  }
  return { ok: true, text: applyEdits(text, edits), notes: [] };
}

/**
 * Where the end of `before` (the line up to the key) stands: in code, in a comment, or just inside an
 * opened ' or " string (the quote's character); "unsure" for escapes, interpolation, %-literals or
 * regex literals, which the rewrite does not try to read.
 */
function scanLine(before: string): "code" | "comment" | "'" | '"' | "unsure" {
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (quote) {
      if (c === "\\" || (quote === '"' && c === "#" && before[i + 1] === "{")) return "unsure";
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "#") return "comment";
    if (c === '"' || c === "'") quote = c;
    else if (c === "%" && /[qQwWiIr({[<]/.test(before[i + 1] ?? "")) return "unsure";
    else if (c === "/" || c === "`" || c === "?") return "unsure";
  }
  if (quote === '"' || quote === "'") return before.length > 0 && before[before.length - 1] === quote ? quote : "unsure";
  return "code";
}
