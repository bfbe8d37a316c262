import { join } from "node:path";
import { DEFAULT_CONFIG, type PinekeyConfig } from "../core/config.js";
import { PinekeyError } from "../core/errors.js";
import type { Finding } from "../core/finding.js";
import { policyFilePath } from "../git/server.js";
import { loadConfigFile } from "./config.js";
import { appendTextFile } from "./output.js";

/**
 * A server's pre-receive answers to the admin, not to the pushed content:
 * - its settings come from the policy file named by the repository's own git config
 *   (`git config pinekey.config /etc/pinekey/policy.json`, the .pinekeyrc.json schema), or are the
 *   defaults; a `.pinekeyrc.json`, `.pinekeyignore` or package.json in the pushed commits (or in a
 *   work tree the server has) is never read;
 * - an allow comment needs a reason, or allows nothing when the policy says `"allowComments": "off"`
 *   (see ScanContext.forServer);
 * - every key the server lets through as allowed is recorded in `$GIT_DIR/pinekey/audit.jsonl`.
 */

/** The admin's policy for this repository (git config pinekey.config), or the defaults. */
export async function loadServerPolicy(gitDir: string, cwd?: string): Promise<PinekeyConfig> {
  const path = await policyFilePath(gitDir, cwd);
  return path === undefined ? DEFAULT_CONFIG : loadConfigFile(path, "git config pinekey.config");
}

export const AUDIT_FILE = join("pinekey", "audit.jsonl");

/**
 * Who pushed, as the git host tells its hooks, first found wins: GitLab (GL_USERNAME), Gitea and
 * Forgejo (GITEA_PUSHER_NAME), Gogs (GOGS_AUTH_USER_NAME), GitHub Enterprise (GITHUB_USER_LOGIN),
 * gitolite (GL_USER), git-http-backend behind a web server (REMOTE_USER), and the account the hook
 * runs as over plain SSH (USER, LOGNAME: often a shared `git` account, hence recorded with its source).
 */
const PUSHER_VARIABLES = ["GL_USERNAME", "GITEA_PUSHER_NAME", "GOGS_AUTH_USER_NAME", "GITHUB_USER_LOGIN", "GL_USER", "REMOTE_USER", "USER", "LOGNAME"];

export function pusherFrom(env: NodeJS.ProcessEnv): { pusher: string | null; pusherFrom: string | null } {
  for (const name of PUSHER_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== "") return { pusher: value, pusherFrom: name };
  }
  return { pusher: null, pusherFrom: null };
}

/**
 * One line of audit.jsonl. Never a key: places, the rule, the one-way fingerprint and the reason.
 * `ref` is the pushed ref the key came in through; `commit` the commit whose diff or text held it
 * (null for a tag or an object pushed without a commit); `origin` where in the push it was when not
 * on a line of a file ("commit", "tag", "file-name", "ref-name"; `file` then names the part, e.g.
 * "commit message"); `via` how such an object was reached ("tag v1 → blob").
 */
export interface AuditRecord {
  time: string;
  pusher: string | null;
  pusherFrom: string | null;
  ref: string | null;
  commit: string | null;
  origin: string | null;
  via: string | null;
  file: string;
  line: number;
  rule: string;
  fingerprint: string;
  reason: string | null;
}

/**
 * Append one record per allowed finding to `<gitDir>/pinekey/audit.jsonl`, all in one write. A
 * record that cannot be written refuses the push (exit 2): a bypass nobody can see afterwards is
 * what the log exists to prevent. The text passes the output gate like everything written.
 */
export function auditAllowedKeys(
  findings: readonly Finding[],
  gitDir: string,
  options: { env?: NodeJS.ProcessEnv; now?: Date } = {},
): number {
  const allowed = findings.filter((finding) => finding.allowed);
  if (allowed.length === 0) return 0;
  const path = join(gitDir, AUDIT_FILE);
  try {
    const time = (options.now ?? new Date()).toISOString();
    const who = pusherFrom(options.env ?? process.env);
    const lines = allowed.map((finding) => {
      const record: AuditRecord = {
        time,
        ...who,
        ref: finding.ref ?? null,
        commit: finding.commit ?? null,
        origin: finding.origin ?? null,
        via: finding.via ?? null,
        file: finding.file,
        line: finding.line,
        rule: finding.rule,
        fingerprint: finding.fingerprint,
        reason: finding.allowReason ?? null,
      };
      return JSON.stringify(record) + "\n";
    });
    appendTextFile(path, lines.join(""));
  } catch (error) {
    throw new PinekeyError(
      "AUDIT_FAILED",
      `could not record the allowed keys in ${path}: ${(error as Error).message}`,
      "Make that directory writable by the account git runs hooks as; until then, pushes with allowed keys are refused.",
    );
  }
  return allowed.length;
}
