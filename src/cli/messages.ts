/**
 * Every sentence pinekey-hook shows a person lives here: usage, errors, the block report with its
 * remediation, and install/uninstall output. Machine formats (JSON, SARIF) live in format.ts.
 */
import kleur from "kleur";
import { colourEnabled } from "./colour.js";
import { PinekeyError } from "../core/errors.js";
import type { AllowComments } from "../core/config.js";
import type { Finding } from "../core/finding.js";
import { BUILT_IN_RULES, type Rule, type RuleWords } from "../core/rules/index.js";
import { customWords } from "../core/rules/custom.js";
import { placeLines } from "./block-message.js";
import { allowComment, fixFor, placeFix } from "./file-fixes.js";
import { shellWord, wrap, WIDTH } from "./text.js";
import { describeExposure } from "./exposure.js";
import { initFileCommands } from "./hook-scripts.js";
import { installAdvice } from "./package-info.js";

kleur.enabled = colourEnabled();

/** Colour as the bin now decides (its error path switches to stderr's setting after loading this). */
export function applyColour(): void {
  kleur.enabled = colourEnabled();
}

const PREFIX = "pinekey-hook";

export function errorMessage(error: PinekeyError): string {
  const lines = [`${kleur.red().bold(`${PREFIX}: error:`)} ${error.message}`];
  if (error.hint) lines.push(`  ${error.hint}`);
  return lines.join("\n") + "\n";
}

export function unexpectedErrorMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    `${kleur.red().bold(`${PREFIX}: error:`)} unexpected failure: ${detail}\n` +
    `  This is a bug in pinekey-hook; please report it with the command you ran.\n`
  );
}

/** process.cwd() fails: the directory the command was started in no longer exists. */
export function missingWorkingDirectoryError(): PinekeyError {
  return new PinekeyError(
    "NOT_A_REPOSITORY",
    "the current directory no longer exists.",
    "Change to the repository's directory (cd) and run the command again.",
  );
}

/** The run was interrupted (Ctrl-C): nothing was decided, and the git processes it started were ended. */
export function interruptedMessage(signal: string): string {
  return `${PREFIX}: interrupted (${signal}) before the check finished.\n`;
}

/**
 * A file larger than maxFileBytes was scanned only in part, and nothing else blocked: the scan cannot
 * say the change is clean, so it fails (exit 2) rather than pass with a note.
 */
export function notFullyScannedError(files: string[], maxFileBytes: number | undefined, configSource: string | undefined): PinekeyError {
  const shown = files.slice(0, 5).map(printablePath).join(", ") + (files.length > 5 ? `, and ${files.length - 5} more` : "");
  const where = configSource ?? ".pinekeyrc.json";
  return new PinekeyError(
    "NOT_FULLY_SCANNED",
    `${plural(files.length, "file was", "files were")} not fully scanned, being larger than the size limit (maxFileBytes: ${maxFileBytes ?? "?"} bytes): ${shown}. A key past the limit would not have been seen.`,
    `To scan them whole, remove maxFileBytes from ${where} (no limit is the default) or raise it; to let such a file through unscanned, list it in ignorePaths there.`,
  );
}

/** Inside a hook an error must block, and the person must know why and what to do. */
export function failedClosedMessage(hook: string): string {
  return (
    `  The ${hook} check could not run, so the ${hook === "pre-commit" || hook === "commit-msg" ? "commit" : "push"} was stopped\n` +
    `  (pinekey-hook fails closed). Fix the cause above and try again. If you must\n` +
    `  proceed and are sure no key is staged, bypass hooks once with --no-verify.\n`
  );
}

// ---------------------------------------------------------------------------------------------
// The report

/**
 * Where the findings come from, which decides the headline and the fix:
 * - pre-commit / staged: the index (unstage and fix);
 * - pre-push / pre-receive / history: commits (rewrite history, rotate if shared);
 * - files: the working tree as it is;
 * - image: a container image (rebuild it without the key).
 */
export type ReportContext = "pre-commit" | "commit-msg" | "staged" | "pre-push" | "pre-receive" | "history" | "files" | "image";

/** What was scanned, for the clean and the blocked headline. */
export interface ReportScope {
  /** Commits scanned (history contexts). */
  commits?: number;
  /** Files scanned (files context; for an image, its files and config fields). */
  files?: number;
  /** The image scanned, as given (image context). */
  image?: string;
  /** Files only partly scanned because of maxFileBytes. */
  truncated?: string[];
  /** Paths with unresolved merge conflicts: nothing staged to scan for them (see scanStaged). */
  unmerged?: string[];
  /** The size limit in effect (for the note about truncated files). */
  maxFileBytes?: number;
  /** pre-receive: what an allow comment must hold on this server (see ScanContext.forServer). */
  allowComments?: AllowComments;
  /** `--lang x --via env` for a file, to point at `pinekey-hook remediate` (loaded only when blocking). */
  remediateFlags?: (file: string) => string | undefined;
  /** Hooks print the short message (block-message.ts) unless the full one is asked for (explain). */
  detail?: "short" | "full";
  /** The short message's words, loaded only when a hook blocks. */
  shortRemediation?: typeof import("./block-message.js").shortRemediation;
  /** The rules in force (custom ones included), whose words the report uses; the built-in ones if absent. */
  rules?: readonly Rule[];
}

const VERDICTS: Record<NonNullable<Finding["verified"]>, string> = {
  live: "LIVE: rotate it now",
  restricted: "live (restricted permissions): rotate it now",
  revoked: "revoked or invalid (still keep it out of git)",
  unknown: "live check inconclusive",
};

const UNKNOWN_RULE_WORDS = new Map<string, RuleWords>();

/**
 * A finding whose rule is not in force any more (explain after the config changed): generic words,
 * one set per rule id, so it is still counted and given a fix.
 */
