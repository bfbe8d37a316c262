import { spawn } from "node:child_process";
import type { PythonToken, Tokenize } from "./types.js";

/**
 * Python's own tokenizer (the `tokenize` module) run by `python3`, so strings, f-strings, comments
 * and continuation lines are read exactly as Python reads them. The source goes in on stdin (never
 * on the command line, where other users of the machine could see it); the tokens come back as JSON
 * arrays: [type name, start line, start column, end line, end column, text]. Python counts columns
 * in code points; they are turned into UTF-16 units here, as the rest of pinekey-hook counts.
 */
const SCRIPT = `
import io, json, sys, tokenize
source = sys.stdin.buffer.read().decode("utf-8")
out = []
try:
    for t in tokenize.generate_tokens(io.StringIO(source).readline):
        keep = t.type in (tokenize.STRING, tokenize.COMMENT, tokenize.NAME, tokenize.OP) or tokenize.tok_name[t.type].startswith("FSTRING")
        out.append([tokenize.tok_name[t.type], t.start[0], t.start[1], t.end[0], t.end[1], t.string if keep else ""])
except (tokenize.TokenError, SyntaxError) as error:
    sys.stdout.write(json.dumps({"error": str(error.args[0] if error.args else error)}))
    sys.exit(0)
sys.stdout.write(json.dumps(out))
`;

/** `python3` on PATH (PINEKEY_PYTHON overrides, e.g. for a venv's interpreter), or undefined when it cannot run. */
export function pythonTokenizer(python = process.env.PINEKEY_PYTHON ?? "python3"): Tokenize {
  return (source) =>
    new Promise((resolve, reject) => {
      const child = spawn(python, ["-I", "-c", SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") resolve({ error: `${python} was not found (Python's own tokenizer is needed to rewrite Python safely)` });
        else reject(error);
      });
      child.stdin.on("error", () => undefined); // a python that died early: its exit says why
      child.on("close", (code) => {
        if (code !== 0) {
          resolve({ error: `${python} failed (exit ${code}): ${Buffer.concat(stderr).toString("utf8").trim().split("\n").pop() ?? ""}` });
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(stdout).toString("utf8"));
        } catch {
          resolve({ error: `${python} gave no tokens` });
          return;
        }
        if (!Array.isArray(parsed)) {
          resolve({ error: `Python could not tokenize it: ${String((parsed as { error?: unknown }).error)}` });
          return;
        }
        resolve(toUtf16(source, parsed as Array<[string, number, number, number, number, string]>));
      });
      child.stdin.end(source, "utf8");
    });
}

function toUtf16(source: string, raw: Array<[string, number, number, number, number, string]>): PythonToken[] {
  const lines = source.split("\n");
  const convert = (line: number, column: number): number => {
    const text = lines[line - 1] ?? "";
    if (!/[\ud800-\udfff]/.test(text)) return column;
    let units = 0;
    for (let points = 0; points < column && units < text.length; points++) units += text.codePointAt(units)! > 0xffff ? 2 : 1;
    return units;
  };
  return raw.map(([type, startLine, startColumn, endLine, endColumn, text]) => ({
    type,
    startLine,
    startColumn: convert(startLine, startColumn),
    endLine,
    endColumn: convert(endLine, endColumn),
    text,
  }));
}
