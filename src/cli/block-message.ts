/**
 * What a hook says under the findings when it blocks: short enough for a terminal (one key in one
 * file: the whole message in at most 18 lines of at most 80 columns), and every command in it
 * pastes and runs as printed. The fix is in each file's own language (file-fixes.ts); the full
 * text, with secrets managers and the rotation checklist, is one command away
 * (`pinekey-hook explain`).
 *
 *   How to fix
 *     1. Read the key from the environment in app.py (Python):
 *          import os
 *          pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])
 *        then: git add app.py && git commit
 *     2. Ever pushed or shared? Then rotate it: pinekey-hook rotate --help (or the
 *        Pinecone console). What uses it: pinekey-hook inventory
 *     3. Not a real key? End its line with  # pinekey-allow: <reason>
 *        A revoked test key: pinekey-hook ignore --last
 *   All the advice (secrets managers, the rotation checklist): pinekey-hook explain
 */
import kleur from "kleur";
import { colourEnabled } from "./colour.js";
import type { Finding } from "../core/finding.js";
import type { RuleWords } from "../core/rules/rule.js";
import { allowComment, fixFor, placeFix, placeLabel, shellWord, type FileFix } from "./file-fixes.js";
import { wrap } from "./text.js";

kleur.enabled = colourEnabled();

export type HookContext = "pre-commit" | "pre-push" | "pre-receive";

/** Files named with their own fix before the rest are only pointed to. */
const MAX_FILES = 5;
const WIDTH = 80;

/**
 * A command as the person can run it here: under the pre-commit framework (PRE_COMMIT=1 in the
 * hook's environment) the CLI is in the framework's own environment, not on PATH, so its
 * manual-stage hooks run it instead (.pre-commit-hooks.yaml).
 */
function command(subcommand: "explain" | "ignore --last"): string {
  if (process.env.PRE_COMMIT === "1") {
    const id = subcommand === "explain" ? "pinekey-explain" : "pinekey-ignore-last";
    return `pre-commit run ${id} --hook-stage manual`;
  }
  return `pinekey-hook ${subcommand}`;
}

/** The words of a finding's rule (Pinecone's, or a custom rule's). */
export type WordsOf = (finding: Finding) => RuleWords;

/** A file's fix, in the words of the rule of its first finding. */
function fixOf(file: string, findings: Finding[], wordsOf: WordsOf): FileFix {
  const first = findings.find((f) => f.file === file);
  return first === undefined ? fixFor(file) : fixFor(file, wordsOf(first));
}

/**
 * `git add a b c && git commit` (or `--amend`) in lines that fit, continued with backslashes so the
 * whole pastes as one command. `.gitignore` stands in for files that leave git.
 */
