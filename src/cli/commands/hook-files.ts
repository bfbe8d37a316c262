import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Matches any line that runs pinekey-hook as a hook, whatever else it does. */
export const OWN_HOOK_LINE = /\bpinekey-hook\s+(?:pre-(?:commit|push)|commit-msg)\b/;

/**
 * A line that does nothing but run pinekey-hook: the line install writes (it starts with the
 * `command -v pinekey-hook` check) or a plain call such as `pinekey-hook pre-commit`,
 * `exec pinekey-hook pre-push "$@"`, `npx pinekey-hook pre-commit || exit $?`. Uninstall removes
 * only these; a line that also runs something else (`npm test && pinekey-hook pre-commit`) is the
 * person's own, and is left for them to edit.
 */
const ONLY_PINEKEY_LINE =
  /^\s*(?:command -v (?:pinekey-hook|node)\b.*pinekey-hook\s+(?:pre-(?:commit|push)|commit-msg)\b.*|(?:exec\s+)?(?:npx\s+(?:--no(?:-install)?\s+)?)?pinekey-hook\s+(?:pre-(?:commit|push)|commit-msg)(?:\s+"\$[@1]")?(?:\s*\|\|\s*exit(?:\s+\$\?)?)?\s*;?)\s*$/;

/**
 * Put `line` into the hook file, after a shebang if there is one, before the existing commands so
 * the key check runs first even when a later command exits early. Returns false when the file
 * already runs the same pinekey-hook command (install is idempotent); a line an earlier install
 * wrote is replaced by the current one, a line of the person's own is left alone.
 */
export function addHookLine(file: string, line: string, hook: string): boolean {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${line}\n`, { mode: 0o755 });
    return true;
  }
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  const runs = new RegExp(`\\bpinekey-hook\\s+${hook}\\b`);
  const existing = lines.findIndex((candidate) => runs.test(candidate));
  if (existing !== -1) {
    const ours = lines[existing]!;
    if (ours === line || !/^\s*command -v (?:pinekey-hook|node)\b/.test(ours) || !ONLY_PINEKEY_LINE.test(ours)) return false;
    lines[existing] = line;
    writeFileSync(file, lines.join("\n"));
    return true;
  }
  const at = lines[0]?.startsWith("#!") ? 1 : 0;
  lines.splice(at, 0, line);
  writeFileSync(file, lines.join("\n"));
  chmodSync(file, 0o755);
  return true;
}

export type RemoveOutcome = "unchanged" | "changed" | "deleted";

export interface RemoveResult {
  outcome: RemoveOutcome;
  /** 1-based numbers of lines that run pinekey-hook together with other commands (left alone). */
  sharedLines: number[];
}

/** Remove pinekey-hook's own lines; delete the file when nothing but a shebang and blank lines is left. */
export function removeHookLines(file: string): RemoveResult {
  if (!existsSync(file)) return { outcome: "unchanged", sharedLines: [] };
  const lines = readFileSync(file, "utf8").split("\n");
  const sharedLines: number[] = [];
  const kept = lines.filter((line, index) => {
    if (!OWN_HOOK_LINE.test(line)) return true;
    if (ONLY_PINEKEY_LINE.test(line)) return false;
    sharedLines.push(index + 1);
    return true;
  });
  if (kept.length === lines.length) return { outcome: "unchanged", sharedLines };
  if (kept.every((line) => line.trim() === "" || line.startsWith("#!"))) {
    rmSync(file);
    return { outcome: "deleted", sharedLines };
  }
  writeFileSync(file, kept.join("\n"));
  return { outcome: "changed", sharedLines };
}