function unknownRuleWords(id: string): RuleWords {
  let words = UNKNOWN_RULE_WORDS.get(id);
  if (words === undefined) UNKNOWN_RULE_WORDS.set(id, (words = customWords(id, "secret")));
  return words;
}

/**
 * The words of the rules the blocking findings come from, each once, in the order met: a block
 * message speaks of those rules and no other (Pinecone's rules share one set of words).
 */
function wordsOf(findings: Finding[], rules: readonly Rule[] = BUILT_IN_RULES): Map<RuleWords, Finding[]> {
  const words = new Map<RuleWords, Finding[]>();
  for (const finding of findings) {
    const rule = rules.find((r) => r.id === finding.rule) ?? BUILT_IN_RULES.find((r) => r.id === finding.rule);
    const kind = rule?.words ?? unknownRuleWords(finding.rule);
    words.set(kind, [...(words.get(kind) ?? []), finding]);
  }
  return words;
}

/** "by pinekey-allow comments", or "(2 by pinekey-allow comments, 1 by .pinekeyignore)". */
function allowedBy(allowed: Finding[]): string {
  const counts = new Map<string, number>();
  for (const finding of allowed) {
    const source = finding.allowReason?.startsWith("config allow")
      ? "the config's allow patterns"
      : finding.allowReason === "listed in .pinekeyignore"
        ? ".pinekeyignore"
        : "pinekey-allow comments";
    counts.set(source, (counts.get(source) ?? 0) + 1);
  }
  if (counts.size === 1) return `by ${[...counts.keys()][0]}`;
  return `(${[...counts].map(([source, count]) => `${count} by ${source}`).join(", ")})`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function shortOid(oid: string): string {
  return oid.slice(0, 10);
}

/**
 * A file name made safe for a terminal: git allows any byte but NUL in a name, and a name holding an
 * escape sequence or a newline must not repaint the screen or split the report. Control characters
 * are shown as JSON-style escapes (`\n`, `\u001b`); JSON and SARIF keep the exact name.
 */
export function printablePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(path)
    ? JSON.stringify(path).slice(1, -1).replace(/\\"/g, '"').replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    : path;
}

/** `site.tar.gz → srv/.env`: the file, and where inside it when it is an archive or an image. */
export function printableLocation(finding: Pick<Finding, "file" | "within">): string {
  // An image layer's 64-hex digest is shortened as docker shortens ids; JSON and SARIF keep it whole.
  const names = (finding.within ?? []).map((name) => name.replace(/\b(sha256:[0-9a-f]{12})[0-9a-f]{52}\b/, "$1…"));
  return [finding.file, ...names].map(printablePath).join(" → ");
}

/** Where a finding is: `path:line:column`, or the name that holds it (a file's, a ref's). */
function findingPlace(finding: Finding): string {
  if (finding.origin === "file-name") return `file name ${printableLocation(finding)}`;
  if (finding.origin === "ref-name") return `ref name ${printablePath(finding.file)}`;
  return `${printableLocation(finding)}:${finding.line}:${finding.column}`;
}

/** How the key arrived, for pushes and history: the commit, the tags and objects passed, the ref. */
function findingArrival(finding: Finding): string {
  const parts: string[] = [];
  if (finding.commit) parts.push(`in ${shortOid(finding.commit)} "${finding.subject ?? ""}"`);
  if (finding.via) parts.push(`via ${finding.via}`);
  if (finding.ref && finding.origin !== "ref-name") parts.push(`on ${printablePath(finding.ref)}`);
  return parts.length > 0 ? `  ${kleur.dim(parts.join(", "))}` : "";
}

function findingLine(finding: Finding): string {
  const where = findingPlace(finding);
  const note = finding.note ? `\n      ${kleur.yellow(`(${finding.note})`)}` : "";
  const encoded = finding.encoding ? kleur.dim(` (${finding.encoding})`) : "";
  const commit = findingArrival(finding);
  if (finding.allowed) {
    const reason = finding.allowReason ? `: ${finding.allowReason}` : "";
    return `  ${kleur.dim(`${where}  ${finding.rule}  ${finding.redacted}  allowed${reason}`)}${note}`;
  }
  const verdict = finding.verified
    ? `  ${finding.verified === "live" || finding.verified === "restricted" ? kleur.red().bold(VERDICTS[finding.verified]) : kleur.dim(VERDICTS[finding.verified])}`
    : "";
  const exposure = finding.exposure ? `\n      ${kleur.red(describeExposure(finding.exposure))}` : "";
  return `  ${kleur.bold(where)}  ${kleur.yellow(finding.rule)}  ${finding.redacted}${encoded}${commit}${verdict}${note}${exposure}`;
}
/**
 * A blocking finding in a report: how the key arrived (the commit that added it, the objects passed,
 * the ref) on a line of its own, the commit's subject cut to fit 80 columns.
 */
function findingLines(finding: Finding): string[] {
  const { commit, via, ref, ...rest } = finding;
  if (commit === undefined && via === undefined && ref === undefined) return [findingLine(finding)];
  const tail = [via !== undefined ? `via ${via}` : "", ref !== undefined && finding.origin !== "ref-name" ? `on ${printablePath(ref)}` : ""].filter(
    (part) => part !== "",
  );
  const parts: string[] = [];
  if (commit !== undefined) {
    const fixed = `    added in ${shortOid(commit)} ""${tail.map((part) => `, ${part}`).join("")}`.length;
    const room = Math.max(12, WIDTH - fixed);
    const subject = finding.subject ?? "";
    parts.push(`added in ${shortOid(commit)} "${subject.length > room ? `${subject.slice(0, room - 1)}…` : subject}"`);
  }
  parts.push(...tail);
  return [findingLine(rest), `    ${kleur.dim(parts.join(", "))}`];
}

function notes(scope: ReportScope): string[] {
  const limit = scope.maxFileBytes !== undefined ? ` (maxFileBytes: ${scope.maxFileBytes} bytes)` : "";
  const out = (scope.truncated ?? []).map(
    (file) => `${kleur.yellow("note:")} ${printablePath(file)} was not fully scanned: it is larger than the size limit${limit}.`,
  );
  const unmerged = scope.unmerged ?? [];
  if (unmerged.length > 0) {
    const shown = unmerged.slice(0, 5).map(printablePath).join(", ") + (unmerged.length > 5 ? ", …" : "");
    const [was, them] = unmerged.length === 1 ? ["was", "it"] : ["were", "them"];
    out.push(
      `${kleur.yellow("note:")} ${plural(unmerged.length, "path", "paths")} with unresolved merge conflicts ${was} not scanned: ${shown}. ` +
        `Resolve and git add ${them}; the commit's check then scans ${them}.`,
    );
  }
  return out;
}

/**
 * The notes of a scan (files cut at maxFileBytes, unmerged paths) on their own, for the machine
 * formats: JSON and SARIF on stdout stay exactly the documented shape, and what was not scanned
 * is still said, on stderr. Empty when there is nothing to note.
 */
export function scanNotes(scope: ReportScope): string {
  return notes(scope).map((line) => `${PREFIX}: ${line}\n`).join("");
}

function isHistory(context: ReportContext): boolean {
  return context === "pre-push" || context === "pre-receive" || context === "history";
}

function whereScanned(context: ReportContext, scope: ReportScope): string {
  switch (context) {
    case "pre-commit":
    case "staged":
      return "the staged changes";
    case "commit-msg":
      return "the commit message";
    case "pre-push":
      return scope.commits ? `${plural(scope.commits, "commit", "commits")} to be pushed` : "the objects about to be pushed";
    case "pre-receive":
      return scope.commits ? `the ${plural(scope.commits, "commit", "commits")} pushed` : "the objects pushed";
    case "history":
      return plural(scope.commits ?? 0, "commit", "commits");
    case "files":
      return plural(scope.files ?? 0, "file", "files");
    case "image":
      return `the image ${printablePath(scope.image ?? "")} (${plural(scope.files ?? 0, "file and config field", "files and config fields")})`;
  }
}

function headline(context: ReportContext, count: string, where: string): string {
  const red = (text: string): string => kleur.red().bold(text);
  switch (context) {
    case "pre-commit":
    case "commit-msg":
      return `${red(`${PREFIX}: commit blocked:`)} ${count} in ${where}`;
    case "pre-push":
      return `${red(`${PREFIX}: push blocked:`)} ${count} in ${where}`;
    case "pre-receive":
      return `${red(`${PREFIX}: push rejected:`)} ${count} in ${where}`;
    default:
      return `${red(`${PREFIX}:`)} ${count} in ${where}`;
  }
}

/**
 * The human report. Empty string when a hook has nothing to say (a clean commit or push is silent).
 * Allowed findings are only counted; the others block.
 */
export function renderReport(findings: Finding[], context: ReportContext, scope: ReportScope = {}): string {
  const blocking = findings.filter((f) => !f.allowed);
  const allowed = findings.length - blocking.length;
  const allowedNote =
    allowed > 0 ? kleur.dim(`${plural(allowed, "key", "keys")} allowed ${allowedBy(findings.filter((f) => f.allowed))}.`) : "";
  const where = whereScanned(context, scope);
  const isHook = context === "pre-commit" || context === "commit-msg" || context === "pre-push" || context === "pre-receive";

  const noteLines = notes(scope);
  if (blocking.length === 0) {
    const extra = noteLines.map((line) => `${line}\n`).join("");
    if (isHook) return (allowed > 0 ? `${PREFIX}: ${allowedNote}\n` : "") + extra;
    return `${PREFIX}: no Pinecone API keys in ${where}.${allowed > 0 ? ` ${allowedNote}` : ""}\n${extra}`;
  }

  // Findings of one kind are counted by its name; of several kinds (custom rules), as secrets.
  const byWords = wordsOf(blocking, scope.rules);
  const words = [...byWords.keys()];
  const what = words.length === 1 ? plural(blocking.length, words[0]!.one, words[0]!.many) : plural(blocking.length, "secret", "secrets");
  const out: string[] = [headline(context, what, where), ""];
  // A commit message's remedy is already short (write it again); the other hooks get the short message.
  const short = isHook && context !== "commit-msg" && scope.detail !== "full" && scope.shortRemediation !== undefined;
  for (const finding of blocking) out.push(...findingLines(finding));
  if (allowed > 0) out.push(`  ${allowedNote}`);
  for (const line of noteLines) out.push(`  ${line}`);
  out.push("");
  if (short) {
    const files = contentFiles(blocking);
    const serverAllow = context === "pre-receive" ? (step: number) => serverAllowStep(step, blocking, files, scope.allowComments) : undefined;
    out.push(...scope.shortRemediation!(blocking, files, context as "pre-commit", ruleWords(blocking, scope.rules), serverAllow));
    return out.join("\n") + "\n";
  }
  for (const kind of words) out.push(...wrap(kind.risk.join(" ")));
  out.push("");
  out.push(
    ...(context === "commit-msg"
      ? messageRemediation(words)
      : isHistory(context)
        ? historyRemediation(blocking, context, scope, byWords)
        : context === "image"
          ? imageRemediation(blocking, scope, byWords)
          : remediation(blocking, context, scope, byWords)),
  );
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Remediation

/** A rule's words in `rules`, or the built-in one's. */
function ruleWords(findings: Finding[], rules: readonly Rule[] | undefined): (finding: Finding) => RuleWords {
  const byFinding = new Map<Finding, RuleWords>();
  for (const [words, found] of wordsOf(findings, rules)) for (const finding of found) byFinding.set(finding, words);
  return (finding) => byFinding.get(finding) ?? unknownRuleWords(finding.rule);
}

/** The file a finding's text is in: the innermost member of an archive or image, else the file. */
function innermostFile(finding: Finding): string {
  return finding.within?.[finding.within.length - 1] ?? finding.file;
}

/** Distinct files of the findings, printable (see printablePath). */
function uniqueFiles(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => printablePath(f.file)))];
}

