/**
 * Every sentence pinekey-hook shows a person lives here: usage, errors, the block report with its
 * remediation, and install/uninstall output. Machine formats (JSON, SARIF) live in format.ts.
 */
import kleur from "kleur";
import { colourEnabled } from "./colour.js";
import { PinekeyError } from "../core/errors.js";
import type { Finding } from "../core/finding.js";
import { commentSyntaxOf, languageOf, type LanguageId } from "../core/languages.js";
import { BUILT_IN_RULES, type Rule, type RuleWords } from "../core/rules/index.js";
import { plainEnvironmentSnippet } from "./plain-snippets.js";
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

/** Inside a hook an error must block, and the person must know why and what to do. */
export function failedClosedMessage(hook: string): string {
  return (
    `  The ${hook} check could not run, so the ${hook === "pre-commit" ? "commit" : "push"} was stopped\n` +
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
export type ReportContext = "pre-commit" | "staged" | "pre-push" | "pre-receive" | "history" | "files" | "image";

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

/**
 * The words of the rules the blocking findings come from, each once, in the order met: a block
 * message speaks of those rules and no other (Pinecone's rules share one set of words).
 */
function wordsOf(findings: Finding[], rules: readonly Rule[] = BUILT_IN_RULES): Map<RuleWords, Finding[]> {
  const words = new Map<RuleWords, Finding[]>();
  for (const finding of findings) {
    const rule = rules.find((r) => r.id === finding.rule) ?? BUILT_IN_RULES.find((r) => r.id === finding.rule);
    if (rule) words.set(rule.words, [...(words.get(rule.words) ?? []), finding]);
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

function findingLine(finding: Finding): string {
  const where = `${printableLocation(finding)}:${finding.line}:${finding.column}`;
  const note = finding.note ? `\n      ${kleur.yellow(`(${finding.note})`)}` : "";
  const encoded = finding.encoding ? kleur.dim(` (${finding.encoding})`) : "";
  const commit = finding.commit ? `  ${kleur.dim(`in ${shortOid(finding.commit)} "${finding.subject ?? ""}"`)}` : "";
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
/** A finding in the short message: the commit that added it on a line of its own, its subject cut to fit. */
function shortFindingLines(finding: Finding): string[] {
  if (finding.commit === undefined) return [findingLine(finding)];
  const { commit, ...rest } = finding;
  const line = findingLine(rest);
  const room = 80 - "    added in 0123456789 \"\"".length;
  const subject = finding.subject ?? "";
  const cut = subject.length > room ? `${subject.slice(0, room - 1)}…` : subject;
  return [line, `    ${kleur.dim(`added in ${shortOid(commit)} "${cut}"`)}`];
}

function notes(scope: ReportScope): string[] {
  const limit = scope.maxFileBytes !== undefined ? ` (maxFileBytes: ${scope.maxFileBytes} bytes)` : "";
  const out = (scope.truncated ?? []).map(
    (file) => `${kleur.yellow("note:")} only the first part of ${printablePath(file)} was scanned: it is larger than the size limit${limit}.`,
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
    case "pre-push":
      return `${plural(scope.commits ?? 0, "commit", "commits")} to be pushed`;
    case "pre-receive":
      return `the ${plural(scope.commits ?? 0, "commit", "commits")} pushed`;
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
  const isHook = context === "pre-commit" || context === "pre-push" || context === "pre-receive";

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
  const short = isHook && scope.detail !== "full" && scope.shortRemediation !== undefined;
  for (const finding of blocking) out.push(...(short ? shortFindingLines(finding) : [findingLine(finding)]));
  if (allowed > 0) out.push(`  ${allowedNote}`);
  for (const line of noteLines) out.push(`  ${line}`);
  out.push("");
  if (short) {
    const builtIn = new Set(BUILT_IN_RULES.map((rule) => rule.id));
    out.push(...scope.shortRemediation!(blocking, uniqueFiles(blocking), context as "pre-commit", (rule) => builtIn.has(rule)));
    return out.join("\n") + "\n";
  }
  for (const kind of words) out.push(...kind.risk);
  out.push("");
  out.push(
    ...(isHistory(context)
      ? historyRemediation(blocking, context, scope, byWords)
      : context === "image"
        ? imageRemediation(blocking, scope, byWords)
        : remediation(blocking, context, scope, byWords)),
  );
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Remediation

/** How to read the key from the environment, per language; each line is shown indented. */
const ENVIRONMENT_SNIPPETS: Record<LanguageId, { label: string; lines: string[] }> = {
  python: {
    label: "Python",
    lines: [
      "import os",
      "from pinecone import Pinecone",
      'pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])',
    ],
  },
  notebook: {
    label: "Jupyter notebook",
    lines: [
      "import os, getpass",
      'os.environ.setdefault("PINECONE_API_KEY", getpass.getpass("Pinecone API key: "))',
      "pc = Pinecone()  # reads PINECONE_API_KEY",
      "# and clear any cell output that printed the key before committing",
    ],
  },
  javascript: {
    label: "JavaScript",
    lines: [
      'import { Pinecone } from "@pinecone-database/pinecone";',
      "const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY });",
    ],
  },
  typescript: {
    label: "TypeScript",
    lines: [
      'import { Pinecone } from "@pinecone-database/pinecone";',
      "const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY! });",
    ],
  },
  go: {
    label: "Go",
    lines: [
      'pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: os.Getenv("PINECONE_API_KEY")})',
    ],
  },
  java: {
    label: "Java",
    lines: ['Pinecone pc = new Pinecone.Builder(System.getenv("PINECONE_API_KEY")).build();'],
  },
  csharp: {
    label: "C#",
    lines: ['var pc = new PineconeClient(Environment.GetEnvironmentVariable("PINECONE_API_KEY"));'],
  },
  ruby: {
    label: "Ruby",
    lines: ['api_key = ENV.fetch("PINECONE_API_KEY")'],
  },
  shell: {
    label: "shell",
    lines: [
      ': "${PINECONE_API_KEY:?set PINECONE_API_KEY in the environment}"',
      'curl -H "Api-Key: $PINECONE_API_KEY" https://api.pinecone.io/indexes',
    ],
  },
  dotenv: {
    label: ".env file",
    lines: [
      "echo .env >> .gitignore          # keep real values out of git",
      "git rm --cached --quiet .env     # if it was tracked before",
      "# commit a .env.example instead, with the name and no value:  PINECONE_API_KEY=",
    ],
  },
  yaml: {
    label: "YAML / Compose",
    lines: [
      "environment:",
      "  PINECONE_API_KEY: ${PINECONE_API_KEY}   # Compose fills it from the shell or an untracked .env",
      "# Kubernetes: create the Secret outside git: kubectl create secret generic pinecone --from-env-file=.env",
    ],
  },
  json: {
    label: "JSON",
    lines: [
      "JSON cannot read the environment: leave the value out of this file and have the code",
      "that loads it take PINECONE_API_KEY from the environment, or keep the file untracked.",
    ],
  },
  toml: { label: "config file", lines: ["Leave the value out; have your code read PINECONE_API_KEY from the environment."] },
  ini: { label: "config file", lines: ["Leave the value out; have your code read PINECONE_API_KEY from the environment."] },
  markdown: { label: "docs", lines: ["Show a placeholder instead:  PINECONE_API_KEY=<your-pinecone-api-key>"] },
  html: { label: "markup", lines: ["Never ship the key to a browser: call Pinecone from your server, which reads PINECONE_API_KEY."] },
  sql: { label: "SQL", lines: ["Leave the value out; pass it in from the environment at run time."] },
  batch: { label: "batch file", lines: ["if not defined PINECONE_API_KEY (echo set PINECONE_API_KEY first & exit /b 1)"] },
  vb: { label: "Visual Basic", lines: ['Dim apiKey = Environment.GetEnvironmentVariable("PINECONE_API_KEY")'] },
  css: { label: "CSS", lines: ["A stylesheet is no place for a key: remove it."] },
  other: { label: "any language", lines: ["Read the key from the PINECONE_API_KEY environment variable at run time."] },
};

const MAX_SNIPPETS = 3;

function allowCommentFor(file: string): string {
  const syntax = commentSyntaxOf(languageOf(file));
  if (syntax === null) {
    return 'JSON has no comments: add a member  "//": "pinekey-allow-next-line",  on the line above';
  }
  return (
    `${syntax.prefix}pinekey-allow: <reason>${syntax.suffix}  at the end of the line, or\n` +
    `       ${syntax.prefix}pinekey-allow-next-line${syntax.suffix}  on the line above`
  );
}

function shellQuote(path: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

function environmentSteps(files: string[], step: number, scope: ReportScope, byWords: Map<RuleWords, Finding[]>): string[] {
  const words = [...byWords.keys()];
  const out = [`  ${step}. Move the key to an environment variable:`];
  for (const [kind, found] of byWords) {
    // Each kind of secret in the languages of its own files (inside an archive or image: the member's).
    const languages = [...new Set(found.map(innermostFile).map(languageOf))];
    if (words.length > 1) out.push(`     ${kleur.bold(kind.one)}: ${kind.envVar}`);
    for (const language of languages.slice(0, MAX_SNIPPETS)) {
      const snippet = kind.client === "pinecone" ? ENVIRONMENT_SNIPPETS[language] : plainEnvironmentSnippet(language, kind.envVar);
      if (languages.length > 1) out.push(`     ${kleur.dim(snippet.label)}`);
      for (const line of snippet.lines) out.push(`       ${kleur.cyan(line)}`);
    }
  }
  out.push(`     Or fetch it from a secrets manager at start-up:`);
  for (const { secretsManager: names } of words) {
    out.push(`       AWS Secrets Manager  aws secretsmanager get-secret-value --secret-id ${names.aws}`);
    out.push(`       HashiCorp Vault      vault kv get -field=${names.vaultField} ${names.vaultPath}`);
    out.push(`       CyberArk Conjur      conjur variable get -i ${names.conjur}`);
  }
  // `remediate` writes Pinecone client code: pointed at only for Pinecone's keys.
  if (scope.remediateFlags && files[0] !== undefined && words.some((kind) => kind.client === "pinecone")) {
    out.push(`     A complete example for your language: ${kleur.cyan(`pinekey-hook remediate ${scope.remediateFlags(files[0])}`)}`);
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

function allowStep(step: number, file: string, extra = ""): string[] {
  return [
    `  ${step}. Not a real key? Mark the line (${file})${extra}:`,
    `       ${allowCommentFor(file)}`,
    `     A known revoked test key: ${kleur.cyan("pinekey-hook ignore --last")} lists its fingerprint in .pinekeyignore`,
  ];
}

/** Distinct files of the findings, printable (see printablePath). */
/** The file a finding's text is in: the innermost member of an archive or image, else the file. */
function innermostFile(finding: Finding): string {
  return finding.within?.[finding.within.length - 1] ?? finding.file;
}

function uniqueFiles(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => printablePath(f.file)))];
}

/** Staged changes and working-tree files: nothing is in history yet. */
function remediation(blocking: Finding[], context: ReportContext, scope: ReportScope, byWords: Map<RuleWords, Finding[]>): string[] {
  const files = uniqueFiles(blocking);
  const words = [...byWords.keys()];
  const out: string[] = [kleur.bold("How to fix")];
  if (context !== "files") out.push(`  Let pinekey-hook do steps 1 and 2: ${kleur.cyan("pinekey-hook fix")} (see the change first: --dry-run)`);
  out.push(...environmentSteps(files, 1, scope, byWords));
  if (context === "files") {
    out.push(...rotateStep(2, ["If this key was ever committed, pushed, shared or pasted anywhere"], words));
    out.push(...allowStep(3, files[0]!));
    return out;
  }
  const shown = files.slice(0, 3).map(shellQuote).join(" ") + (files.length > 3 ? " …" : "");
  const them = files.length === 1 ? "it" : "them";
  out.push(`  2. Unstage, fix and add again:`);
  out.push(`       ${kleur.cyan(`git restore --staged ${shown}`)}   then edit ${them} and ${kleur.cyan("git add")} ${them} again`);
  out.push(...rotateStep(3, ["If this key was ever pushed, shared or pasted anywhere"], words));
  out.push(...allowStep(4, files[0]!));
  return out;
}

/** Keys in an image: every layer ships, so the image is rebuilt without the key, not patched. */
function imageRemediation(blocking: Finding[], scope: ReportScope, byWords: Map<RuleWords, Finding[]>): string[] {
  const files = [...new Set(blocking.map(innermostFile))];
  const words = [...byWords.keys()];
  const variables = words.map((kind) => kind.envVar).join(", ");
  return [
    kleur.bold("How to fix"),
    `  1. Rebuild the image without the key. A file deleted in a later step (RUN rm) still ships`,
    `     in its layer, and ENV, ARG and RUN values are kept in the image config and history`,
    `     (docker history --no-trunc shows them): keep the key out of the build context`,
    `     (.dockerignore), pass it at run time (docker run -e ${variables}), or as a build`,
    `     secret when the build needs it (RUN --mount=type=secret,id=${words.length === 1 && words[0]!.client === "pinecone" ? "pinecone" : "<name>"}).`,
    ...environmentSteps(files, 2, scope, byWords),
    ...rotateStep(3, ["If the image was ever pushed to a registry or shared"], words),
  ];
}

/** Keys in commits: the history itself must be rewritten before it is shared. */
function historyRemediation(blocking: Finding[], context: ReportContext, scope: ReportScope, byWords: Map<RuleWords, Finding[]>): string[] {
  const words = [...byWords.keys()];
  const files = uniqueFiles(blocking);
  const commits = [...new Set(blocking.map((f) => f.commit).filter((c): c is string => c !== undefined))];
  const oldest = commits[commits.length - 1];
  const out: string[] = [kleur.bold("How to fix")];
  if (context === "pre-push") out.push("  Nothing has left this machine: the push was stopped before sending anything.");
  if (context === "pre-receive") {
    out.push("  The key reached only this server's quarantine: the push was rejected and no ref changed.");
    out.push("  Rewrite the commits on your machine, then push again:");
  }
  out.push(`  1. Take the key out of the commit${commits.length === 1 ? "" : "s"} that added it:`);
  out.push(`     - in the last commit: fix the file, ${kleur.cyan("git add")} it, ${kleur.cyan("git commit --amend")}`);
  if (oldest) {
    out.push(`     - in an older one: ${kleur.cyan(`git rebase -i ${shortOid(oldest)}^`)}, mark the commit "edit",`);
    out.push(`       fix the file, ${kleur.cyan("git commit --amend")}, ${kleur.cyan("git rebase --continue")}`);
  }
  out.push(`     - in many commits: a history filter, e.g. ${kleur.cyan("git filter-repo --replace-text <file>")}`);
  out.push(...environmentSteps(files, 2, scope, byWords));
  out.push(
    ...rotateStep(
      3,
      context === "pre-receive"
        ? ["The key was sent over the network and may be in other clones"]
        : ["If these commits were ever shared (pulled, pushed elsewhere,", "opened as a pull request)"],
      words,
    ),
  );
  out.push(...allowStep(4, files[0]!, " and amend the commit"));
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
  hook: "pre-commit" | "pre-push";
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
    const [fixFirst = "", ...fixRest] = wrapVisible(`${kleur.bold("fix:")} ${fix}`, 80 - indent.length);
    lines.push(indent + fixFirst, ...fixRest.map((line) => `${indent}     ${line}`));
  }
  return lines;
}

function hookCall(hook: DoctorHook["hook"]): string {
  return `pinekey-hook ${hook}${hook === "pre-push" ? ' "$@"' : ""}`;
}

function doctorHookLines(hook: DoctorHook, report: DoctorReport): string[] {
  const install = kleur.cyan("npx pinekey-hook install");
  const state = hook.ok ? (hook.state === "active" ? "ok" : "optional") : "problem";
  if (state === "optional") {
    // Pushes unchecked is a choice (install --no-pre-push); say how to add the check the same way.
    const manager = hook.manager ?? report.hooks.find((h) => h.manager !== undefined)?.manager;
    const add =
      manager === "pre-commit"
        ? `the pinekey-push hook and ${kleur.cyan("pre-commit install --hook-type pre-push")} add it`
        : manager === "lefthook"
          ? `a pre-push command in ${hook.via ?? "lefthook.yml"} adds it`
          : manager === "simple-git-hooks"
            ? `a "pre-push" entry under "simple-git-hooks" in package.json adds it`
            : `${install} adds it`;
    return doctorLine(state, hook.hook, `no pinekey-hook pre-push hook: pushes are not checked (optional; ${add})`);
  }
  switch (hook.state) {
    case "active": {
      const where = hook.via ?? hook.file;
      const by =
        hook.manager === "pre-commit"
          ? `${where} lists the ${hook.hook === "pre-commit" ? "pinekey" : "pinekey-push"} hook (pre-commit framework)`
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
      return doctorLine(state, hook.hook, `${hook.file} is not executable, so git skips it`, kleur.cyan(`chmod +x ${shellQuote(hook.file)}`));
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
            `add under ${hook.hook}: commands: pinekey: run: ${kleur.cyan(`npx pinekey-hook ${hook.hook}${hook.hook === "pre-push" ? " {1} {2}" : ""}`)}${hook.hook === "pre-push" ? " (with use_stdin: true)" : ""}`,
          );
        case "pre-commit":
          return doctorLine(
            state,
            hook.hook,
            `the pre-commit framework runs this hook, but ${hook.via ?? ".pre-commit-config.yaml"} has no "id: ${hook.hook === "pre-commit" ? "pinekey" : "pinekey-push"}" hook`,
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
  const where = cli.packageDir !== undefined ? `cd ${shellQuote(cli.packageDir)} && ` : "";
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
    return `${kleur.green().bold("All good:")} ${pushesChecked ? "commits and pushes" : "commits"} that add a Pinecone API key are blocked in this repository.\n`;
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
