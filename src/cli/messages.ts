/**
 * Every sentence pinekey-hook shows a person lives here: usage, errors, the block report with its
 * remediation, and install/uninstall output. Machine formats (JSON, SARIF) live in format.ts.
 */
import kleur from "kleur";
import { colourEnabled } from "./colour.js";
import { PinekeyError } from "../core/errors.js";
import type { AllowComments } from "../core/config.js";
import type { Finding } from "../core/finding.js";
import { commentSyntaxOf, languageOf, type LanguageId } from "../core/languages.js";
import { BUILT_IN_RULES, type Rule, type RuleWords } from "../core/rules/index.js";
import { plainEnvironmentSnippet } from "./plain-snippets.js";
import { describeExposure } from "./exposure.js";

kleur.enabled = colourEnabled();

/** Colour as the bin now decides (its error path switches to stderr's setting after loading this). */
export function applyColour(): void {
  kleur.enabled = colourEnabled();
}

export const USAGE = `Usage: pinekey-hook <command> [options]

Stops Pinecone API keys from entering git history.

Commands:
  install              Set up the pre-commit and pre-push hooks (through husky)
    --no-pre-push        only the pre-commit hook
  uninstall            Remove pinekey-hook's lines from the hooks, leaving the rest
  ignore <fingerprint...>
                       List fingerprints in .pinekeyignore (known test keys)
  ignore --last        ... those the most recent blocked run found
  pre-commit           What the pre-commit hook runs: scan the staged changes
  commit-msg <file>    What the commit-msg hook runs: scan the commit message
  pre-push <remote> <url>
                       What the pre-push hook runs: scan the commits being pushed
                       (no arguments: the pre-commit framework's PRE_COMMIT_* variables)
  pre-receive          For a server's hooks/pre-receive: reject pushes adding keys
  scan --staged        Scan the staged changes
  scan --range <a..b>  Scan the commits in a range, e.g. origin/main..HEAD
  scan --all           Scan every commit reachable from any ref
  scan [paths...]      Scan the working-tree files (all, or under the paths)
  scan --image <path>  Scan a container image: a docker/podman save archive or an
                       OCI layout (- reads the archive from stdin)
  remediate [--lang <language>] [--via <method>]
                       Print code that reads the key from the environment or a secrets
                       manager, and how to rotate a leaked key (no options: the choices)
  rotate --key-id <id> (--update-with '<command>' | --env-file <path>)
                       Replace a leaked key through Pinecone's Admin API
                       (PINECONE_CLIENT_ID, PINECONE_CLIENT_SECRET): create, check,
                       hand over on stdin, delete the old key
    --keep-old --dry-run --timeout <s> --wait <s> --project-id <id>
  inventory [paths...] Every place that reads or configures the key, by service
                       (--format json)
  fix [--dry-run]      Move the staged keys out of the code: environment reads, values
                       in .env (ignored), the fixed files staged again (--dry-run: show the diff)
  doctor               Check the set-up here: hooks, CLI, config and ignore files, versions
  demo                 Show a blocked commit in a throwaway repository (removed afterwards)

Options:
  --format <fmt>       text (default), json or sarif (scan only)
  --verify             Ask Pinecone whether each key found is live, and what a live
                       key exposes (network; scan and hooks; or "verify": true in
                       .pinekeyrc.json). Allowed keys are not sent...
  --verify-allowed     ... unless asked with this (scan only)
  --lang <language>    python, js, ts, go, java, csharp, ruby or shell (remediate only)
  --via <method>       env (default), aws, vault or conjur (remediate only)
  -h, --help           Show this help
  -v, --version        Show the version

Exit codes: 0 clean, 1 keys found (blocked), 2 error.
Allow a false positive with a "pinekey-allow" comment on the line,
or "pinekey-allow-next-line" on the line before.`;

const PREFIX = "pinekey-hook";

