#!/usr/bin/env node
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// ../../work/main/dist/cli/colour.js
function setColour(on) {
  enabled = on;
}
function colourEnabled() {
  return enabled;
}
var enabled;
var init_colour = __esm({
  "../../work/main/dist/cli/colour.js"() {
    "use strict";
    enabled = false;
  }
});

// ../../work/main/dist/core/errors.js
var PinekeyError;
var init_errors = __esm({
  "../../work/main/dist/core/errors.js"() {
    "use strict";
    PinekeyError = class extends Error {
      code;
      /** What the person should do next; printed under the message. */
      hint;
      constructor(code, message, hint) {
        super(message);
        this.name = "PinekeyError";
        this.code = code;
        this.hint = hint;
      }
    };
  }
});

// ../../work/main/dist/core/languages.js
function languageOf(path) {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const lower = base.toLowerCase();
  if (lower === ".env" || lower.startsWith(".env.") || lower.endsWith(".env"))
    return "dotenv";
  if (lower === "dockerfile" || lower.startsWith("dockerfile.") || lower === "makefile")
    return "shell";
  if (lower === ".envrc" || lower === ".bashrc" || lower === ".zshrc" || lower === ".profile")
    return "shell";
  const dot = lower.lastIndexOf(".");
  if (dot <= 0)
    return "other";
  return BY_EXTENSION[lower.slice(dot + 1)] ?? "other";
}
function commentSyntaxOf(language) {
  switch (language) {
    case "python":
    case "notebook":
    // the allow comment goes inside the cell's Python source
    case "ruby":
    case "shell":
    case "dotenv":
    case "yaml":
    case "toml":
    case "other":
      return HASH;
    case "javascript":
    case "typescript":
    case "go":
    case "java":
    case "csharp":
      return SLASHES;
    case "ini":
      return { prefix: "; ", suffix: "" };
    case "markdown":
    case "html":
      return { prefix: "<!-- ", suffix: " -->" };
    case "sql":
      return { prefix: "-- ", suffix: "" };
    case "batch":
      return { prefix: "REM ", suffix: "" };
    case "vb":
      return { prefix: "' ", suffix: "" };
    case "css":
      return { prefix: "/* ", suffix: " */" };
    case "json":
      return null;
  }
}
var BY_EXTENSION, HASH, SLASHES;
var init_languages = __esm({
  "../../work/main/dist/core/languages.js"() {
    "use strict";
    BY_EXTENSION = {
      py: "python",
      pyw: "python",
      pyi: "python",
      ipynb: "notebook",
      js: "javascript",
      mjs: "javascript",
      cjs: "javascript",
      jsx: "javascript",
      ts: "typescript",
      mts: "typescript",
      cts: "typescript",
      tsx: "typescript",
      go: "go",
      java: "java",
      kt: "java",
      kts: "java",
      scala: "java",
      cs: "csharp",
      rb: "ruby",
      sh: "shell",
      bash: "shell",
      zsh: "shell",
      ksh: "shell",
      env: "dotenv",
      yml: "yaml",
      yaml: "yaml",
      json: "json",
      toml: "toml",
      tf: "toml",
      hcl: "toml",
      ini: "ini",
      cfg: "ini",
      conf: "ini",
      properties: "ini",
      md: "markdown",
      markdown: "markdown",
      mdx: "markdown",
      html: "html",
      htm: "html",
      xml: "html",
      vue: "html",
      svelte: "html",
      sql: "sql",
      lua: "sql",
      bat: "batch",
      cmd: "batch",
      vb: "vb",
      vbs: "vb",
      bas: "vb",
      css: "css",
      scss: "css",
      less: "css"
    };
    HASH = { prefix: "# ", suffix: "" };
    SLASHES = { prefix: "// ", suffix: "" };
  }
});

