import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Matches any line pinekey-hook added to a hook file, whatever its exact wording. */
export const OWN_HOOK_LINE = /\bpinekey-hook\s+pre-(?:commit|push)\b/;

/**
 * Put `line` into the hook file, after a shebang if there is one, before the existing commands so
 * the key check runs first even when a later command exits early. Returns false when the file
 * already runs the same pinekey-hook command (install is idempotent).
 */
export function addHookLine(file: string, line: string, alreadyThere: RegExp): boolean {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${line}\n`, { mode: 0o755 });
    return true;
  }
  const text = readFileSync(file, "utf8");
  if (text.split("\n").some((existing) => alreadyThere.test(existing))) return false;
  const lines = text.split("\n");
  const at = lines[0]?.startsWith("#!") ? 1 : 0;
  lines.splice(at, 0, line);
  writeFileSync(file, lines.join("\n"));
  chmodSync(file, 0o755);
  return true;
}

export type RemoveOutcome = "unchanged" | "changed" | "deleted";

/** Remove pinekey-hook's lines; delete the file when nothing but a shebang and blank lines is left. */
export function removeHookLines(file: string): RemoveOutcome {
  if (!existsSync(file)) return "unchanged";
  const lines = readFileSync(file, "utf8").split("\n");
  const kept = lines.filter((line) => !OWN_HOOK_LINE.test(line));
  if (kept.length === lines.length) return "unchanged";
  if (kept.every((line) => line.trim() === "" || line.startsWith("#!"))) {
    rmSync(file);
    return "deleted";
  }
  writeFileSync(file, kept.join("\n"));
  return "changed";
}
