/**
 * The shell that pinekey-hook writes into hooks: the one line `install` adds to `.husky/<hook>`
 * and the scripts `install --global` writes. POSIX sh, for Git for Windows' shell too.
 *
 * A hook must never let a commit through unchecked, and when it cannot run the check it must say
 * why in words that fit the set-up: GUI clients (GitHub Desktop, Sourcetree, IDEs) start hooks
 * with a short PATH (no nvm, no npm's global prefix), so `node` or the CLI is "not found" although
 * it is installed. husky reads `~/.config/husky/init.sh` before every hook; the hooks pinekey-hook
 * writes itself read it too, so one line there fixes every kind of hook for good.
 */
import { shellQuote, shellWord as shQuote } from "./text.js";

export { shQuote };

/** The hooks pinekey-hook checks in; each also runs the repository's own hook of that name (--global). */
export type CheckedHook = "pre-commit" | "commit-msg" | "pre-push";

/**
 * The commands that make a GUI client's hooks find node (and the CLI, when it lives elsewhere):
 * typed in a terminal, where both are found, `$(command -v …)` writes their folders into the init
 * file. Each line at most 80 columns.
 */
export function initFileCommands(alsoCli: boolean): string[] {
  const add = (program: string): string => `echo "PATH=\\"$(dirname "$(command -v ${program})"):\\$PATH\\"" >> "$f"`;
  return ["mkdir -p ~/.config/husky; f=~/.config/husky/init.sh", add("node"), ...(alsoCli ? [add("pinekey-hook")] : [])];
}

/**
 * What a hook says when node or the CLI is missing, as lines: the two causes (not installed, or
 * installed but not on the short PATH of a GUI client) and the fix for each. `installAdvice` is how
 * this set-up installs the CLI (`cd web && npm install`, `npm install --global …`).
 */
export function missingCliLines(hook: string, installAdvice: string, cliBesideNode: boolean): string[] {
  const stopped = hook === "pre-push" ? "push" : "commit";
  return [
    `pinekey-hook: node or the pinekey-hook CLI is not on this hook's PATH,`,
    `so the ${stopped} was stopped. Not installed? ${installAdvice}`,
    `Works in a terminal? GUI clients give hooks a short PATH; in a terminal run:`,
    ...initFileCommands(!cliBesideNode).map((line) => `  ${line}`),
  ];
}

/** `printf '%s\n' 'line' … >&2`: lines printed exactly (no escapes, no expansion). */
function printLines(lines: string[]): string {
  return `printf '%s\\n' ${lines.map(shellQuote).join(" ")} >&2`;
}

export interface HuskyLineOptions {
  /** The package's folder relative to the top of the repository (`web`), or "" at the top. */
  packageDir?: string;
  /** The package.json there lists pinekey-hook: `npm install` brings it back. */
  installAdvice?: string;
}

/**
 * The line install adds to `.husky/<hook>`: one line, so uninstall can find and remove it. git runs
 * hooks at the top of the work tree and husky puts `node_modules/.bin` (relative: the top's) on
 * PATH; for a package in a subfolder the line names that folder's `node_modules/.bin` itself
 * (it does not `cd`: pinekey-hook checks the whole repository, from its top). `|| exit $?` keeps a
 * block a block where the script does not run under `sh -e`.
 */
export function huskyHookLine(hook: CheckedHook, options: HuskyLineOptions = {}): string {
  // git passes pre-push <remote> <url>, and commit-msg the file holding the proposed message.
  const args = hook === "pre-push" ? ' "$@"' : hook === "commit-msg" ? ' "$1"' : "";
  const dir = options.packageDir ?? "";
  const advice = options.installAdvice ?? (dir === "" ? "Run: npm install" : `Run: cd ${shQuote(dir)} && npm install`);
  const message = printLines(missingCliLines(hook, advice, true));
  if (dir === "") {
    return `command -v node >/dev/null 2>&1 && command -v pinekey-hook >/dev/null 2>&1 || { ${message}; exit 2; }; pinekey-hook ${hook}${args} || exit $?`;
  }
  const cli = `${shQuote(dir)}/node_modules/.bin/pinekey-hook`;
  return `command -v node >/dev/null 2>&1 && [ -x ${cli} ] || { ${message}; exit 2; }; ${cli} ${hook}${args} || exit $?`;
}

/** Where the global hooks find the CLI: the node and bin.cjs that ran `install --global`. */
export interface GlobalHookTarget {
  node: string;
  bin: string;
  /** How to install the CLI again if those are gone. */
  installAdvice: string;
}

/** Marks a script as written by `install --global` (doctor and uninstall --global look for it). */
export const GLOBAL_MARK = "# Written by pinekey-hook install --global";

/**
 * A global hook (git's global core.hooksPath points at the folder holding these): for pre-commit,
 * commit-msg and pre-push, run the check, then the repository's own `.git/hooks/<name>` if it has one, so
 * existing hooks and the pre-commit framework keep working; for every other name only the latter.
 * pre-push's ref lines on stdin go to both.
 */
export function globalHookScript(name: string, target: GlobalHookTarget | undefined): string {
  const lines = [
    "#!/bin/sh",
    GLOBAL_MARK,
    `# (pinekey-hook uninstall --global removes it); then runs the repository's own hook.`,
    `own="$(git rev-parse --git-common-dir 2>/dev/null)/hooks/${name}"`,
  ];
  if (target === undefined) return [...lines, '[ -x "$own" ] || exit 0', 'exec "$own" "$@"'].join("\n") + "\n";
  const hook = name as CheckedHook;
  const missing = printLines(missingCliLines(hook, target.installAdvice, false));
  lines.push(
    'i="${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"',
    '[ -f "$i" ] && . "$i"',
    `node=${shQuote(target.node)}`,
    `bin=${shQuote(target.bin)}`,
    "pinekey() {",
    '  if [ -x "$node" ] && [ -f "$bin" ]; then "$node" "$bin" "$@"',
    '  elif command -v pinekey-hook >/dev/null 2>&1; then pinekey-hook "$@"',
    `  else ${missing}; return 2; fi`,
    "}",
  );
  if (hook === "pre-push") {
    // git writes the pushed refs on stdin once: keep them for the check and the repository's hook.
    lines.push(
      "refs=$(cat)",
      'send() { [ -z "$refs" ] || printf \'%s\\n\' "$refs"; }',
      'send | pinekey pre-push "$@" || exit $?',
      '[ -x "$own" ] || exit 0',
      'send | "$own" "$@"',
    );
  } else {
    lines.push(`pinekey ${hook} "$@" || exit $?`, '[ -x "$own" ] || exit 0', 'exec "$own" "$@"');
  }
  return lines.join("\n") + "\n";
}
