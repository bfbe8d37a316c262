/**
 * `pinekey-hook --help` and `pinekey-hook <command> --help`, rendered from the command table, in
 * at most 80 columns (longer option texts wrap under their column).
 */
import { COMMANDS, type CommandSpec } from "./command-table.js";
import type { CommandResult } from "./result.js";
import { WIDTH, wrap } from "./text.js";

const PROGRAM = "pinekey-hook";

/** Two columns: `left` padded to `at`, `right` wrapped beside it; a long `left` gets its own line. */
function columns(left: string, right: string, at: number): string[] {
  const wrapped = wrap(right, WIDTH - at);
  const pad = " ".repeat(at);
  if (left.length + 2 > at) return [left, ...wrapped.map((line) => pad + line)];
  return wrapped.map((line, i) => (i === 0 ? left.padEnd(at) : pad) + line);
}

export function globalHelp(): string {
  const at = 16;
  const lines = [
    `Usage: ${PROGRAM} <command> [options]`,
    "",
    "Stops Pinecone API keys from entering git history.",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).flatMap(([name, spec]) => columns(`  ${name}`, spec.summary, at)),
    "",
    `Run "${PROGRAM} <command> --help" for a command's options.`,
    `  -h, --help      Show this help`,
    `  -v, --version   Show the version`,
    "",
    "Exit codes: 0 clean, 1 keys found (blocked), 2 error.",
    'Allow a false positive with a "pinekey-allow: <reason>" comment on the line,',
    'or "pinekey-allow-next-line" on the line before.',
  ];
  return lines.join("\n") + "\n";
}

export function commandHelp(name: string, spec: CommandSpec): string {
  const [first, ...others] = spec.usage;
  const lines = [`Usage: ${PROGRAM} ${first}`, ...others.map((form) => `       ${PROGRAM} ${form}`), "", spec.summary + "."];
  if (spec.details) lines.push(...spec.details);
  const options = Object.entries(spec.options).map(([option, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${option}${o.type === "string" ? ` ${o.value ?? "<value>"}` : ""}`;
    return { flag, help: o.help };
  });
  options.push({ flag: "-h, --help", help: "show this help" });
  const at = Math.min(Math.max(...options.map((o) => o.flag.length)) + 4, 24);
  lines.push("", "Options:", ...options.flatMap((o) => columns(`  ${o.flag}`, o.help, at)));
  return lines.join("\n") + "\n";
}

/** `help`, `--help`, `help <command>`, `<command> --help`. */
export function helpCommand(name?: string): CommandResult {
  if (name === undefined) return { exitCode: 0, stdout: globalHelp() };
  const spec = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (spec === undefined) return { exitCode: 2, stderr: `${PROGRAM}: error: no command "${name}".\n  Run "${PROGRAM} --help" for the commands.\n` };
  return { exitCode: 0, stdout: commandHelp(name, spec) };
}