// ../../work/main/dist/cli/messages.js
var messages_exports = {};
__export(messages_exports, {
  USAGE: () => USAGE,
  errorMessage: () => errorMessage,
  failedClosedMessage: () => failedClosedMessage,
  hookLine: () => hookLine,
  ignoreMessage: () => ignoreMessage,
  installMessage: () => installMessage,
  printablePath: () => printablePath,
  renderReport: () => renderReport,
  unexpectedErrorMessage: () => unexpectedErrorMessage,
  uninstallMessage: () => uninstallMessage
});
import kleur from "kleur";
function errorMessage(error, usage = false) {
  const lines2 = [`${kleur.red().bold(`${PREFIX}: error:`)} ${error.message}`];
  if (error.hint)
    lines2.push(`  ${error.hint}`);
  if (usage)
    lines2.push("", USAGE);
  return lines2.join("\n") + "\n";
}
function unexpectedErrorMessage(error) {
  const detail = error instanceof Error ? error.message : String(error);
  return `${kleur.red().bold(`${PREFIX}: error:`)} unexpected failure: ${detail}
  This is a bug in pinekey-hook; please report it with the command you ran.
`;
}
function failedClosedMessage(hook) {
  return `  The ${hook} check could not run, so the ${hook === "pre-commit" ? "commit" : "push"} was stopped (pinekey-hook fails closed).
  Fix the cause above and try again. If you must proceed and are sure no key is staged,
  bypass hooks once with --no-verify.
`;
}
function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}
function shortOid(oid) {
  return oid.slice(0, 10);
}
function printablePath(path) {
  return /[\u0000-\u001f\u007f-\u009f]/.test(path) ? JSON.stringify(path).slice(1, -1).replace(/\\"/g, '"').replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : path;
}
function findingLine(finding) {
  const where = `${printablePath(finding.file)}:${finding.line}:${finding.column}`;
  const encoded = finding.encoding ? kleur.dim(` (${finding.encoding})`) : "";
  const commit = finding.commit ? `  ${kleur.dim(`in ${shortOid(finding.commit)} "${finding.subject ?? ""}"`)}` : "";
  if (finding.allowed) {
    const reason = finding.allowReason ? `: ${finding.allowReason}` : "";
    return `  ${kleur.dim(`${where}  ${finding.rule}  ${finding.redacted}  allowed${reason}`)}`;
  }
  const verdict = finding.verified ? `  ${finding.verified === "live" || finding.verified === "restricted" ? kleur.red().bold(VERDICTS[finding.verified]) : kleur.dim(VERDICTS[finding.verified])}` : "";
  return `  ${kleur.bold(where)}  ${kleur.yellow(finding.rule)}  ${finding.redacted}${encoded}${commit}${verdict}`;
}
function notes(scope) {
  const limit = scope.maxFileBytes !== void 0 ? ` (maxFileBytes: ${scope.maxFileBytes} bytes)` : "";
  return (scope.truncated ?? []).map((file) => `${kleur.yellow("note:")} only the first part of ${printablePath(file)} was scanned: it is larger than the size limit${limit}.`);
}
function isHistory(context) {
  return context === "pre-push" || context === "pre-receive" || context === "history";
}
function whereScanned(context, scope) {
  switch (context) {
    case "pre-commit":
    case "staged":
      return "the staged changes";
    case "pre-push":
      return `the ${plural(scope.commits ?? 0, "commit", "commits")} about to be pushed`;
    case "pre-receive":
      return `the ${plural(scope.commits ?? 0, "commit", "commits")} pushed`;
    case "history":
      return plural(scope.commits ?? 0, "commit", "commits");
    case "files":
      return plural(scope.files ?? 0, "file", "files");
  }
}
function headline(context, count, where) {
  const red = (text) => kleur.red().bold(text);
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
function renderReport(findings, context, scope = {}) {
  const blocking = findings.filter((f) => !f.allowed);
  const allowed = findings.length - blocking.length;
  const allowedNote = allowed > 0 ? kleur.dim(`${plural(allowed, "key", "keys")} allowed by pinekey-allow comments.`) : "";
  const where = whereScanned(context, scope);
  const isHook = context === "pre-commit" || context === "pre-push" || context === "pre-receive";
  const noteLines = notes(scope);
  if (blocking.length === 0) {
    const extra = noteLines.map((line) => `${line}
`).join("");
    if (isHook)
      return (allowed > 0 ? `${PREFIX}: ${allowedNote}
` : "") + extra;
    return `${PREFIX}: no Pinecone API keys in ${where}.${allowed > 0 ? ` ${allowedNote}` : ""}
${extra}`;
  }
  const out = [headline(context, plural(blocking.length, "Pinecone API key", "Pinecone API keys"), where), ""];
  for (const finding of blocking)
    out.push(findingLine(finding));
  if (allowed > 0)
    out.push(`  ${allowedNote}`);
  for (const line of noteLines)
    out.push(`  ${line}`);
  out.push("");
  out.push("A leaked key gives full access to your Pinecone project: indexes can be read, changed or");
  out.push("deleted, and usage is billed to you.");
  out.push("");
  out.push(...isHistory(context) ? historyRemediation(blocking, context, scope) : remediation(blocking, context, scope));
  return out.join("\n") + "\n";
}
function allowCommentFor(file) {
  const syntax = commentSyntaxOf(languageOf(file));
  if (syntax === null) {
    return 'JSON has no comments: add a member  "//": "pinekey-allow-next-line",  on the line above';
  }
  return `${syntax.prefix}pinekey-allow: <reason>${syntax.suffix}  at the end of the line, or
       ${syntax.prefix}pinekey-allow-next-line${syntax.suffix}  on the line above`;
}
function shellQuote(path) {
  return /^[A-Za-z0-9._\/-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
function environmentSteps(files, step, scope) {
  const languages = [...new Set(files.map(languageOf))];
  const out = [`  ${step}. Move the key to an environment variable:`];
  for (const language of languages.slice(0, MAX_SNIPPETS)) {
    const snippet = ENVIRONMENT_SNIPPETS[language];
    if (languages.length > 1)
      out.push(`     ${kleur.dim(snippet.label)}`);
    for (const line of snippet.lines)
      out.push(`       ${kleur.cyan(line)}`);
  }
  out.push(`     Or fetch it from a secrets manager at start-up:`);
  out.push(`       AWS Secrets Manager  aws secretsmanager get-secret-value --secret-id pinecone/api-key`);
  out.push(`       HashiCorp Vault      vault kv get -field=api_key secret/pinecone`);
  out.push(`       CyberArk Conjur      conjur variable get -i pinecone/api-key`);
  if (scope.remediateFlags && files[0] !== void 0) {
    out.push(`     A complete example for your language: ${kleur.cyan(`pinekey-hook remediate ${scope.remediateFlags(files[0])}`)}`);
  }
  return out;
}
function rotateStep(step, condition) {
  const lines2 = condition.map((text, i) => i === 0 ? `  ${step}. ${text}` : `     ${text}`);
  lines2[lines2.length - 1] += ", rotate it:";
  return [
    ...lines2,
    `     create a new key in the Pinecone console, update every service that`,
    `     uses it, delete the old key, and watch usage for reads, writes or`,
    `     costs you do not expect.`
  ];
}
function allowStep(step, file, extra = "") {
  return [
    `  ${step}. Not a real key? Mark the line (${file})${extra}:`,
    `       ${allowCommentFor(file)}`,
    `     A known revoked test key: ${kleur.cyan("pinekey-hook ignore --last")} lists its fingerprint in .pinekeyignore`
  ];
}
function uniqueFiles(findings) {
  return [...new Set(findings.map((f) => printablePath(f.file)))];
}
function remediation(blocking, context, scope) {
  const files = uniqueFiles(blocking);
  const out = [kleur.bold("How to fix"), ...environmentSteps(files, 1, scope)];
  if (context === "files") {
    out.push(...rotateStep(2, ["If this key was ever committed, pushed, shared or pasted anywhere"]));
    out.push(...allowStep(3, files[0]));
    return out;
  }
  const shown = files.slice(0, 3).map(shellQuote).join(" ") + (files.length > 3 ? " \u2026" : "");
  const them = files.length === 1 ? "it" : "them";
  out.push(`  2. Unstage, fix and add again:`);
  out.push(`       ${kleur.cyan(`git restore --staged ${shown}`)}   then edit ${them} and ${kleur.cyan("git add")} ${them} again`);
  out.push(...rotateStep(3, ["If this key was ever pushed, shared or pasted anywhere"]));
  out.push(...allowStep(4, files[0]));
  return out;
}
function historyRemediation(blocking, context, scope) {
  const files = uniqueFiles(blocking);
  const commits = [...new Set(blocking.map((f) => f.commit).filter((c) => c !== void 0))];
  const oldest = commits[commits.length - 1];
  const out = [kleur.bold("How to fix")];
  if (context === "pre-push")
    out.push("  Nothing has left this machine: the push was stopped before sending anything.");
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
  out.push(...environmentSteps(files, 2, scope));
  out.push(...rotateStep(3, context === "pre-receive" ? ["The key was sent over the network and may be in other clones"] : ["If these commits were ever shared (pulled, pushed elsewhere,", "opened as a pull request)"]));
  out.push(...allowStep(4, files[0], " and amend the commit"));
  return out;
}
function hookLine(hook) {
  const args = hook === "pre-push" ? ' "$@"' : "";
  return `command -v pinekey-hook >/dev/null 2>&1 || { echo "pinekey-hook: command not found; install it: npm install --save-dev pinekey-hook (Node project) or npm install --global pinekey-hook" >&2; exit 2; }; pinekey-hook ${hook}${args} || exit $?`;
}
function installMessage(report) {
  const ok = kleur.green("\u2714");
  const lines2 = [];
  for (const hook of report.hooks) {
    lines2.push(hook.changed ? `${ok} added the pinekey-hook check to ${hook.file}` : `${ok} ${hook.file} already runs pinekey-hook (unchanged)`);
  }
  if (!report.huskyNote)
    lines2.push(`${ok} git hooks run from .husky (core.hooksPath=.husky/_)`);
  for (const change of report.packageJsonChanges)
    lines2.push(`${ok} package.json: ${change}`);
  if (report.packageJsonChanges.length > 0) {
    lines2.push(`  Run ${kleur.cyan("npm install")} so teammates get the hook back on their next install.`);
  }
  if (report.huskyNote)
    lines2.push(`${kleur.yellow("!")} husky: ${report.huskyNote}`);
  if (report.shadowedHook) {
    lines2.push(`${kleur.yellow("!")} ${report.shadowedHook} no longer runs (git now reads hooks from .husky); move its commands into .husky/pre-commit.`);
  }
  if (!report.hasPackageJson && !report.cliOnPath) {
    lines2.push(`${kleur.yellow("!")} pinekey-hook is not on your PATH, and the hook needs it on every commit. Install it once:`, `    ${kleur.cyan("npm install --global pinekey-hook")}`, `  Until then the hook stops commits and says so.`);
  }
  const files = report.hooks.map((hook) => hook.file).join(" and ");
  const what = report.hooks.length > 1 ? "Commits and pushes" : "Commits";
  if (report.huskyNote) {
    lines2.push(`The hook files are in place; ${what.toLowerCase()} are checked once husky's set-up runs (npx husky).`);
  } else {
    lines2.push(`${what} that add a Pinecone API key are now blocked. Commit ${files} to share the set-up.`);
  }
  return lines2.join("\n") + "\n";
}
function uninstallMessage(changed, deleted, shared = []) {
  const kept = shared.map((place) => `${kleur.yellow("!")} left ${place} as it is: it runs other commands too; remove "pinekey-hook" from it by hand.`);
  if (changed.length === 0 && deleted.length === 0) {
    return kept.length > 0 ? kept.join("\n") + "\n" : "pinekey-hook: no pinekey-hook lines found; nothing to do.\n";
  }
  const lines2 = [
    ...kept,
    ...changed.map((file) => `${kleur.green("\u2714")} removed the pinekey-hook line from ${file}`),
    ...deleted.map((file) => `${kleur.green("\u2714")} removed ${file} (it held only pinekey-hook)`),
    "husky and its other hooks are left as they are."
  ];
  return lines2.join("\n") + "\n";
}
function ignoreMessage(added, alreadyThere) {
  const lines2 = added.map((fingerprint) => `${kleur.green("\u2714")} .pinekeyignore: ${fingerprint}`);
  if (alreadyThere > 0)
    lines2.push(`${plural(alreadyThere, "fingerprint was", "fingerprints were")} already listed.`);
  if (added.length > 0) {
    lines2.push("These keys are now reported as allowed wherever they appear. Commit .pinekeyignore to share it,");
    lines2.push("and make sure each key is revoked: ignoring a key does not make it safe.");
  }
  return lines2.join("\n") + "\n";
}
var USAGE, PREFIX, VERDICTS, ENVIRONMENT_SNIPPETS, MAX_SNIPPETS;
var init_messages = __esm({
  "../../work/main/dist/cli/messages.js"() {
    "use strict";
    init_colour();
    init_languages();
    kleur.enabled = colourEnabled();
    USAGE = `Usage: pinekey-hook <command> [options]

Stops Pinecone API keys from entering git history.

Commands:
  install              Set up the pre-commit and pre-push hooks (through husky)
    --no-pre-push        only the pre-commit hook
  uninstall            Remove pinekey-hook's lines from the hooks, leaving the rest
  ignore <fingerprint...>
                       List fingerprints in .pinekeyignore (known test keys)
  ignore --last        ... those the most recent blocked run found
  pre-commit           What the pre-commit hook runs: scan the staged changes
  pre-push <remote> <url>
                       What the pre-push hook runs: scan the commits being pushed
  pre-receive          For a server's hooks/pre-receive: reject pushes adding keys
  scan --staged        Scan the staged changes
  scan --range <a..b>  Scan the commits in a range, e.g. origin/main..HEAD
  scan --all           Scan every commit reachable from any ref
  scan [paths...]      Scan the working-tree files (all, or under the paths)
  remediate [--lang <language>] [--via <method>]
                       Print code that reads the key from the environment or a secrets
                       manager, and how to rotate a leaked key (no options: the choices)

Options:
  --format <fmt>       text (default), json or sarif (scan only)
  --verify             Ask Pinecone whether each key found is live (network;
                       scan and hooks; or "verify": true in .pinekeyrc.json)
  --lang <language>    python, js, ts, go, java, csharp, ruby or shell (remediate only)
  --via <method>       env (default), aws, vault or conjur (remediate only)
  -h, --help           Show this help
  -v, --version        Show the version

Exit codes: 0 clean, 1 keys found (blocked), 2 error.
Allow a false positive with a "pinekey-allow" comment on the line,
or "pinekey-allow-next-line" on the line before.`;
    PREFIX = "pinekey-hook";
    VERDICTS = {
      live: "LIVE: rotate it now",
      restricted: "live (restricted permissions): rotate it now",
      revoked: "revoked or invalid (still keep it out of git)",
      unknown: "live check inconclusive"
    };
    ENVIRONMENT_SNIPPETS = {
      python: {
        label: "Python",
        lines: [
          "import os",
          "from pinecone import Pinecone",
          'pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])'
        ]
      },
      notebook: {
        label: "Jupyter notebook",
        lines: [
          "import os, getpass",
          'os.environ.setdefault("PINECONE_API_KEY", getpass.getpass("Pinecone API key: "))',
          "pc = Pinecone()  # reads PINECONE_API_KEY",
          "# and clear any cell output that printed the key before committing"
        ]
      },
      javascript: {
        label: "JavaScript",
        lines: [
          'import { Pinecone } from "@pinecone-database/pinecone";',
          "const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY });"
        ]
      },
      typescript: {
        label: "TypeScript",
        lines: [
          'import { Pinecone } from "@pinecone-database/pinecone";',
          "const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY! });"
        ]
      },
      go: {
        label: "Go",
        lines: [
          'pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: os.Getenv("PINECONE_API_KEY")})'
        ]
      },
      java: {
        label: "Java",
        lines: ['Pinecone pc = new Pinecone.Builder(System.getenv("PINECONE_API_KEY")).build();']
      },
      csharp: {
        label: "C#",
        lines: ['var pc = new PineconeClient(Environment.GetEnvironmentVariable("PINECONE_API_KEY"));']
      },
      ruby: {
        label: "Ruby",
        lines: ['api_key = ENV.fetch("PINECONE_API_KEY")']
      },
      shell: {
        label: "shell",
        lines: [
          ': "${PINECONE_API_KEY:?set PINECONE_API_KEY in the environment}"',
          'curl -H "Api-Key: $PINECONE_API_KEY" https://api.pinecone.io/indexes'
        ]
      },
      dotenv: {
        label: ".env file",
        lines: [
          "echo .env >> .gitignore          # keep real values out of git",
          "git rm --cached --quiet .env     # if it was tracked before",
          "# commit a .env.example instead, with the name and no value:  PINECONE_API_KEY="
        ]
      },
      yaml: {
        label: "YAML / Compose",
        lines: [
          "environment:",
          "  PINECONE_API_KEY: ${PINECONE_API_KEY}   # Compose fills it from the shell or an untracked .env",
          "# Kubernetes: create the Secret outside git: kubectl create secret generic pinecone --from-env-file=.env"
        ]
      },
      json: {
        label: "JSON",
        lines: [
          "JSON cannot read the environment: leave the value out of this file and have the code",
          "that loads it take PINECONE_API_KEY from the environment, or keep the file untracked."
        ]
      },
      toml: { label: "config file", lines: ["Leave the value out; have your code read PINECONE_API_KEY from the environment."] },
      ini: { label: "config file", lines: ["Leave the value out; have your code read PINECONE_API_KEY from the environment."] },
      markdown: { label: "docs", lines: ["Show a placeholder instead:  PINECONE_API_KEY=<your-pinecone-api-key>"] },
      html: { label: "markup", lines: ["Never ship the key to a browser: call Pinecone from your server, which reads PINECONE_API_KEY."] },
      sql: { label: "SQL", lines: ["Leave the value out; pass it in from the environment at run time."] },
      batch: { label: "batch file", lines: ["if not defined PINECONE_API_KEY (echo set PINECONE_API_KEY first & exit /b 1)"] },
      vb: { label: "Visual Basic", lines: ['Dim apiKey = Environment.GetEnvironmentVariable("PINECONE_API_KEY")'] },
      css: { label: "CSS", lines: ["A stylesheet is no place for a key: remove it."] },
      other: { label: "any language", lines: ["Read the key from the PINECONE_API_KEY environment variable at run time."] }
    };
    MAX_SNIPPETS = 3;
  }
});

// ../../work/main/dist/cli/package-info.js
var package_info_exports = {};
__export(package_info_exports, {
  ownPackage: () => ownPackage
});
import { readFileSync } from "node:fs";
function ownPackage() {
  cached ??= JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return cached;
}
var cached;
var init_package_info = __esm({
  "../../work/main/dist/cli/package-info.js"() {
    "use strict";
  }
});

// ../../work/main/dist/core/mask.js
import { createHash } from "node:crypto";
function redactCurrentKey(label, secret, visible = SHOWN_SECRET_CHARS) {
  return `pcsk_${label}_${secret.slice(0, clampVisible(visible))}\u2026`;
}
function redactLegacyKey(uuid, visible = SHOWN_SECRET_CHARS) {
  return `${uuid.slice(0, clampVisible(visible))}\u2026`;
}
function redactCustomSecret(secret, visible = SHOWN_SECRET_CHARS) {
  return `${secret.slice(0, Math.min(clampVisible(visible), Math.floor(secret.length / 4)))}\u2026`;
}
function clampVisible(visible) {
  return Math.max(0, Math.min(SHOWN_SECRET_CHARS, Math.floor(visible)));
}
function fingerprintOf(rule, key) {
  const digest = createHash("sha256").update(`${rule}\0${key}`).digest("hex");
  return `${rule}:${digest.slice(0, 16)}`;
}
function scrubKeys(text) {
  return text.replace(CURRENT_KEY_ANYWHERE, (match, label, secret) => secret.length >= MIN_SCRUBBED_SECRET_LENGTH ? redactCurrentKey(label, secret) : match);
}
var SHOWN_SECRET_CHARS, CURRENT_KEY_ANYWHERE, MIN_SCRUBBED_SECRET_LENGTH;
var init_mask = __esm({
  "../../work/main/dist/core/mask.js"() {
    "use strict";
    SHOWN_SECRET_CHARS = 4;
    CURRENT_KEY_ANYWHERE = /pcsk_([A-Za-z0-9]{5,6})_([A-Za-z0-9]+)/g;
    MIN_SCRUBBED_SECRET_LENGTH = 20;
  }
});

// ../../work/main/dist/git/git.js
var git_exports = {};
__export(git_exports, {
  gitOutput: () => gitOutput,
  gitStream: () => gitStream
});
import { createRequire } from "node:module";
function inheritedEnvironmentNames() {
  return Object.keys(process.env).filter((name) => GUARDED_NAME.test(name) && !NOT_INHERITED.test(name));
}
function createGit(cwd, input) {
  return simpleGit({
    baseDir: cwd,
    ...input !== void 0 ? { input: () => input } : {},
    config: ["core.quotepath=off"],
    // Finish when git's streams close. The default also arms a 50 ms timer at exit, which keeps
    // Node alive 50 ms after the last git call: a tenth of a second added to every commit.
    completion: { onClose: true, onExit: false },
    allowEnvironment: inheritedEnvironmentNames(),
    unsafe: {
      allowUnsafeAskPass: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeDiffExternal: true,
      allowUnsafeEditor: true,
      allowUnsafeExec: true,
      allowUnsafeGitProxy: true,
      allowUnsafePager: true,
      allowUnsafeSshCommand: true,
      allowUnsafeTemplateDir: true
    }
  });
}
async function gitOutput(args, options = {}) {
  const { cwd = process.cwd(), input } = typeof options === "string" ? { cwd: options } : options;
  try {
    return await createGit(cwd, input).raw(args);
  } catch (error) {
    throw toPinekeyError(error, args);
  }
}
async function gitStream(args, onText, options = {}) {
  const { cwd = process.cwd(), input } = typeof options === "string" ? { cwd: options } : options;
  const decoder2 = new TextDecoder("utf-8");
  let handlerError;
  const git = createGit(cwd, input).outputHandler((_command, stdout) => {
    stdout.removeAllListeners("data");
    stdout.on("data", (chunk) => {
      if (handlerError !== void 0)
        return;
      try {
        onText(decoder2.decode(chunk, { stream: true }));
      } catch (error) {
        handlerError = error;
      }
    });
  });
  try {
    await git.raw(args);
  } catch (error) {
    throw toPinekeyError(error, args);
  }
  if (handlerError !== void 0)
    throw handlerError;
  const rest = decoder2.decode();
  if (rest.length > 0)
    onText(rest);
}
function toPinekeyError(error, args) {
  if (error instanceof PinekeyError)
    return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrubKeys(raw).trim();
  if (/ENOENT/.test(message) && /spawn/.test(message)) {
    return new PinekeyError("GIT_NOT_FOUND", "git was not found on PATH.", "Install git (2.25 or newer) and make sure `git --version` works in this shell.");
  }
  if (/not a git repository/i.test(message)) {
    return new PinekeyError("NOT_A_REPOSITORY", "not inside a git repository.", "Run pinekey-hook from inside a git working tree (or set GIT_DIR).");
  }
  const firstLines = message.split("\n").filter((line) => line.trim().length > 0).slice(0, 3).join("\n");
  return new PinekeyError("GIT_FAILED", `git ${args[0] ?? ""} failed: ${firstLines}`);
}
var simpleGit, GUARDED_NAME, NOT_INHERITED;
var init_git = __esm({
  "../../work/main/dist/git/git.js"() {
    "use strict";
    init_errors();
    init_mask();
    ({ simpleGit } = createRequire(import.meta.url)("simple-git"));
    GUARDED_NAME = /^(?:git_.*|editor|pager|visual|prefix|ssh_askpass)$/i;
    NOT_INHERITED = /^git_diff_opts$/i;
  }
});

// ../../work/main/dist/git/repository.js
import { resolve } from "node:path";
async function workTree(cwd = process.cwd()) {
  let output;
  try {
    output = await gitOutput(["rev-parse", "--show-toplevel", "--git-dir", "--git-common-dir"], cwd);
  } catch (error) {
    if (error instanceof PinekeyError && /must be run in a work tree/.test(error.message)) {
      const bare = (await gitOutput(["rev-parse", "--is-bare-repository"], cwd).catch(() => "true\n")).trim();
      throw new PinekeyError("NOT_A_REPOSITORY", bare === "true" ? "this is a bare repository: there is no index or working tree to scan." : "this is the git directory, not a working tree.", "Run it inside a working tree.");
    }
    throw error;
  }
  const [root = "", gitDir = "", commonDir = ""] = output.split("\n");
  if (root.length === 0) {
    throw new PinekeyError("NOT_A_REPOSITORY", "not inside a git working tree.", "Run it inside a working tree.");
  }
  return { root, gitDir: resolve(cwd, gitDir), commonDir: resolve(cwd, commonDir) };
}
async function workTreeRoot(cwd = process.cwd()) {
  return (await workTree(cwd)).root;
}
async function configValue(key, cwd = process.cwd()) {
  const value = await gitOutput(["config", "--default", "", "--get", key], cwd);
  const trimmed = value.replace(/\n$/, "");
  return trimmed.length > 0 ? trimmed : void 0;
}
async function commonGitDir(cwd = process.cwd()) {
  const dir = (await gitOutput(["rev-parse", "--git-common-dir"], cwd)).replace(/\n$/, "");
  return resolve(cwd, dir);
}
var init_repository = __esm({
  "../../work/main/dist/git/repository.js"() {
    "use strict";
    init_git();
    init_errors();
  }
});

// ../../work/main/dist/cli/commands/hook-files.js
import { chmodSync, existsSync, mkdirSync, readFileSync as readFileSync2, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
function addHookLine(file, line, alreadyThere) {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${line}
`, { mode: 493 });
    return true;
  }
  const text = readFileSync2(file, "utf8");
  if (text.split("\n").some((existing) => alreadyThere.test(existing)))
    return false;
  const lines2 = text.split("\n");
  const at = lines2[0]?.startsWith("#!") ? 1 : 0;
  lines2.splice(at, 0, line);
  writeFileSync(file, lines2.join("\n"));
  chmodSync(file, 493);
  return true;
}
function removeHookLines(file) {
  if (!existsSync(file))
    return { outcome: "unchanged", sharedLines: [] };
  const lines2 = readFileSync2(file, "utf8").split("\n");
  const sharedLines = [];
  const kept = lines2.filter((line, index) => {
    if (!OWN_HOOK_LINE.test(line))
      return true;
    if (ONLY_PINEKEY_LINE.test(line))
      return false;
    sharedLines.push(index + 1);
    return true;
  });
  if (kept.length === lines2.length)
    return { outcome: "unchanged", sharedLines };
  if (kept.every((line) => line.trim() === "" || line.startsWith("#!"))) {
    rmSync(file);
    return { outcome: "deleted", sharedLines };
  }
  writeFileSync(file, kept.join("\n"));
  return { outcome: "changed", sharedLines };
}
var OWN_HOOK_LINE, ONLY_PINEKEY_LINE;
var init_hook_files = __esm({
  "../../work/main/dist/cli/commands/hook-files.js"() {
    "use strict";
    OWN_HOOK_LINE = /\bpinekey-hook\s+pre-(?:commit|push)\b/;
    ONLY_PINEKEY_LINE = /^\s*(?:command -v pinekey-hook\b.*|(?:exec\s+)?(?:npx\s+(?:--no(?:-install)?\s+)?)?pinekey-hook\s+pre-(?:commit|push)(?:\s+"\$@")?(?:\s*\|\|\s*exit(?:\s+\$\?)?)?\s*;?)\s*$/;
  }
});

// ../../work/main/dist/cli/commands/install.js
var install_exports = {};
__export(install_exports, {
  installCommand: () => installCommand
});
import { accessSync, constants, existsSync as existsSync2, readFileSync as readFileSync3, writeFileSync as writeFileSync2 } from "node:fs";
import { delimiter, join } from "node:path";
async function installCommand(options = {}) {
  const { prePush = true, cwd = process.cwd() } = options;
  const root = await workTreeRoot(cwd);
  await refuseForeignHooksPath(root);
  const packageJsonPath = join(root, "package.json");
  const hasPackageJson = existsSync2(packageJsonPath);
  const packageJson = hasPackageJson ? readPackageJson(packageJsonPath) : void 0;
  const shadowedHook = existingPlainHook(await commonGitDir(root));
  const huskyNote = await runHusky(root);
  const hooks = [];
  for (const hook of prePush ? ["pre-commit", "pre-push"] : ["pre-commit"]) {
    const file = `${HUSKY_DIR}/${hook}`;
    const present = new RegExp(`\\bpinekey-hook\\s+${hook}\\b`);
    hooks.push({ file, changed: addHookLine(join(root, file), hookLine(hook), present) });
  }
  const packageJsonChanges = packageJson ? recordInPackageJson(packageJsonPath, packageJson) : [];
  const report = {
    hooks,
    packageJsonChanges,
    huskyNote,
    cliOnPath: cliReachable(root),
    hasPackageJson,
    shadowedHook
  };
  return { exitCode: 0, stdout: installMessage(report) };
}
async function refuseForeignHooksPath(root) {
  const hooksPath = await configValue("core.hooksPath", root);
  if (hooksPath === void 0)
    return;
  const normalized = hooksPath.replace(/\\/g, "/").replace(/\/+$/, "");
  if (normalized === ".husky/_" || normalized === ".husky")
    return;
  throw new PinekeyError("HOOKS_PATH_CONFLICT", `core.hooksPath is set to "${hooksPath}", so git runs hooks from there and installing husky would replace them.`, `Add "pinekey-hook pre-commit" to ${hooksPath}/pre-commit yourself, or run "git config --unset core.hooksPath" and install again.`);
}
function existingPlainHook(gitDir) {
  const file = join(gitDir, "hooks", "pre-commit");
  if (!existsSync2(file))
    return void 0;
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return void 0;
  }
  return ".git/hooks/pre-commit";
}
async function runHusky(root) {
  const { default: husky } = await import("husky");
  const previous = process.cwd();
  let note;
  try {
    process.chdir(root);
    note = husky(HUSKY_DIR) ?? "";
  } finally {
    process.chdir(previous);
  }
  if (note === "")
    return void 0;
  if (note.startsWith("HUSKY=0"))
    return "HUSKY=0 is set, so husky skipped its set-up and hooks will not run until it is unset.";
  throw new PinekeyError("INSTALL_FAILED", `husky could not set up the hooks: ${note.trim()}`, "Fix the cause and run install again.");
}
function readPackageJson(path) {
  const text = readFileSync3(path, "utf8");
  let pkg;
  try {
    pkg = JSON.parse(text);
  } catch (error) {
    throw new PinekeyError("BAD_PACKAGE_JSON", `package.json is not valid JSON (${error.message}).`, "Fix package.json and run install again.");
  }
  if (typeof pkg !== "object" || pkg === null || Array.isArray(pkg)) {
    throw new PinekeyError("BAD_PACKAGE_JSON", "package.json does not hold a JSON object.", "Fix package.json and run install again.");
  }
  return { text, pkg };
}
function recordInPackageJson(path, { text, pkg }) {
  const own = ownPackage();
  const changes = [];
  const dependencies = pkg.dependencies ?? {};
  const devDependencies = { ...pkg.devDependencies ?? {} };
  const wanted = [
    [own.name, `^${own.version}`],
    ["husky", own.dependencies.husky ?? "^9"]
  ];
  for (const [name, range] of wanted) {
    if (pkg.name === name || name in dependencies || name in devDependencies)
      continue;
    devDependencies[name] = range;
    changes.push(`added ${name}@${range} to devDependencies`);
  }
  if (changes.length > 0)
    pkg.devDependencies = sortedKeys(devDependencies);
  const scripts = { ...pkg.scripts ?? {} };
  const prepare = scripts.prepare;
  if (prepare === void 0 || prepare.trim() === "") {
    scripts.prepare = "husky";
    changes.push('added the script "prepare": "husky"');
  } else if (!/\bhusky\b/.test(prepare)) {
    scripts.prepare = `${prepare} && husky`;
    changes.push(`appended "&& husky" to the prepare script`);
  }
  pkg.scripts = scripts;
  if (changes.length > 0) {
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
    writeFileSync2(path, JSON.stringify(pkg, null, indent) + (text.endsWith("\n") ? "\n" : ""));
  }
  return changes;
}
function sortedKeys(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
function cliReachable(root) {
  const directories = [join(root, "node_modules", ".bin"), ...(process.env.PATH ?? "").split(delimiter)];
  return directories.some((directory) => {
    if (directory === "")
      return false;
    try {
      accessSync(join(directory, "pinekey-hook"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
var HUSKY_DIR;
var init_install = __esm({
  "../../work/main/dist/cli/commands/install.js"() {
    "use strict";
    init_errors();
    init_repository();
    init_messages();
    init_package_info();
    init_hook_files();
    HUSKY_DIR = ".husky";
  }
});

// ../../work/main/dist/cli/commands/uninstall.js
var uninstall_exports = {};
__export(uninstall_exports, {
  uninstallCommand: () => uninstallCommand
});
import { join as join2 } from "node:path";
async function uninstallCommand(cwd = process.cwd()) {
  const root = await workTreeRoot(cwd);
  const changed = [];
  const deleted = [];
  const shared = [];
  for (const file of HOOK_FILES) {
    const { outcome, sharedLines } = removeHookLines(join2(root, file));
    if (outcome === "changed")
      changed.push(file);
    if (outcome === "deleted")
      deleted.push(file);
    for (const line of sharedLines)
      shared.push(`${file}:${line}`);
  }
  return { exitCode: 0, stdout: uninstallMessage(changed, deleted, shared) };
}
var HOOK_FILES;
var init_uninstall = __esm({
  "../../work/main/dist/cli/commands/uninstall.js"() {
    "use strict";
    init_repository();
    init_messages();
    init_hook_files();
    HOOK_FILES = [".husky/pre-commit", ".husky/pre-push"];
  }
});

// ../../work/main/dist/core/finding.js
var RULES;
var init_finding = __esm({
  "../../work/main/dist/core/finding.js"() {
    "use strict";
    RULES = [
      {
        id: "pinecone-api-key",
        name: "Pinecone API key",
        description: "A Pinecone API key (pcsk_<label>_<secret>): full access to the project's indexes."
      },
      {
        id: "pinecone-legacy-api-key",
        name: "Pinecone legacy API key",
        description: "A legacy Pinecone API key (a UUID used as PINECONE_API_KEY / pinecone.init(api_key=\u2026))."
      }
    ];
  }
});

// ../../work/main/dist/core/regex-safety.js
function unsafeRegexReason(source) {
  if (/\\[1-9]|\\k</.test(source))
    return "backreferences (\\1, \\k<name>) can take exponential time";
  const stack = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]")
        inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      continue;
    }
    if (ch === "(") {
      stack.push({ hasQuantifier: false, hasAlternation: false });
      continue;
    }
    if (ch === "|" && stack.length > 0) {
      stack[stack.length - 1].hasAlternation = true;
      continue;
    }
    if (ch === ")") {
      const group = stack.pop();
      if (!group)
        continue;
      const quantified = isQuantifierAt(source, i + 1);
      if (quantified && group.hasQuantifier)
        return "a repeated group contains a repetition, e.g. (a+)+";
      if (quantified && group.hasAlternation)
        return "a repeated group contains alternatives, e.g. (a|ab)*";
      if (stack.length > 0) {
        const parent = stack[stack.length - 1];
        parent.hasQuantifier ||= group.hasQuantifier || quantified;
        parent.hasAlternation ||= group.hasAlternation;
      }
      continue;
    }
    if (isQuantifierAt(source, i) && stack.length > 0)
      stack[stack.length - 1].hasQuantifier = true;
  }
  return null;
}
function isQuantifierAt(source, i) {
  const ch = source[i];
  if (ch === "*" || ch === "+")
    return true;
  if (ch === "?")
    return source[i - 1] !== "(";
  if (ch === "{")
    return /^\{\d+(?:,\d*)?\}/.test(source.slice(i));
  return false;
}
var init_regex_safety = __esm({
  "../../work/main/dist/core/regex-safety.js"() {
    "use strict";
  }
});

// ../../work/main/dist/core/config.js
function fail(source, key, problem) {
  throw new PinekeyError("BAD_CONFIG", `${source}: "${key}" ${problem}`, `Fix ${source} (the schema is in node_modules/pinekey-hook/pinekey.schema.json), then try again.`);
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function stringArray(source, key, value) {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string"))
    fail(source, key, "must be an array of strings.");
  return value;
}
function compile(source, key, pattern, flags) {
  let regex;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    fail(source, key, `is not a valid regular expression: ${error.message}`);
  }
  const unsafe = unsafeRegexReason(pattern);
  if (unsafe)
    fail(source, key, `could backtrack catastrophically and stall a commit: ${unsafe}. Rewrite it without nesting.`);
  return regex;
}
function parseConfig(raw, source) {
  if (!isObject(raw))
    fail(source, "(top level)", "must be a JSON object.");
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key))
      fail(source, key, `is not a known setting (known: ${KNOWN_KEYS.slice(1).join(", ")}).`);
  }
  const config = { ...DEFAULT_CONFIG, source, redact: { ...DEFAULT_CONFIG.redact } };
  if (raw.ignorePaths !== void 0)
    config.ignorePaths = stringArray(source, "ignorePaths", raw.ignorePaths);
  if (raw.allow !== void 0) {
    config.allow = stringArray(source, "allow", raw.allow).map((pattern, i) => compile(source, `allow[${i}]`, pattern, ""));
  }
  if (raw.rules !== void 0) {
    if (!Array.isArray(raw.rules))
      fail(source, "rules", "must be an array of rule objects.");
    const seen = new Set(RULES.map((rule) => rule.id));
    config.rules = raw.rules.map((rule, i) => {
      const at = `rules[${i}]`;
      if (!isObject(rule))
        fail(source, at, "must be an object with id and regex.");
      for (const key of Object.keys(rule)) {
        if (!RULE_KEYS.includes(key))
          fail(source, `${at}.${key}`, `is not a rule setting (known: ${RULE_KEYS.join(", ")}).`);
      }
      if (typeof rule.id !== "string" || !RULE_ID.test(rule.id)) {
        fail(source, `${at}.id`, `must be a lowercase id of letters, digits, '.', '_' or '-' (e.g. "openai-api-key").`);
      }
      if (seen.has(rule.id))
        fail(source, `${at}.id`, `"${rule.id}" is already a rule id.`);
      seen.add(rule.id);
      if (typeof rule.regex !== "string" || rule.regex.length === 0)
        fail(source, `${at}.regex`, "must be a non-empty string.");
      const flags = rule.flags === void 0 ? "" : rule.flags;
      if (typeof flags !== "string" || !/^[imsu]*$/.test(flags))
        fail(source, `${at}.flags`, 'may only hold the flags "i", "m", "s", "u".');
      const regex = compile(source, `${at}.regex`, rule.regex, `${flags}g`);
      if (regex.test(""))
        fail(source, `${at}.regex`, "matches the empty string, so it would match every line.");
      const keywords = rule.keywords === void 0 ? [] : stringArray(source, `${at}.keywords`, rule.keywords);
      if (rule.description !== void 0 && typeof rule.description !== "string")
        fail(source, `${at}.description`, "must be a string.");
      return {
        id: rule.id,
        regex,
        keywords: keywords.map((k) => k.toLowerCase()),
        description: rule.description ?? rule.id
      };
    });
  }
  if (raw.disableRules !== void 0) {
    const ids = /* @__PURE__ */ new Set([...RULES.map((r) => r.id), ...config.rules.map((r) => r.id)]);
    config.disableRules = stringArray(source, "disableRules", raw.disableRules);
    for (const id of config.disableRules) {
      if (!ids.has(id))
        fail(source, "disableRules", `names "${id}", which is not a rule (rules: ${[...ids].join(", ")}).`);
    }
  }
  if (raw.verify !== void 0) {
    if (typeof raw.verify !== "boolean")
      fail(source, "verify", "must be true or false.");
    config.verify = raw.verify;
  }
  if (raw.maxFileBytes !== void 0) {
    if (typeof raw.maxFileBytes !== "number" || !Number.isInteger(raw.maxFileBytes) || raw.maxFileBytes < 1) {
      fail(source, "maxFileBytes", "must be a positive whole number of bytes.");
    }
    config.maxFileBytes = raw.maxFileBytes;
  }
  if (raw.redact !== void 0) {
    if (!isObject(raw.redact))
      fail(source, "redact", 'must be an object such as {"visibleChars": 2}.');
    for (const key of Object.keys(raw.redact)) {
      if (key !== "visibleChars")
        fail(source, `redact.${key}`, "is not a redact setting (known: visibleChars).");
    }
    const visible = raw.redact.visibleChars;
    if (visible !== void 0) {
      if (typeof visible !== "number" || !Number.isInteger(visible) || visible < 0 || visible > MAX_VISIBLE_CHARS) {
        fail(source, "redact.visibleChars", `must be a whole number from 0 to ${MAX_VISIBLE_CHARS}.`);
      }
      config.redact.visibleChars = visible;
    }
  }
  return config;
}
var DEFAULT_MAX_FILE_BYTES, MAX_VISIBLE_CHARS, DEFAULT_CONFIG, KNOWN_KEYS, RULE_KEYS, RULE_ID;
var init_config = __esm({
  "../../work/main/dist/core/config.js"() {
    "use strict";
    init_errors();
    init_finding();
    init_regex_safety();
    DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
    MAX_VISIBLE_CHARS = 4;
    DEFAULT_CONFIG = {
      source: void 0,
      ignorePaths: [],
      allow: [],
      rules: [],
      disableRules: [],
      verify: false,
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
      redact: { visibleChars: MAX_VISIBLE_CHARS }
    };
    KNOWN_KEYS = ["$schema", "ignorePaths", "allow", "rules", "disableRules", "verify", "maxFileBytes", "redact"];
    RULE_KEYS = ["id", "regex", "flags", "keywords", "description"];
    RULE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
  }
});

// ../../work/main/dist/cli/config.js
import { existsSync as existsSync3, readFileSync as readFileSync4 } from "node:fs";
import { join as join3 } from "node:path";
function readJson(path, name) {
  const text = readFileSync4(path, "utf8");
  try {
    return JSON.parse(text.charCodeAt(0) === 65279 ? text.slice(1) : text);
  } catch (error) {
    throw new PinekeyError("BAD_CONFIG", `${name} is not valid JSON: ${error.message}`, `Fix ${name}, then try again.`);
  }
}
function loadConfig(root) {
  if (root === void 0)
    return DEFAULT_CONFIG;
  const rc = join3(root, CONFIG_FILE);
  if (existsSync3(rc))
    return parseConfig(readJson(rc, CONFIG_FILE), CONFIG_FILE);
  const pkgPath = join3(root, "package.json");
  if (existsSync3(pkgPath)) {
    const pkg = readJson(pkgPath, "package.json");
    if (typeof pkg === "object" && pkg !== null && "pinekey" in pkg) {
      return parseConfig(pkg.pinekey, 'package.json "pinekey"');
    }
  }
  return DEFAULT_CONFIG;
}
function isFingerprint(text) {
  return FINGERPRINT.test(text);
}
function loadIgnoredFingerprints(root) {
  const ignored = /* @__PURE__ */ new Set();
  if (root === void 0)
    return ignored;
  const path = join3(root, IGNORE_FILE);
  if (!existsSync3(path))
    return ignored;
  readFileSync4(path, "utf8").split("\n").forEach((raw, index) => {
    const entry = raw.replace(/#.*$/, "").trim();
    if (entry === "")
      return;
    if (!isFingerprint(entry)) {
      throw new PinekeyError("BAD_CONFIG", `${IGNORE_FILE}:${index + 1}: "${entry}" is not a fingerprint (expected <rule>:<16 hex digits>).`, `Fix ${IGNORE_FILE}; fingerprints are printed in JSON output and by "pinekey-hook ignore --last".`);
    }
    ignored.add(entry);
  });
  return ignored;
}
var CONFIG_FILE, IGNORE_FILE, FINGERPRINT;
var init_config2 = __esm({
  "../../work/main/dist/cli/config.js"() {
    "use strict";
    init_config();
    init_errors();
    CONFIG_FILE = ".pinekeyrc.json";
    IGNORE_FILE = ".pinekeyignore";
    FINGERPRINT = /^[a-z0-9][a-z0-9._-]*:[0-9a-f]{16}$/;
  }
});

// ../../work/main/dist/cli/last-findings.js
var last_findings_exports = {};
__export(last_findings_exports, {
  lastFindings: () => lastFindings,
  rememberFindings: () => rememberFindings
});
import { mkdirSync as mkdirSync2, readFileSync as readFileSync5, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join4 } from "node:path";
function storePath(gitDir) {
  return join4(gitDir, "pinekey", "last-findings.json");
}
function rememberFindings(gitDir, findings) {
  const blocking = findings.filter((f) => !f.allowed).map(({ fingerprint, rule, file, line, redacted }) => ({ fingerprint, rule, file, line, redacted }));
  if (blocking.length === 0)
    return;
  try {
    mkdirSync2(join4(gitDir, "pinekey"), { recursive: true });
    writeFileSync3(storePath(gitDir), JSON.stringify({ findings: blocking }, null, 2) + "\n");
  } catch {
  }
}
function lastFindings(gitDir) {
  try {
    const parsed = JSON.parse(readFileSync5(storePath(gitDir), "utf8"));
    return Array.isArray(parsed.findings) ? parsed.findings : void 0;
  } catch {
    return void 0;
  }
}
var init_last_findings = __esm({
  "../../work/main/dist/cli/last-findings.js"() {
    "use strict";
  }
});

// ../../work/main/dist/cli/commands/ignore.js
var ignore_exports = {};
__export(ignore_exports, {
  ignoreCommand: () => ignoreCommand
});
import { appendFileSync, existsSync as existsSync4, readFileSync as readFileSync6 } from "node:fs";
import { join as join5 } from "node:path";
async function ignoreCommand(options) {
  const root = await workTreeRoot(options.cwd);
  if (options.last === options.fingerprints.length > 0) {
    throw new PinekeyError("BAD_ARGUMENTS", "give fingerprints to ignore, or --last (not both).");
  }
  const existing = loadIgnoredFingerprints(root);
  let entries;
  if (options.last) {
    const remembered = lastFindings(await commonGitDir(root));
    if (!remembered || remembered.length === 0) {
      throw new PinekeyError("BAD_ARGUMENTS", "there is no blocked run to take fingerprints from.", "Run the commit, push or scan that was blocked first, or pass fingerprints from its JSON output.");
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
  const added = [];
  const lines2 = [];
  for (const { fingerprint, comment } of entries) {
    if (existing.has(fingerprint) || added.includes(fingerprint))
      continue;
    added.push(fingerprint);
    lines2.push(`${fingerprint}  # ${comment.replace(/[\r\n]/g, " ")}`);
  }
  if (lines2.length > 0) {
    const path = join5(root, IGNORE_FILE);
    const before = existsSync4(path) ? readFileSync6(path, "utf8") : "";
    const separator = before.length > 0 && !before.endsWith("\n") ? "\n" : "";
    appendFileSync(path, separator + lines2.join("\n") + "\n");
  }
  return { exitCode: 0, stdout: ignoreMessage(added, entries.length - added.length) };
}
var init_ignore = __esm({
  "../../work/main/dist/cli/commands/ignore.js"() {
    "use strict";
    init_errors();
    init_repository();
    init_config2();
    init_last_findings();
    init_messages();
  }
});

// ../../work/main/dist/core/decode.js
function unescapeJson(text) {
  if (text.indexOf("\\") === -1)
    return null;
  const decoded = text.replace(JSON_ESCAPE, (_m, escape) => escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : JSON_ESCAPES[escape]);
  return decoded === text ? null : decoded;
}
function decodePercent(text) {
  if (text.indexOf("%") === -1)
    return null;
  const decoded = text.replace(PERCENT_ESCAPE, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
  return decoded === text ? null : decoded;
}
function jsonRawIndexer(raw) {
  return rawIndexer(raw, JSON_ESCAPE);
}
function percentRawIndexer(raw) {
  return rawIndexer(raw, PERCENT_ESCAPE);
}
function rawIndexer(raw, escapes) {
  const pattern = new RegExp(escapes.source, "g");
  let rawAt = 0;
  let decodedAt = 0;
  let next = pattern.exec(raw);
  return (index) => {
    if (index < decodedAt) {
      rawAt = 0;
      decodedAt = 0;
      pattern.lastIndex = 0;
      next = pattern.exec(raw);
    }
    while (next) {
      const plainLength = next.index - rawAt;
      if (decodedAt + plainLength > index)
        break;
      if (decodedAt + plainLength === index)
        return next.index;
      decodedAt += plainLength + 1;
      rawAt = next.index + next[0].length;
      next = pattern.exec(raw);
    }
    return rawAt + (index - decodedAt);
  };
}
function base64Needles(needle) {
  const needles = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = btoa("\0".repeat(offset) + needle + "\0\0\0");
    const start = Math.ceil(offset * 8 / 6);
    const end = Math.floor((offset + needle.length) * 8 / 6);
    needles.push(encoded.slice(start, end));
  }
  return needles;
}
function decodeBase64Tokens(text, maxLength = Infinity) {
  const tokens = [];
  if (!hasBase64Run(text, MIN_ENCODED_KEY_LENGTH))
    return tokens;
  BASE64_RUN.lastIndex = 0;
  for (let match = BASE64_RUN.exec(text); match; match = BASE64_RUN.exec(text)) {
    if (match[0].length < MIN_ENCODED_KEY_LENGTH || match[0].length > maxLength)
      continue;
    const raw = match[0].replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
    const usable = raw.length % 4 === 1 ? raw.slice(0, -1) : raw;
    let decoded;
    try {
      decoded = atob(usable);
    } catch {
      continue;
    }
    if (/^[\x09\x0a\x0d\x20-\x7e]+$/.test(decoded))
      tokens.push({ index: match.index, decoded });
  }
  return tokens;
}
function hasBase64Run(text, length) {
  if (text.length < length)
    return false;
  let run2 = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const inAlphabet = c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 43 || c === 47 || c === 45 || c === 95;
    if (!inAlphabet)
      run2 = 0;
    else if (++run2 >= length)
      return true;
  }
  return false;
}
var JSON_ESCAPES, JSON_ESCAPE, PERCENT_ESCAPE, BASE64_RUN, MIN_ENCODED_KEY_LENGTH;
var init_decode = __esm({
  "../../work/main/dist/core/decode.js"() {
    "use strict";
    JSON_ESCAPES = {
      '"': '"',
      "\\": "\\",
      "/": "/",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "	"
    };
    JSON_ESCAPE = /\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g;
    PERCENT_ESCAPE = /%([0-9a-fA-F]{2})/g;
    BASE64_RUN = /[A-Za-z0-9+/_-]+={0,2}/g;
    MIN_ENCODED_KEY_LENGTH = 48;
  }
});

// ../../work/main/dist/core/placeholder.js
function longestRepeat(value) {
  let best = 1;
  let run2 = 1;
  for (let i = 1; i < value.length; i++) {
    run2 = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run2 + 1 : 1;
    if (run2 > best)
      best = run2;
  }
  return best;
}
function longestSequence(value) {
  let best = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    best = Math.max(best, up, down);
  }
  return best;
}
function distinctCharacters(value) {
  return new Set(value).size;
}
function isPlaceholderSecret(secret) {
  return distinctCharacters(secret) < 16 || longestRepeat(secret) >= 6 || longestSequence(secret) >= 6 || PLACEHOLDER_WORDS.test(secret);
}
function isPlaceholderUuid(uuid) {
  const hex = uuid.replace(/-/g, "").toLowerCase();
  return distinctCharacters(hex) < 6 || longestRepeat(hex) >= 8 || longestSequence(hex) >= 8;
}
var PLACEHOLDER_WORDS;
var init_placeholder = __esm({
  "../../work/main/dist/core/placeholder.js"() {
    "use strict";
    PLACEHOLDER_WORDS = /example|sample|placeholder|redacted|changeme|replaceme|yourkey|yourapikey|yoursecret|notareal|dummykey|fakekey|insertkey/i;
  }
});

// ../../work/main/dist/core/detector.js
function isSpace(c) {
  return c === 32 || c >= 9 && c <= 13;
}
function isNameChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 46 || c === 45;
}
function isLetter(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90;
}
function nameBeforeValue(text, valueIndex) {
  const floor = Math.max(0, valueIndex - NAME_WINDOW);
  let i = valueIndex - 1;
  const skipSpaces = () => {
    while (i >= floor && isSpace(text.charCodeAt(i)))
      i--;
  };
  skipSpaces();
  const quote = text.charCodeAt(i);
  if (i >= floor && (quote === 34 || quote === 39 || quote === 96))
    i--;
  skipSpaces();
  const c = text.charCodeAt(i);
  if (i >= floor) {
    if (c === 61 && text.charCodeAt(i - 1) === 58 || c === 62 && text.charCodeAt(i - 1) === 61)
      i -= 2;
    else if (c === 58 || c === 61 || c === 44)
      i--;
  }
  skipSpaces();
  while (i >= floor) {
    const closer = text.charCodeAt(i);
    if (closer === 34 || closer === 39 || closer === 93)
      i--;
    else
      break;
  }
  const end = i + 1;
  while (i >= floor && isNameChar(text.charCodeAt(i)))
    i--;
  let start = i + 1;
  while (start < end && !isLetter(text.charCodeAt(start)))
    start++;
  return start < end ? text.slice(start, end) : void 0;
}
function allowReason(afterMarker) {
  const match = /^\s*:\s*(.*)$/.exec(afterMarker);
  if (!match)
    return void 0;
  const reason = match[1].split(/\*\/|-->|\\n|["`]/)[0].trim();
  return reason.length > 0 ? reason : void 0;
}
function testWhole(pattern, text) {
  pattern.lastIndex = 0;
  return pattern.test(text);
}
function hasPineconeContext(text) {
  if (PINECONE_WORD.test(text))
    return true;
  return ENVIRONMENT_SUFFIXES.some((suffix) => text.includes(suffix)) && PINECONE_CONTEXT.test(text);
}
function uuidNaming(text, uuidStart) {
  const name = nameBeforeValue(text, uuidStart);
  if (name === void 0) {
    return PINECONE_CONSTRUCTOR_ARGUMENT.test(text.slice(Math.max(0, uuidStart - NAME_WINDOW), uuidStart)) ? "pinecone" : "none";
  }
  if (PINECONE_KEY_NAME.test(name))
    return "pinecone";
  return GENERIC_KEY_NAME.test(name.slice(name.lastIndexOf(".") + 1)) ? "generic" : "none";
}
function uuidMayBeKey(text, uuidStart) {
  if (uuidNaming(text, uuidStart) !== "none")
    return true;
  const before = text.slice(Math.max(0, uuidStart - NAME_WINDOW), uuidStart);
  return before.includes("\\") || before.includes("%");
}
var CURRENT_KEY, UUID, PINECONE_CONTEXT, NAME_WINDOW, PINECONE_KEY_NAME, GENERIC_KEY_NAME, PINECONE_CONSTRUCTOR_ARGUMENT, ALLOW_MARKER, ALLOW_NEXT_LINE_MARKER, LEGACY_CONTEXT_WINDOW, DIFF_CONTEXT_LINES, BASE64_SIGNS, LEGACY_KEY_BASE64_MAX_LENGTH, MIN_ENCODED_LEGACY_KEY_LENGTH, LEGACY_ENVIRONMENT, CUSTOM_RULE_WINDOW, CUSTOM_RULE_OVERLAP, Detector, PINECONE_WORD, ENVIRONMENT_SUFFIXES;
var init_detector = __esm({
  "../../work/main/dist/core/detector.js"() {
    "use strict";
    init_decode();
    init_mask();
    init_placeholder();
    CURRENT_KEY = /\bpcsk_([A-Za-z0-9]{5,6})_([A-Za-z0-9]{63})\b/g;
    UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
    PINECONE_CONTEXT = /pinecone|\b(?:us|eu|asia|ap|europe|northamerica|southamerica)-[a-z]+\d*-(?:gcp|aws|azure)\b|\bgcp-starter\b/i;
    NAME_WINDOW = 80;
    PINECONE_KEY_NAME = /pinecone.*(?:api|key|token|secret)/i;
    GENERIC_KEY_NAME = /^(?:x-)?(?:api[-_.]?key|apikey|api[-_.]?token|api[-_.]?secret|key|token|secret)$/i;
    PINECONE_CONSTRUCTOR_ARGUMENT = /\bPinecone(?:Client)?(?:\.Builder)?\s*\(\s*@?["'`]$/;
    ALLOW_MARKER = "pinekey-allow";
    ALLOW_NEXT_LINE_MARKER = "pinekey-allow-next-line";
    LEGACY_CONTEXT_WINDOW = 3;
    DIFF_CONTEXT_LINES = LEGACY_CONTEXT_WINDOW;
    BASE64_SIGNS = [
      ...base64Needles("pcsk_"),
      ...base64Needles("pinecone"),
      ...base64Needles("PINECONE")
    ];
    LEGACY_KEY_BASE64_MAX_LENGTH = 52;
    MIN_ENCODED_LEGACY_KEY_LENGTH = 48;
    LEGACY_ENVIRONMENT = /\b((?:us|eu|asia|ap|europe|northamerica|southamerica)-[a-z]+\d*-(?:gcp|aws|azure)|gcp-starter)\b/i;
    CUSTOM_RULE_WINDOW = 4096;
    CUSTOM_RULE_OVERLAP = 512;
    Detector = class {
      /** Files whose scan stopped at `maxFileBytes` (in the order met). */
      truncatedFiles = [];
      options;
      disabled;
      visibleChars;
      /** The custom rules in force (the prefilter needs their keywords). */
      customRules;
      file = "";
      fileChars = 0;
      /** The last line of this file with Pinecone context (the lines after it are read in full). */
      lastContextLine = -Infinity;
      truncated = false;
      findings = [];
      pending = [];
      /** The last few lines seen in this file (added or context), newest last. */
      recent = [];
      /** Keys already reported on the current line, so decoded variants do not report them twice. */
      seenOnLine = /* @__PURE__ */ new Set();
      allowCache;
      /** The added line being scanned, and its allowance once a finding needs it. */
      lineNumber = 0;
      lineText = "";
      lineAllowance;
      constructor(options = {}) {
        this.options = options;
        this.disabled = new Set(options.disabledRules ?? []);
        this.visibleChars = options.visibleChars ?? 4;
        this.customRules = options.customRules ?? [];
      }
      beginFile(file) {
        this.file = file;
        this.fileChars = 0;
        this.truncated = false;
        this.lastContextLine = -Infinity;
        this.findings = [];
        this.pending = [];
        this.recent = [];
      }
      /**
       * One line of the current file, in increasing line order. `added` is false for context lines:
       * they are never reported, they only lend context to their neighbours. `mayMatter: false` is the
       * prefilter's word that the line holds nothing worth a regex (see prefilter.ts).
       */
      addLine(line, rawText, added, mayMatter = true) {
        if (this.truncated)
          return;
        if (this.options.maxFileBytes !== void 0) {
          this.fileChars += rawText.length + 1;
          if (this.fileChars > this.options.maxFileBytes) {
            this.truncated = true;
            this.truncatedFiles.push(this.file);
            return;
          }
        }
        if (!mayMatter && this.pending.length === 0) {
          if (line - this.lastContextLine > LEGACY_CONTEXT_WINDOW)
            return;
          if (!hasBase64Run(rawText, MIN_ENCODED_LEGACY_KEY_LENGTH))
            return;
        }
        const text = rawText.endsWith("\r") ? rawText.slice(0, -1) : rawText;
        const pineconeContext = hasPineconeContext(text);
        if (pineconeContext)
          this.lastContextLine = line;
        const environment = pineconeContext ? LEGACY_ENVIRONMENT.exec(text)?.[1]?.toLowerCase() : void 0;
        this.settlePending(line, pineconeContext, environment);
        const allowsNextLine = text.includes(ALLOW_NEXT_LINE_MARKER);
        if (added) {
          this.lineNumber = line;
          this.lineText = text;
          this.lineAllowance = void 0;
          this.scanLine(line, text, pineconeContext);
        }
        if (pineconeContext || allowsNextLine) {
          this.recent.push({ line, pineconeContext, allowsNextLine, environment });
          if (this.recent.length > LEGACY_CONTEXT_WINDOW)
            this.recent.shift();
        }
      }
      /** The allowance of the line being scanned, worked out on the first finding only. */
      allowance() {
        this.lineAllowance ??= this.allowanceFor(this.lineNumber, this.lineText);
        return this.lineAllowance;
      }
      /**
       * Must this line be read even though the prefilter found nothing on it? Only while a candidate
       * waits for context, or just below a Pinecone context line (a short base64 value may be a key).
       */
      needsLine(line) {
        return !this.truncated && (this.pending.length > 0 || line - this.lastContextLine <= LEGACY_CONTEXT_WINDOW);
      }
      /** A line not read (see needsLine): it still counts towards maxFileBytes. */
      skipLine(length) {
        if (this.truncated || this.options.maxFileBytes === void 0)
          return;
        this.fileChars += length + 1;
        if (this.fileChars > this.options.maxFileBytes) {
          this.truncated = true;
          this.truncatedFiles.push(this.file);
        }
      }
      /** Ends the current file and returns its findings sorted by position. */
      endFile() {
        this.pending = [];
        const findings = this.findings.sort((a, b) => a.line - b.line || a.column - b.column);
        this.findings = [];
        return findings;
      }
      /** Convenience for a whole file's text: every line counts as added. */
      scanText(file, text) {
        this.beginFile(file);
        let lineNumber = 1;
        let start = 0;
        while (start <= text.length) {
          let end = text.indexOf("\n", start);
          if (end === -1)
            end = text.length;
          if (end > start || end < text.length)
            this.addLine(lineNumber, text.slice(start, end), true);
          lineNumber++;
          start = end + 1;
        }
        return this.endFile();
      }
      settlePending(line, pineconeContext, environment) {
        if (this.pending.length === 0)
          return;
        const stillOpen = [];
        for (const candidate of this.pending) {
          if (line > candidate.deadline)
            continue;
          if (pineconeContext)
            this.report(candidate.finding, candidate.key, environment);
          else
            stillOpen.push(candidate);
        }
        this.pending = stillOpen;
      }
      /** The nearest legacy environment name on this reading of the line or the few lines before it. */
      nearbyEnvironment(ownEnvironment) {
        if (ownEnvironment)
          return ownEnvironment;
        for (let i = this.recent.length - 1; i >= 0; i--)
          if (this.recent[i].environment)
            return this.recent[i].environment;
        return void 0;
      }
      /** The first allow pattern matching the line; remembered per line, which may hold many keys. */
      lineAllowPattern(line) {
        if (line === void 0 || !this.options.allowPatterns?.length)
          return void 0;
        if (this.allowCache?.line !== line) {
          this.allowCache = { line, pattern: this.options.allowPatterns.find((p) => testWhole(p, line)) };
        }
        return this.allowCache.pattern;
      }
      /** A finding is final: apply the config's allow patterns and ignores, hand the key to onKey, keep it. */
      report(finding, key, environment, line) {
        if (!finding.allowed) {
          if (this.options.ignoredFingerprints?.has(finding.fingerprint)) {
            finding.allowed = true;
            finding.allowReason = "listed in .pinekeyignore";
          } else {
            const pattern = this.options.allowPatterns?.find((p) => testWhole(p, key)) ?? this.lineAllowPattern(line);
            if (pattern) {
              finding.allowed = true;
              finding.allowReason = `config allow ${String(pattern)}`;
            }
          }
        }
        this.options.onKey?.(finding.fingerprint, key, environment);
        this.findings.push(finding);
      }
      allowanceFor(line, text) {
        const at = text.indexOf(ALLOW_MARKER);
        if (at !== -1 && !text.startsWith(ALLOW_NEXT_LINE_MARKER, at)) {
          return { allowed: true, reason: allowReason(text.slice(at + ALLOW_MARKER.length)) };
        }
        const previous = this.recent[this.recent.length - 1];
        if (previous && previous.line === line - 1 && previous.allowsNextLine)
          return { allowed: true };
        return { allowed: false };
      }
      scanLine(line, text, pineconeContext) {
        this.seenOnLine.clear();
        this.scanVariant(line, text, void 0, (index) => index);
        if (text.indexOf("\\") !== -1) {
          const unescaped = unescapeJson(text);
          if (unescaped !== null) {
            this.scanVariant(line, unescaped, "json-escaped", jsonRawIndexer(text));
          }
        }
        if (text.indexOf("%") !== -1) {
          const decoded = decodePercent(text);
          if (decoded !== null) {
            this.scanVariant(line, decoded, "url-encoded", percentRawIndexer(text));
          }
        }
        if (!hasBase64Run(text, MIN_ENCODED_LEGACY_KEY_LENGTH))
          return;
        const worthDecodingAll = pineconeContext || BASE64_SIGNS.some((sign) => text.indexOf(sign) !== -1);
        for (const token of decodeBase64Tokens(text, worthDecodingAll ? Infinity : LEGACY_KEY_BASE64_MAX_LENGTH)) {
          const virtualLine = text.slice(0, token.index) + token.decoded;
          this.scanVariant(line, virtualLine, "base64", (index) => Math.min(index, token.index));
        }
      }
      /**
       * Scan one reading of a line: the line itself or a decoded form of it. `rawIndex` maps an index in
       * the reading back to the line as committed, so a column always points at what was committed.
       */
      scanVariant(line, text, encoding, rawIndex) {
        if (this.options.customRules?.length)
          this.scanCustomRules(line, text, encoding, rawIndex);
        if (text.indexOf("pcsk_") !== -1 && !this.disabled.has("pinecone-api-key")) {
          CURRENT_KEY.lastIndex = 0;
          for (let m = CURRENT_KEY.exec(text); m; m = CURRENT_KEY.exec(text)) {
            const [key, label, secret] = m;
            if (isPlaceholderSecret(secret) || this.seenOnLine.has(key))
              continue;
            this.seenOnLine.add(key);
            const column = rawIndex(m.index) + 1;
            const redacted = redactCurrentKey(label, secret, this.visibleChars);
            this.report(this.finding("pinecone-api-key", key, redacted, line, column, encoding), key, void 0, text);
          }
        }
        if (text.indexOf("-") === -1 || this.disabled.has("pinecone-legacy-api-key"))
          return;
        let readingHasContext;
        let readingEnvironment = null;
        UUID.lastIndex = 0;
        for (let m = UUID.exec(text); m; m = UUID.exec(text)) {
          const uuid = m[0];
          if (this.seenOnLine.has(uuid))
            continue;
          const naming = uuidNaming(text, m.index);
          if (naming === "none")
            continue;
          const pineconeName = naming === "pinecone";
          if (isPlaceholderUuid(uuid))
            continue;
          this.seenOnLine.add(uuid);
          const column = rawIndex(m.index) + 1;
          const key = uuid.toLowerCase();
          const finding = this.finding("pinecone-legacy-api-key", key, redactLegacyKey(uuid, this.visibleChars), line, column, encoding);
          readingHasContext ??= hasPineconeContext(text);
          if (pineconeName || readingHasContext || this.recentContext(line)) {
            if (this.options.onKey && readingEnvironment === null) {
              readingEnvironment = LEGACY_ENVIRONMENT.exec(text)?.[1]?.toLowerCase();
            }
            this.report(finding, key, this.nearbyEnvironment(readingEnvironment ?? void 0), text);
          } else {
            this.pending.push({ finding, key, deadline: line + LEGACY_CONTEXT_WINDOW });
          }
        }
      }
      /**
       * The team's own rules. A keyword prefilter first (lines without any keyword are skipped), then the
       * regex over windows of at most CUSTOM_RULE_WINDOW characters.
       */
      scanCustomRules(line, text, encoding, rawIndex) {
        let lower;
        for (const rule of this.options.customRules) {
          if (this.disabled.has(rule.id))
            continue;
          if (rule.keywords.length > 0) {
            lower ??= text.toLowerCase();
            if (!rule.keywords.some((keyword) => lower.includes(keyword)))
              continue;
          }
          const step = CUSTOM_RULE_WINDOW - CUSTOM_RULE_OVERLAP;
          for (let start = 0; start < text.length; start += step) {
            const window = text.length <= CUSTOM_RULE_WINDOW ? text : text.slice(start, start + CUSTOM_RULE_WINDOW);
            rule.regex.lastIndex = 0;
            for (let m = rule.regex.exec(window); m; m = rule.regex.exec(window)) {
              if (m[0].length === 0) {
                rule.regex.lastIndex++;
                continue;
              }
              const secret = m[1] ?? m[0];
              const seen = `${rule.id}\0${secret}`;
              if (this.seenOnLine.has(seen))
                continue;
              this.seenOnLine.add(seen);
              const offset = m[1] !== void 0 ? m.index + m[0].indexOf(m[1]) : m.index;
              const column = rawIndex(start + offset) + 1;
              const redacted = redactCustomSecret(secret, this.visibleChars);
              this.report(this.finding(rule.id, secret, redacted, line, column, encoding), secret, void 0, text);
            }
            if (start + CUSTOM_RULE_WINDOW >= text.length)
              break;
          }
        }
      }
      recentContext(line) {
        return this.recent.some((r) => r.pineconeContext && line - r.line <= LEGACY_CONTEXT_WINDOW);
      }
      finding(rule, key, redacted, line, column, encoding) {
        const allowance = this.allowance();
        const finding = {
          rule,
          file: this.file,
          line,
          column,
          redacted,
          fingerprint: fingerprintOf(rule, key),
          allowed: allowance.allowed
        };
        if (allowance.reason)
          finding.allowReason = allowance.reason;
        if (encoding)
          finding.encoding = encoding;
        return finding;
      }
    };
    PINECONE_WORD = /pinecone/i;
    ENVIRONMENT_SUFFIXES = ["-gcp", "-aws", "-azure", "gcp-starter", "-GCP", "-AWS", "-AZURE", "GCP-STARTER"];
  }
});

// ../../work/main/dist/core/cquote.js
function parseHeaderPath(field) {
  if (!field.startsWith('"'))
    return field.endsWith("	") ? field.slice(0, -1) : field;
  return unquoteC(field);
}
function unquoteC(quoted) {
  const end = quoted.lastIndexOf('"');
  const body = quoted.slice(1, end > 0 ? end : void 0);
  const bytes = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      for (const byte of encoder.encode(ch))
        bytes.push(byte);
      if (ch.charCodeAt(0) >= 55296 && ch.charCodeAt(0) <= 56319 && i + 1 < body.length) {
        bytes.length -= 3;
        for (const byte of encoder.encode(body.slice(i, i + 2)))
          bytes.push(byte);
        i++;
      }
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))[0];
      bytes.push(parseInt(octal, 8) & 255);
      i += octal.length;
    } else {
      bytes.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}
var SIMPLE_ESCAPES, encoder, decoder;
var init_cquote = __esm({
  "../../work/main/dist/core/cquote.js"() {
    "use strict";
    SIMPLE_ESCAPES = {
      a: 7,
      b: 8,
      t: 9,
      n: 10,
      v: 11,
      f: 12,
      r: 13,
      '"': 34,
      "\\": 92
    };
    encoder = new TextEncoder();
    decoder = new TextDecoder("utf-8");
  }
});

// ../../work/main/dist/core/diff-parser.js
function stripPrefix(path) {
  return path.startsWith("b/") ? path.slice(2) : path;
}
var HUNK_HEADER, DiffParser;
var init_diff_parser = __esm({
  "../../work/main/dist/core/diff-parser.js"() {
    "use strict";
    init_cquote();
    HUNK_HEADER = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,(\d+))? @{2,}/;
    DiffParser = class {
      sink;
      /**
       * The pieces of a line not yet ended by "\n". Kept as a list and joined once, when the line ends:
       * appending each chunk to one string and searching it again would make a long single line (a
       * minified bundle streamed in 64 KB chunks) cost time quadratic in its length.
       */
      partial = [];
      /** Path from the current file's `+++` header; null for deleted files and before the header. */
      newPath = null;
      fileOpen = false;
      inHunk = false;
      columns = 1;
      newLine = 0;
      newRemaining = 0;
      /** Old-side lines left in the hunk (exact for two-way diffs, where it ends the hunk). */
      oldRemaining = 0;
      constructor(sink) {
        this.sink = sink;
      }
      /** Characters pushed before the current chunk. */
      consumed = 0;
      /** Where the line being parsed starts and ends, in characters since the first push. */
      lineStart = 0;
      lineEnd = 0;
      /** Feed the next piece of git's output; pieces may split lines anywhere. */
      push(chunk) {
        let start = 0;
        for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
          this.lineEnd = this.consumed + end;
          if (this.partial.length > 0) {
            this.partial.push(chunk.slice(start, end));
            this.parseLine(this.partial.join(""));
            this.partial = [];
          } else {
            this.lineStart = this.consumed + start;
            if (!this.countedWithoutText(chunk, start, end))
              this.parseLine(chunk.slice(start, end));
          }
          start = end + 1;
        }
        if (start < chunk.length) {
          if (this.partial.length === 0)
            this.lineStart = this.consumed + start;
          this.partial.push(chunk.slice(start));
        }
        this.consumed += chunk.length;
      }
      /** The output is complete. */
      end() {
        if (this.partial.length > 0) {
          this.lineEnd = this.consumed;
          this.parseLine(this.partial.join(""));
          this.partial = [];
        }
        this.closeFile();
      }
      /**
       * The hot path: a line of a two-way hunk that the sink does not want is counted from its first
       * character alone, with no string made. Returns false when the line needs the full parse.
       */
      countedWithoutText(chunk, start, end) {
        if (!this.inHunk || this.columns !== 1 || this.newRemaining <= 0)
          return false;
        const mark = chunk.charCodeAt(start);
        if (mark === 45) {
          this.oldRemaining -= 1;
        } else if (mark === 92) {
          return true;
        } else {
          if (this.fileOpen) {
            if (this.sink.wants === void 0 || this.sink.wants(this.newLine, this.lineStart, this.lineEnd))
              return false;
            this.sink.skip?.(this.newLine, end - start - 1);
          }
          if (mark !== 43)
            this.oldRemaining -= 1;
          this.newLine++;
          this.newRemaining--;
        }
        if (this.newRemaining <= 0 && this.oldRemaining <= 0)
          this.inHunk = false;
        return true;
      }
      parseLine(rawLine) {
        const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
        if (this.inHunk) {
          this.parseHunkLine(line);
          return;
        }
        if (line.charCodeAt(0) === 0) {
          this.closeFile();
          this.newPath = null;
          this.sink.commit?.(line.slice(1));
          return;
        }
        if (line.startsWith("diff ")) {
          this.closeFile();
          this.newPath = null;
          return;
        }
        if (line.startsWith("+++ ")) {
          const field = line.slice(4);
          this.newPath = field === "/dev/null" ? null : stripPrefix(parseHeaderPath(field));
          return;
        }
        if (line.startsWith("@@"))
          this.beginHunk(line);
      }
      beginHunk(header) {
        const match = HUNK_HEADER.exec(header);
        if (!match)
          return;
        this.columns = match[1].length - 1;
        this.newLine = Number(match[2]);
        this.newRemaining = match[3] === void 0 ? 1 : Number(match[3]);
        const oldCount = / -\d+(?:,(\d+))?/.exec(header)?.[1];
        this.oldRemaining = oldCount === void 0 ? 1 : Number(oldCount);
        this.inHunk = this.newRemaining > 0 || this.oldRemaining > 0;
        if (this.newPath !== null && !this.fileOpen) {
          this.sink.beginFile(this.newPath);
          this.fileOpen = true;
        }
      }
      parseHunkLine(line) {
        if (line.startsWith("\\"))
          return;
        if (this.newRemaining <= 0 && !this.isRemovalLine(line)) {
          this.inHunk = false;
          this.parseLine(line);
          return;
        }
        if (this.columns === 1) {
          const mark = line.charCodeAt(0);
          if (mark === 45) {
            this.oldRemaining -= 1;
          } else {
            const added = mark === 43;
            if (!added)
              this.oldRemaining -= 1;
            if (this.fileOpen)
              this.sink.line(this.newLine, line.slice(1), added, this.lineStart, this.lineEnd);
            this.newLine++;
            this.newRemaining--;
          }
          if (this.newRemaining <= 0 && this.oldRemaining <= 0)
            this.inHunk = false;
          return;
        }
        const prefix = line.slice(0, this.columns);
        if (prefix.includes("-")) {
          this.oldRemaining -= 1;
        } else {
          if (prefix.includes(" ") || prefix.length < this.columns)
            this.oldRemaining -= 1;
          const added = prefix.length === this.columns && !/[^+]/.test(prefix);
          if (this.fileOpen)
            this.sink.line(this.newLine, line.slice(this.columns), added, this.lineStart, this.lineEnd);
          this.newLine++;
          this.newRemaining--;
        }
      }
      /** A line that exists in some parent but not in the result: only `-` and ` ` in its prefix. */
      isRemovalLine(line) {
        const prefix = line.slice(0, this.columns);
        return prefix.length === this.columns && prefix.includes("-") && /^[- ]+$/.test(prefix);
      }
      closeFile() {
        this.inHunk = false;
        if (this.fileOpen) {
          this.fileOpen = false;
          this.sink.endFile();
        }
      }
    };
  }
});

// ../../work/main/dist/core/prefilter.js
var TAIL, LITERALS, BASE64_SIGNS2, MARKS, InterestMarks;
var init_prefilter = __esm({
  "../../work/main/dist/core/prefilter.js"() {
    "use strict";
    init_decode();
    init_detector();
    TAIL = 160;
    LITERALS = ["pcsk", "pinekey-allow", "-gcp", "-aws", "-azure", "gcp-starter", "pinecone"];
    BASE64_SIGNS2 = [...base64Needles("pcsk_"), ...base64Needles("pinecone"), ...base64Needles("PINECONE")];
    MARKS = new RegExp([...LITERALS, ...BASE64_SIGNS2].map((s) => s.replace(/[-]/g, "\\-")).join("|"), "gi");
    InterestMarks = class {
      /** Sorted offsets of marks not yet passed. */
      marks = [];
      cursor = 0;
      tail = "";
      consumed = 0;
      /** True when every line must be read (a custom rule without keywords). */
      everything;
      keywords;
      constructor(customRules = []) {
        this.everything = customRules.some((rule) => rule.keywords.length === 0);
        this.keywords = [...new Set(customRules.flatMap((rule) => rule.keywords))];
      }
      /** Record the marks of the next chunk (call before the parser sees it). */
      add(chunk) {
        if (this.everything)
          return;
        const text = this.tail + chunk;
        const base = this.consumed - this.tail.length;
        const found = [];
        MARKS.lastIndex = 0;
        for (let m = MARKS.exec(text); m; m = MARKS.exec(text))
          found.push(base + m.index);
        for (let i = text.indexOf("-"); i !== -1; i = text.indexOf("-", i + 1)) {
          if (text.charCodeAt(i + 5) === 45 && text.charCodeAt(i + 10) === 45 && text.charCodeAt(i + 15) === 45) {
            if (i >= 8 && uuidMayBeKey(text, i - 8))
              found.push(base + i);
          }
        }
        if (this.keywords.length > 0) {
          const lower = text.toLowerCase();
          for (const keyword of this.keywords) {
            for (let i = lower.indexOf(keyword); i !== -1; i = lower.indexOf(keyword, i + 1))
              found.push(base + i);
          }
        }
        if (found.length > 0) {
          found.sort((a, b) => a - b);
          if (this.cursor > 0) {
            this.marks = this.marks.slice(this.cursor);
            this.cursor = 0;
          }
          for (const offset of found)
            this.marks.push(offset);
        }
        this.tail = chunk.length >= TAIL ? chunk.slice(chunk.length - TAIL) : (this.tail + chunk).slice(-TAIL);
        this.consumed += chunk.length;
      }
      /**
       * Does the raw line at [start, end) hold a mark? Lines must be asked about in order, which is how
       * the parser emits them.
       */
      holds(start, end) {
        if (this.everything)
          return true;
        const marks = this.marks;
        let cursor = this.cursor;
        while (cursor < marks.length && marks[cursor] < start)
          cursor++;
        this.cursor = cursor;
        return cursor < marks.length && marks[cursor] <= end;
      }
    };
  }
});

// ../../work/main/dist/core/scan.js
function parseCommitRecord(record) {
  const [oid = "", author = "", date = "", ...subject] = record.split("\0");
  return { oid, author, date, subject: subject.join(" ") };
}
var COMMIT_RECORD_FORMAT, PatchScanner;
var init_scan = __esm({
  "../../work/main/dist/core/scan.js"() {
    "use strict";
    init_detector();
    init_diff_parser();
    init_prefilter();
    COMMIT_RECORD_FORMAT = "--format=%x00%H%x00%an <%ae>%x00%aI%x00%s";
    PatchScanner = class {
      findings = [];
      /** Commits seen (history output only). */
      commits = 0;
      /** Paths skipped because `isIgnoredPath` said so (each once). */
      ignoredPaths = /* @__PURE__ */ new Set();
      detector;
      parser;
      marks;
      commit;
      /** `isIgnoredPath`: the config's `ignorePaths`, decided by the caller (globs are not the core's business). */
      constructor(detector = new Detector(), isIgnoredPath) {
        this.detector = detector;
        this.marks = new InterestMarks(detector.customRules);
        const marks = this.marks;
        let skipping = false;
        const sink = {
          commit: (record) => {
            this.commit = parseCommitRecord(record);
            this.commits++;
          },
          beginFile: (path) => {
            skipping = isIgnoredPath?.(path) ?? false;
            if (skipping)
              this.ignoredPaths.add(path);
            else
              detector.beginFile(path);
          },
          wants: (lineNumber, start, end) => !skipping && (marks.holds(start, end) || detector.needsLine(lineNumber)),
          skip: (_lineNumber, length) => {
            if (!skipping)
              detector.skipLine(length);
          },
          line: (lineNumber, text, added, start, end) => {
            if (!skipping)
              detector.addLine(lineNumber, text, added, marks.holds(start, end));
          },
          endFile: () => {
            if (skipping)
              return;
            for (const finding of detector.endFile())
              this.findings.push(this.withCommit(finding));
          }
        };
        this.parser = new DiffParser(sink);
      }
      push(chunk) {
        this.marks.add(chunk);
        this.parser.push(chunk);
      }
      end() {
        this.parser.end();
        return this.findings;
      }
      withCommit(finding) {
        if (!this.commit)
          return finding;
        const { oid, author, date, subject } = this.commit;
        return { ...finding, commit: oid, author, date, subject };
      }
    };
  }
});

// ../../work/main/dist/git/staged.js
import { readFileSync as readFileSync7 } from "node:fs";
import { join as join6 } from "node:path";
async function scanStaged(cwd = process.cwd(), createScanner = () => new PatchScanner(), tree) {
  const { gitDir } = tree ?? await workTree(cwd);
  let findings = await scanIndexAgainst([], cwd, createScanner);
  if (findings.length === 0)
    return findings;
  for (const head of mergeHeads(gitDir)) {
    const againstHead = new Set((await scanIndexAgainst([head], cwd, createScanner)).map(identity));
    findings = findings.filter((finding) => againstHead.has(identity(finding)));
  }
  return findings;
}
async function scanIndexAgainst(commit, cwd, createScanner) {
  const scanner = createScanner();
  await gitStream(["diff", "--cached", ...PATCH_OPTIONS, ...commit, "--"], (text) => scanner.push(text), cwd);
  return scanner.end();
}
function identity(finding) {
  return `${finding.file}\0${finding.line}\0${finding.column}\0${finding.fingerprint}`;
}
function mergeHeads(gitDir) {
  let text;
  try {
    text = readFileSync7(join6(gitDir, "MERGE_HEAD"), "utf8");
  } catch {
    return [];
  }
  return text.split("\n").map((line) => line.trim()).filter((line) => /^[0-9a-f]{40,64}$/.test(line));
}
var PATCH_OPTIONS;
var init_staged = __esm({
  "../../work/main/dist/git/staged.js"() {
    "use strict";
    init_detector();
    init_scan();
    init_git();
    init_repository();
    PATCH_OPTIONS = [
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--text",
      "--no-relative",
      "--submodule=short",
      "--find-renames",
      `--unified=${DIFF_CONTEXT_LINES}`,
      "--src-prefix=a/",
      "--dst-prefix=b/"
    ];
  }
});

// ../../work/main/dist/cli/verify.js
var verify_exports = {};
__export(verify_exports, {
  API_VERSION: () => API_VERSION,
  DEFAULT_API_URL: () => DEFAULT_API_URL,
  DEFAULT_LEGACY_API_URL: () => DEFAULT_LEGACY_API_URL,
  VERIFY_TIMEOUT_MS: () => VERIFY_TIMEOUT_MS,
  verifyKeys: () => verifyKeys,
  verifyOptionsFromEnvironment: () => verifyOptionsFromEnvironment
});
function verifyOptionsFromEnvironment(env = process.env) {
  return {
    apiUrl: env.PINEKEY_PINECONE_API_URL || DEFAULT_API_URL,
    legacyApiUrl: env.PINEKEY_PINECONE_LEGACY_API_URL || DEFAULT_LEGACY_API_URL
  };
}
async function request(url, headers, timeoutMs) {
  try {
    return await fetch(url, { method: "GET", headers, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  } catch {
    return void 0;
  }
}
async function verifyCurrent(key, options) {
  const response = await request(`${options.apiUrl.replace(/\/+$/, "")}/indexes`, { "Api-Key": key, "X-Pinecone-Api-Version": API_VERSION, Accept: "application/json" }, options.timeoutMs);
  if (!response)
    return "unknown";
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => void 0);
    if (response.status === 401)
      return "revoked";
    if (response.status === 403)
      return "restricted";
    return "unknown";
  }
  try {
    const body = await response.json();
    return Array.isArray(body?.indexes) ? "live" : "unknown";
  } catch {
    return "unknown";
  }
}
async function verifyLegacy(key, environment, options) {
  if (!environment || !/^[a-z0-9-]+$/.test(environment))
    return "unknown";
  const base = options.legacyApiUrl.replace("{environment}", environment).replace(/\/+$/, "");
  const response = await request(`${base}/actions/whoami`, { "Api-Key": key, Accept: "application/json" }, options.timeoutMs);
  await response?.body?.cancel().catch(() => void 0);
  if (!response)
    return "unknown";
  if (response.status === 200)
    return "live";
  if (response.status === 401)
    return "revoked";
  return "unknown";
}
async function verifyKeys(keys, options = {}) {
  const resolved = {
    apiUrl: options.apiUrl ?? DEFAULT_API_URL,
    legacyApiUrl: options.legacyApiUrl ?? DEFAULT_LEGACY_API_URL,
    timeoutMs: options.timeoutMs ?? VERIFY_TIMEOUT_MS
  };
  return Promise.all(keys.map((k) => {
    if (k.rule === "pinecone-api-key")
      return verifyCurrent(k.key, resolved);
    if (k.rule === "pinecone-legacy-api-key")
      return verifyLegacy(k.key, k.environment, resolved);
    return Promise.resolve("unknown");
  }));
}
var DEFAULT_API_URL, DEFAULT_LEGACY_API_URL, API_VERSION, VERIFY_TIMEOUT_MS;
var init_verify = __esm({
  "../../work/main/dist/cli/verify.js"() {
    "use strict";
    DEFAULT_API_URL = "https://api.pinecone.io";
    DEFAULT_LEGACY_API_URL = "https://controller.{environment}.pinecone.io";
    API_VERSION = "2025-10";
    VERIFY_TIMEOUT_MS = 3e3;
  }
});

// ../../work/main/dist/cli/scan-context.js
import { createRequire as createRequire2 } from "node:module";
function loadPicomatch() {
  return createRequire2(import.meta.url)("picomatch");
}
var ScanContext;
var init_scan_context = __esm({
  "../../work/main/dist/cli/scan-context.js"() {
    "use strict";
    init_detector();
    init_scan();
    init_config2();
    ScanContext = class {
      config;
      verify;
      ignoredFingerprints;
      isIgnoredPath;
      keys = /* @__PURE__ */ new Map();
      detectors = [];
      scanners = [];
      /** `root` is the top of the work tree; undefined (a bare server repository) means defaults. */
      constructor(root, options = {}) {
        this.config = loadConfig(root);
        this.ignoredFingerprints = loadIgnoredFingerprints(root);
        this.verify = options.verify === true || this.config.verify;
        this.isIgnoredPath = this.config.ignorePaths.length > 0 ? loadPicomatch()(this.config.ignorePaths, { dot: true }) : void 0;
      }
      createDetector() {
        const detector = new Detector({
          customRules: this.config.rules,
          disabledRules: this.config.disableRules,
          allowPatterns: this.config.allow,
          ignoredFingerprints: this.ignoredFingerprints,
          visibleChars: this.config.redact.visibleChars,
          maxFileBytes: this.config.maxFileBytes,
          ...this.verify ? {
            onKey: (fingerprint, key, environment) => {
              if (!this.keys.has(fingerprint)) {
                this.keys.set(fingerprint, { rule: fingerprint.slice(0, fingerprint.lastIndexOf(":")), key, ...environment ? { environment } : {} });
              }
            }
          } : {}
        });
        this.detectors.push(detector);
        return detector;
      }
      createScanner() {
        const scanner = new PatchScanner(this.createDetector(), this.isIgnoredPath);
        this.scanners.push(scanner);
        return scanner;
      }
      pathIgnored(path) {
        return this.isIgnoredPath?.(path) ?? false;
      }
      /** Files whose scan stopped at maxFileBytes, each once. */
      truncatedFiles() {
        return [...new Set(this.detectors.flatMap((d) => d.truncatedFiles))];
      }
      /** Paths skipped by ignorePaths, each once. */
      ignoredPaths() {
        return [...new Set(this.scanners.flatMap((s) => [...s.ignoredPaths]))];
      }
      /** With the live check on: ask Pinecone about every key found and record the answers. */
      async verifyFindings(findings) {
        if (!this.verify || findings.length === 0)
          return;
        const { verifyKeys: verifyKeys2, verifyOptionsFromEnvironment: verifyOptionsFromEnvironment2 } = await Promise.resolve().then(() => (init_verify(), verify_exports));
        const fingerprints = [...new Set(findings.map((f) => f.fingerprint))].filter((fp) => this.keys.has(fp));
        const verdicts = await verifyKeys2(fingerprints.map((fp) => this.keys.get(fp)), verifyOptionsFromEnvironment2());
        const byFingerprint = new Map(fingerprints.map((fp, i) => [fp, verdicts[i]]));
        for (const finding of findings) {
          const verdict = byFingerprint.get(finding.fingerprint);
          if (verdict)
            finding.verified = verdict;
        }
        this.keys.clear();
      }
    };
  }
});

// ../../work/main/dist/git/history.js
async function scanHistory(revisions, options = {}) {
  const scanner = options.scanner ?? new PatchScanner();
  const stdin = options.stdinRevisions;
  const args = [...HISTORY_OPTIONS, ...revisions, ...stdin ? ["--stdin"] : []];
  await gitStream(args, (text) => scanner.push(text), {
    cwd: options.cwd,
    ...stdin ? { input: stdin.map((oid) => `${oid}
`).join("") } : {}
  });
  const findings = scanner.end();
  return { findings, commits: scanner.commits };
}
async function objectTypes(oids, cwd) {
  const types = /* @__PURE__ */ new Map();
  if (oids.length === 0)
    return types;
  const output = await gitOutput(["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    ...cwd ? { cwd } : {},
    input: oids.map((oid) => `${oid}
`).join("")
  });
  for (const line of output.split("\n")) {
    const [oid, type] = line.split(" ");
    if (oid && type && type !== "missing")
      types.set(oid, type);
  }
  return types;
}
var HISTORY_OPTIONS;
var init_history = __esm({
  "../../work/main/dist/git/history.js"() {
    "use strict";
    init_detector();
    init_scan();
    init_git();
    HISTORY_OPTIONS = [
      "log",
      "-p",
      "--cc",
      "--root",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--text",
      "--no-relative",
      "--submodule=short",
      "--find-renames",
      `--unified=${DIFF_CONTEXT_LINES}`,
      "--src-prefix=a/",
      "--dst-prefix=b/",
      "--no-show-signature",
      COMMIT_RECORD_FORMAT
    ];
  }
});

// ../../work/main/dist/git/worktree.js
async function workingTreeFiles(paths, cwd) {
  const output = await gitOutput(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name", "--", ...paths], cwd ? { cwd } : {});
  return [...new Set(output.split("\0").filter((path) => path.length > 0))];
}
var init_worktree = __esm({
  "../../work/main/dist/git/worktree.js"() {
    "use strict";
    init_git();
  }
});

// ../../work/main/dist/cli/format.js
function formatJson(findings) {
  return JSON.stringify({ findings }, null, 2) + "\n";
}
function formatSarif(findings, toolVersion, customRules = []) {
  const rules = [...RULES, ...customRules];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pinekey-hook",
            version: toolVersion,
            informationUri: "https://www.npmjs.com/package/pinekey-hook",
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name.replace(/\s+/g, ""),
              shortDescription: { text: rule.name },
              fullDescription: { text: rule.description },
              help: { text: HELP_TEXT, markdown: HELP_TEXT },
              defaultConfiguration: { level: "error" },
              properties: { tags: ["security", "secret"], "security-severity": "9.0", precision: "high" }
            }))
          }
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIndex.get(finding.rule),
          level: "error",
          message: { text: `${rules[ruleIndex.get(finding.rule) ?? -1]?.name ?? finding.rule} ${finding.redacted}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file.split("/").map(encodeURIComponent).join("/") },
                region: { startLine: finding.line, startColumn: finding.column }
              }
            }
          ],
          partialFingerprints: { "pinekeyFingerprint/v1": finding.fingerprint },
          ...finding.verified ? { properties: { verified: finding.verified } } : {},
          ...finding.allowed ? {
            suppressions: [
              { kind: "inSource", justification: finding.allowReason ?? "pinekey-allow comment" }
            ]
          } : {}
        }))
      }
    ]
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
var HELP_TEXT;
var init_format = __esm({
  "../../work/main/dist/cli/format.js"() {
    "use strict";
    init_finding();
    HELP_TEXT = "Move the key out of the file: read it from the PINECONE_API_KEY environment variable or a secrets manager (AWS Secrets Manager, HashiCorp Vault, CyberArk Conjur). If the key was ever pushed or shared, rotate it: create a new key in the Pinecone console, update every service, delete the old key, watch usage. A false positive can be allowed with a `pinekey-allow` comment on the line.";
  }
});

// ../../work/main/dist/cli/remediation.js
var remediation_exports = {};
__export(remediation_exports, {
  REMEDIATE_LANGUAGES: () => REMEDIATE_LANGUAGES,
  REMEDIATE_METHODS: () => REMEDIATE_METHODS,
  ROTATION_HEADING: () => ROTATION_HEADING,
  ROTATION_STEPS: () => ROTATION_STEPS,
  SECRET_NAME: () => SECRET_NAME,
  VAULT_FIELD: () => VAULT_FIELD,
  VAULT_PATH: () => VAULT_PATH,
  listing: () => listing,
  parseLanguage: () => parseLanguage,
  parseMethod: () => parseMethod,
  remediateFlagsFor: () => remediateFlagsFor,
  remediateLanguageFor: () => remediateLanguageFor,
  renderChoices: () => renderChoices,
  renderRemediation: () => renderRemediation,
  renderRotationChecklist: () => renderRotationChecklist,
  snippetCode: () => snippetCode,
  snippetInstall: () => snippetInstall
});
import kleur2 from "kleur";
function rubyClient() {
  return `PINECONE_API_VERSION = "2025-10"

def pinecone_get(api_key, path)
  uri = URI("https://api.pinecone.io#{path}")
  request = Net::HTTP::Get.new(uri)
  request["Api-Key"] = api_key
  request["X-Pinecone-Api-Version"] = PINECONE_API_VERSION
  request["Accept"] = "application/json"
  response = Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |http| http.request(request) }
  raise "Pinecone answered #{response.code}" unless response.is_a?(Net::HTTPSuccess)
  JSON.parse(response.body)
