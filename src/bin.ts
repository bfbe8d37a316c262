/**
 * The thin bin: parse argv, run one command, write what it returns, set process.exitCode.
 * Commands are loaded on demand so a clean pre-commit loads only what it needs.
 */
import { parseArgs } from "node:util";
import { setColour } from "./cli/colour.js";
import { yieldHelperThreadsToGit } from "./cli/helper-threads.js";
import { PinekeyError } from "./core/errors.js";
import type { Format } from "./cli/format.js";
import type { CommandResult } from "./cli/result.js";
import type { ScanTarget } from "./cli/commands/scan.js";

const FORMATS: readonly string[] = ["text", "json", "sarif"];
const COMMANDS = [
  "install",
  "uninstall",
  "ignore",
  "pre-commit",
  "commit-msg",
  "pre-push",
  "pre-receive",
  "scan",
  "remediate",
  "rotate",
  "inventory",
  "fix",
  "doctor",
  "demo",
  "help",
  "version",
] as const;
type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  staged: { type: "boolean" },
  range: { type: "string" },
  all: { type: "boolean" },
  image: { type: "string" },
  "no-pre-push": { type: "boolean" },
  last: { type: "boolean" },
  verify: { type: "boolean" },
  "verify-allowed": { type: "boolean" },
  format: { type: "string" },
  "key-id": { type: "string" },
  "project-id": { type: "string" },
  "update-with": { type: "string" },
  "env-file": { type: "string" },
  "keep-old": { type: "boolean" },
  "dry-run": { type: "boolean" },
  timeout: { type: "string" },
  wait: { type: "string" },
  lang: { type: "string" },
  via: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Which options each command accepts (help/version are accepted everywhere). */
const COMMAND_OPTIONS: Record<Command, readonly string[]> = {
  install: ["no-pre-push"],
  uninstall: [],
  ignore: ["last"],
  "pre-commit": ["verify"],
  "commit-msg": ["verify"],
  "pre-push": ["verify"],
  "pre-receive": ["verify"],
  scan: ["staged", "range", "all", "image", "format", "verify", "verify-allowed"],
  remediate: ["lang", "via"],
  rotate: ["key-id", "project-id", "update-with", "env-file", "keep-old", "dry-run", "timeout", "wait"],
  inventory: ["format"],
  fix: ["dry-run"],
  doctor: [],
  demo: [],
  help: [],
  version: [],
};

const HOOK_COMMANDS: readonly string[] = ["pre-commit", "commit-msg", "pre-push", "pre-receive"];

/** How many positional arguments each command takes: [min, max]. */
const COMMAND_ARITY: Record<Command, [number, number]> = {
  install: [0, 0],
  uninstall: [0, 0],
  ignore: [0, Infinity],
  "pre-commit": [0, 0],
  "commit-msg": [1, 1], // the file git writes the proposed message to
  "pre-push": [0, 2], // none: the pre-commit framework's PRE_COMMIT_* variables
  "pre-receive": [0, 0],
  scan: [0, Infinity],
  remediate: [0, 0],
  rotate: [0, 0],
  inventory: [0, Infinity],
  fix: [0, 0],
  doctor: [0, 0],
  demo: [0, 0],
  help: [0, 0],
  version: [0, 0],
};

function badArguments(message: string): PinekeyError {
  return new PinekeyError("BAD_ARGUMENTS", message);
}

/** Colour only for a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb. */
function useColour(stream: NodeJS.WriteStream): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

