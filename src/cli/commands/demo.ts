import { randomInt } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { redactCurrentKey } from "../../core/mask.js";
import { runCollected, runGitInSandbox, type SandboxRun } from "../../git/sandbox.js";
import { colourEnabled } from "../colour.js";
import {
  DEMO_STEPS,
  demoCommandLine,
  demoDone,
  demoIntro,
  demoInterrupted,
  demoOutput,
  demoResult,
  demoStagedKey,
  demoUnexpected,
} from "../messages.js";
import { writeStderr } from "../output.js";
import { ownBin } from "../package-info.js";
import { shellQuote } from "../text.js";
import type { CommandResult } from "../result.js";

/** Base58, the alphabet of Pinecone's keys: a fresh random key, never a placeholder. */
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function randomBase58(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE58[randomInt(BASE58.length)];
  return out;
}

export interface DemoOptions {
  /** Where the throwaway directory is made (the system's temp directory by default). */
  tempRoot?: string;
}

/**
 * `pinekey-hook demo`: in a throwaway repository with its own HOME and git config, install the hook
 * with this CLI (husky, as `install` does everywhere), stage a file holding a freshly generated fake
 * key, run a real `git commit` and show it blocked, then an allowlisted and a clean commit passing.
 * The directory is removed afterwards, also on failure and on Ctrl-C.
 */
export async function demoCommand(options: DemoOptions = {}): Promise<CommandResult> {
  const controller = new AbortController();
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = signal;
    controller.abort(); // kills the running git or CLI; runDemo rejects once it has exited
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  // Listen before the directory exists: a signal in between would otherwise leave it behind.
  for (const signal of signals) process.on(signal, onSignal);
  let base: string | undefined;
  try {
    base = realpathSync(mkdtempSync(join(options.tempRoot ?? tmpdir(), "pinekey-demo-")));
    return await runDemo(base, controller.signal);
  } catch (error) {
    if (interrupted === undefined) throw error;
    return { exitCode: 1 }; // not reached: the process exits below
  } finally {
    for (const signal of signals) process.removeListener(signal, onSignal);
    if (base !== undefined) rmSync(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    if (interrupted !== undefined) writeStderr(demoInterrupted());
    if (interrupted !== undefined) process.exit(interrupted === "SIGINT" ? 130 : interrupted === "SIGTERM" ? 143 : 129);
  }
}

async function runDemo(base: string, signal: AbortSignal): Promise<CommandResult> {
  const home = join(base, "home");
  const bin = join(base, "bin");
  const repo = join(base, "demo repo");
  for (const dir of [home, bin, repo]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(home, ".gitconfig"), "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n");
  // The hook finds `pinekey-hook` on PATH, as after `npm install --global`: here a two-line shim
  // that runs this same CLI by absolute path, so a fresh clone needs nothing on PATH.
  writeFileSync(join(bin, "pinekey-hook"), `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(ownBin())} "$@"\n`);
  chmodSync(join(bin, "pinekey-hook"), 0o755);
  const env = sandboxEnvironment(home, bin);

  let out = demoIntro(repo);
  const git = async (args: string[]): Promise<SandboxRun> => runGitInSandbox(args, repo, env, signal);
  const show = (run: SandboxRun): string => demoOutput(run.output);

  const init = await git(["init", "-q"]);
  if (init.status !== 0) return failed(out + show(init), "set-up", init.status);

  out += demoCommandLine("pinekey-hook install --no-pre-push");
  const install = await runCollected(process.execPath, [ownBin(), "install", "--no-pre-push"], repo, env, signal);
  out += demoOutput(install.output) + "\n";
  if (install.status !== 0) return failed(out, "set-up", install.status);

  const key = `pcsk_${randomBase58(5)}_${randomBase58(63)}`;
  const [, label = "", secret = ""] = key.split("_");
  const keyLine = (value: string): string => `pc = Pinecone(api_key="${value}")`;
  const header = "from pinecone import Pinecone\n\n";

  // 1. A key: blocked.
  writeFileSync(join(repo, "app.py"), `${header}${keyLine(key)}\n`);
  out += demoCommandLine("git add app.py");
  out += demoStagedKey("app.py", keyLine(redactCurrentKey(label, secret)));
  await git(["add", "app.py"]);
  out += demoCommandLine('git commit -m "Connect to Pinecone"');
  const blocked = await git(["commit", "-m", "Connect to Pinecone"]);
  out += show(blocked);
  if (blocked.status === 0) return failed(out, "blocked", blocked.status);
  out += demoResult(DEMO_STEPS.blocked, true);

  // 2. The same key marked as a known false positive: committed.
  const allowComment = "  # pinekey-allow: demo key, never valid";
  writeFileSync(join(repo, "app.py"), `${header}${keyLine(key)}${allowComment}\n`);
  out += demoCommandLine("git add app.py", `the line now ends with${allowComment}`);
  await git(["add", "app.py"]);
  out += demoCommandLine('git commit -m "Demo key, allowlisted"');
  const allowed = await git(["commit", "-m", "Demo key, allowlisted"]);
  out += show(allowed);
  if (allowed.status !== 0) return failed(out, "allowed", allowed.status);
  out += demoResult(DEMO_STEPS.allowed, true);

  // 3. The key read from the environment: a clean commit.
  writeFileSync(join(repo, "app.py"), `import os\n${header}pc = Pinecone(api_key=os.environ["PINECONE_API_KEY"])\n`);
  out += demoCommandLine("git add app.py", 'api_key=os.environ["PINECONE_API_KEY"]');
  await git(["add", "app.py"]);
  out += demoCommandLine('git commit -m "Read the key from the environment"');
  const clean = await git(["commit", "-m", "Read the key from the environment"]);
  out += show(clean);
  if (clean.status !== 0) return failed(out, "clean", clean.status);
  out += demoResult(DEMO_STEPS.clean, true);

  return { exitCode: 0, stdout: out + demoDone(true) };
}

function failed(out: string, step: "set-up" | "blocked" | "allowed" | "clean", status: number): CommandResult {
  return { exitCode: 1, stdout: out, stderr: demoUnexpected(step, status) + demoDone(false) };
}

/**
 * The caller's environment without anything that would reach into their git set-up: no GIT_*
 * variables, no global or system config, a HOME of its own (husky reads ~/.config/husky/init.sh),
 * a fixed identity, and the CLI's folder first on PATH. Colour follows the demo's own output.
 */
function sandboxEnvironment(home: string, bin: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^GIT_/i.test(name) || /^(HUSKY|NO_COLOR|FORCE_COLOR|PRE_COMMIT_.*)$/.test(name)) continue;
    env[name] = value;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
    GIT_AUTHOR_NAME: "pinekey demo",
    GIT_AUTHOR_EMAIL: "demo@example.invalid",
    GIT_COMMITTER_NAME: "pinekey demo",
    GIT_COMMITTER_EMAIL: "demo@example.invalid",
    GIT_TERMINAL_PROMPT: "0",
    PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
  });
  if (colourEnabled()) env.FORCE_COLOR = "1";
  else env.NO_COLOR = "1";
  return env;
}
