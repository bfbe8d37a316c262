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

export function runGitInSandbox(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<SandboxRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => ((stdout += text), (output += text)));
    child.stderr.setEncoding("utf8").on("data", (text: string) => ((stderr += text), (output += text)));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ status: code ?? (signal ? 128 : 1), stdout, stderr, output }));
  });
}