end

puts pinecone_get(api_key, "/indexes").fetch("indexes", []).map { |index| index["name"] }`;
}
function shellClient() {
  return `printf 'Api-Key: %s\\n' "$PINECONE_API_KEY" |
  curl --fail --silent --show-error --header @- \\
    --header "X-Pinecone-Api-Version: 2025-10" \\
    https://api.pinecone.io/indexes`;
}
function snippetCode(language, method) {
  return SNIPPETS[language][method].code.replace(/^\n/, "").trimEnd() + "\n";
}
function snippetInstall(language, method) {
  return SNIPPETS[language][method].install;
}
function parseLanguage(value) {
  const lower = value.trim().toLowerCase();
  if (REMEDIATE_LANGUAGES.includes(lower))
    return lower;
  return LANGUAGE_ALIASES[lower];
}
function parseMethod(value) {
  const lower = value.trim().toLowerCase();
  if (REMEDIATE_METHODS.includes(lower))
    return lower;
  return METHOD_ALIASES[lower];
}
function listing(values) {
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}
function remediateLanguageFor(path) {
  const language = languageOf(path);
  switch (language) {
    case "python":
    case "notebook":
      return "python";
    case "javascript":
      return "js";
    case "typescript":
      return "ts";
    case "go":
      return "go";
    case "java":
      return "java";
    case "csharp":
    case "vb":
      return "csharp";
    case "ruby":
      return "ruby";
    default:
      return "shell";
  }
}
function remediateFlagsFor(path) {
  return `--lang ${remediateLanguageFor(path)} --via ${REMEDIATE_METHODS[0]}`;
}
function renderRotationChecklist() {
  const lines2 = [kleur2.bold(ROTATION_HEADING)];
  ROTATION_STEPS.forEach((step, i) => {
    const [first, ...rest] = step.split("\n");
    lines2.push(`  ${i + 1}. ${first}`);
    for (const line of rest)
      lines2.push(`     ${line}`);
  });
  return lines2.join("\n") + "\n";
}
function renderRemediation(language, method, options = {}) {
  const info = LANGUAGE_INFO[language];
  const out = [
    kleur2.bold(`${info.label}: the Pinecone API key ${METHOD_INFO[method].label}`),
    `Uses ${info.client}.`,
    `Install: ${snippetInstall(language, method)}`,
    `Save as ${info.file}, or take the parts you need into your code:`,
    "",
    snippetCode(language, method).trimEnd(),
    "",
    METHOD_INFO[method].note
  ];
  if (options.languageDefaulted) {
    const others = REMEDIATE_LANGUAGES.filter((l) => l !== "shell").join("|");
    out.push(`Shown for the shell since no --lang was given. For code:`);
    out.push(`  pinekey-hook remediate --via ${method} --lang ${others}`);
  }
  if (options.methodDefaulted) {
    const others = REMEDIATE_METHODS.filter((m) => m !== method).join("|");
    out.push(`The environment variable is the first recommendation. Other ways:`);
    out.push(`  pinekey-hook remediate --lang ${language} --via ${others}`);
  }
  out.push("");
  return out.join("\n") + "\n" + renderRotationChecklist();
}
function renderChoices() {
  const languageWidth = Math.max(...REMEDIATE_LANGUAGES.map((l) => l.length));
  const methodWidth = Math.max(...REMEDIATE_METHODS.map((m) => m.length));
  const lines2 = [
    "Usage: pinekey-hook remediate --lang <language> --via <method>",
    "",
    "Prints a complete snippet that reads the Pinecone API key (PINECONE_API_KEY) the chosen way and",
    "creates the Pinecone client, then the checklist for rotating a leaked key.",
    "",
    kleur2.bold("Languages (--lang):"),
    ...REMEDIATE_LANGUAGES.map((l) => `  ${l.padEnd(languageWidth)}  ${LANGUAGE_INFO[l].label}: ${LANGUAGE_INFO[l].client}`),
    "",
    kleur2.bold("Methods (--via), in order of recommendation:"),
    ...REMEDIATE_METHODS.map((m) => `  ${m.padEnd(methodWidth)}  the key ${METHOD_INFO[m].label}`),
    "",
    `With --lang alone the method is ${REMEDIATE_METHODS[0]}; with --via alone the language is shell.`,
    "",
    kleur2.bold("Example:"),
    "  pinekey-hook remediate --lang python --via env"
  ];
  return lines2.join("\n") + "\n";
}
var REMEDIATE_LANGUAGES, REMEDIATE_METHODS, SECRET_NAME, VAULT_PATH, VAULT_FIELD, LANGUAGE_INFO, METHOD_INFO, WHERE, SNIPPETS, LANGUAGE_ALIASES, METHOD_ALIASES, ROTATION_HEADING, ROTATION_STEPS;
var init_remediation = __esm({
  "../../work/main/dist/cli/remediation.js"() {
    "use strict";
    init_colour();
    init_languages();
    kleur2.enabled = colourEnabled();
    REMEDIATE_LANGUAGES = ["python", "js", "ts", "go", "java", "csharp", "ruby", "shell"];
    REMEDIATE_METHODS = ["env", "aws", "vault", "conjur"];
    SECRET_NAME = "pinecone/api-key";
    VAULT_PATH = "secret/pinecone";
    VAULT_FIELD = "api_key";
    LANGUAGE_INFO = {
      python: { label: "Python", client: "the pinecone package", file: "main.py" },
      js: { label: "JavaScript (ESM, Node 18+)", client: "@pinecone-database/pinecone", file: "main.mjs" },
      ts: { label: "TypeScript (ESM, Node 18+)", client: "@pinecone-database/pinecone", file: "main.ts" },
      go: { label: "Go", client: "go-pinecone v3", file: "main.go" },
      java: { label: "Java (11+)", client: "io.pinecone:pinecone-client", file: "Main.java" },
      csharp: { label: "C# (.NET 6+)", client: "Pinecone.Client", file: "Program.cs (top-level statements)" },
      ruby: { label: "Ruby", client: "the Pinecone REST API (there is no official Ruby SDK)", file: "main.rb" },
      shell: { label: "POSIX shell", client: "curl and the Pinecone REST API", file: "pinecone.sh" }
    };
    METHOD_INFO = {
      env: {
        label: "from the environment variable PINECONE_API_KEY",
        note: "Set PINECONE_API_KEY outside git: in your deployment's secret settings, your CI's secrets,\nor an untracked .env file (add .env to .gitignore; commit a .env.example with the name only)."
      },
      aws: {
        label: "from AWS Secrets Manager",
        note: `Store the key as plain text (not as JSON key/value pairs); the name "${SECRET_NAME}" is an
example. The caller needs secretsmanager:GetSecretValue on that secret only.`
      },
      vault: {
        label: "from HashiCorp Vault (KV version 2)",
        note: `The snippet expects a KV v2 engine mounted at secret/ with the field ${VAULT_FIELD} at pinecone
(vault kv put ${VAULT_PATH} ${VAULT_FIELD}=...); path and field are examples. VAULT_ADDR
and VAULT_TOKEN come from the environment; give the token a policy that reads that path only.`
      },
      conjur: {
        label: "from CyberArk Conjur",
        note: `The variable id "${SECRET_NAME}" is an example. CONJUR_APPLIANCE_URL, CONJUR_ACCOUNT,
CONJUR_AUTHN_LOGIN (e.g. host/my-app) and CONJUR_AUTHN_API_KEY come from the environment
(Conjur Enterprise serves its API under /api: include it in the URL). Permit the host to
read and execute that one variable only.`
      }
    };
    WHERE = {
      env: "The key lives in the environment variable PINECONE_API_KEY, set outside the code (never in git).",
      aws: `The key lives in AWS Secrets Manager as the secret "${SECRET_NAME}" (example name: use yours).`,
      vault: `The key lives in Vault KV v2 at ${VAULT_PATH}, field ${VAULT_FIELD} (example path and field: use yours).`,
      conjur: `The key lives in the Conjur variable ${SECRET_NAME} (an example id: use yours).`
    };
    SNIPPETS = {
      // -------------------------------------------------------------------------------------------
      python: {
        env: {
          install: "pip install pinecone",
          code: `
# ${WHERE.env}
import os

from pinecone import Pinecone

api_key = os.environ.get("PINECONE_API_KEY")
if not api_key:
    raise SystemExit("PINECONE_API_KEY is not set")

pc = Pinecone(api_key=api_key)  # Pinecone() with no arguments reads PINECONE_API_KEY too
print(pc.list_indexes().names())
`
        },
        aws: {
          install: "pip install pinecone boto3",
          code: `
# ${WHERE.aws}
import boto3
from pinecone import Pinecone

# Region and credentials come from the usual AWS configuration (environment, profile or role).
secrets = boto3.client("secretsmanager")
api_key = secrets.get_secret_value(SecretId="${SECRET_NAME}")["SecretString"]

pc = Pinecone(api_key=api_key)
print(pc.list_indexes().names())
`
        },
        vault: {
          install: "pip install pinecone hvac",
          code: `
# ${WHERE.vault}
import os

import hvac
from pinecone import Pinecone

vault = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
secret = vault.secrets.kv.v2.read_secret_version(path="pinecone", mount_point="secret")
api_key = secret["data"]["data"]["${VAULT_FIELD}"]

pc = Pinecone(api_key=api_key)
print(pc.list_indexes().names())
`
        },
        conjur: {
          install: "pip install pinecone requests",
          code: `
# ${WHERE.conjur}
import base64
import os
from urllib.parse import quote

import requests
from pinecone import Pinecone

conjur_url = os.environ["CONJUR_APPLIANCE_URL"].rstrip("/")
account = quote(os.environ["CONJUR_ACCOUNT"], safe="")
login = quote(os.environ["CONJUR_AUTHN_LOGIN"], safe="")  # e.g. host/my-app
variable_id = quote("${SECRET_NAME}", safe="")

# 1. Trade the Conjur API key for a short-lived access token.
response = requests.post(
    f"{conjur_url}/authn/{account}/{login}/authenticate",
    data=os.environ["CONJUR_AUTHN_API_KEY"],
    timeout=10,
)
response.raise_for_status()
token = base64.b64encode(response.content).decode("ascii")

# 2. Read the variable with the token.
response = requests.get(
    f"{conjur_url}/secrets/{account}/variable/{variable_id}",
    headers={"Authorization": f'Token token="{token}"'},
    timeout=10,
)
response.raise_for_status()
api_key = response.text

pc = Pinecone(api_key=api_key)
print(pc.list_indexes().names())
`
        }
      },
      // -------------------------------------------------------------------------------------------
      js: {
        env: {
          install: "npm install @pinecone-database/pinecone",
          code: `
// ${WHERE.env}
import { Pinecone } from "@pinecone-database/pinecone";

const apiKey = process.env.PINECONE_API_KEY;
if (!apiKey) throw new Error("PINECONE_API_KEY is not set");

const pc = new Pinecone({ apiKey }); // new Pinecone() with no options reads PINECONE_API_KEY too
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`
        },
        aws: {
          install: "npm install @pinecone-database/pinecone @aws-sdk/client-secrets-manager",
          code: `
// ${WHERE.aws}
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Pinecone } from "@pinecone-database/pinecone";

// Region and credentials come from the usual AWS configuration (environment, profile or role).
const secrets = new SecretsManagerClient({});
const command = new GetSecretValueCommand({ SecretId: "${SECRET_NAME}" });
const { SecretString: apiKey } = await secrets.send(command);
if (!apiKey) throw new Error("the secret ${SECRET_NAME} has no SecretString");

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`
        },
        vault: {
          install: "npm install @pinecone-database/pinecone   (fetch is built into Node 18+)",
          code: `
// ${WHERE.vault}
import { Pinecone } from "@pinecone-database/pinecone";

const { VAULT_ADDR, VAULT_TOKEN } = process.env;
if (!VAULT_ADDR || !VAULT_TOKEN) throw new Error("VAULT_ADDR and VAULT_TOKEN must be set");

// KV v2 reads go to <mount>/data/<path>, and the fields come back under data.data.
const response = await fetch(\`\${VAULT_ADDR}/v1/secret/data/pinecone\`, {
  headers: { "X-Vault-Token": VAULT_TOKEN },
});
if (!response.ok) throw new Error(\`Vault answered \${response.status} for ${VAULT_PATH}\`);
const body = await response.json();
const apiKey = body.data.data.${VAULT_FIELD};
if (!apiKey) throw new Error("${VAULT_PATH} has no ${VAULT_FIELD} field");

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`
        },
        conjur: {
          install: "npm install @pinecone-database/pinecone   (fetch is built into Node 18+)",
          code: `
// ${WHERE.conjur}
import { Pinecone } from "@pinecone-database/pinecone";

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

const conjurUrl = requireEnv("CONJUR_APPLIANCE_URL");
const account = encodeURIComponent(requireEnv("CONJUR_ACCOUNT"));
const login = encodeURIComponent(requireEnv("CONJUR_AUTHN_LOGIN")); // e.g. host/my-app
const variableId = encodeURIComponent("${SECRET_NAME}");

// 1. Trade the Conjur API key for a short-lived access token.
const authn = await fetch(\`\${conjurUrl}/authn/\${account}/\${login}/authenticate\`, {
  method: "POST",
  body: requireEnv("CONJUR_AUTHN_API_KEY"),
});
if (!authn.ok) throw new Error(\`Conjur authentication answered \${authn.status}\`);
const token = Buffer.from(await authn.arrayBuffer()).toString("base64");

// 2. Read the variable with the token.
const secret = await fetch(\`\${conjurUrl}/secrets/\${account}/variable/\${variableId}\`, {
  headers: { Authorization: \`Token token="\${token}"\` },
});
if (!secret.ok) throw new Error(\`Conjur answered \${secret.status} for ${SECRET_NAME}\`);
const apiKey = await secret.text();

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`
        }
      },
      // -------------------------------------------------------------------------------------------
      // Like JavaScript, with the types spelled out where they matter: Pinecone wants `apiKey: string`,
      // and process.env, SecretString and parsed JSON are all possibly undefined or untyped.
      ts: {
        env: {
          install: "npm install @pinecone-database/pinecone   (and @types/node for process.env)",
          code: `
// ${WHERE.env}
import { Pinecone } from "@pinecone-database/pinecone";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

// apiKey must be a string: process.env.PINECONE_API_KEY alone is string | undefined.
const pc = new Pinecone({ apiKey: requireEnv("PINECONE_API_KEY") });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`
        },
        aws: {
          install: "npm install @pinecone-database/pinecone @aws-sdk/client-secrets-manager",
          code: `
// ${WHERE.aws}
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Pinecone } from "@pinecone-database/pinecone";

// Region and credentials come from the usual AWS configuration (environment, profile or role).
const secrets = new SecretsManagerClient({});
const command = new GetSecretValueCommand({ SecretId: "${SECRET_NAME}" });
const { SecretString } = await secrets.send(command);
if (SecretString === undefined) throw new Error("the secret ${SECRET_NAME} has no SecretString");
const apiKey: string = SecretString;

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`
        },
        vault: {
          install: "npm install @pinecone-database/pinecone   (fetch is built into Node 18+)",
          code: `
// ${WHERE.vault}
import { Pinecone } from "@pinecone-database/pinecone";

/** What Vault returns for a KV v2 read: the secret's fields sit under data.data. */
interface KvV2Read {
  data: { data: Record<string, string | undefined> };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

const response = await fetch(\`\${requireEnv("VAULT_ADDR")}/v1/secret/data/pinecone\`, {
  headers: { "X-Vault-Token": requireEnv("VAULT_TOKEN") },
});
if (!response.ok) throw new Error(\`Vault answered \${response.status} for ${VAULT_PATH}\`);
const body = (await response.json()) as KvV2Read;
const apiKey = body.data.data["${VAULT_FIELD}"];
if (!apiKey) throw new Error("${VAULT_PATH} has no ${VAULT_FIELD} field");

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`
        },
        conjur: {
          install: "npm install @pinecone-database/pinecone   (fetch is built into Node 18+)",
          code: `
// ${WHERE.conjur}
import { Pinecone } from "@pinecone-database/pinecone";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

const conjurUrl = requireEnv("CONJUR_APPLIANCE_URL");
const account = encodeURIComponent(requireEnv("CONJUR_ACCOUNT"));
const login = encodeURIComponent(requireEnv("CONJUR_AUTHN_LOGIN")); // e.g. host/my-app
const variableId = encodeURIComponent("${SECRET_NAME}");

// 1. Trade the Conjur API key for a short-lived access token.
const authn: Response = await fetch(\`\${conjurUrl}/authn/\${account}/\${login}/authenticate\`, {
  method: "POST",
  body: requireEnv("CONJUR_AUTHN_API_KEY"),
});
if (!authn.ok) throw new Error(\`Conjur authentication answered \${authn.status}\`);
const token: string = Buffer.from(await authn.arrayBuffer()).toString("base64");

// 2. Read the variable with the token.
const secret: Response = await fetch(\`\${conjurUrl}/secrets/\${account}/variable/\${variableId}\`, {
  headers: { Authorization: \`Token token="\${token}"\` },
});
if (!secret.ok) throw new Error(\`Conjur answered \${secret.status} for ${SECRET_NAME}\`);
const apiKey: string = await secret.text();

const pc = new Pinecone({ apiKey });
const { indexes = [] } = await pc.listIndexes();
console.log(indexes.map((index) => index.name));
`
        }
      },
      // -------------------------------------------------------------------------------------------
      go: {
        env: {
          install: "go get github.com/pinecone-io/go-pinecone/v3/pinecone",
          code: `
// ${WHERE.env}
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/pinecone-io/go-pinecone/v3/pinecone"
)

func main() {
	apiKey := os.Getenv("PINECONE_API_KEY")
	if apiKey == "" {
		log.Fatal("PINECONE_API_KEY is not set")
	}

	pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	indexes, err := pc.ListIndexes(context.Background())
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	for _, index := range indexes {
		fmt.Println(index.Name)
	}
}
`
        },
        aws: {
          install: "go get github.com/pinecone-io/go-pinecone/v3/pinecone github.com/aws/aws-sdk-go-v2/config github.com/aws/aws-sdk-go-v2/service/secretsmanager",
          code: `
// ${WHERE.aws}
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/pinecone-io/go-pinecone/v3/pinecone"
)

func main() {
	ctx := context.Background()

	// Region and credentials come from the usual AWS configuration (environment, profile or role).
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		log.Fatalf("aws config: %v", err)
	}
	secrets := secretsmanager.NewFromConfig(cfg)
	out, err := secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{
		SecretId: aws.String("${SECRET_NAME}"),
	})
	if err != nil {
		log.Fatalf("secrets manager: %v", err)
	}
	apiKey := aws.ToString(out.SecretString)
	if apiKey == "" {
		log.Fatal("the secret ${SECRET_NAME} has no SecretString")
	}

	pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	indexes, err := pc.ListIndexes(ctx)
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	for _, index := range indexes {
		fmt.Println(index.Name)
	}
}
`
        },
        vault: {
          install: "go get github.com/pinecone-io/go-pinecone/v3/pinecone github.com/hashicorp/vault/api",
          code: `
// ${WHERE.vault}
package main

import (
	"context"
	"fmt"
	"log"

	vault "github.com/hashicorp/vault/api"
	"github.com/pinecone-io/go-pinecone/v3/pinecone"
)

func main() {
	ctx := context.Background()

	// DefaultConfig reads VAULT_ADDR, and NewClient reads VAULT_TOKEN, from the environment.
	client, err := vault.NewClient(vault.DefaultConfig())
	if err != nil {
		log.Fatalf("vault: %v", err)
	}
	secret, err := client.KVv2("secret").Get(ctx, "pinecone")
	if err != nil {
		log.Fatalf("vault: %v", err)
	}
	apiKey, ok := secret.Data["${VAULT_FIELD}"].(string)
	if !ok || apiKey == "" {
		log.Fatal("${VAULT_PATH} has no ${VAULT_FIELD} field")
	}

	pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	indexes, err := pc.ListIndexes(ctx)
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	for _, index := range indexes {
		fmt.Println(index.Name)
	}
}
`
        },
        conjur: {
          install: "go get github.com/pinecone-io/go-pinecone/v3/pinecone github.com/cyberark/conjur-api-go/conjurapi",
          code: `
// ${WHERE.conjur}
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/cyberark/conjur-api-go/conjurapi"
	"github.com/pinecone-io/go-pinecone/v3/pinecone"
)

func main() {
	// LoadConfig reads CONJUR_APPLIANCE_URL and CONJUR_ACCOUNT (and ~/.conjurrc);
	// NewClientFromEnvironment logs in with CONJUR_AUTHN_LOGIN and CONJUR_AUTHN_API_KEY.
	config, err := conjurapi.LoadConfig()
	if err != nil {
		log.Fatalf("conjur config: %v", err)
	}
	conjur, err := conjurapi.NewClientFromEnvironment(config)
	if err != nil {
		log.Fatalf("conjur: %v", err)
	}
	value, err := conjur.RetrieveSecret("${SECRET_NAME}")
	if err != nil {
		log.Fatalf("conjur: %v", err)
	}
	apiKey := string(value)

	pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	indexes, err := pc.ListIndexes(context.Background())
	if err != nil {
		log.Fatalf("pinecone: %v", err)
	}
	for _, index := range indexes {
		fmt.Println(index.Name)
	}
}
`
        }
      },
      // -------------------------------------------------------------------------------------------
      java: {
        env: {
          install: "Maven/Gradle: io.pinecone:pinecone-client",
          code: `
// ${WHERE.env}
import io.pinecone.clients.Pinecone;

public class Main {
    public static void main(String[] args) {
        String apiKey = System.getenv("PINECONE_API_KEY");
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalStateException("PINECONE_API_KEY is not set");
        }

        Pinecone pc = new Pinecone.Builder(apiKey).build();
        System.out.println(pc.listIndexes());
    }
}
`
        },
        aws: {
          install: "Maven/Gradle: io.pinecone:pinecone-client and software.amazon.awssdk:secretsmanager (AWS SDK v2)",
          code: `
// ${WHERE.aws}
import io.pinecone.clients.Pinecone;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

public class Main {
    public static void main(String[] args) {
        String apiKey;
        // Region and credentials come from the usual AWS configuration (environment, profile or role).
        try (SecretsManagerClient secrets = SecretsManagerClient.create()) {
            GetSecretValueRequest request =
                    GetSecretValueRequest.builder().secretId("${SECRET_NAME}").build();
            apiKey = secrets.getSecretValue(request).secretString();
        }
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalStateException("the secret ${SECRET_NAME} has no SecretString");
        }

        Pinecone pc = new Pinecone.Builder(apiKey).build();
        System.out.println(pc.listIndexes());
    }
}
`
        },
        vault: {
          install: "Maven/Gradle: io.pinecone:pinecone-client and io.github.jopenlibs:vault-java-driver (6.x)",
          code: `
// ${WHERE.vault}
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.pinecone.clients.Pinecone;

public class Main {
    public static void main(String[] args) throws VaultException {
        // build() reads VAULT_ADDR and VAULT_TOKEN from the environment.
        VaultConfig config = new VaultConfig().build();
        // 2: the KV version 2 engine. (With vault-java-driver 5.x: new Vault(config, 2).)
        Vault vault = Vault.create(config, 2);
        String apiKey = vault.logical().read("${VAULT_PATH}").getData().get("${VAULT_FIELD}");
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalStateException("${VAULT_PATH} has no ${VAULT_FIELD} field");
        }

        Pinecone pc = new Pinecone.Builder(apiKey).build();
        System.out.println(pc.listIndexes());
    }
}
`
        },
        conjur: {
          install: "Maven/Gradle: io.pinecone:pinecone-client (Conjur through the JDK's java.net.http, no extra library)",
          code: `
// ${WHERE.conjur}
import io.pinecone.clients.Pinecone;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public class Main {
    static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String conjurUrl = requireEnv("CONJUR_APPLIANCE_URL");
        String account = encode(requireEnv("CONJUR_ACCOUNT"));
        String login = encode(requireEnv("CONJUR_AUTHN_LOGIN")); // e.g. host/my-app
        String variableId = encode("${SECRET_NAME}");
        HttpClient http = HttpClient.newHttpClient();

        // 1. Trade the Conjur API key for a short-lived access token.
        HttpRequest authnRequest = HttpRequest.newBuilder(
                        URI.create(conjurUrl + "/authn/" + account + "/" + login + "/authenticate"))
                .POST(HttpRequest.BodyPublishers.ofString(requireEnv("CONJUR_AUTHN_API_KEY")))
                .build();
        HttpResponse<byte[]> authn = http.send(authnRequest, HttpResponse.BodyHandlers.ofByteArray());
        if (authn.statusCode() != 200) {
            throw new IllegalStateException("Conjur authentication answered " + authn.statusCode());
        }
        String token = Base64.getEncoder().encodeToString(authn.body());

        // 2. Read the variable with the token.
        HttpRequest secretRequest = HttpRequest.newBuilder(
                        URI.create(conjurUrl + "/secrets/" + account + "/variable/" + variableId))
                .header("Authorization", "Token token=\\"" + token + "\\"")
                .build();
        HttpResponse<String> secret = http.send(secretRequest, HttpResponse.BodyHandlers.ofString());
        if (secret.statusCode() != 200) {
            throw new IllegalStateException("Conjur answered " + secret.statusCode());
        }
        String apiKey = secret.body();

        Pinecone pc = new Pinecone.Builder(apiKey).build();
        System.out.println(pc.listIndexes());
    }
}
`
        }
      },
      // -------------------------------------------------------------------------------------------
      csharp: {
        env: {
          install: "dotnet add package Pinecone.Client",
          code: `
// ${WHERE.env}
using System;
using Pinecone;

var apiKey = Environment.GetEnvironmentVariable("PINECONE_API_KEY");
if (string.IsNullOrEmpty(apiKey))
{
    throw new InvalidOperationException("PINECONE_API_KEY is not set");
}

var pinecone = new PineconeClient(apiKey);
Console.WriteLine(await pinecone.ListIndexesAsync());
`
        },
        aws: {
          install: "dotnet add package Pinecone.Client && dotnet add package AWSSDK.SecretsManager",
          code: `
// ${WHERE.aws}
using System;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Pinecone;

// Region and credentials come from the usual AWS configuration (environment, profile or role).
using var secrets = new AmazonSecretsManagerClient();
var request = new GetSecretValueRequest { SecretId = "${SECRET_NAME}" };
var secret = await secrets.GetSecretValueAsync(request);
var apiKey = secret.SecretString;
if (string.IsNullOrEmpty(apiKey))
{
    throw new InvalidOperationException("the secret ${SECRET_NAME} has no SecretString");
}

var pinecone = new PineconeClient(apiKey);
Console.WriteLine(await pinecone.ListIndexesAsync());
`
        },
        vault: {
          install: "dotnet add package Pinecone.Client && dotnet add package VaultSharp",
          code: `
// ${WHERE.vault}
using System;
using Pinecone;
using VaultSharp;
using VaultSharp.V1.AuthMethods.Token;

var vaultAddress = Environment.GetEnvironmentVariable("VAULT_ADDR")
    ?? throw new InvalidOperationException("VAULT_ADDR is not set");
var vaultToken = Environment.GetEnvironmentVariable("VAULT_TOKEN")
    ?? throw new InvalidOperationException("VAULT_TOKEN is not set");

var settings = new VaultClientSettings(vaultAddress, new TokenAuthMethodInfo(vaultToken));
var vault = new VaultClient(settings);
var secret = await vault.V1.Secrets.KeyValue.V2.ReadSecretAsync(path: "pinecone", mountPoint: "secret");
var apiKey = secret.Data.Data.TryGetValue("${VAULT_FIELD}", out var value) ? value?.ToString() : null;
if (string.IsNullOrEmpty(apiKey))
{
    throw new InvalidOperationException("${VAULT_PATH} has no ${VAULT_FIELD} field");
}

var pinecone = new PineconeClient(apiKey);
Console.WriteLine(await pinecone.ListIndexesAsync());
`
        },
        conjur: {
          install: "dotnet add package Pinecone.Client   (Conjur through HttpClient, no extra package)",
          code: `
// ${WHERE.conjur}
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using Pinecone;

var conjurUrl = RequireEnv("CONJUR_APPLIANCE_URL");
var account = Uri.EscapeDataString(RequireEnv("CONJUR_ACCOUNT"));
var login = Uri.EscapeDataString(RequireEnv("CONJUR_AUTHN_LOGIN")); // e.g. host/my-app
var variableId = Uri.EscapeDataString("${SECRET_NAME}");
using var http = new HttpClient();

// 1. Trade the Conjur API key for a short-lived access token.
using var authn = await http.PostAsync(
    $"{conjurUrl}/authn/{account}/{login}/authenticate",
    new StringContent(RequireEnv("CONJUR_AUTHN_API_KEY")));
authn.EnsureSuccessStatusCode();
var token = Convert.ToBase64String(await authn.Content.ReadAsByteArrayAsync());

// 2. Read the variable with the token.
var secretUrl = $"{conjurUrl}/secrets/{account}/variable/{variableId}";
using var request = new HttpRequestMessage(HttpMethod.Get, secretUrl);
request.Headers.Authorization = new AuthenticationHeaderValue("Token", $"token=\\"{token}\\"");
using var secret = await http.SendAsync(request);
secret.EnsureSuccessStatusCode();
var apiKey = await secret.Content.ReadAsStringAsync();

var pinecone = new PineconeClient(apiKey);
Console.WriteLine(await pinecone.ListIndexesAsync());

static string RequireEnv(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{name} is not set");
`
        }
      },
      // -------------------------------------------------------------------------------------------
      // Pinecone has no official Ruby SDK: each snippet ends with the same small REST client.
      ruby: {
        env: {
          install: "nothing: net/http and json are in Ruby's standard library",
          code: `
# ${WHERE.env}
require "json"
require "net/http"

api_key = ENV.fetch("PINECONE_API_KEY", "")
abort "PINECONE_API_KEY is not set" if api_key.empty?

${rubyClient()}
`
        },
        aws: {
          install: "gem install aws-sdk-secretsmanager",
          code: `
# ${WHERE.aws}
require "aws-sdk-secretsmanager"
require "json"
require "net/http"

# Region and credentials come from the usual AWS configuration (environment, profile or role).
secrets = Aws::SecretsManager::Client.new
api_key = secrets.get_secret_value(secret_id: "${SECRET_NAME}").secret_string
abort "the secret ${SECRET_NAME} has no SecretString" if api_key.nil? || api_key.empty?

${rubyClient()}
`
        },
        vault: {
          install: "gem install vault",
          code: `
# ${WHERE.vault}
require "json"
require "net/http"
require "vault"

Vault.address = ENV.fetch("VAULT_ADDR")
Vault.token = ENV.fetch("VAULT_TOKEN")
secret = Vault.kv("secret").read("pinecone") # KV v2: Vault.kv(mount).read(path)
api_key = secret&.data&.fetch(:${VAULT_FIELD}, nil)
abort "${VAULT_PATH} has no ${VAULT_FIELD} field" if api_key.nil? || api_key.empty?

${rubyClient()}
`
        },
        conjur: {
          install: "nothing: net/http, erb and json are in Ruby's standard library",
          code: `
# ${WHERE.conjur}
require "erb"
require "json"
require "net/http"

conjur_url = ENV.fetch("CONJUR_APPLIANCE_URL")
account = ERB::Util.url_encode(ENV.fetch("CONJUR_ACCOUNT"))
login = ERB::Util.url_encode(ENV.fetch("CONJUR_AUTHN_LOGIN")) # e.g. host/my-app
variable_id = ERB::Util.url_encode("${SECRET_NAME}")

# 1. Trade the Conjur API key for a short-lived access token.
authn_uri = URI("#{conjur_url}/authn/#{account}/#{login}/authenticate")
authn = Net::HTTP.post(authn_uri, ENV.fetch("CONJUR_AUTHN_API_KEY"))
raise "Conjur authentication answered #{authn.code}" unless authn.is_a?(Net::HTTPSuccess)
token = [authn.body].pack("m0") # base64 without line breaks

# 2. Read the variable with the token.
secret = Net::HTTP.get_response(
  URI("#{conjur_url}/secrets/#{account}/variable/#{variable_id}"),
  { "Authorization" => %(Token token="#{token}") }
)
raise "Conjur answered #{secret.code} for ${SECRET_NAME}" unless secret.is_a?(Net::HTTPSuccess)
api_key = secret.body

${rubyClient()}
`
        }
      },
      // -------------------------------------------------------------------------------------------
      shell: {
        env: {
          install: "curl",
          code: `
#!/bin/sh
# ${WHERE.env}
: "\${PINECONE_API_KEY:?set PINECONE_API_KEY first}"

${shellClient()}
`
        },
        aws: {
          install: "the AWS CLI (aws), and curl",
          code: `
#!/bin/sh
# ${WHERE.aws}
# Region and credentials come from the usual AWS configuration (environment, profile or role).
PINECONE_API_KEY="$(aws secretsmanager get-secret-value --secret-id ${SECRET_NAME} \\
  --query SecretString --output text)" || exit 1
export PINECONE_API_KEY

${shellClient()}
`
        },
        vault: {
          install: "the Vault CLI (vault; it reads VAULT_ADDR and VAULT_TOKEN), and curl",
          code: `
#!/bin/sh
# ${WHERE.vault}
PINECONE_API_KEY="$(vault kv get -field=${VAULT_FIELD} ${VAULT_PATH})" || exit 1
export PINECONE_API_KEY

${shellClient()}
`
        },
        conjur: {
          install: "the Conjur CLI (conjur, v8+; after conjur init and conjur login), and curl",
          code: `
#!/bin/sh
# ${WHERE.conjur}
PINECONE_API_KEY="$(conjur variable get -i ${SECRET_NAME})" || exit 1
export PINECONE_API_KEY

${shellClient()}
`
        }
      }
    };
    LANGUAGE_ALIASES = {
      py: "python",
      javascript: "js",
      node: "js",
      typescript: "ts",
      golang: "go",
      "c#": "csharp",
      cs: "csharp",
      dotnet: "csharp",
      rb: "ruby",
      sh: "shell",
      bash: "shell"
    };
    METHOD_ALIASES = {
      environment: "env"
    };
    ROTATION_HEADING = "If the key was ever committed, pushed, shared or pasted anywhere, rotate it:";
    ROTATION_STEPS = [
      "Create a new key in the Pinecone console: your project > API keys > Create API key.\nCopy it straight into your secret store: it is shown only once.",
      "Update every service that uses the key, staging first, then production.\nKeep an inventory of what uses which key, so the next rotation misses nothing.",
      "Delete the old key in the console once everything runs on the new one.",
      "Watch usage afterwards: indexes or operations you do not know, and spikes in reads,\nwrites or cost. Anything unexplained means someone else had the key."
    ];
  }
});

