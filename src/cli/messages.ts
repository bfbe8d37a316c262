/**
 * Every sentence pinekey-hook shows a person lives here: usage, errors, the block report with its
 * remediation, and install/uninstall output. Machine formats (JSON, SARIF) live in format.ts.
 */
import kleur from "kleur";
import type { PinekeyError } from "../core/errors.js";
import type { Finding } from "../core/finding.js";
import { commentSyntaxOf, languageOf, type LanguageId } from "../core/languages.js";

export const USAGE = `Usage: pinekey-hook <command> [options]

Stops Pinecone API keys from entering git history.

Commands:
  install              Set up the pre-commit hook (through husky) in this repository
  uninstall            Remove pinekey-hook's lines from the hooks, leaving the rest
  pre-commit           What the hook runs: scan the staged changes, block on a key
  scan --staged        Scan the staged changes and report

Options:
  --format <fmt>       text (default), json or sarif (scan only)
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

/** Inside a hook an error must block, and the person must know why and what to do. */
export function failedClosedMessage(hook: string): string {
  return (
    `  The ${hook} check could not run, so the ${hook === "pre-commit" ? "commit" : "push"} was stopped (pinekey-hook fails closed).\n` +
    `  Fix the cause above and try again. If you must proceed and are sure no key is staged,\n` +
    `  bypass hooks once with --no-verify.\n`
  );
}

// ---------------------------------------------------------------------------------------------
// The report

export type ReportContext = "pre-commit" | "scan";

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function findingLine(finding: Finding): string {
  const where = `${finding.file}:${finding.line}:${finding.column}`;
  const encoded = finding.encoding ? kleur.dim(` (${finding.encoding})`) : "";
  if (finding.allowed) {
    const reason = finding.allowReason ? `: ${finding.allowReason}` : "";
    return `  ${kleur.dim(`${where}  ${finding.rule}  ${finding.redacted}  allowed${reason}`)}`;
  }
  return `  ${kleur.bold(where)}  ${kleur.yellow(finding.rule)}  ${finding.redacted}${encoded}`;
}

/**
 * The human report. Empty string when there is nothing to say (a clean pre-commit is silent).
 * `blocking` are the findings that block; allowed ones are only counted.
 */
export function renderReport(findings: Finding[], context: ReportContext): string {
  const blocking = findings.filter((f) => !f.allowed);
  const allowed = findings.length - blocking.length;
  const allowedNote =
    allowed > 0 ? kleur.dim(`${plural(allowed, "key", "keys")} allowed by pinekey-allow comments.`) : "";

  if (blocking.length === 0) {
    if (context === "pre-commit") return allowed > 0 ? `${PREFIX}: ${allowedNote}\n` : "";
    return `${PREFIX}: no Pinecone API keys in the staged changes.${allowed > 0 ? ` ${allowedNote}` : ""}\n`;
  }

  const count = plural(blocking.length, "Pinecone API key", "Pinecone API keys");
  const headline =
    context === "pre-commit"
      ? `${kleur.red().bold(`${PREFIX}: commit blocked:`)} ${count} in the staged changes`
      : `${kleur.red().bold(`${PREFIX}:`)} ${count} in the staged changes`;

  const out: string[] = [headline, ""];
  for (const finding of blocking) out.push(findingLine(finding));
  if (allowed > 0) out.push(`  ${allowedNote}`);
  out.push("");
  out.push("A leaked key gives full access to your Pinecone project: indexes can be read, changed or");
  out.push("deleted, and usage is billed to you.");
  out.push("");
  out.push(...remediation(blocking));
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
  return /^[A-Za-z0-9._\/-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

function remediation(blocking: Finding[]): string[] {
  const files = [...new Set(blocking.map((f) => f.file))];
  const languages = [...new Set(files.map(languageOf))];
  const h = (text: string): string => kleur.bold(text);
  const out: string[] = [h("How to fix")];

  out.push(`  1. Move the key to an environment variable:`);
  for (const language of languages.slice(0, MAX_SNIPPETS)) {
    const snippet = ENVIRONMENT_SNIPPETS[language];
    if (languages.length > 1) out.push(`     ${kleur.dim(snippet.label)}`);
    for (const line of snippet.lines) out.push(`       ${kleur.cyan(line)}`);
  }

  out.push(`  2. Or fetch it from a secrets manager at start-up:`);
  out.push(`       AWS Secrets Manager  aws secretsmanager get-secret-value --secret-id pinecone/api-key`);
  out.push(`       HashiCorp Vault      vault kv get -field=api_key secret/pinecone`);
  out.push(`       CyberArk Conjur      conjur variable get -i pinecone/api-key`);

  const shown = files.slice(0, 3).map(shellQuote).join(" ") + (files.length > 3 ? " …" : "");
  out.push(`  3. Unstage, fix and add again:`);
  const them = files.length === 1 ? "it" : "them";
  out.push(`       ${kleur.cyan(`git restore --staged ${shown}`)}   then edit ${them} and ${kleur.cyan("git add")} ${them} again`);

  out.push(`  4. If this key was ever pushed, shared or pasted anywhere, rotate it: create a new key in`);
  out.push(`     the Pinecone console, update every service that uses it, delete the old key, and watch`);
  out.push(`     usage for reads, writes or costs you do not expect.`);

  out.push(`  5. Not a real key? Mark the line (${files[0]}):`);
  out.push(`       ${allowCommentFor(files[0]!)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// install / uninstall

export interface InstallReport {
  hookFile: string;
  hookChanged: boolean;
  packageJsonChanges: string[];
  huskyNote: string | undefined;
  cliOnPath: boolean;
  hasPackageJson: boolean;
  shadowedHook: string | undefined;
}

/** The line install adds to `.husky/pre-commit`: finds the CLI or says in one line how to get it. */
export const PRE_COMMIT_HOOK_LINE =
  'command -v pinekey-hook >/dev/null 2>&1 || { echo "pinekey-hook: command not found; install it: npm install --save-dev pinekey-hook (Node project) or npm install --global pinekey-hook" >&2; exit 2; }; pinekey-hook pre-commit || exit $?';

export function installMessage(report: InstallReport): string {
  const ok = kleur.green("✔");
  const lines: string[] = [];
  lines.push(
    report.hookChanged
      ? `${ok} added the pinekey-hook check to ${report.hookFile}`
      : `${ok} ${report.hookFile} already runs pinekey-hook (unchanged)`,
  );
  lines.push(`${ok} git hooks run from .husky (core.hooksPath=.husky/_)`);
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
  lines.push(`Commits that add a Pinecone API key are now blocked. Commit .husky/pre-commit to share it.`);
  return lines.join("\n") + "\n";
}

export function uninstallMessage(changed: string[], deleted: string[]): string {
  if (changed.length === 0 && deleted.length === 0) return "pinekey-hook: no pinekey-hook lines found; nothing to do.\n";
  const lines = [
    ...changed.map((file) => `${kleur.green("✔")} removed the pinekey-hook line from ${file}`),
    ...deleted.map((file) => `${kleur.green("✔")} removed ${file} (it held only pinekey-hook)`),
    "husky and its other hooks are left as they are.",
  ];
  return lines.join("\n") + "\n";
}
