/**
 * A work repository with a real local bare remote, for real `git push`es through the real hooks.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, TempRepo, type RunResult } from "./repo.js";

export interface PushSetup {
  work: TempRepo;
  /** Absolute path of the bare remote (also the remote "origin" of `work`). */
  remote: string;
  /** Push with the real pre-push hook; returns git's result. */
  push(...args: string[]): RunResult;
  /** Push around the hook (to seed the remote with history the hook would block). */
  pushNoVerify(...args: string[]): RunResult;
  /** The remote's oid for a ref, or "" when it does not exist. */
  remoteRef(ref: string): string;
}

/** `hookScript` lines run the built CLI; `exec` keeps git's stdin for the hook. */
export function writeHook(file: string, command: string): void {
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" ${command}\n`);
  chmodSync(file, 0o755);
}

export function createPushSetup(options: { objectFormat?: "sha1" | "sha256" } = {}): PushSetup {
  const initArgs = options.objectFormat === "sha256" ? ["--object-format=sha256"] : [];
  const work = TempRepo.create({ initArgs });
  const remote = join(work.base, "remote.git");
  const init = work.git(["init", "-q", "--bare", ...initArgs, remote], { cwd: work.base });
  if (init.status !== 0) throw new Error(init.stderr);
  work.gitOk("remote", "add", "origin", remote);
  writeHook(join(work.dir, ".git", "hooks", "pre-push"), 'pre-push "$@"');
  return {
    work,
    remote,
    push: (...args) => work.git(["push", ...args]),
    pushNoVerify: (...args) => work.git(["push", "--no-verify", ...args]),
    remoteRef: (ref) => work.git(["--git-dir", remote, "rev-parse", "-q", "--verify", ref]).stdout.trim(),
  };
}

/** Commit a file (without hooks: history set-up, not the thing under test). */
export function commitFile(repo: TempRepo, path: string, content: string, message = `add ${path}`): string {
  repo.write(path, content);
  repo.gitOk("add", "--", path);
  repo.gitOk("commit", "-q", "--no-verify", "-m", message);
  return repo.gitOk("rev-parse", "HEAD").trim();
}