// ../../work/main/dist/cli/files.js
var files_exports = {};
__export(files_exports, {
  scanFiles: () => scanFiles
});
import { createReadStream } from "node:fs";
import { lstat } from "node:fs/promises";
import { join as join7 } from "node:path";
async function scanFiles(root, files, detector = new Detector()) {
  const findings = [];
  let scanned = 0;
  for (const file of files) {
    const full = join7(root, file);
    const stat = await lstat(full).catch(() => void 0);
    if (!stat?.isFile())
      continue;
    scanned++;
    detector.beginFile(file);
    const marks = new InterestMarks(detector.customRules);
    const decoder2 = new TextDecoder("utf-8");
    let lineNumber = 1;
    let pieces = [];
    let lineStart = 0;
    let consumed = 0;
    const emit = (line, end) => {
      detector.addLine(lineNumber++, line, true, marks.holds(lineStart, end));
    };
    for await (const chunk of createReadStream(full, { highWaterMark: 1 << 20 })) {
      if (detector.truncatedFiles.includes(file))
        break;
      const text = decoder2.decode(chunk, { stream: true });
      marks.add(text);
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        const piece = text.slice(start, end);
        if (pieces.length > 0) {
          pieces.push(piece);
          emit(pieces.join(""), consumed + end);
          pieces = [];
        } else {
          lineStart = consumed + start;
          emit(piece, consumed + end);
        }
        start = end + 1;
        lineStart = consumed + start;
      }
      if (start < text.length)
        pieces.push(text.slice(start));
      consumed += text.length;
    }
    const rest = decoder2.decode();
    if (rest.length > 0) {
      marks.add(rest);
      pieces.push(rest);
      consumed += rest.length;
    }
    if (pieces.length > 0)
      emit(pieces.join(""), consumed);
    findings.push(...detector.endFile());
  }
  return { findings, scanned };
}
var init_files = __esm({
  "../../work/main/dist/cli/files.js"() {
    "use strict";
    init_detector();
    init_prefilter();
  }
});