async function run(argv: string[]): Promise<CommandResult> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw badArguments((error as Error).message.replace(/\. To specify a positional argument.*$/s, "."));
  }
  const { values, positionals } = parsed;

  if (values.version) return { exitCode: 0, stdout: `${(await import("./cli/package-info.js")).ownPackage().version}\n` };
  // The messages module (and kleur with it) loads only when there is something to say: not on a
  // clean commit.
  if (values.help || positionals[0] === "help") return { exitCode: 0, stdout: `${(await import("./cli/messages.js")).USAGE}\n` };
  if (positionals.length === 0) throw badArguments("no command given.");

  const [name, ...rest] = positionals;
  if (!(COMMANDS as readonly string[]).includes(name!)) throw badArguments(`unknown command "${name}".`);
  const command = name as Command;
  for (const option of Object.keys(values)) {
    if (!COMMAND_OPTIONS[command].includes(option)) throw badArguments(`"${command}" does not take --${option}.`);
  }
  const [min, max] = COMMAND_ARITY[command];
  if (rest.length > max) throw badArguments(`"${command}" takes ${max === 0 ? "no" : max} arguments (got "${rest[max]}").`);
  if (rest.length < min) {
    throw badArguments(
      command === "commit-msg"
        ? `"commit-msg" needs 1 argument: the file git passes to a commit-msg hook (pinekey-hook commit-msg "$1").`
        : `"${command}" needs ${min} arguments: git passes <remote> <url> to a pre-push hook.`,
    );
  }

  switch (command) {
    case "install":
      return (await import("./cli/commands/install.js")).installCommand({ prePush: !values["no-pre-push"] });
    case "uninstall":
      return (await import("./cli/commands/uninstall.js")).uninstallCommand();
    case "ignore":
      return (await import("./cli/commands/ignore.js")).ignoreCommand({ fingerprints: rest, last: values.last === true });
    case "pre-commit":
      return (await import("./cli/commands/pre-commit.js")).preCommitCommand({ verify: values.verify === true });
    case "commit-msg":
      return (await import("./cli/commands/commit-msg.js")).commitMsgCommand(rest[0]!, { verify: values.verify === true });
    case "pre-push":
      if (rest.length === 0) return (await import("./cli/commands/pre-push.js")).prePushFromEnvironmentCommand({ verify: values.verify === true });
      if (rest.length === 1) throw badArguments(`"pre-push" needs 2 arguments: git passes <remote> <url> to a pre-push hook.`);
      return (await import("./cli/commands/pre-push.js")).prePushCommand(rest[0]!, rest[1]!, { verify: values.verify === true });
    case "pre-receive":
      return (await import("./cli/commands/pre-push.js")).preReceiveCommand({ verify: values.verify === true });
    case "scan": {
      const format = values.format ?? "text";
      if (!FORMATS.includes(format)) throw badArguments(`unknown format "${format}" (use text, json or sarif).`);
      const targets = [values.staged, values.range !== undefined, values.all, values.image !== undefined, rest.length > 0].filter(Boolean).length;
      if (targets > 1) throw badArguments('"scan" takes one target: --staged, --range <a..b>, --all, --image <path>, or paths.');
      const target: ScanTarget = values.staged
        ? { kind: "staged" }
        : values.range !== undefined
          ? { kind: "range", range: values.range }
          : values.all
            ? { kind: "all" }
            : values.image !== undefined
              ? { kind: "image", path: values.image }
              : { kind: "files", paths: rest };
      return (await import("./cli/commands/scan.js")).scanCommand({
        target,
        format: format as Format,
        verify: values.verify === true,
        verifyAllowed: values["verify-allowed"] === true,
      });
    }
    case "remediate":
      return (await import("./cli/commands/remediate.js")).remediateCommand({ lang: values.lang, via: values.via });
    case "rotate": {
      const seconds = (option: "timeout" | "wait"): number | undefined => {
        const value = values[option];
        if (value === undefined) return undefined;
        if (!/^\d+$/.test(value) || Number(value) < 1) throw badArguments(`--${option} takes a number of seconds, not "${value}".`);
        return Number(value);
      };
      const onTerminal = Boolean(process.stdin.isTTY && process.stderr.isTTY);
      const output = await import("./cli/output.js");
      return (await import("./cli/commands/rotate.js")).rotateCommand({
        keyId: values["key-id"],
        projectId: values["project-id"],
        updateWith: values["update-with"],
        envFile: values["env-file"],
        keepOld: values["keep-old"] === true,
        dryRun: values["dry-run"] === true,
        timeoutSeconds: seconds("timeout"),
        waitSeconds: seconds("wait"),
        // Progress is written as it happens, through the same redaction gate as everything else.
        progress: (line) => output.writeStderr(line),
        ...(onTerminal ? { pick: (await import("./cli/prompt.js")).pickOnTerminal } : {}),
      });
    }
    case "inventory": {
      const format = values.format ?? "text";
      if (format !== "text" && format !== "json") throw badArguments(`inventory's --format is text or json, not "${format}".`);
      return (await import("./cli/commands/inventory.js")).inventoryCommand({ paths: rest, format });
    }
    case "fix":
      return (await import("./cli/commands/fix.js")).fixCommand({ dryRun: values["dry-run"] === true });
    case "doctor":
      return (await import("./cli/commands/doctor.js")).doctorCommand();
    case "demo":
      return (await import("./cli/commands/demo.js")).demoCommand();
    case "help":
    case "version":
      throw badArguments(`unknown command "${command}".`); // handled above
  }
}

