import kleur from "kleur";
import { colourEnabled } from "../colour.js";
import { printablePath } from "../messages.js";
import { scrubKeys } from "../../core/rules/index.js";
import type { FixReport } from "../commands/fix.js";
import { unifiedDiff } from "./diff.js";

kleur.enabled = colourEnabled();

/**
 * What `fix` did (or, with --dry-run, would do): the keys moved and where to, the diff (dry run),
 * the index changes, what was left and why, and the rotation warning for keys already pushed. Every
 * line goes through redactKeys: the dry-run diff shows the removed lines with their keys shortened.
 */
export function renderFixReport(report: FixReport, unmerged: string[]): string {
  const out: string[] = [];
  const verb = report.dryRun ? "would move" : "moved";
  const count = report.moved.length;
  if (count > 0) {
    out.push(`pinekey-hook: ${verb} ${count === 1 ? "1 key" : `${count} keys`} out of the code${report.dryRun ? " (dry run: nothing changed)" : ""}:`);
    for (const move of report.moved) {
      out.push(`  ${printablePath(move.file)}:${move.line}  ${move.redacted}  ->  ${kleur.cyan(move.name)} (from the environment)`);
    }
  } else {
    out.push(`pinekey-hook: ${report.dryRun ? "would move" : "moved"} no key out of the code${report.dryRun ? " (dry run: nothing changed)" : ""}.`);
  }
  const notes = report.changes.flatMap((change) => change.notes.filter((n) => n !== "created" && !n.startsWith("not staged")).map((note) => `  ${printablePath(change.path)}: ${note}`));
  if (notes.length > 0) out.push("", "Also do:", ...notes);
  const env = report.changes.find((change) => change.path === ".env");
  const side = report.changes.filter((change) => change.path === ".gitignore" || change.path === ".env.example");
  if (env || side.length > 0 || report.untracked.length > 0) {
    out.push("", report.dryRun ? "Would also:" : "Also:");
    if (env) out.push(`  .env: ${env.before === undefined ? "created, with" : "added"} ${plural(env.after.split("\n").length - (env.before?.split("\n").length ?? 1), "line")} (the value; never committed)`);
    for (const change of side) out.push(`  ${change.path}: ${change.notes.length > 0 ? `${change.notes.join("; ")}; ` : ""}${change.path === ".gitignore" ? "ignores the files holding values" : "lists the names without values"}`);
    for (const path of report.untracked) out.push(`  ${printablePath(path)}: no longer tracked (git rm --cached), ignored, left on disk as it is`);
  }
  if (report.dryRun) {
    const diffs = report.changes.map((change) => unifiedDiff(change.path, change.before, change.after)).filter((diff) => diff.length > 0);
    if (diffs.length > 0) out.push("", ...diffs.map((diff) => diff.trimEnd()));
  } else {
    const staged = report.changes.filter((change) => change.stage).map((change) => printablePath(change.path));
    if (staged.length > 0) out.push("", `Staged again: ${staged.join(", ")}`);
  }
  if (report.left.length > 0) {
    out.push("", kleur.bold(`Left for you (${report.left.length}):`));
    for (const item of report.left) out.push(`  ${printablePath(item.path)}: ${item.what}`);
  }
  if (unmerged.length > 0) out.push("", `Unmerged paths (resolve them first, then run fix again): ${unmerged.map(printablePath).join(", ")}`);
  if (report.pushed.length > 0) {
    out.push(
      "",
      kleur.red().bold(`Already pushed: ${report.pushed.join(", ")} ${report.pushed.length === 1 ? "is" : "are"} in commits a remote has.`),
      "  Moving it out of the code does not take it back: rotate it. pinekey-hook rotate creates a new key",
      "  through Pinecone's Admin API, writes it into .env and deletes the old one:",
      `    ${kleur.cyan("pinekey-hook rotate --key-id <the key's id in the console> --env-file .env")}`,
      "  Then clean the history if the key must not stay in it.",
    );
  }
  if (!report.dryRun && report.moved.length > 0 && report.left.length === 0) out.push("", `Next: ${kleur.cyan("git commit")} (the values stay in .env, which git ignores)`);
  if (report.dryRun && report.moved.length > 0) out.push("", `Run ${kleur.cyan("pinekey-hook fix")} to make these changes.`);
  return redactKeys(out.join("\n") + "\n", report.keys);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Never a full key in anything fix prints: every key it handled, then any key-shaped text left. */
export function redactKeys(text: string, keys: string[]): string {
  let out = text;
  for (const key of keys) out = out.split(key).join(`${key.slice(0, key.startsWith("pc") ? key.indexOf("_", 5) + 5 : 4)}…`);
  return scrubKeys(out);
}