// ../../work/main/dist/cli/commands/scan.js
var scan_exports = {};
__export(scan_exports, {
  completeScan: () => completeScan,
  exitCodeFor: () => exitCodeFor,
  formatResult: () => formatResult,
  scanCommand: () => scanCommand,
  workTreeRootIfAny: () => workTreeRootIfAny
});
function exitCodeFor(findings) {
  return findings.some((finding) => !finding.allowed) ? 1 : 0;
}
async function completeScan(context, findings, scope, gitDir) {
  await context.verifyFindings(findings);
  const done = { ...scope, truncated: context.truncatedFiles(), maxFileBytes: context.config.maxFileBytes };
  if (exitCodeFor(findings) === 1) {
    done.remediateFlags = (await Promise.resolve().then(() => (init_remediation(), remediation_exports))).remediateFlagsFor;
    if (gitDir !== void 0)
      (await Promise.resolve().then(() => (init_last_findings(), last_findings_exports))).rememberFindings(gitDir, findings);
  }
  return done;
}
async function workTreeRootIfAny(cwd) {
  const { gitOutput: gitOutput2 } = await Promise.resolve().then(() => (init_git(), git_exports));
  const inside = (await gitOutput2(["rev-parse", "--is-inside-work-tree"], cwd ? { cwd } : {})).trim();
  return inside === "true" ? workTreeRoot(cwd) : void 0;
}
function formatResult(findings, format, context, scope, scan) {
  switch (format) {
    case "json":
      return formatJson(findings);
    case "sarif":
      return formatSarif(findings, ownPackage().version, scan.config.rules.map((r) => ({ id: r.id, name: r.id, description: r.description })));
    case "text":
      return renderReport(findings, context, scope);
  }
}
async function scanCommand(options) {
  const { target, format, cwd } = options;
  if (target.kind === "range" && target.range.startsWith("-")) {
    throw new PinekeyError("BAD_ARGUMENTS", `--range takes a revision range such as origin/main..HEAD, not "${target.range}".`);
  }
  const root = target.kind === "range" || target.kind === "all" ? await workTreeRootIfAny(cwd) : await workTreeRoot(cwd);
  const context = new ScanContext(root, { verify: options.verify === true });
  let findings;
  let reportContext;
  let scope = {};
  switch (target.kind) {
    case "staged":
      findings = await scanStaged(cwd, () => context.createScanner());
      reportContext = "staged";
      break;
    case "range":
    case "all": {
      const history = await scanHistory(target.kind === "all" ? ["--all"] : [target.range], {
        ...cwd ? { cwd } : {},
        scanner: context.createScanner()
      });
      findings = history.findings;
      scope = { commits: history.commits };
      reportContext = "history";
      break;
    }
    case "files": {
      const { scanFiles: scanFiles2 } = await Promise.resolve().then(() => (init_files(), files_exports));
      const files = (await workingTreeFiles(target.paths, cwd)).filter((file) => !context.pathIgnored(file));
      const result = await scanFiles2(root, files, context.createDetector());
      findings = result.findings;
      scope = { files: result.scanned };
      reportContext = "files";
      break;
    }
  }
  scope = await completeScan(context, findings, scope, await commonGitDir(cwd));
  return { exitCode: exitCodeFor(findings), stdout: formatResult(findings, format, reportContext, scope, context) };
}
var init_scan2 = __esm({
  "../../work/main/dist/cli/commands/scan.js"() {
    "use strict";
    init_errors();
    init_history();
    init_repository();
    init_staged();
    init_worktree();
    init_format();
    init_messages();
    init_package_info();
    init_scan_context();
  }
});