/** Distinct files whose content holds the findings' keys (not a commit message, a file name). */
function contentFiles(findings: Finding[]): string[] {
  return uniqueFiles(findings.filter((finding) => placeFix(finding) === undefined));
}

/**
 * Step `step`: each file's own fix, in the words of its rule (file-fixes.ts), all of them; for a
 * Pinecone key in a language `remediate` knows, the command printing a complete program; then the
 * secrets managers, by each rule's names.
 */
function environmentSteps(blocking: Finding[], step: number, scope: ReportScope, byWords: Map<RuleWords, Finding[]>): string[] {
  const words = [...byWords.keys()];
  const wordsFor = ruleWords(blocking, scope.rules);
  // One fix per file and kind of secret, in the order met (inside an archive or image: the member's).
  const places = new Map<string, { file: string; words: RuleWords }>();
  for (const finding of blocking) {
    if (placeFix(finding) !== undefined) continue; // a commit message, a file name: placeLines
    const file = printablePath(innermostFile(finding));
    const kind = wordsFor(finding);
    places.set(`${file}\0${kind.one}`, { file, words: kind });
  }
  const elsewhere = placeLines(blocking, printablePath);
  const what = elsewhere.length > 0 ? "each place" : places.size === 1 ? "the file" : "each file";
  const out = [`  ${step}. Take the key out of ${what}:`, ...elsewhere];
  for (const { file, words: kind } of places.values()) {
    const fix = fixFor(file, kind);
    const label = words.length > 1 ? `${file} (${fix.label}, ${kind.one})` : `${file} (${fix.label})`;
    out.push(`     ${kleur.dim(label)}`);
    for (const line of fix.lines) out.push(`       ${kleur.cyan(line)}`);
    // `remediate` writes Pinecone client code: pointed at only for Pinecone's keys.
    const flags = kind.client === "pinecone" ? scope.remediateFlags?.(file) : undefined;
    if (flags) out.push(`       A complete program: ${kleur.cyan(`pinekey-hook remediate ${flags}`)}`);
  }
  out.push(`     Or fetch it from a secrets manager at start-up (AWS, Vault, Conjur):`);
  for (const kind of words) {
    const names = kind.secretsManager;
    if (words.length > 1) out.push(`     ${kleur.bold(kind.one)}:`);
    out.push(`       aws secretsmanager get-secret-value --secret-id ${names.aws}`);
    out.push(`       vault kv get -field=${names.vaultField} ${names.vaultPath}`);
    out.push(`       conjur variable get -i ${names.conjur}`);
  }
  return out;
}

