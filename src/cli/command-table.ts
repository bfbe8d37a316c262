/**
 * Every command of the CLI, declared once: its options, how many arguments it takes, its help text
 * and how to load and run it. The bin parses argv against this table (node:util parseArgs), the
 * help (`pinekey-hook --help`, `pinekey-hook <command> --help`) is rendered from it, and an unknown
 * command or option is matched against it for "did you mean". Adding a command is one entry here.
 *
 * Commands load on demand (`await import()` inside `run`), so a clean pre-commit loads only its own
 * code. Help lines stay within 80 columns (a test renders every help text and measures it).
 */
import { PinekeyError } from "../core/errors.js";
import type { Format } from "./format.js";
import type { CommandResult } from "./result.js";
import type { ScanTarget } from "./commands/scan.js";

export interface OptionSpec {
  type: "boolean" | "string";
  /** One letter, for `-x`. */
  short?: string;
  /** How the value is shown in help, e.g. `<a..b>` (string options). */
  value?: string;
  /** The values it takes; anything else is a usage error naming the closest one. */
  choices?: readonly string[];
  /** One line, shown after the option in the command's help. */
  help: string;
}

/** What parseArgs found, by option name. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandSpec {
  /** One line for the list of commands in `pinekey-hook --help`. */
  summary: string;
  /** The command's forms, without the program name, e.g. `scan --range <a..b>`. */
  usage: readonly string[];
  /** Paragraph lines under the usage in the command's own help. */
  details?: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** How many positional arguments it takes. */
  args: { min: number; max: number };
  /** What is missing when it gets fewer than args.min, after `"<command>" ` (default: how many). */
  missingArgs?: string;
  /** Runs as a git hook: errors fail closed, colour follows stderr. */
  hook?: boolean;
  run(values: OptionValues, args: string[]): Promise<CommandResult> | CommandResult;
}

/** A usage error for a command: exit 2, with the pointer to its help. */
export function usageError(command: string, message: string): PinekeyError {
  return new PinekeyError("BAD_ARGUMENTS", message, `Run "pinekey-hook ${command} --help" for its usage.`);
}

const VERIFY: OptionSpec = {
  type: "boolean",
  help: 'ask Pinecone whether each key found is live, and what a live key exposes (network; or "verify": true in .pinekeyrc.json); allowed keys are not sent',
};

/** A whole number of seconds, for --timeout and --wait. */
function seconds(command: string, option: string, value: string | boolean | undefined): number | undefined {
  if (typeof value !== "string") return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError(command, `--${option} takes a number of seconds, not "${value}".`);
  return Number(value);
}

const GLOBAL: OptionSpec = {
  type: "boolean",
  help: "every repository of this user on this machine (git's global core.hooksPath)",
};