// ../../work/main/dist/cli/commands/pre-commit.js
var pre_commit_exports = {};
__export(pre_commit_exports, {
  preCommitCommand: () => preCommitCommand
});
async function preCommitCommand(options = {}) {
  const { cwd } = options;
  const tree = await workTree(cwd);
  const context = new ScanContext(tree.root, { verify: options.verify === true });
  const findings = await scanStaged(cwd, () => context.createScanner(), tree);
  if (findings.length === 0 && context.truncatedFiles().length === 0)
    return { exitCode: 0 };
  const { completeScan: completeScan2, exitCodeFor: exitCodeFor2 } = await Promise.resolve().then(() => (init_scan2(), scan_exports));
  const { renderReport: renderReport2 } = await Promise.resolve().then(() => (init_messages(), messages_exports));
  const scope = await completeScan2(context, findings, {}, tree.commonDir);
  const report = renderReport2(findings, "pre-commit", scope);
  return { exitCode: exitCodeFor2(findings), ...report ? { stderr: report } : {} };
}
var init_pre_commit = __esm({
  "../../work/main/dist/cli/commands/pre-commit.js"() {
    "use strict";
    init_repository();
    init_staged();
    init_scan_context();
  }
});

// ../../work/main/dist/core/push-lines.js
function isZeroOid(oid) {
  return /^0+$/.test(oid);
}
function badLine(hook, line, expected) {
  const shown = line.length > 120 ? `${line.slice(0, 120)}\u2026` : line;
  return new PinekeyError("BAD_HOOK_INPUT", `unexpected ${hook} input line: "${shown}" (expected "${expected}").`, `This command reads what git gives a ${hook} hook on stdin; run it from the hook, not by hand.`);
}
function lines(text) {
  return text.split("\n").map((line) => line.replace(/\r$/, "")).filter((line) => line.trim() !== "");
}
function parsePrePushInput(text) {
  return lines(text).map((line) => {
    const fields = line.split(" ");
    const [localRef, localOid, remoteRef, remoteOid] = fields;
    if (fields.length !== 4 || !OID.test(localOid) || !OID.test(remoteOid)) {
      throw badLine("pre-push", line, "<local-ref> <local-oid> <remote-ref> <remote-oid>");
    }
    return { localRef, localOid, remoteRef, remoteOid };
  });
}
function parsePreReceiveInput(text) {
  return lines(text).map((line) => {
    const fields = line.split(" ");
    const [oldOid, newOid, ref] = fields;
    if (fields.length !== 3 || !OID.test(oldOid) || !OID.test(newOid)) {
      throw badLine("pre-receive", line, "<old-oid> <new-oid> <ref-name>");
    }
    return { oldOid, newOid, ref };
  });
}
function pushTips(refs) {
  const include = refs.filter((r) => !isZeroOid(r.localOid)).map((r) => r.localOid);
  const remoteOids = refs.filter((r) => !isZeroOid(r.remoteOid)).map((r) => r.remoteOid);
  return { include: [...new Set(include)], remoteOids: [...new Set(remoteOids)] };
}
var OID;
var init_push_lines = __esm({
  "../../work/main/dist/core/push-lines.js"() {
    "use strict";
    init_errors();
    OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
  }
});