function addAndCommit(files: string[], fixes: FileFix[], commit: string, indent: string, label = "then:"): string[] {
  const toAdd = files.filter((_, i) => !fixes[i]!.untrack).map(shellWord);
  if (fixes.some((fix) => fix.untrack)) toAdd.push(".gitignore");
  const words = ["git", "add", ...toAdd, "&&", ...commit.split(" ")];
  const lines: string[] = [];
  let line = `${indent}${label}`;
  for (const word of words) {
    if (line.length + 1 + word.length > WIDTH - 2 && line.trim() !== label) {
      lines.push(`${line} \\`);
      line = `${indent}  ${word}`;
    } else {
      line = `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Keys in commit or tag text, in names, in objects pushed by themselves: each with its one-line fix
 * (the full report shares it; `printable` makes a name safe for a terminal there).
 */
export function placeLines(blocking: Finding[], printable: (text: string) => string = (text) => text): string[] {
  const lines = new Set<string>();
  for (const finding of blocking) {
    const fix = placeFix(finding);
    if (fix === undefined) continue;
    const label = printable(placeLabel(finding));
    lines.add(`     ${label}: ${fix}`.length <= WIDTH ? `     ${label}: ${kleur.cyan(fix)}` : `     ${label}:\n       ${kleur.cyan(fix)}`);
  }
  return [...lines].flatMap((line) => line.split("\n"));
}

/**
 * Step 1: the fix, in the file's language (one file) or one line per file (several); keys outside
 * files' content (a commit message, a file name) with their own one-line fix.
 */
function fixStep(files: string[], blocking: Finding[], wordsOf: WordsOf, commit: string): string[] {
  const fixes = files.map((file) => fixOf(file, blocking, wordsOf));
  const places = placeLines(blocking);
  const out: string[] = [];
  if (files.length === 1 && places.length === 0) {
    const [file, fix] = [files[0]!, fixes[0]!];
    out.push(`  1. ${fix.untrack ? "Keep" : "Take"} the key out of ${file} (${fix.label}):`);
    for (const line of fix.lines) out.push(`       ${kleur.cyan(line)}`);
  } else {
    out.push("  1. Take each key out:");
    for (const [i, file] of files.slice(0, MAX_FILES).entries()) {
      const fix = fixes[i]!;
      const one = `     ${file}: ${fix.short}`;
      if (one.length <= WIDTH) out.push(`     ${file}: ${kleur.cyan(fix.short)}`);
      else out.push(`     ${file}:`, `       ${kleur.cyan(fix.short)}`);
    }
    if (files.length > MAX_FILES) out.push(`     and ${files.length - MAX_FILES} more files: see ${kleur.cyan(command("explain"))}`);
    out.push(...places);
  }
  if (commit !== "" && files.length > 0) {
    out.push(...addAndCommit(files, fixes, commit, "     ").map((line) => kleur.cyan(line)));
    // `fix` rewrites staged files; under the pre-commit framework the CLI is not on PATH.
    if (process.env.PRE_COMMIT !== "1") out.push(`     Or let pinekey-hook do it: ${kleur.cyan("pinekey-hook fix")} (preview: --dry-run)`);
  }
  return out;
}

function rotateStep(step: number, context: HookContext, several: boolean, kinds: RuleWords[]): string[] {
  const it = several ? "them" : "it";
  const then = context === "pre-receive" ? "It reached a server, so" : "Ever pushed or shared? Then";
  // A custom rule's secret: its own rotation words (pinekey-hook rotate is for Pinecone's keys).
  const others = kinds.filter((kind) => kind.client !== "pinecone");
  const named = others.length > 1 || others.length < kinds.length; // beside other kinds: say which
  const otherLines = others.flatMap((kind) =>
    wrap(`${named ? `${kind.one}: ` : ""}${kind.rotation.join(" ")}`, WIDTH - 5).map((line) => `     ${line}`),
  );
  if (others.length === kinds.length) return [`  ${step}. ${then} rotate ${it}:`, ...otherLines];
  if (process.env.PRE_COMMIT === "1") {
    // The CLI's rotate and inventory are not on PATH under the pre-commit framework: the console.
    const when = context === "pre-receive" ? "It reached a server" : `If ${several ? "they were" : "it was"} ever pushed or shared`;
    return [
      `  ${step}. ${when}, rotate ${it}: create a new key in the`,
      `     Pinecone console, update what uses the old one, then delete the old one.`,
      ...otherLines,
    ];
  }
  return [
    `  ${step}. ${then} rotate ${it}: ${kleur.cyan("pinekey-hook rotate --help")} (or the`,
    `     Pinecone console). What uses ${it}: ${kleur.cyan("pinekey-hook inventory")}`,
    ...otherLines,
  ];
}

function allowStep(step: number, files: string[], amend: boolean): string[] {
  const known = `     A revoked test key: ${kleur.cyan(command("ignore --last"))}`;
  const then = amend ? ", and amend" : "";
  if (files.length === 1) {
    const { comment, where } = allowComment(files[0]!);
    const place = where === "end" ? "End its line with" : "On the line above put";
    const one = `  ${step}. Not a real key? ${place}  ${comment}${then}`;
    if (one.length <= WIDTH) return [`  ${step}. Not a real key? ${place}  ${kleur.cyan(comment)}${then}`, known];
    return [`  ${step}. Not a real key? ${place}${then}:`, `       ${kleur.cyan(comment)}`, known];
  }
  const comment = `  ${step}. Not a real key? End its line with a "pinekey-allow: <reason>" comment`;
  return amend ? [`${comment},`, "     and amend the commit.", known] : [`${comment}.`, known];
}

/** The commit(s) to rewrite, for keys that are already in commits (pre-push, pre-receive). */
function rewriteStep(step: number, blocking: Finding[], files: string[], wordsOf: WordsOf): string[] {
  const commits = [...new Set(blocking.map((f) => f.commit).filter((c): c is string => c !== undefined))];
  const oldest = commits[commits.length - 1]?.slice(0, 10);
  const fixes = files.map((file) => fixOf(file, blocking, wordsOf));
  const amend =
    files.length > 0
      ? addAndCommit(files, fixes, "git commit --amend --no-edit", "     ", "last commit:").map((line) => kleur.cyan(line))
      : [`     last commit: ${kleur.cyan("git commit --amend")}`];
  const lines = [`  ${step}. Then rewrite the commit${commits.length === 1 ? "" : "s"}, and push again:`, ...amend];
  if (oldest) lines.push(`     older: ${kleur.cyan(`git rebase -i ${oldest}^`)} (mark it "edit"), fix, amend, continue`);
  return lines;
}

/**
 * The lines under the findings of a hook that blocked. `files`: the files whose content holds a key;
 * keys elsewhere (a commit message, a file name) get their own fix lines. `serverAllow`: the allow
 * step as a server's policy has it (pre-receive).
 */
export function shortRemediation(
  blocking: Finding[],
  files: string[],
  context: HookContext,
  wordsOf: WordsOf,
  serverAllow?: (step: number) => string[],
): string[] {
  const several = blocking.length > 1;
  const inCommits = context !== "pre-commit";
  const out: string[] = [];
  if (context === "pre-push") out.push("Nothing was sent: the push stopped before it.");
  if (context === "pre-receive") {
    out.push("Rejected: no ref changed; the key reached only this server's quarantine.");
  }
  out.push(kleur.bold("How to fix"));
  out.push(...fixStep(files, blocking, wordsOf, inCommits ? "" : "git commit"));
  let step = 2;
  if (inCommits) {
    out.push(...rewriteStep(step, blocking, files, wordsOf));
    step++;
  }
  const kinds = [...new Set(blocking.map(wordsOf))];
  out.push(...rotateStep(step++, context, several, kinds));
  out.push(...(serverAllow ? serverAllow(step) : allowStep(step, files, inCommits)));
  if (context === "pre-receive") out.push(`All the advice, on your machine: ${kleur.cyan("pinekey-hook scan --all")}`);
  else out.push(`All the advice (secrets managers, the rotation checklist): ${kleur.cyan(command("explain"))}`);
  return out;
}
