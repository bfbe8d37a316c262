import { spawn } from "node:child_process";

/**
 * git as a person types it, for `pinekey-hook demo`: porcelain commands (init, add, commit) run in a
 * throwaway repository with an environment of the caller's choosing (its own HOME and git config),
 * so that the repository's hooks run exactly as they would for a person, and their exit status and
 * output come back verbatim. Everything that reads a repository goes through git.ts instead.
 */
export interface SandboxRun {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, as a terminal would show them. */
  output: string;
}

export function runGitInSandbox(args: string[], cwd: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<SandboxRun> {
  return runCollected("git", args, cwd, env, signal);
}

/**
 * Run a program and collect its output. With `signal` aborted the child is killed, and the promise
 * rejects only once it has exited, so the caller can remove the directory it was working in.
 */
export function runCollected(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<SandboxRun> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error("interrupted"));
      return;
    }
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const abort = (): void => void child.kill("SIGTERM");
    signal?.addEventListener("abort", abort, { once: true });
    let stdout = "";
    let stderr = "";
    let output = "";
    let failure: Error | undefined;
    child.stdout.setEncoding("utf8").on("data", (text: string) => ((stdout += text), (output += text)));
    child.stderr.setEncoding("utf8").on("data", (text: string) => ((stderr += text), (output += text)));
    child.on("error", (error) => (failure = error));
    child.on("close", (code, killedBy) => {
      signal?.removeEventListener("abort", abort);
      if (failure) reject(failure);
      else if (signal?.aborted) reject(new Error("interrupted"));
      else resolve({ status: code ?? (killedBy ? 128 : 1), stdout, stderr, output });
    });
  });
}
