/**
 * Fault injection for git: a `git` wrapper script put first on PATH that runs the real git for
 * every command but one, and fails that one the way real failures look:
 * - "silent": exits 3 at once, writing nothing at all (no stdout, no stderr);
 * - "kill": passes the first `bytes` bytes of the real git's output through, then dies by SIGKILL
 *   (an OOM kill while `git log` streams), its output cut off mid-stream;
 * - "truncate": passes the first `bytes` bytes through, then exits 0 (output that ends early while
 *   git claims success).
 * The command is matched by git's subcommand (the first argument that is not an option, after
 * `-c <name=value>` and the like), so `log` fails `git -c core.quotepath=off log …`.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { CLI } from "./repo.js";
import { shQuote } from "./workflows.js";

export type GitFault = { command: string; mode: "silent" } | { command: string; mode: "kill" | "truncate"; bytes: number };

/** The real git, found once (the wrapper must not find itself). */
const REAL_GIT = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();

/**
 * Write the wrapper into `dir` and return the environment that puts it first on PATH. Every git
 * started with that environment (by pinekey-hook, or by a hook git runs) goes through it.
 */
export function faultyGitEnv(dir: string, fault: GitFault, basePath = process.env.PATH ?? ""): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const bytes = fault.mode === "silent" ? 0 : fault.bytes;
  const script = `#!/bin/sh
# pinekey-hook's test suite: fault injection (test/helpers/faulty-git.ts).
real=${shQuote(REAL_GIT)}
sub=""
skip=0
for arg in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case "$arg" in
    -c|-C|--git-dir|--work-tree|--namespace|--exec-path|--config-env) skip=1 ;;
    -*) ;;
    *) sub="$arg"; break ;;
  esac
done
if [ "$sub" != ${shQuote(fault.command)} ]; then exec "$real" "$@"; fi
case ${shQuote(fault.mode)} in
  silent) exit 3 ;;
  kill) "$real" "$@" | head -c ${bytes}; kill -KILL $$ ;;
  truncate) "$real" "$@" | head -c ${bytes}; exit 0 ;;
esac
`;
  const file = join(dir, "git");
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return { PATH: `${dir}${delimiter}${basePath}` };
}

/**
 * A hook script that runs this checkout's CLI with the faulty git first on PATH. git puts its own
 * exec-path (where the real git lives) first on a hook's PATH, so the hook must set PATH itself.
 */
export function faultyHook(file: string, command: string, env: Record<string, string>): void {
  writeFileSync(file, `#!/bin/sh\nPATH=${shQuote(env.PATH!)}\nexport PATH\nexec ${shQuote(process.execPath)} ${shQuote(CLI)} ${command}\n`);
  chmodSync(file, 0o755);
}
