/**
 * The thin bin: parse argv, run one command, write what it returns, set process.exitCode.
 * Commands are loaded on demand so a clean pre-commit loads only what it needs.
 */
import { parseArgs } from "node:util";
import { COMMANDS, usageError, type CommandSpec, type OptionSpec, type OptionValues } from "./cli/command-table.js";
import { setColour } from "./cli/colour.js";
import { yieldHelperThreadsToGit } from "./cli/helper-threads.js";
import { PinekeyError } from "./core/errors.js";
import type { CommandResult } from "./cli/result.js";

/** Accepted by every command, and before any command. */
const META_OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

function badArguments(message: string, hint = 'Run "pinekey-hook --help" for the commands.'): PinekeyError {
  return new PinekeyError("BAD_ARGUMENTS", message, hint);
}

/** Colour only for a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb. */
function useColour(stream: NodeJS.WriteStream): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

/** "; did you mean X?" or "." when no candidate is near; the matcher loads only on this error path. */
async function didYouMean(typed: string, candidates: string[], otherwise = "."): Promise<string> {
  const near = (await import("./core/closest.js")).closest(typed, candidates);
  return near === undefined ? otherwise : `; did you mean ${near}?`;
}

/**
 * argv after the command, checked against the command's declared options: unknown options (with
 * the nearest one), a string option without its value, a flag given a value, a value outside the
 * option's choices. parseArgs runs non-strict so that every such error is ours, worded the same.
 */
async function parseCommandArgs(name: string, spec: CommandSpec, argv: string[]): Promise<{ values: OptionValues; args: string[] }> {
  const options: Record<string, { type: "boolean" | "string"; short?: string }> = { ...META_OPTIONS };
  for (const [option, { type, short }] of Object.entries(spec.options)) options[option] = short ? { type, short } : { type };
  const { values, positionals, tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const known: OptionSpec | undefined = spec.options[token.name];
    if (known === undefined && !(token.name in META_OPTIONS)) {
      const elsewhere = Object.entries(COMMANDS).some(([, other]) => token.name in other.options);
      const own = Object.keys(spec.options).map((option) => `--${option}`);
      if (elsewhere && token.rawName.startsWith("--")) {
        throw usageError(name, `"${name}" does not take ${token.rawName}${await didYouMean(token.rawName, own)}`);
      }
      throw usageError(name, `unknown option ${token.rawName} for "${name}"${await didYouMean(token.rawName, own)}`);
    }
    if (known?.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-") && token.value !== "-"))) {
      throw usageError(name, `${token.rawName} needs a value: ${token.rawName} ${known.value ?? "<value>"}.`);
    }
    if ((known === undefined || known.type === "boolean") && token.value !== undefined) {
      throw usageError(name, `${token.rawName} takes no value (got "${token.value}").`);
    }
  }
  for (const [option, spec_] of Object.entries(spec.options)) {
    const value = values[option];
    if (spec_.choices && typeof value === "string" && !spec_.choices.includes(value)) {
      const choices = `${spec_.choices.slice(0, -1).join(", ")} or ${spec_.choices[spec_.choices.length - 1]}`;
      throw usageError(name, `unknown ${option} "${value}" for --${option}${await didYouMean(value, [...spec_.choices], ` (use ${choices}).`)}`);
    }
  }
  return { values, args: positionals };
}

async function run(argv: string[]): Promise<CommandResult> {
  const [first, ...rest] = argv;
  if (first === undefined) throw badArguments("no command given.");
  if (first.startsWith("-")) {
    if (first === "--version" || first === "-v") {
      return { exitCode: 0, stdout: `${(await import("./cli/package-info.js")).ownPackage().version}\n` };
    }
    // The help (and kleur with it) loads only when asked for: not on a clean commit.
    if (first === "--help" || first === "-h") return (await import("./cli/help.js")).helpCommand(rest.find((arg) => arg in COMMANDS));
    const command = argv.find((arg) => arg in COMMANDS);
    throw badArguments(
      command ? `options go after the command: pinekey-hook ${command} ${first}` : `unknown option ${first}${await didYouMean(first, ["--help", "--version"])}`,
    );
  }
  const spec = COMMANDS[first];
  if (spec === undefined || !Object.hasOwn(COMMANDS, first)) {
    throw badArguments(`unknown command "${first}"${await didYouMean(first, Object.keys(COMMANDS))}`);
  }
  const { values, args } = await parseCommandArgs(first, spec, rest);
  if (values.help) return (await import("./cli/help.js")).helpCommand(first);
  if (values.version) return { exitCode: 0, stdout: `${(await import("./cli/package-info.js")).ownPackage().version}\n` };
  const { min, max } = spec.args;
  if (args.length > max) {
    throw usageError(first, `"${first}" takes ${max === 0 ? "no arguments" : `at most ${max}`} (got "${args[max]}").`);
  }
  if (args.length < min) throw usageError(first, `"${first}" ${spec.missingArgs ?? `needs ${min} ${min === 1 ? "argument" : "arguments"}.`}`);
  return spec.run(values, args);
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
  const isHook = Object.hasOwn(COMMANDS, argv[0] ?? "") && COMMANDS[argv[0]!]!.hook === true;
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
    if (error instanceof PinekeyError) text = messages.errorMessage(error);
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