export const FORMATS = ["text", "json", "sarif"] as const;

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  install: {
    summary: "Set up the pre-commit and pre-push hooks here (through husky)",
    usage: ["install [--no-pre-push]", "install --global"],
    details: [
      "In a Node project run it where package.json is, also in a subfolder of a",
      "monorepo (e.g. web/): the hooks then run from that folder, and its prepare",
      "script sets them up again for every teammate on npm install.",
      "--global protects every repository of yours on this machine instead; a",
      "repository's own .git/hooks still run, and one with its own core.hooksPath",
      "(husky, say) keeps it.",
    ],
    options: { "no-pre-push": { type: "boolean", help: "only the pre-commit hook" }, global: GLOBAL },
    args: { min: 0, max: 0 },
    run: async (values) => {
      if (values.global) {
        if (values["no-pre-push"]) throw usageError("install", '"install --global" sets up both hooks; --no-pre-push is for one repository.');
        return (await import("./commands/global-hooks.js")).installGlobalCommand();
      }
      return (await import("./commands/install.js")).installCommand({ prePush: !values["no-pre-push"] });
    },
  },
  uninstall: {
    summary: "Remove pinekey-hook's lines from the hooks, leaving the rest",
    usage: ["uninstall", "uninstall --global"],
    options: { global: GLOBAL },
    args: { min: 0, max: 0 },
    run: async (values) =>
      values.global
        ? (await import("./commands/global-hooks.js")).uninstallGlobalCommand()
        : (await import("./commands/uninstall.js")).uninstallCommand(),
  },
  ignore: {
    summary: "List known test keys' fingerprints in .pinekeyignore",
    usage: ["ignore <fingerprint>...", "ignore --last"],
    details: ["A listed key is reported as allowed wherever it appears. Revoke it first."],
    options: { last: { type: "boolean", help: "the fingerprints the most recent blocked run found" } },
    args: { min: 0, max: Infinity },
    run: async (values, args) =>
      (await import("./commands/ignore.js")).ignoreCommand({ fingerprints: args, last: values.last === true }),
  },
  "pre-commit": {
    summary: "What the pre-commit hook runs: scan the staged changes",
    usage: ["pre-commit"],
    options: { verify: VERIFY },
    args: { min: 0, max: 0 },
    hook: true,
    run: async (values) => (await import("./commands/pre-commit.js")).preCommitCommand({ verify: values.verify === true }),
  },
  "commit-msg": {
    summary: "What the commit-msg hook runs: scan the commit message",
    usage: ["commit-msg <file>"],
    details: ['git passes the file holding the proposed message: pinekey-hook commit-msg "$1".'],
    options: { verify: VERIFY },
    args: { min: 1, max: 1 },
    missingArgs: 'needs 1 argument: the file git passes to a commit-msg hook (pinekey-hook commit-msg "$1").',
    hook: true,
    run: async (values, args) => (await import("./commands/commit-msg.js")).commitMsgCommand(args[0]!, { verify: values.verify === true }),
  },
  "pre-push": {
    summary: "What the pre-push hook runs: scan the commits being pushed",
    usage: ["pre-push <remote> <url>", "pre-push"],
    details: [
      "git passes <remote> <url> and the pushed refs on stdin. With no arguments it",
      "reads the pre-commit framework's PRE_COMMIT_* variables instead.",
    ],
    options: { verify: VERIFY },
    args: { min: 0, max: 2 },
    hook: true,
    run: async (values, args) => {
      const verify = values.verify === true;
      if (args.length === 1) throw usageError("pre-push", '"pre-push" needs 2 arguments: git passes <remote> <url> to a pre-push hook.');
      const prePush = await import("./commands/pre-push.js");
      return args.length === 0 ? prePush.prePushFromEnvironmentCommand({ verify }) : prePush.prePushCommand(args[0]!, args[1]!, { verify });
    },
  },
  "pre-receive": {
    summary: "For a server's hooks/pre-receive: reject pushes adding keys",
    usage: ["pre-receive"],
    options: { verify: VERIFY },
    args: { min: 0, max: 0 },
    hook: true,
    run: async (values) => (await import("./commands/pre-push.js")).preReceiveCommand({ verify: values.verify === true }),
  },
  scan: {
    summary: "Scan staged changes, commits or working-tree files",
    usage: ["scan --staged", "scan --range <a..b>", "scan --all", "scan --image <path>", "scan [<path>...]"],
    details: [
      "One target: the staged changes, a range, every commit, a container image, or",
      "the working-tree files (all, or under the paths).",
    ],
    options: {
      staged: { type: "boolean", help: "the staged changes" },
      range: { type: "string", value: "<a..b>", help: "the commits in a range, e.g. origin/main..HEAD" },
      all: { type: "boolean", help: "every commit reachable from any ref" },
      image: {
        type: "string",
        value: "<path>",
        help: "a container image: a docker/podman save archive or an OCI layout (- reads the archive from stdin)",
      },
      format: { type: "string", value: "<format>", choices: FORMATS, help: "text (default), json or sarif, on stdout" },
      verify: VERIFY,
      "verify-allowed": { type: "boolean", help: "with --verify, send allowed keys too" },
    },
    args: { min: 0, max: Infinity },
    run: async (values, args) => {
      const targets = [values.staged, values.range !== undefined, values.all, values.image !== undefined, args.length > 0].filter(Boolean).length;
      if (targets > 1) throw usageError("scan", '"scan" takes one target: --staged, --range <a..b>, --all, --image <path>, or paths.');
      const target: ScanTarget = values.staged
        ? { kind: "staged" }
        : typeof values.range === "string"
          ? { kind: "range", range: values.range }
          : values.all
            ? { kind: "all" }
            : typeof values.image === "string"
              ? { kind: "image", path: values.image }
              : { kind: "files", paths: args };
      const format = (values.format ?? "text") as Format;
      return (await import("./commands/scan.js")).scanCommand({
        target,
        format,
        verify: values.verify === true,
        verifyAllowed: values["verify-allowed"] === true,
      });
    },
  },
  explain: {
    summary: "Show the full advice for the last blocked commit or push",
    usage: ["explain"],
    details: ["A hook's message is short; this prints it in full: each file's fix, secrets", "managers, the rotation checklist, every way to allow a false positive."],
    options: {},
    args: { min: 0, max: 0 },
    run: async () => (await import("./commands/explain.js")).explainCommand(),
  },
  remediate: {
    summary: "Print code that reads the key safely, and how to rotate it",
    usage: ["remediate [--lang <language>] [--via <method>]"],
    details: [
      "The program goes to stdout, so `> main.py` saves it; what to install and the",
      "rotation checklist go to stderr. No options: the choices.",
    ],
    options: {
      lang: { type: "string", value: "<language>", help: "python, js, ts, go, java, csharp, ruby or shell" },
      via: { type: "string", value: "<method>", help: "env (default), aws, vault or conjur" },
    },
    args: { min: 0, max: 0 },
    run: async (values) =>
      (await import("./commands/remediate.js")).remediateCommand({
        ...(typeof values.lang === "string" ? { lang: values.lang } : {}),
        ...(typeof values.via === "string" ? { via: values.via } : {}),
      }),
  },
  rotate: {
    summary: "Replace a leaked key through Pinecone's Admin API",
    usage: ["rotate --key-id <id> --update-with '<command>'", "rotate --key-id <id> --env-file <path>"],
    details: [
      "Needs PINECONE_CLIENT_ID and PINECONE_CLIENT_SECRET (a service account).",
      "Creates the new key, checks it, hands it to the command on stdin (or writes",
      "the .env file), then deletes the old key.",
    ],
    options: {
      "key-id": { type: "string", value: "<id>", help: "the leaked key's id (in the console's API keys list)" },
      "project-id": { type: "string", value: "<id>", help: "its project, when the service account sees several" },
      "update-with": { type: "string", value: "'<command>'", help: "run this with the new key on stdin" },
      "env-file": { type: "string", value: "<path>", help: "write the new key to this .env file instead" },
      "keep-old": { type: "boolean", help: "do not delete the old key" },
      "dry-run": { type: "boolean", help: "show the plan; change nothing" },
      timeout: { type: "string", value: "<s>", help: "seconds each request and the command may take" },
      wait: { type: "string", value: "<s>", help: "seconds to wait for the old key to be gone" },
    },
    args: { min: 0, max: 0 },
    run: async (values) => {
      const text = (name: string): string | undefined => (typeof values[name] === "string" ? (values[name] as string) : undefined);
      const timeoutSeconds = seconds("rotate", "timeout", values.timeout);
      const waitSeconds = seconds("rotate", "wait", values.wait);
      const onTerminal = Boolean(process.stdin.isTTY && process.stderr.isTTY);
      const output = await import("./output.js");
      return (await import("./commands/rotate.js")).rotateCommand({
        keyId: text("key-id"),
        projectId: text("project-id"),
        updateWith: text("update-with"),
        envFile: text("env-file"),
        keepOld: values["keep-old"] === true,
        dryRun: values["dry-run"] === true,
        timeoutSeconds,
        waitSeconds,
        // Progress is written as it happens, through the same redaction gate as everything else.
        progress: (line) => output.writeStderr(line),
        ...(onTerminal ? { pick: (await import("./prompt.js")).pickOnTerminal } : {}),
      });
    },
  },
  inventory: {
    summary: "List every place that reads or configures the key",
    usage: ["inventory [<path>...] [--format json]"],
    details: ["Grouped by service: what to update when the key is rotated."],
    options: { format: { type: "string", value: "<format>", choices: ["text", "json"], help: "text (default) or json" } },
    args: { min: 0, max: Infinity },
    run: async (values, args) =>
      (await import("./commands/inventory.js")).inventoryCommand({ paths: args, format: values.format === "json" ? "json" : "text" }),
  },
  fix: {
    summary: "Move staged keys out of the code into the environment",
    usage: ["fix [--dry-run]"],
    options: { "dry-run": { type: "boolean", help: "show what would change; change nothing" } },
    args: { min: 0, max: 0 },
    run: async (values) => (await import("./commands/fix.js")).fixCommand({ dryRun: values["dry-run"] === true }),
  },
  doctor: {
    summary: "Check the set-up here: hooks, CLI, config, versions",
    usage: ["doctor"],
    details: ["Checks from the top of the repository, as the hooks run. Exit 0 all good,", "1 with the fix for each problem."],
    options: {},
    args: { min: 0, max: 0 },
    run: async () => (await import("./commands/doctor.js")).doctorCommand(),
  },
  demo: {
    summary: "Show a blocked commit in a throwaway repository",
    usage: ["demo"],
    options: {},
    args: { min: 0, max: 0 },
    run: async () => (await import("./commands/demo.js")).demoCommand(),
  },
  help: {
    summary: "Show the help, or a command's help",
    usage: ["help [<command>]"],
    options: {},
    args: { min: 0, max: 1 },
    run: async (_values, args) => (await import("./help.js")).helpCommand(args[0]),
  },
};