/** `condition` may be two lines; the step reads "<condition>, rotate it:" then each rule's checklist. */
function rotateStep(step: number, condition: string[], words: RuleWords[]): string[] {
  const lines = condition.map((text, i) => (i === 0 ? `  ${step}. ${text}` : `     ${text}`));
  lines[lines.length - 1] += ", rotate it:";
  for (const kind of words) {
    if (words.length > 1) lines.push(`     ${kleur.bold(kind.one)}:`);
    for (const text of kind.rotation) lines.push(`     ${text.replace(/pinekey-hook \w+/g, (command) => kleur.cyan(command))}`);
  }
  return lines;
}

/** Each file's own way to mark its line, within 80 columns. */
function allowStep(step: number, files: string[], extra = ""): string[] {
  const out = [`  ${step}. Not a real key? Mark its line${extra}:`];
  for (const file of files) {
    const { comment, where } = allowComment(file);
    const place = where === "end" ? "at the end of the line" : "on the line above";
    const one = `       ${file}:  ${comment}  ${place}`;
    if (one.length <= WIDTH) out.push(`       ${file}:  ${kleur.cyan(comment)}  ${place}`);
    else out.push(`       ${file}:`, `         ${kleur.cyan(comment)}  ${place}`);
  }
  out.push(`     A known revoked test key: ${kleur.cyan("pinekey-hook ignore --last")}`, `     (lists its fingerprint in .pinekeyignore)`);
  return out;
}

/**
 * pre-receive: the allow step as this server's policy has it. A server needs a reason (and records
 * it), or takes no allow comments at all; lines whose comment it refused are counted.
 */
export function serverAllowStep(step: number, blocking: Finding[], files: string[], policy: AllowComments | undefined): string[] {
  const refused = blocking.filter((f) => f.allowRefused !== undefined).length;
  const out: string[] = [];
  if (policy === "off") {
    out.push(`  ${step}. Not a real key? This server accepts no allow comments; its admin can`, "     allow a key in the server's policy.");
  } else {
    out.push(`  ${step}. Not a real key? Mark its line with a reason, and amend the commit:`);
    for (const file of files) {
      const { comment, where } = allowComment(file, true);
      const place = where === "end" ? "at the end of the line" : "on the line above";
      if (`       ${file}:  ${comment}  ${place}`.length <= WIDTH) out.push(`       ${file}:  ${kleur.cyan(comment)}  ${place}`);
      else out.push(`       ${file}:`, `         ${kleur.cyan(comment)}  ${place}`);
    }
    out.push("     This server needs the reason (a bare pinekey-allow allows nothing here)", "     and records every allowed key.");
  }
  if (refused > 0) {
    out.push(`     ${plural(refused, "line has an allow comment", "lines have allow comments")} this server did not accept.`);
  }
  return out;
}