/**
 * Ctrl-C (or a GUI cancelling the commit, or a CI timeout) while a scan runs: end the git processes
 * this run started, say that the check did not finish, and die of the same signal, so whoever ran us
 * (git, a shell) sees an interrupted process, not an exit code it might read as a verdict.
 * pinekey-hook writes no temporary files (its compile cache is written only at a normal exit, see
 * launcher.ts), so ending the children is all there is to clean up.
 */
function onInterrupt(signal: NodeJS.Signals): void {
  void import("./git/git.js")
    .then(({ stopGit }) => stopGit())
    .catch(() => undefined)
    .then(async () => (await import("./cli/output.js")).writeStderr((await import("./cli/messages.js")).interruptedMessage(signal)))
    .catch(() => undefined)
    .then(async () => (await import("./cli/output.js")).writeStderr(await (await import("./cli/interrupt.js")).runInterruptCleanup())) // rotate's undo
    .catch(() => undefined)
    .finally(() => process.kill(process.pid, signal));
}

/**
 * The shell's current directory was deleted under it (a branch switch or a clean-up removed it):
 * process.cwd() itself fails. That is the person's situation to fix, not a bug to report.
 */
function isMissingWorkingDirectory(error: unknown): boolean {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  return code === "ENOENT" && syscall === "uv_cwd";
}

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, onInterrupt);
  const argv = process.argv.slice(2);
  const isHook = HOOK_COMMANDS.includes(argv[0] ?? "");
  setColour(useColour(isHook ? process.stderr : process.stdout));
  // Commands that stream git's output: git should not wait for V8's helper threads (see the module).
  // Not for an image: no git runs, and V8's helper threads (its garbage collector's among them)
  // keep the memory of a large image scan down.
  if (isHook || (argv[0] === "scan" && !argv.some((arg) => arg === "--image" || arg.startsWith("--image=")))) yieldHelperThreadsToGit();
  let result: CommandResult;
  try {
    result = await run(argv);
  } catch (error) {
    setColour(useColour(process.stderr));
    const messages = await import("./cli/messages.js");
    messages.applyColour(); // messages may have loaded earlier, with stdout's setting
    let text: string;
    if (error instanceof PinekeyError) text = messages.errorMessage(error, error.code === "BAD_ARGUMENTS");
    else if (isMissingWorkingDirectory(error)) text = messages.errorMessage(messages.missingWorkingDirectoryError());
    else text = messages.unexpectedErrorMessage(error);
    if (isHook) text += messages.failedClosedMessage(argv[0]!);
    result = { exitCode: 2, stderr: text };
  }
  // Everything the process says passes the redaction gate (cli/output.ts), loaded only when there
  // is something to say (a clean commit says nothing).
  if (result.stdout || result.stderr) {
    const { writeStdout, writeStderr } = await import("./cli/output.js");
    writeStdout(result.stdout ?? "");
    writeStderr(result.stderr ?? "");
  }
  process.exitCode = result.exitCode;
  // The bin (src/launcher.ts) keeps exit code 2 unless this is set: a verdict was reached.
  (globalThis as Record<symbol, unknown>)[Symbol.for("pinekey-hook.verdict")] = true;
}

void main();
