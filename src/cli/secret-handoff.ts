/**
 * Handing a new key to where the applications read it, for `rotate`: a command that receives the key
 * on its stdin (`--update-with`), or a dotenv file's `PINECONE_API_KEY=` line (`--env-file`). The key
 * never goes into a child's argv or environment, and a child's output is masked before it is shown.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { scrubKeys } from "../core/rules/index.js";

/** `pcsk_AbC12_7xQa…` / `pckey_…_…`: the label and four characters; anything else, four characters. */
export function redactValue(value: string): string {
  const cut = value.lastIndexOf("_");
  return cut > 0 && cut < value.length - 4 ? `${value.slice(0, cut + 1)}${value.slice(cut + 1, cut + 5)}…` : `${value.slice(0, 4)}…`;
}

/** Text from a child or a file, with the given secrets (and anything key-shaped) masked. */
export function maskSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join(redactValue(secret));
  return scrubKeys(out);
}

export interface CommandOutcome {
  ok: boolean;
  /** Why it failed: exit code, signal, timeout, not found. */
  reason?: string;
  /** The command's stdout and stderr, masked, last lines only. */
  output: string;
}

const OUTPUT_CAP = 64 * 1024;
const SHOWN_LINES = 12;

/** Variables the update command does not need: the service account's credentials. */
const WITHHELD = ["PINECONE_CLIENT_ID", "PINECONE_CLIENT_SECRET"];

/**
 * Run `command` through the shell with `value` on its stdin (no newline after it: `file:///dev/stdin`
 * and `vault … api_key=-` take stdin as it is). Ends it (its whole process group) at the timeout.
 */
let running: ChildProcess | undefined;

/** End the update command's whole process group (it runs in its own, out of reach of the terminal's Ctrl-C). */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined && process.platform !== "win32") process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    // already gone
  }
}

/** Stop the update command if one is running (the run was interrupted). */
export function stopUpdateCommand(): void {
  if (running) killGroup(running);
}

export function runUpdateCommand(command: string, value: string, timeoutMs: number, cwd: string | undefined): Promise<CommandOutcome> {
  const env = { ...process.env };
  for (const name of WITHHELD) delete env[name];
  return new Promise((resolve) => {
    const child = spawn(command, {
      shell: true,
      cwd,
      env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: process.platform !== "win32",
    });
    let output = "";
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-OUTPUT_CAP);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    running = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    const shown = (): string => maskSecrets(output, [value]).trimEnd().split("\n").slice(-SHOWN_LINES).join("\n");
    child.stdin.on("error", () => undefined); // a command that does not read stdin closes it early
    child.stdin.end(value);
    child.on("error", (error) => {
      clearTimeout(timer);
      running = undefined;
      resolve({ ok: false, reason: `could not start it (${error.message})`, output: shown() });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      if (timedOut) resolve({ ok: false, reason: `it did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`, output: shown() });
      else if (code === 0) resolve({ ok: true, output: shown() });
      else resolve({ ok: false, reason: signal ? `it was killed by ${signal}` : `it exited with code ${code}`, output: shown() });
    });
  });
}

/**
 *   PINECONE_API_KEY=<value>            export PINECONE_API_KEY="<value>"       PINECONE_API_KEY='<value>'
 * The first such line gets the new value in the same quoting; without one, a line is appended.
 */
const KEY_LINE = /^(\s*(?:export\s+)?PINECONE_API_KEY\s*=\s*)(["']?)(.*?)\2(\s*(?:#.*)?)$/;

export function rewriteEnvText(text: string, value: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((line) => KEY_LINE.test(line.replace(/\r$/, "")));
  if (at === -1) return `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}PINECONE_API_KEY=${value}\n`;
  const line = lines[at]!;
  const cr = line.endsWith("\r") ? "\r" : "";
  const [, prefix, quote, , rest] = KEY_LINE.exec(line.replace(/\r$/, ""))!;
  lines[at] = `${prefix}${quote}${value}${quote}${rest}${cr}`;
  return lines.join("\n");
}

/** The file as it was, to put back if a later step fails. */
export interface EnvFileBackup {
  path: string;
  text: string;
}

/** Read the file (it must exist): a typo in the path should fail before any key is created. */
export function readEnvFile(path: string): EnvFileBackup {
  return { path, text: readFileSync(path, "utf8") };
}

/** Replace the file in one rename, keeping its permissions (a half-written .env must never exist). */
export function writeEnvFile(path: string, text: string): void {
  const mode = statSync(path).mode & 0o777;
  const temp = join(dirname(path), `.${basename(path)}.pinekey-${randomBytes(6).toString("hex")}`);
  try {
    writeFileSync(temp, text, { mode, flag: "wx" });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}