/** A command in lines of at most 80 columns, continued with backslashes so it pastes as one. */
function continued(words: string[], indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of words) {
    if (line.trim() !== "" && line.length + 1 + word.length > WIDTH - 2) {
      lines.push(`${line} \\`);
      line = `${indent}  ${word}`;
    } else {
      line = line.trim() === "" ? `${indent}${word}` : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** Staged changes and working-tree files: nothing is in history yet. */
function remediation(blocking: Finding[], context: ReportContext, scope: ReportScope, byWords: Map<RuleWords, Finding[]>): string[] {
  const files = contentFiles(blocking);
  const words = [...byWords.keys()];
  const out: string[] = [kleur.bold("How to fix")];
  if (context !== "files") out.push(`  Let pinekey-hook do steps 1 and 2: ${kleur.cyan("pinekey-hook fix")} (preview: --dry-run)`);
  out.push(...environmentSteps(blocking, 1, scope, byWords));
  if (context === "files") {
    out.push(...rotateStep(2, ["If this key was ever committed, pushed, shared or pasted anywhere"], words));
    out.push(...allowStep(3, files));
    return out;
  }
  // A .env file leaves git (git rm --cached, in its fix above) instead of being added again.
  const wordsFor = ruleWords(blocking, scope.rules);
  const untracked = new Set(blocking.filter((f) => fixFor(printablePath(f.file), wordsFor(f)).untrack).map((f) => printablePath(f.file)));
  const toRestore = files.filter((file) => !untracked.has(file));
  const them = toRestore.length === 1 ? "it" : "them";
  if (toRestore.length > 0) {
    out.push(`  2. Unstage, fix and add ${them} again (after the fix, ${kleur.cyan("git add")} ${them}):`);
    out.push(...continued(["git", "restore", "--staged", ...toRestore.map(shellWord)], "       ").map((line) => kleur.cyan(line)));
  } else if (untracked.size > 0) {
    out.push(`  2. Then commit the change to .gitignore: ${kleur.cyan("git add .gitignore && git commit")}`);
  } else {
    out.push(`  2. Then commit again: ${kleur.cyan("git commit")}`);
  }
  out.push(...rotateStep(3, ["If this key was ever pushed, shared or pasted anywhere"], words));
  out.push(...allowStep(4, files));
  return out;
}

/** A key in the message of a commit not made yet. */
function messageRemediation(words: RuleWords[]): string[] {
  return [
    kleur.bold("How to fix"),
    "  1. The commit was not made. Write the message again without the key, starting",
    `     from what you wrote (git kept it): ${kleur.cyan("git commit -e -F .git/COMMIT_EDITMSG")}`,
    ...rotateStep(2, ["If this key was ever pushed, shared or pasted anywhere"], words),
  ];
}

/** Keys in an image: every layer ships, so the image is rebuilt without the key, not patched. */
function imageRemediation(blocking: Finding[], scope: ReportScope, byWords: Map<RuleWords, Finding[]>): string[] {
  const words = [...byWords.keys()];
  const variables = words.map((kind) => kind.envVar).join(", ");
  const secretId = words.length === 1 && words[0]!.client === "pinecone" ? "pinecone" : "<name>";
  const rebuild =
    "Rebuild the image without the key. A file deleted in a later step (RUN rm) still ships in its layer, " +
    "and ENV, ARG and RUN values are kept in the image config and history (docker history --no-trunc shows them): " +
    `keep the key out of the build context (.dockerignore), pass it at run time (docker run -e ${variables}), ` +
    `or as a build secret when the build needs it (RUN --mount=type=secret,id=${secretId}).`;
  return [
    kleur.bold("How to fix"),
    ...wrap(rebuild, WIDTH - 5).map((line, i) => (i === 0 ? `  1. ${line}` : `     ${line}`)),
    ...environmentSteps(blocking, 2, scope, byWords),
    ...rotateStep(3, ["If the image was ever pushed to a registry or shared"], words),
  ];
}

/** Keys in commits: the history itself must be rewritten before it is shared. */
function historyRemediation(blocking: Finding[], context: ReportContext, scope: ReportScope, byWords: Map<RuleWords, Finding[]>): string[] {
  const words = [...byWords.keys()];
  const files = contentFiles(blocking);
  const commits = [...new Set(blocking.map((f) => f.commit).filter((c): c is string => c !== undefined))];
  const oldest = commits[commits.length - 1];
  const out: string[] = [kleur.bold("How to fix")];
  if (context === "pre-push") out.push("  Nothing has left this machine: the push was stopped before sending anything.");
  if (context === "pre-receive") {
    out.push("  The key reached only this server's quarantine: the push was rejected and no");
    out.push("  ref changed. Rewrite the commits on your machine, then push again:");
  }
  out.push(`  1. Take the key out of the commit${commits.length === 1 ? "" : "s"} that added it:`);
  out.push(`     - in the last commit: fix the file, ${kleur.cyan("git add")} it, ${kleur.cyan("git commit --amend")}`);
  if (oldest) {
    out.push(`     - in an older one: ${kleur.cyan(`git rebase -i ${shortOid(oldest)}^`)}, mark the commit "edit",`);
    out.push(`       fix the file, ${kleur.cyan("git commit --amend")}, ${kleur.cyan("git rebase --continue")}`);
  }
  out.push(`     - in many commits: a history filter, e.g.`, `       ${kleur.cyan("git filter-repo --replace-text <file>")}`);
  out.push(...environmentSteps(blocking, 2, scope, byWords));
  out.push(
    ...rotateStep(
      3,
      context === "pre-receive"
        ? ["The key was sent over the network and may be in other clones"]
        : ["If these commits were ever shared (pulled, pushed elsewhere,", "opened as a pull request)"],
      words,
    ),
  );
  if (context === "pre-receive") out.push(...serverAllowStep(4, blocking, files, scope.allowComments));
  else out.push(...allowStep(4, files, " and amend the commit"));
  return out;
}

// ---------------------------------------------------------------------------------------------
// ignore

export function ignoreMessage(added: string[], alreadyThere: number): string {
  const lines = added.map((fingerprint) => `${kleur.green("✔")} .pinekeyignore: ${fingerprint}`);
  if (alreadyThere > 0) lines.push(`${plural(alreadyThere, "fingerprint was", "fingerprints were")} already listed.`);
  if (added.length > 0) {
    lines.push("These keys are now reported as allowed wherever they appear. Commit .pinekeyignore to share it,");
    lines.push("and make sure each key is revoked: ignoring a key does not make it safe.");
  }
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// pre-push through the pre-commit framework

/** `pinekey-hook pre-push` with neither git's arguments nor the pre-commit framework's variables. */
export const prePushWithoutInput = {
  message:
    '"pre-push" needs git\'s <remote> <url> arguments, or the pre-commit framework\'s PRE_COMMIT_TO_REF / PRE_COMMIT_LOCAL_BRANCH naming a commit (not set here).',
  hint: 'In a git hook: pinekey-hook pre-push "$@". With the pre-commit framework: the pinekey-push hook (pre-commit install --hook-type pre-push).',
};

// ---------------------------------------------------------------------------------------------
// doctor

export type DoctorHookState = "active" | "missing" | "not-executable" | "no-pinekey" | "husky-shims-missing";

/** One hook as doctor found it. */
export interface DoctorHook {
  hook: "pre-commit" | "commit-msg" | "pre-push";
  /** The file git runs (repository-relative when inside it). */
  file: string;
  state: DoctorHookState;
  /** The hook manager that owns the file, when one was recognised. */
  manager?: "husky" | "lefthook" | "pre-commit" | "simple-git-hooks" | "pinekey-hook --global" | undefined;
  /** The file that holds (or should hold) the pinekey-hook call, when it is not `file`. */
  via?: string;
  /** `.husky/<hook>` runs pinekey-hook (whether or not git reads .husky). */
  huskyFileRunsPinekey: boolean;
  /** False: a problem (exit 1). */
  ok: boolean;
}

/** Where the hooks find the CLI, or how to install it. */
export interface DoctorCli {
  found?: string;
  install?: "global" | "npm-install" | "save-dev";
  /** The package folder (monorepo) whose node_modules/.bin the hooks use. */
  packageDir?: string;
  /** install --global's hooks name a CLI that is gone. */
  gone?: string;
  /** On a GUI client's short PATH (after ~/.config/husky/init.sh): what is missing. */
  gui?: "ok" | "no-node" | "no-cli" | "neither";
}

/** How the hooks are set up here, for doctor's first lines. */
export interface DoctorMode {
  kind: "husky" | "global" | "global-other" | "repository";
  /** The husky folder, the hooks folder, or where the global setting comes from. */
  where: string;
}

export interface DoctorReport {
  hooksDir: string;
  hooksPath: string | undefined;
  mode: DoctorMode;
  hooks: DoctorHook[];
  /** .husky/<hook> runs pinekey-hook but core.hooksPath is not set, so git never reads it. */
  strandedHusky: boolean;
  /** Absent when no hook needs the CLI on PATH. */
  cli?: DoctorCli;
  huskyDisabled: boolean;
  config: { source: string | undefined; shadowed: string | undefined; error?: PinekeyError };
  ignore: { file?: string; count?: number; error?: PinekeyError };
  git: { version: string; ok: boolean; minimum: string };
  node: string;
}

const DOCTOR_LABEL_WIDTH = 11;

/** Visible width: colours take no columns. */
function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "").length;
}

/** Words in lines of at most `width` visible columns (colour codes do not count). */
function wrapVisible(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** `  ✔ label       text`, its text wrapped under itself within 80 columns; the fix below. */
function doctorLine(state: "ok" | "problem" | "optional" | "warn", label: string, text: string, fix?: string): string[] {
  const mark = state === "ok" ? kleur.green("✔") : state === "problem" ? kleur.red("✘") : state === "warn" ? kleur.yellow("!") : kleur.dim("○");
  const indent = " ".repeat(DOCTOR_LABEL_WIDTH + 5);
  const [first = "", ...rest] = wrapVisible(text, 80 - indent.length);
  const lines = [`  ${mark} ${label.padEnd(DOCTOR_LABEL_WIDTH)} ${first}`, ...rest.map((line) => indent + line)];
  if (fix !== undefined) {
    // Continued under the fix's text, 5 columns in: wrapped for that narrower room.
    const [fixFirst = "", ...fixRest] = wrapVisible(`${kleur.bold("fix:")} ${fix}`, 80 - indent.length - 5);
    lines.push(indent + fixFirst, ...fixRest.map((line) => `${indent}     ${line}`));
  }
  return lines;
}

function hookCall(hook: DoctorHook["hook"]): string {
  return `pinekey-hook ${hook}${hook === "pre-push" ? ' "$@"' : hook === "commit-msg" ? ' "$1"' : ""}`;
}

/** The hook's id in pinekey-hook's .pre-commit-hooks.yaml. */
function frameworkId(hook: DoctorHook["hook"]): string {
  return hook === "pre-commit" ? "pinekey" : hook === "commit-msg" ? "pinekey-msg" : "pinekey-push";
}

function doctorHookLines(hook: DoctorHook, report: DoctorReport): string[] {
  const install = kleur.cyan("npx pinekey-hook install");
  const state = hook.ok ? (hook.state === "active" ? "ok" : "optional") : "problem";
  if (state === "optional") {
    // Pushes or messages unchecked is a choice (install --no-pre-push, an older install); say how
    // to add the check the same way.
    const manager = hook.manager ?? report.hooks.find((h) => h.manager !== undefined)?.manager;
    const add =
      manager === "pre-commit"
        ? `the ${frameworkId(hook.hook)} hook and ${kleur.cyan(`pre-commit install --hook-type ${hook.hook}`)} add it`
        : manager === "lefthook"
          ? `a ${hook.hook} command in ${hook.via ?? "lefthook.yml"} adds it`
          : manager === "simple-git-hooks"
            ? `a "${hook.hook}" entry under "simple-git-hooks" in package.json adds it`
            : manager === "pinekey-hook --global"
              ? `${kleur.cyan("pinekey-hook install --global")} again adds it`
              : `${install} adds it`;
    const what = hook.hook === "pre-push" ? "pushes are" : "commit messages are";
    return doctorLine(state, hook.hook, `no pinekey-hook ${hook.hook} hook: ${what} not checked (optional; ${add})`);
  }
  switch (hook.state) {
    case "active": {
      const where = hook.via ?? hook.file;
      const by =
        hook.manager === "pre-commit"
          ? `${where} lists the ${frameworkId(hook.hook)} hook (pre-commit framework)`
          : `${where} runs pinekey-hook ${hook.hook}${hook.manager ? ` (${hook.manager})` : ""}`;
      return doctorLine(state, hook.hook, by);
    }
    case "husky-shims-missing":
      return doctorLine(
        state,
        hook.hook,
        `core.hooksPath is ${report.hooksPath ?? ""} but that folder is missing: husky has not run in this clone`,
        `${kleur.cyan("npm install")} (its prepare script runs husky), or ${kleur.cyan("npx husky")}`,
      );
    case "not-executable":
      return doctorLine(state, hook.hook, `${hook.file} is not executable, so git skips it`, kleur.cyan(`chmod +x ${shellWord(hook.file)}`));
    case "missing":
      if (report.strandedHusky && hook.huskyFileRunsPinekey) {
        return doctorLine(
          state,
          hook.hook,
          `.husky/${hook.hook} runs pinekey-hook, but git does not read .husky: core.hooksPath is not set`,
          `${install} (sets core.hooksPath through husky)`,
        );
      }
      return doctorLine(state, hook.hook, `no ${hook.hook} hook in ${report.hooksDir}: commits are not checked`, install);
    case "no-pinekey":
      switch (hook.manager) {
        case "husky":
          return doctorLine(state, hook.hook, `husky runs ${hook.via ?? hook.file}, which does not run pinekey-hook`, install);
        case "lefthook":
          return doctorLine(
            state,
            hook.hook,
            `lefthook runs this hook, but ${hook.via ?? "lefthook.yml"} has no pinekey-hook ${hook.hook} command`,
            `add under ${hook.hook}: commands: pinekey: run: ${kleur.cyan(`npx pinekey-hook ${hook.hook}${hook.hook === "pre-push" ? " {1} {2}" : hook.hook === "commit-msg" ? " {1}" : ""}`)}${hook.hook === "pre-push" ? " (with use_stdin: true)" : ""}`,
          );
        case "pre-commit":
          return doctorLine(
            state,
            hook.hook,
            `the pre-commit framework runs this hook, but ${hook.via ?? ".pre-commit-config.yaml"} has no "id: ${frameworkId(hook.hook)}" hook`,
            `add it under pinekey-hook's repo entry (README: pre-commit framework), then ${kleur.cyan("pre-commit install")}`,
          );
        default:
          return doctorLine(state, hook.hook, `${hook.file} does not run pinekey-hook`, `add the line ${kleur.cyan(`${hookCall(hook.hook)} || exit $?`)} to it`);
      }
  }
}

function doctorCliLines(cli: DoctorCli): string[] {
  if (cli.found !== undefined) {
    const lines = doctorLine("ok", "CLI", `${cli.found}`);
    if (cli.gui !== undefined && cli.gui !== "ok") {
      const what = cli.gui === "no-node" ? "node" : cli.gui === "no-cli" ? "pinekey-hook" : "node and pinekey-hook";
      lines.push(
        ...doctorLine(
          "warn",
          "GUI clients",
          `${what} not found on the short PATH GUI clients give hooks (${GUI_PATH_TEXT}): commits from GitHub Desktop, Sourcetree or an IDE stop. Fix it once, in a terminal:`,
        ),
        ...initFileCommands(cli.gui !== "no-node").map((line) => `      ${kleur.cyan(line)}`),
      );
    }
    return lines;
  }
  const where = cli.packageDir !== undefined ? `cd ${shellWord(cli.packageDir)} && ` : "";
  const fix =
    cli.install === "global"
      ? `${kleur.cyan(installAdvice().replace(/^Run: /, ""))}${cli.gone ? ", then pinekey-hook install --global" : ""}`
      : cli.install === "npm-install"
        ? `${kleur.cyan(`${where}npm install`)} (package.json lists pinekey-hook)`
        : kleur.cyan(`${where}npm install --save-dev pinekey-hook`);
  const what = cli.gone
    ? `the global hooks run ${cli.gone}, which is gone, so they stop every commit`
    : cli.packageDir !== undefined
      ? `pinekey-hook is not in ${cli.packageDir}/node_modules/.bin, so the hooks stop every commit`
      : "pinekey-hook is not in node_modules/.bin nor on PATH, so the hooks stop every commit";
  return doctorLine("problem", "CLI", what, fix);
}

const GUI_PATH_TEXT = "/usr/bin:/bin:/usr/sbin:/sbin";

function modeText(mode: DoctorMode, report: DoctorReport): string {
  switch (mode.kind) {
    case "global":
      return `install --global: every repository of this user (${mode.where})`;
    case "husky":
      return `this repository, through husky (${mode.where})`;
    case "global-other":
      return `git's global core.hooksPath names another folder: ${report.hooksDir}`;
    case "repository":
      return `this repository's own hooks folder (${mode.where})`;
  }
}

/** `pinekey-hook doctor`'s report: one line per check, a fix under each problem, a verdict. */
export function doctorMessage(report: DoctorReport): string {
  const lines = [kleur.bold("pinekey-hook doctor")];
  lines.push(...doctorLine("ok", "mode", modeText(report.mode, report)));
  lines.push(
    ...doctorLine(
      "ok",
      "hooks",
      report.hooksPath === undefined
        ? `git runs hooks from ${report.hooksDir} (core.hooksPath is not set)`
        : `git runs hooks from ${report.hooksDir} (core.hooksPath=${report.hooksPath})`,
    ),
  );
  for (const hook of report.hooks) lines.push(...doctorHookLines(hook, report));
  if (report.cli) lines.push(...doctorCliLines(report.cli));
  if (report.huskyDisabled) {
    lines.push(...doctorLine("problem", "husky", "HUSKY=0 is set here, so husky skips every hook", `unset HUSKY (${kleur.cyan("unset HUSKY")})`));
  }

  const { config, ignore, git } = report;
  if (config.error) {
    lines.push(...doctorLine("problem", "config", `${config.error.message}`, config.error.hint ?? "fix the file"));
  } else {
    const shadowed = config.shadowed ? kleur.dim(` (${config.shadowed} is ignored: ${config.source} wins)`) : "";
    lines.push(...doctorLine("ok", "config", config.source ? `${config.source}${shadowed}` : "none: the defaults apply"));
  }
  if (ignore.error) lines.push(...doctorLine("problem", "ignore", ignore.error.message, ignore.error.hint ?? "fix the file"));
  else lines.push(...doctorLine("ok", "ignore", ignore.file ? `${ignore.file}, ${plural(ignore.count ?? 0, "fingerprint", "fingerprints")}` : "no .pinekeyignore"));
  lines.push(
    ...doctorLine(
      git.ok ? "ok" : "problem",
      "versions",
      `git ${git.version}, Node ${report.node}`,
      git.ok ? undefined : `upgrade git to ${git.minimum} or newer (https://git-scm.com/downloads)`,
    ),
  );
  return lines.join("\n") + "\n";
}

/** The closing line of doctor's report. */
export function doctorVerdict(problems: number, pushesChecked: boolean): string {
  if (problems === 0) {
    // Within 80 columns: "All good: commits and pushes that add a Pinecone API key are blocked here."
    return `${kleur.green().bold("All good:")} ${pushesChecked ? "commits and pushes" : "commits"} that add a Pinecone API key are blocked here.\n`;
  }
  return `${kleur.red().bold(`${plural(problems, "problem", "problems")}:`)} fix as shown above, then run ${kleur.cyan("pinekey-hook doctor")} again.\n`;
}

// ---------------------------------------------------------------------------------------------
// demo

/** A command the demo runs, shown as typed. */
export function demoCommandLine(command: string, note?: string): string {
  return `${kleur.bold().cyan(`$ ${command}`)}${note ? kleur.dim(`   # ${note}`) : ""}\n`;
}

export function demoIntro(repository: string): string {
  return (
    `${kleur.bold("pinekey-hook demo")}: a real git commit, blocked, in a throwaway repository\n` +
    kleur.dim(`  ${repository} (own HOME and git config; removed afterwards)`) +
    "\n\n"
  );
}

export function demoStagedKey(file: string, redactedLine: string): string {
  return kleur.dim(`  ${file}: ${redactedLine}   ← a fake key generated just now (shown redacted)`) + "\n";
}

/** Indent what git and the hook printed, so it stands apart from the demo's own lines. */
export function demoOutput(text: string): string {
  if (text.trim() === "") return "";
  return text.replace(/\n$/, "").split("\n").map((line) => (line === "" ? "" : `  ${line}`)).join("\n") + "\n";
}

export const DEMO_STEPS = {
  blocked: "blocked: git commit exited with 1, nothing was committed.",
  allowed: "committed: a key marked pinekey-allow never blocks (it is counted).",
  clean: "committed: a clean change passes silently.",
};

export function demoResult(text: string, ok: boolean): string {
  return `${ok ? kleur.green("→") : kleur.red("✘")} ${ok ? text : kleur.red(text)}\n\n`;
}

/** The step that did not behave: the demo exits 1 and says which. */
export function demoUnexpected(step: "set-up" | "blocked" | "allowed" | "clean", status: number): string {
  if (step === "set-up") return `pinekey-hook demo: setting up the demo repository failed (exit ${status}). Output above.\n`;
  const expected = step === "blocked" ? "be blocked (exit 1)" : "be committed (exit 0)";
  return `pinekey-hook demo: the ${step} commit should ${expected}, but git commit exited with ${status}. Output above.\n`;
}

export function demoInterrupted(): string {
  return "\npinekey-hook demo: interrupted; the demo repository was removed.\n";
}

export function demoDone(ok: boolean): string {
  if (!ok) return "The demo repository was removed. Please report this with the output above.\n";
  return (
    `${kleur.green().bold("Done.")} The demo repository was removed.\n` +
    `Protect a repository of yours: run ${kleur.cyan("npx pinekey-hook install")} in it (${kleur.cyan("pinekey-hook doctor")} checks the set-up).\n`
  );
}