// ../../work/main/dist/git/push.js
function walkable(types, oid) {
  const type = types.get(oid);
  return type === "commit" || type === "tag";
}
async function scanPush(remote, url, refs, options = {}) {
  const { cwd, scanner } = options;
  const { include, remoteOids } = pushTips(refs);
  if (include.length === 0)
    return NOTHING;
  const types = await objectTypes([...include, ...remoteOids], cwd);
  const tips = include.filter((oid) => walkable(types, oid));
  if (tips.length === 0)
    return NOTHING;
  const known = remoteOids.filter((oid) => walkable(types, oid));
  const isNamedRemote = remote !== url && await configValue(`remote.${remote}.url`, cwd) !== void 0;
  const remoteRefs = isNamedRemote ? `--remotes=${remote}` : "--remotes";
  return scanHistory(["--not", remoteRefs, ...known], { ...cwd ? { cwd } : {}, ...scanner ? { scanner } : {}, stdinRevisions: tips });
}
async function scanReceive(refs, options = {}) {
  const { cwd, scanner } = options;
  const include = [...new Set(refs.filter((r) => !isZeroOid(r.newOid)).map((r) => r.newOid))];
  if (include.length === 0)
    return NOTHING;
  const types = await objectTypes(include, cwd);
  const tips = include.filter((oid) => walkable(types, oid));
  if (tips.length === 0)
    return NOTHING;
  return scanHistory(["--not", "--all"], { ...cwd ? { cwd } : {}, ...scanner ? { scanner } : {}, stdinRevisions: tips });
}
var NOTHING;
var init_push = __esm({
  "../../work/main/dist/git/push.js"() {
    "use strict";
    init_push_lines();
    init_history();
    init_repository();
    NOTHING = { findings: [], commits: 0 };
  }
});

