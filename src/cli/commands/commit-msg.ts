import { readFileSync } from "node:fs";
import { PinekeyError } from "../../core/errors.js";
import type { Finding } from "../../core/finding.js";
import { workTreeIfAny } from "../../git/repository.js";
import type { CommandResult } from "../result.js";

/**
 * `git commit -v` puts the staged diff below this line; git cuts it off (with everything after it)
 * before the message is stored, and the pre-commit hook has scanned that diff already.
 */
const SCISSORS = /^[#;] -+ >8 -+$/m;

/**
 * What `.husky/commit-msg` runs: git passes the file holding the proposed message. A key in it
 * (subject, body, trailers) blocks the commit before it exists: exit 1 with the report on stderr.
 * Everything above git's scissors line is scanned, comment lines included (with
 * `commit.cleanup=verbatim` they stay in the message).
 */
export async function commitMsgCommand(file: string, options: { verify?: boolean; cwd?: string } = {}): Promise<CommandResult> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new PinekeyError(
      "BAD_ARGUMENTS",
      `cannot read the commit message file "${file}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      "commit-msg is what git's commit-msg hook runs, with the path git passes: pinekey-hook commit-msg \"$1\".",
    );
  }
  const scissors = SCISSORS.exec(text);
  const message = scissors ? text.slice(0, scissors.index) : text;
  const tree = await workTreeIfAny(options.cwd);
  const [{ ScanContext }, { ContentScanner }] = await Promise.all([import("../scan-context.js"), import("../../core/content.js")]);
  const context = await ScanContext.create(tree?.root, { verify: options.verify === true });
  const content = new ContentScanner(context.createDetector());
  content.begin("commit message");
  content.push(message);
  const findings: Finding[] = content.end().map((finding) => ({ ...finding, origin: "commit" }));
  if (findings.length === 0) return { exitCode: 0 };
  const [{ completeScan, exitCodeFor }, { renderReport }] = await Promise.all([import("./scan.js"), import("../messages.js")]);
  const scope = await completeScan(context, findings, {}, tree?.commonDir, "commit-msg");
  const report = renderReport(findings, "commit-msg", scope);
  return { exitCode: exitCodeFor(findings), ...(report ? { stderr: report } : {}) };
}
