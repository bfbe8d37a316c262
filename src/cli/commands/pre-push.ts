import { parsePrePushInput, parsePreReceiveInput } from "../../core/push-lines.js";
import { scanPush, scanReceive } from "../../git/push.js";
import { renderReport } from "../messages.js";
import type { CommandResult } from "../result.js";
import { readStdin } from "../stdin.js";
import { exitCodeFor } from "./scan.js";

/**
 * What `.husky/pre-push` runs with git's arguments (`<remote> <url>`) and stdin (one line per
 * pushed ref). Silent when clean; otherwise the report on stderr and exit 1, which aborts the push.
 */
export async function prePushCommand(remote: string, url: string, stdin?: string): Promise<CommandResult> {
  const refs = parsePrePushInput(stdin ?? (await readStdin()));
  const { findings, commits } = await scanPush(remote, url, refs);
  const report = renderReport(findings, "pre-push", { commits });
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}

/**
 * A bare server repository's `hooks/pre-receive`: stdin has `<old> <new> <ref>` per ref. Exit 1
 * rejects the whole push, leaving every ref unchanged; git shows our stderr to the pusher, each line
 * prefixed with "remote: ".
 */
export async function preReceiveCommand(stdin?: string): Promise<CommandResult> {
  const refs = parsePreReceiveInput(stdin ?? (await readStdin()));
  const { findings, commits } = await scanReceive(refs);
  const report = renderReport(findings, "pre-receive", { commits });
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}
