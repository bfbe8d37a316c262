import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PinekeyError } from "../../core/errors.js";
import { commonGitDir, workTreeRoot } from "../../git/repository.js";
import { IGNORE_FILE, isFingerprint, loadIgnoredFingerprints } from "../config.js";
import { lastFindings } from "../last-findings.js";
import { ignoreMessage } from "../messages.js";
import { appendTextFile } from "../output.js";
import type { CommandResult } from "../result.js";

export interface IgnoreOptions {
  fingerprints: string[];
  /** Take the fingerprints of the most recent blocked run instead. */
  last: boolean;
  cwd?: string;
}

/**
 * `pinekey-hook ignore <fingerprint…>` / `ignore --last`: list fingerprints in `.pinekeyignore`, so
 * a known (revoked, test) key is reported as allowed wherever it appears, on whatever line.
 */
export async function ignoreCommand(options: IgnoreOptions): Promise<CommandResult> {
  const root = await workTreeRoot(options.cwd);
  if (options.last && options.fingerprints.length > 0) {
    throw new PinekeyError("BAD_ARGUMENTS", "give fingerprints to ignore or --last, not both.");
  }
  if (!options.last && options.fingerprints.length === 0) {
    throw new PinekeyError("BAD_ARGUMENTS", "give the fingerprints to ignore, or --last for those of the most recent blocked run.");
  }
  const existing = loadIgnoredFingerprints(root);

  let entries: Array<{ fingerprint: string; comment: string }>;
  if (options.last) {
    const remembered = lastFindings(await commonGitDir(root));
    if (!remembered || remembered.length === 0) {
      throw new PinekeyError(
        "BAD_ARGUMENTS",
        "there is no blocked run to take fingerprints from.",
        "Run the commit, push or scan that was blocked first, or pass fingerprints from its JSON output.",
      );
    }
    entries = remembered.map((f) => ({ fingerprint: f.fingerprint, comment: `${f.redacted} at ${f.file}:${f.line}` }));
  } else {
    for (const fingerprint of options.fingerprints) {
      if (!isFingerprint(fingerprint)) {
        throw new PinekeyError("BAD_ARGUMENTS", `"${fingerprint}" is not a fingerprint (expected <rule>:<16 hex digits>).`);
      }
    }
    entries = options.fingerprints.map((fingerprint) => ({ fingerprint, comment: "added by pinekey-hook ignore" }));
  }

  const added: string[] = [];
  const lines: string[] = [];
  for (const { fingerprint, comment } of entries) {
    if (existing.has(fingerprint) || added.includes(fingerprint)) continue;
    added.push(fingerprint);
    lines.push(`${fingerprint}  # ${comment.replace(/[\r\n]/g, " ")}`);
  }
  if (lines.length > 0) {
    const path = join(root, IGNORE_FILE);
    const before = existsSync(path) ? readFileSync(path, "utf8") : "";
    const separator = before.length > 0 && !before.endsWith("\n") ? "\n" : "";
    appendTextFile(path, separator + lines.join("\n") + "\n");
  }
  return { exitCode: 0, stdout: ignoreMessage(added, entries.length - added.length) };
}
