import { PinekeyError } from "../../core/errors.js";
import { parsePrePushInput, parsePreReceiveInput, type PushedRef } from "../../core/push-lines.js";
import { commitOid } from "../../git/hooks.js";
import { scanPush, scanReceive } from "../../git/push.js";
import { commonGitDir, workTreeIfAny } from "../../git/repository.js";
import { prePushWithoutInput, renderReport } from "../messages.js";
import type { CommandResult } from "../result.js";
import { ScanContext } from "../scan-context.js";
import { readStdin } from "../stdin.js";
import { completeScan, exitCodeFor } from "./scan.js";

export interface PushHookOptions {
  verify?: boolean;
  /** git's stdin for the hook; read from the process when absent. */
  stdin?: string;
  cwd?: string;
}

/**
 * What `.husky/pre-push` runs with git's arguments (`<remote> <url>`) and stdin (one line per
 * pushed ref). Silent when clean; otherwise the report on stderr and exit 1, which aborts the push.
 */
export async function prePushCommand(remote: string, url: string, options: PushHookOptions = {}): Promise<CommandResult> {
  return scanPushedRefs(remote, url, parsePrePushInput(options.stdin ?? (await readStdin())), options);
}

/**
 * `pinekey-hook pre-push` with no arguments, as the pre-commit framework's push stage runs it: the
 * framework has read git's stdin itself and hands over one pushed ref in environment variables
 * (PRE_COMMIT_REMOTE_NAME / _URL, PRE_COMMIT_LOCAL_BRANCH / _REMOTE_BRANCH, and PRE_COMMIT_FROM_REF /
 * _TO_REF unless the whole history is new). They are turned back into the pre-push line git wrote:
 * the local tip, and the remote's tip (or zeros for a branch the remote does not have yet).
 */
export async function prePushFromEnvironmentCommand(options: PushHookOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  const { cwd, env = process.env } = options;
  const value = (name: string): string | undefined => (env[name] !== undefined && env[name] !== "" ? env[name] : undefined);
  const localRef = value("PRE_COMMIT_LOCAL_BRANCH");
  const toRef = value("PRE_COMMIT_TO_REF") ?? localRef;
  const fromRef = value("PRE_COMMIT_FROM_REF");
  const noInput = (): PinekeyError => new PinekeyError("BAD_ARGUMENTS", prePushWithoutInput.message, prePushWithoutInput.hint);
  if (toRef === undefined) throw noInput();
  const localOid = await commitOid(toRef, cwd);
  if (localOid === undefined) throw noInput();
  const remoteOid = fromRef !== undefined ? await commitOid(fromRef, cwd) : undefined;
  const ref: PushedRef = {
    localRef: localRef ?? toRef,
    localOid,
    remoteRef: value("PRE_COMMIT_REMOTE_BRANCH") ?? localRef ?? toRef,
    remoteOid: remoteOid ?? "0".repeat(localOid.length),
  };
  // Without a remote name (pre-commit run --from-ref/--to-ref by hand), remote === url: every
  // remote-tracking ref counts as known, as for a push to a bare URL.
  const remote = value("PRE_COMMIT_REMOTE_NAME") ?? "";
  const url = value("PRE_COMMIT_REMOTE_URL") ?? remote;
  return scanPushedRefs(remote, url, [ref], options);
}

async function scanPushedRefs(remote: string, url: string, refs: PushedRef[], options: PushHookOptions): Promise<CommandResult> {
  const { cwd } = options;
  const tree = await workTreeIfAny(cwd);
  const context = await ScanContext.create(tree?.root, { verify: options.verify === true });
  const { findings, commits } = await scanPush(remote, url, refs, {
    ...(cwd ? { cwd } : {}),
    scanner: context.createScanner(),
    createDetector: () => context.createDetector(),
  });
  const scope = await completeScan(context, findings, { commits }, tree?.commonDir ?? (await commonGitDir(cwd)), "pre-push");
  const report = renderReport(findings, "pre-push", scope);
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}

/**
 * A bare server repository's `hooks/pre-receive`: stdin has `<old> <new> <ref>` per ref. Every
 * object the push adds is scanned (see scanReceive): commits' diffs, messages and identities, ref
 * names, tags, and trees and blobs reached through tags or pushed as refs. Exit 1 rejects the whole
 * push, leaving every ref unchanged and the quarantined objects discarded; git shows our stderr to
 * the pusher, each line prefixed with "remote: ". The settings are the admin's (see
 * server-policy.ts): the policy file named by `git config pinekey.config`, never a file from the
 * pushed content or a work tree. A push that is let through with allowed keys leaves one audit
 * record per key, wherever in the push it was (a file, a message, a tag, a pushed blob).
 */
export async function preReceiveCommand(options: PushHookOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  const { cwd } = options;
  const refs = parsePreReceiveInput(options.stdin ?? (await readStdin()));
  const { absoluteGitDir } = await import("../../git/server.js");
  const { auditAllowedKeys, loadServerPolicy } = await import("../server-policy.js");
  const gitDir = await absoluteGitDir(cwd);
  const context = ScanContext.forServer(await loadServerPolicy(gitDir, cwd), { verify: options.verify === true });
  const { findings, commits } = await scanReceive(refs, {
    ...(cwd ? { cwd } : {}),
    scanner: context.createScanner(),
    createDetector: () => context.createDetector(),
  });
  const scope = await completeScan(context, findings, { commits, allowComments: context.allowComments }, undefined);
  const exitCode = exitCodeFor(findings);
  // Only a push that is let through records its allowed keys: a rejected push added nothing.
  if (exitCode === 0) auditAllowedKeys(findings, gitDir, options.env ? { env: options.env } : {});
  const report = renderReport(findings, "pre-receive", scope);
  return { exitCode, ...(report ? { stderr: report } : {}) };
}