export function errorMessage(error: PinekeyError, usage = false): string {
  const lines = [`${kleur.red().bold(`${PREFIX}: error:`)} ${error.message}`];
  if (error.hint) lines.push(`  ${error.hint}`);
  if (usage) lines.push("", USAGE);
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
    `  The ${hook} check could not run, so the ${hook === "pre-commit" || hook === "commit-msg" ? "commit" : "push"} was stopped (pinekey-hook fails closed).\n` +
    `  Fix the cause above and try again. If you must proceed and are sure no key is staged,\n` +
    `  bypass hooks once with --no-verify.\n`
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
  remediateFlags?: (file: string) => string;
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
      return scope.commits ? `the ${plural(scope.commits, "commit", "commits")} about to be pushed` : "the objects about to be pushed";
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
  for (const finding of blocking) out.push(findingLine(finding));
  if (allowed > 0) out.push(`  ${allowedNote}`);
  for (const line of noteLines) out.push(`  ${line}`);
  out.push("");
  for (const kind of words) out.push(...kind.risk);
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

function allowCommentFor(file: string, withReason = false): string {
  const nextLine = withReason ? "pinekey-allow-next-line: <reason>" : "pinekey-allow-next-line";
  const syntax = commentSyntaxOf(languageOf(file));
  if (syntax === null) {
    return `JSON has no comments: add a member  "//": "${nextLine}",  on the line above`;
  }
  return (
    `${syntax.prefix}pinekey-allow: <reason>${syntax.suffix}  at the end of the line, or\n` +
    `       ${syntax.prefix}${nextLine}${syntax.suffix}  on the line above`
  );
}

/**
 * pre-receive: the allow step as this server's policy has it. A server needs a reason (and records
 * it), or takes no allow comments at all; lines whose comment it refused are counted.
 */
function serverAllowStep(step: number, blocking: Finding[], file: string, policy: AllowComments | undefined): string[] {
  const refused = blocking.filter((f) => f.allowRefused !== undefined).length;
  const out: string[] = [];
  if (policy === "off") {
    out.push(`  ${step}. Not a real key? This server accepts no allow comments; its admin can allow a key in the server's policy.`);
  } else {
    out.push(`  ${step}. Not a real key? Mark the line (${file}) with a reason, and amend the commit:`);
    out.push(`       ${allowCommentFor(file, true)}`);
    out.push(`     This server needs the reason (a bare pinekey-allow allows nothing here) and records every allowed key.`);
  }
  if (refused > 0) {
    out.push(`     ${plural(refused, "line has an allow comment", "lines have allow comments")} this server did not accept.`);
  }
  return out;
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

/** A key in the message of a commit not made yet. */
function messageRemediation(words: RuleWords[]): string[] {
  return [
    kleur.bold("How to fix"),
    "  1. The commit was not made. Write the message again without the key (git keeps what you",
    `     wrote in .git/COMMIT_EDITMSG): ${kleur.cyan("git commit -e -F .git/COMMIT_EDITMSG")}`,
    ...rotateStep(2, ["If this key was ever pushed, shared or pasted anywhere"], words),
  ];
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
  if (context === "pre-receive") out.push(...serverAllowStep(4, blocking, files[0]!, scope.allowComments));
  else out.push(...allowStep(4, files[0]!, " and amend the commit"));
  return out;
}

// ---------------------------------------------------------------------------------------------
// install / uninstall

export interface InstallReport {
  /** Each hook file and whether install changed it. */
  hooks: Array<{ file: string; changed: boolean }>;
  packageJsonChanges: string[];
  huskyNote: string | undefined;
  cliOnPath: boolean;
  hasPackageJson: boolean;
  shadowedHook: string | undefined;
}

/**
 * The line install adds to `.husky/<hook>`: POSIX sh, one line. It finds the CLI (husky puts
 * node_modules/.bin on PATH) or says in one line how to install it and stops (fails closed);
 * `|| exit $?` keeps a block a block even where the script does not run under `sh -e`.
 */
export function hookLine(hook: "pre-commit" | "commit-msg" | "pre-push"): string {
  const args = hook === "pre-push" ? ' "$@"' : hook === "commit-msg" ? ' "$1"' : "";
  return (
    'command -v pinekey-hook >/dev/null 2>&1 || { echo "pinekey-hook: command not found; install it: npm install --save-dev pinekey-hook (Node project) or npm install --global pinekey-hook" >&2; exit 2; }; ' +
    `pinekey-hook ${hook}${args} || exit $?`
  );
}

export function installMessage(report: InstallReport): string {
  const ok = kleur.green("✔");
  const lines: string[] = [];
  for (const hook of report.hooks) {
    lines.push(
      hook.changed
        ? `${ok} added the pinekey-hook check to ${hook.file}`
        : `${ok} ${hook.file} already runs pinekey-hook (unchanged)`,
    );
  }
  if (!report.huskyNote) lines.push(`${ok} git hooks run from .husky (core.hooksPath=.husky/_)`);
  for (const change of report.packageJsonChanges) lines.push(`${ok} package.json: ${change}`);
  if (report.packageJsonChanges.length > 0) {
    lines.push(`  Run ${kleur.cyan("npm install")} so teammates get the hook back on their next install.`);
  }
  if (report.huskyNote) lines.push(`${kleur.yellow("!")} husky: ${report.huskyNote}`);
  if (report.shadowedHook) {
    lines.push(
      `${kleur.yellow("!")} ${report.shadowedHook} no longer runs (git now reads hooks from .husky); move its commands into .husky/pre-commit.`,
    );
  }
  if (!report.hasPackageJson && !report.cliOnPath) {
    lines.push(
      `${kleur.yellow("!")} pinekey-hook is not on your PATH, and the hook needs it on every commit. Install it once:`,
      `    ${kleur.cyan("npm install --global pinekey-hook")}`,
      `  Until then the hook stops commits and says so.`,
    );
  }
  const files = report.hooks.map((hook) => hook.file).join(" and ");
  const what = report.hooks.length > 1 ? "Commits and pushes" : "Commits";
  if (report.huskyNote) {
    lines.push(`The hook files are in place; ${what.toLowerCase()} are checked once husky's set-up runs (npx husky).`);
  } else {
    lines.push(`${what} that add a Pinecone API key are now blocked. Commit ${files} to share the set-up.`);
  }
  return lines.join("\n") + "\n";
}

export function uninstallMessage(changed: string[], deleted: string[], shared: string[] = []): string {
  const kept = shared.map(
    (place) => `${kleur.yellow("!")} left ${place} as it is: it runs other commands too; remove "pinekey-hook" from it by hand.`,
  );
  if (changed.length === 0 && deleted.length === 0) {
    return kept.length > 0 ? kept.join("\n") + "\n" : "pinekey-hook: no pinekey-hook lines found; nothing to do.\n";
  }
  const lines = [
    ...kept,
    ...changed.map((file) => `${kleur.green("✔")} removed the pinekey-hook line from ${file}`),
    ...deleted.map((file) => `${kleur.green("✔")} removed ${file} (it held only pinekey-hook)`),
    "husky and its other hooks are left as they are.",
  ];
  return lines.join("\n") + "\n";
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
  manager?: "husky" | "lefthook" | "pre-commit" | "simple-git-hooks" | undefined;
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
}

export interface DoctorReport {
  hooksDir: string;
  hooksPath: string | undefined;
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

function doctorLine(state: "ok" | "problem" | "optional", label: string, text: string, fix?: string): string[] {
  const mark = state === "ok" ? kleur.green("✔") : state === "problem" ? kleur.red("✘") : kleur.dim("○");
  const lines = [`  ${mark} ${label.padEnd(DOCTOR_LABEL_WIDTH)} ${text}`];
  if (fix !== undefined) lines.push(`    ${" ".repeat(DOCTOR_LABEL_WIDTH)} ${kleur.bold("fix:")} ${fix}`);
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
  if (cli.found !== undefined) return doctorLine("ok", "CLI", `${cli.found}`);
  const fix =
    cli.install === "global"
      ? kleur.cyan("npm install --global pinekey-hook")
      : cli.install === "npm-install"
        ? `${kleur.cyan("npm install")} (package.json lists pinekey-hook)`
        : kleur.cyan("npm install --save-dev pinekey-hook");
  return doctorLine("problem", "CLI", "pinekey-hook is not in node_modules/.bin nor on PATH, so the hooks stop every commit", fix);
}

/** `pinekey-hook doctor`'s report: one line per check, a fix under each problem, a verdict. */
export function doctorMessage(report: DoctorReport): string {
  const lines = [kleur.bold("pinekey-hook doctor")];
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
