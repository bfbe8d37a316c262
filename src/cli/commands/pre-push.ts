import { parsePrePushInput, parsePreReceiveInput } from "../../core/push-lines.js";
import { scanPush, scanReceive } from "../../git/push.js";
import { commonGitDir } from "../../git/repository.js";
import { renderReport } from "../messages.js";
import type { CommandResult } from "../result.js";
import { ScanContext } from "../scan-context.js";
import { readStdin } from "../stdin.js";
import { completeScan, exitCodeFor, workTreeRootIfAny } from "./scan.js";

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
  const { cwd } = options;
  const refs = parsePrePushInput(options.stdin ?? (await readStdin()));
  const context = new ScanContext(await workTreeRootIfAny(cwd), { verify: options.verify === true });
  const { findings, commits } = await scanPush(remote, url, refs, { ...(cwd ? { cwd } : {}), scanner: context.createScanner() });
  const scope = await completeScan(context, findings, { commits }, await commonGitDir(cwd));
  const report = renderReport(findings, "pre-push", scope);
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}

/**
 * A bare server repository's `hooks/pre-receive`: stdin has `<old> <new> <ref>` per ref. Exit 1
 * rejects the whole push, leaving every ref unchanged; git shows our stderr to the pusher, each line
 * prefixed with "remote: ". A bare repository has no work tree, so the defaults apply (no
 * .pinekeyrc.json is read from it).
 */
export async function preReceiveCommand(options: PushHookOptions = {}): Promise<CommandResult> {
  const { cwd } = options;
  const refs = parsePreReceiveInput(options.stdin ?? (await readStdin()));
  const context = new ScanContext(await workTreeRootIfAny(cwd), { verify: options.verify === true });
  const { findings, commits } = await scanReceive(refs, { ...(cwd ? { cwd } : {}), scanner: context.createScanner() });
  const scope = await completeScan(context, findings, { commits }, undefined);
  const report = renderReport(findings, "pre-receive", scope);
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}