// ../../work/main/dist/cli/stdin.js
async function readStdin() {
  if (process.stdin.isTTY)
    return "";
  const chunks = [];
  for await (const chunk of process.stdin)
    chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
var init_stdin = __esm({
  "../../work/main/dist/cli/stdin.js"() {
    "use strict";
  }
});

// ../../work/main/dist/cli/commands/pre-push.js
var pre_push_exports = {};
__export(pre_push_exports, {
  prePushCommand: () => prePushCommand,
  preReceiveCommand: () => preReceiveCommand
});
async function prePushCommand(remote, url, options = {}) {
  const { cwd } = options;
  const refs = parsePrePushInput(options.stdin ?? await readStdin());
  const context = new ScanContext(await workTreeRootIfAny(cwd), { verify: options.verify === true });
  const { findings, commits } = await scanPush(remote, url, refs, { ...cwd ? { cwd } : {}, scanner: context.createScanner() });
  const scope = await completeScan(context, findings, { commits }, await commonGitDir(cwd));
  const report = renderReport(findings, "pre-push", scope);
  return { exitCode: exitCodeFor(findings), ...report ? { stderr: report } : {} };
}
async function preReceiveCommand(options = {}) {
  const { cwd } = options;
  const refs = parsePreReceiveInput(options.stdin ?? await readStdin());
  const context = new ScanContext(await workTreeRootIfAny(cwd), { verify: options.verify === true });
  const { findings, commits } = await scanReceive(refs, { ...cwd ? { cwd } : {}, scanner: context.createScanner() });
  const scope = await completeScan(context, findings, { commits }, void 0);
  const report = renderReport(findings, "pre-receive", scope);
  return { exitCode: exitCodeFor(findings), ...report ? { stderr: report } : {} };
}
var init_pre_push = __esm({
  "../../work/main/dist/cli/commands/pre-push.js"() {
    "use strict";
    init_push_lines();
    init_push();
    init_repository();
    init_messages();
    init_scan_context();
    init_stdin();
    init_scan2();
  }
});

// ../../work/main/dist/cli/commands/remediate.js
var remediate_exports = {};
__export(remediate_exports, {
  remediateCommand: () => remediateCommand
});
function remediateCommand(options = {}) {
  if (options.lang === void 0 && options.via === void 0)
    return { exitCode: 0, stdout: renderChoices() };
  let language = "shell";
  if (options.lang !== void 0) {
    const parsed = parseLanguage(options.lang);
    if (parsed === void 0) {
      throw new PinekeyError("BAD_ARGUMENTS", `unknown language "${options.lang}" for --lang (use ${listing(REMEDIATE_LANGUAGES)}).`, HINT);
    }
    language = parsed;
  }
  let method = REMEDIATE_METHODS[0];
  if (options.via !== void 0) {
    const parsed = parseMethod(options.via);
    if (parsed === void 0) {
      throw new PinekeyError("BAD_ARGUMENTS", `unknown method "${options.via}" for --via (use ${listing(REMEDIATE_METHODS)}).`, HINT);
    }
    method = parsed;
  }
  const stdout = renderRemediation(language, method, {
    languageDefaulted: options.lang === void 0,
    methodDefaulted: options.via === void 0
  });
  return { exitCode: 0, stdout };
}
var HINT;
var init_remediate = __esm({
  "../../work/main/dist/cli/commands/remediate.js"() {
    "use strict";
    init_errors();
    init_remediation();
    HINT = 'Run "pinekey-hook remediate" to see the choices.';
  }
});

// ../../work/main/dist/bin.js
init_colour();
init_errors();
import { parseArgs } from "node:util";
var FORMATS = ["text", "json", "sarif"];
var COMMANDS = [
  "install",
  "uninstall",
  "ignore",
  "pre-commit",
  "pre-push",
  "pre-receive",
  "scan",
  "remediate",
  "help",
  "version"
];
var OPTIONS = {
  staged: { type: "boolean" },
  range: { type: "string" },
  all: { type: "boolean" },
  "no-pre-push": { type: "boolean" },
  last: { type: "boolean" },
  verify: { type: "boolean" },
  format: { type: "string" },
  lang: { type: "string" },
  via: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" }
};
var COMMAND_OPTIONS = {
  install: ["no-pre-push"],
  uninstall: [],
  ignore: ["last"],
  "pre-commit": ["verify"],
  "pre-push": ["verify"],
  "pre-receive": ["verify"],
  scan: ["staged", "range", "all", "format", "verify"],
  remediate: ["lang", "via"],
  help: [],
  version: []
};
var HOOK_COMMANDS = ["pre-commit", "pre-push", "pre-receive"];
var COMMAND_ARITY = {
  install: [0, 0],
  uninstall: [0, 0],
  ignore: [0, Infinity],
  "pre-commit": [0, 0],
  "pre-push": [2, 2],
  "pre-receive": [0, 0],
  scan: [0, Infinity],
  remediate: [0, 0],
  help: [0, 0],
  version: [0, 0]
};
function badArguments(message) {
  return new PinekeyError("BAD_ARGUMENTS", message);
}
function useColour(stream) {
  const env = process.env;
  if (env.NO_COLOR !== void 0 && env.NO_COLOR !== "")
    return false;
  if (env.FORCE_COLOR !== void 0 && env.FORCE_COLOR !== "0")
    return true;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}
async function run(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw badArguments(error.message.replace(/\. To specify a positional argument.*$/s, "."));
  }
  const { values, positionals } = parsed;
  const { USAGE: USAGE2 } = await Promise.resolve().then(() => (init_messages(), messages_exports));
  if (values.version)
    return { exitCode: 0, stdout: `${(await Promise.resolve().then(() => (init_package_info(), package_info_exports))).ownPackage().version}
` };
  if (values.help || positionals[0] === "help")
    return { exitCode: 0, stdout: `${USAGE2}
` };
  if (positionals.length === 0)
    throw badArguments("no command given.");
  const [name, ...rest] = positionals;
  if (!COMMANDS.includes(name))
    throw badArguments(`unknown command "${name}".`);
  const command = name;
  for (const option of Object.keys(values)) {
    if (!COMMAND_OPTIONS[command].includes(option))
      throw badArguments(`"${command}" does not take --${option}.`);
  }
  const [min, max] = COMMAND_ARITY[command];
  if (rest.length > max)
    throw badArguments(`"${command}" takes ${max === 0 ? "no" : max} arguments (got "${rest[max]}").`);
  if (rest.length < min)
    throw badArguments(`"${command}" needs ${min} arguments: git passes <remote> <url> to a pre-push hook.`);
  switch (command) {
    case "install":
      return (await Promise.resolve().then(() => (init_install(), install_exports))).installCommand({ prePush: !values["no-pre-push"] });
    case "uninstall":
      return (await Promise.resolve().then(() => (init_uninstall(), uninstall_exports))).uninstallCommand();
    case "ignore":
      return (await Promise.resolve().then(() => (init_ignore(), ignore_exports))).ignoreCommand({ fingerprints: rest, last: values.last === true });
    case "pre-commit":
      return (await Promise.resolve().then(() => (init_pre_commit(), pre_commit_exports))).preCommitCommand({ verify: values.verify === true });
    case "pre-push":
      return (await Promise.resolve().then(() => (init_pre_push(), pre_push_exports))).prePushCommand(rest[0], rest[1], { verify: values.verify === true });
    case "pre-receive":
      return (await Promise.resolve().then(() => (init_pre_push(), pre_push_exports))).preReceiveCommand({ verify: values.verify === true });
    case "scan": {
      const format = values.format ?? "text";
      if (!FORMATS.includes(format))
        throw badArguments(`unknown format "${format}" (use text, json or sarif).`);
      const targets = [values.staged, values.range !== void 0, values.all, rest.length > 0].filter(Boolean).length;
      if (targets > 1)
        throw badArguments('"scan" takes one target: --staged, --range <a..b>, --all, or paths.');
      const target = values.staged ? { kind: "staged" } : values.range !== void 0 ? { kind: "range", range: values.range } : values.all ? { kind: "all" } : { kind: "files", paths: rest };
      return (await Promise.resolve().then(() => (init_scan2(), scan_exports))).scanCommand({ target, format, verify: values.verify === true });
    }
    case "remediate":
      return (await Promise.resolve().then(() => (init_remediate(), remediate_exports))).remediateCommand({ lang: values.lang, via: values.via });
    case "help":
    case "version":
      throw badArguments(`unknown command "${command}".`);
  }
}
async function main() {
  const argv = process.argv.slice(2);
  const isHook = HOOK_COMMANDS.includes(argv[0] ?? "");
  setColour(useColour(isHook ? process.stderr : process.stdout));
  let result;
  try {
    result = await run(argv);
  } catch (error) {
    setColour(useColour(process.stderr));
    (await import("kleur")).default.enabled = useColour(process.stderr);
    const messages = await Promise.resolve().then(() => (init_messages(), messages_exports));
    let text;
    if (error instanceof PinekeyError)
      text = messages.errorMessage(error, error.code === "BAD_ARGUMENTS");
    else
      text = messages.unexpectedErrorMessage(error);
    if (isHook)
      text += messages.failedClosedMessage(argv[0]);
    result = { exitCode: 2, stderr: text };
  }
  if (result.stdout)
    process.stdout.write(result.stdout);
  if (result.stderr)
    process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
void main();
