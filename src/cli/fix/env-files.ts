/**
 * The files that keep the value and say what the code now needs: `.env` (the value, one line per
 * name, never committed), `.env.example` (the name, no value, committed) and `.gitignore`.
 *
 *   .env:          PINECONE_API_KEY=pcsk_…        (also `export NAME=value`, quoted values)
 *   .env.example:  PINECONE_API_KEY=
 */

const DOTENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(.*?)[ \t]*\r?$/;

/** NAME → value of every assignment in a dotenv text (quotes removed, a trailing comment dropped). */
export function parseDotenv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = DOTENV_LINE.exec(line);
    if (!match) continue;
    let value = match[2]!;
    const quoted = /^(["'`])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/[ \t]+#.*$/, "");
    values.set(match[1]!, value);
  }
  return values;
}

/** The names a dotenv line assigns, with the offsets of each value (for blanking an example file). */
export function dotenvAssignments(text: string): Array<{ name: string; valueStart: number; valueEnd: number }> {
  const out = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    const match = DOTENV_LINE.exec(line);
    if (match) {
      const valueAt = line.indexOf("=") + 1;
      const raw = line.slice(valueAt).replace(/\r$/, "");
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      out.push({ name: match[1]!, valueStart: lineStart + valueAt + lead, valueEnd: lineStart + valueAt + lead + trimmed.length });
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** `text` with `lines` appended, each on its own line (a missing final newline is added first). */
export function appendLines(text: string, lines: string[]): string {
  if (lines.length === 0) return text;
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  const separator = text.length > 0 && !text.endsWith("\n") ? nl : "";
  return text + separator + lines.map((line) => line + nl).join("");
}

/** The .gitignore line for a path: `.env` anywhere for the root `.env`, else the path from the top. */
export function ignoreLineFor(path: string): string {
  return path === ".env" ? ".env" : `/${path.replace(/([*?[\\#! ])/g, "\\$1")}`;
}

/** A dotenv file meant to be committed: a template with names and placeholder values. */
export function isExampleDotenv(path: string): boolean {
  return /(?:^|[./-])(?:example|sample|template|dist|defaults?)$/i.test(path.slice(path.lastIndexOf("/") + 1));
}

/** A value safe to write unquoted on a dotenv line (keys are: letters, digits, `_` and `-`). */
export function dotenvLine(name: string, value: string): string {
  return /^[A-Za-z0-9_.-]*$/.test(value) ? `${name}=${value}` : `${name}="${value.replace(/(["\\$`])/g, "\\$1")}"`;
}
