/**
 * `pinekey-hook rotate --key-id <id> (--update-with '<command>' | --env-file <path>) [--keep-old] [--dry-run]`
 *
 * Pinecone's own order (docs, "rotate keys and secrets"): create a replacement with the same
 * permissions, switch the applications, then delete the old key. Through the Admin API:
 *
 *   1. token from PINECONE_CLIENT_ID / PINECONE_CLIENT_SECRET
 *   2. read the old key: name, project, roles               (nothing changed yet)
 *   3. create the new key with the same roles                (undo: delete it)
 *   4. check the new key works: GET /indexes (403 is fine for data-plane roles)
 *   5. hand it over: --env-file rewrites PINECONE_API_KEY=   (undo: write the file back)
 *                    --update-with runs a command with the key on its stdin
 *   6. delete the old key (unless --keep-old), then read it until the API no longer has it
 *
 * A failure in steps 1-5 undoes what was done, leaves the old key alive, and says so; a failure in
 * step 6 cannot be undone (the services already use the new key) and says what is left to do. The new
 * key lives only in this process's memory, the update command's stdin and the env file: every line
 * shown passes through maskSecrets.
 */
import { PinekeyError } from "../../core/errors.js";
import { deadlineIn, send } from "../http.js";
import { setInterruptCleanup } from "../interrupt.js";
import { AdminApiError, AdminClient, adminOptionsFromEnvironment, type ApiKey } from "../pinecone-admin.js";
import type { CommandResult } from "../result.js";
import {
  maskSecrets,
  readEnvFile,
  redactValue,
  rewriteEnvText,
  runUpdateCommand,
  stopUpdateCommand,
  writeEnvFile,
  type EnvFileBackup,
} from "../secret-handoff.js";
import { API_VERSION } from "../verify.js";

export interface RotateOptions {
  keyId?: string;
  projectId?: string;
  updateWith?: string;
  envFile?: string;
  keepOld?: boolean;
  dryRun?: boolean;
  /** Seconds each request (and the update command) may take. */
  timeoutSeconds?: number;
  /** Seconds to wait for the old key to be gone after the deletion was accepted. */
  waitSeconds?: number;
  cwd?: string;
  /** Each step as it happens (the bin writes them to stderr). */
  progress?: (line: string) => void;
  /** On a terminal: choose one of the project's keys (undefined: none chosen). */
  pick?: (keys: ApiKey[], question: string) => Promise<ApiKey | undefined>;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_WAIT_SECONDS = 300;
const NAME_LIMIT = 80; // CreateAPIKeyRequest.name: 1-80 characters

/** "<old name> (rotated 2026-12-06)", within the API's 80 characters. */
export function replacementName(oldName: string, now = new Date()): string {
  const suffix = ` (rotated ${now.toISOString().slice(0, 10)})`;
  const base = oldName.replace(/ \(rotated \d{4}-\d{2}-\d{2}\)$/, "");
  return `${base.slice(0, NAME_LIMIT - suffix.length)}${suffix}`;
}

function describeKey(key: ApiKey): string {
  return `${key.id} "${key.name}" (${key.roles.join(", ") || "no roles"})`;
}

class Rotation {
  private readonly lines: string[] = [];
  private readonly secrets: string[] = [];

  constructor(private readonly options: RotateOptions) {}

  say(line: string): void {
    const masked = maskSecrets(line, this.secrets);
    this.lines.push(masked);
    this.options.progress?.(`${masked}\n`);
  }

  hide(secret: string): void {
    this.secrets.push(secret);
  }

  /** exit 2: the transcript so far, then the outcome, on stderr (the steps already went there when streamed). */
  failed(summary: string[]): CommandResult {
    for (const line of summary) this.say(line);
    return { exitCode: 2, stderr: this.options.progress ? "" : this.lines.join("\n") + "\n" };
  }

  succeeded(summary: string[]): CommandResult {
    const text = summary.map((line) => maskSecrets(line, this.secrets)).join("\n") + "\n";
    const steps = this.options.progress ? "" : this.lines.join("\n") + "\n";
    return { exitCode: 0, stdout: steps + text };
  }
}

function message(error: unknown): string {
  if (error instanceof AdminApiError || error instanceof PinekeyError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Does the new key work? GET /indexes with it: 200, or 403 for a key with data-plane roles only.
 * A new key can take a moment to reach every server: 401 and no answer are asked again until the
 * deadline.
 */
async function newKeyWorks(apiUrl: string, value: string, timeoutMs: number): Promise<{ ok: boolean; last: string }> {
  const deadline = deadlineIn(timeoutMs);
  // What to say if it never works: the server's last answer (a 401 says more than the deadline that
  // cut the attempt after it), else the last failure.
  let answer: string | undefined;
  let failure = "no answer";
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    try {
      const response = await send(
        { method: "GET", url: `${apiUrl}/indexes`, headers: { "Api-Key": value, "X-Pinecone-Api-Version": API_VERSION, Accept: "application/json" } },
        { deadline, maxBytes: 1024 * 1024 },
      );
      if (response.status === 200 || response.status === 403) return { ok: true, last: String(response.status) };
      answer = `${response.status}`;
    } catch (error) {
      failure = message(error);
    }
    await sleep(Math.min(200 * 2 ** attempt, 2000, Math.max(0, deadline - Date.now())));
  }
  return { ok: false, last: answer ?? failure };
}

async function chooseKey(admin: AdminClient, options: RotateOptions, rotation: Rotation): Promise<string> {
  let projectId = options.projectId;
  if (!projectId) {
    const projects = await admin.listProjects();
    if (projects.length === 1) projectId = projects[0]!.id;
    else if (options.pick && projects.length > 1) {
      const keysLike = projects.map((p) => ({ id: p.id, name: p.name, project_id: p.id, roles: [] }));
      projectId = (await options.pick(keysLike, "Which project?"))?.id;
    }
  }
  const hint = "Name the key with --key-id <id> (its id in the console, or from the list above).";
  if (!projectId) {
    throw new PinekeyError("BAD_ARGUMENTS", "rotate needs --key-id <id> (or --project-id <id> to choose from a list on a terminal).", hint);
  }
  const keys = await admin.listKeys(projectId);
  if (options.pick && keys.length > 0) {
    const chosen = await options.pick(keys, "Which key leaked?");
    if (chosen) return chosen.id;
    throw new PinekeyError("BAD_ARGUMENTS", "no key chosen: nothing was changed.");
  }
  for (const key of keys) rotation.say(`  ${describeKey(key)}`);
  throw new PinekeyError("BAD_ARGUMENTS", `rotate needs --key-id <id>: project ${projectId} has ${keys.length} API keys (listed above).`, hint);
}

export async function rotateCommand(options: RotateOptions): Promise<CommandResult> {
  if (!options.updateWith && !options.envFile) {
    throw new PinekeyError(
      "BAD_ARGUMENTS",
      "rotate needs somewhere to put the new key: --update-with '<command>' (it gets the key on its stdin) or --env-file <path>.",
      "e.g. --update-with 'aws secretsmanager put-secret-value --secret-id pinecone/api-key --secret-string file:///dev/stdin'",
    );
  }
  const timeoutMs = (options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const waitMs = (options.waitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
  const adminOptions = adminOptionsFromEnvironment(timeoutMs);
  let envBackup: EnvFileBackup | undefined;
  if (options.envFile) {
    try {
      envBackup = readEnvFile(options.envFile);
    } catch (error) {
      throw new PinekeyError("BAD_ARGUMENTS", `--env-file ${options.envFile}: ${(error as NodeJS.ErrnoException).code ?? message(error)}.`, "Name an existing dotenv file.");
    }
  }
  const rotation = new Rotation(options);
  const admin = new AdminClient(adminOptions);
  await admin.authenticate(); // wrong credentials: a PinekeyError naming the variables, nothing changed
  const keyId = options.keyId ?? (await chooseKey(admin, options, rotation));

  let old: ApiKey | undefined;
  try {
    old = await admin.getKey(keyId);
  } catch (error) {
    return rotation.failed([`✗ ${message(error)}`, "Nothing was changed."]);
  }
  if (!old) return rotation.failed([`✗ Pinecone has no API key with id ${keyId} (404).`, "Nothing was changed. List the project's keys: run rotate on a terminal without --key-id, or see the console."]);
  const name = replacementName(old.name);
  const targets = [
    options.envFile ? `rewrite PINECONE_API_KEY= in ${options.envFile}` : undefined,
    options.updateWith ? `run \`${options.updateWith}\` with the new key on its stdin` : undefined,
  ].filter((t): t is string => t !== undefined);

  if (options.dryRun) {
    return rotation.succeeded([
      `Plan (dry run: nothing was changed):`,
      `  1. create "${name}" in project ${old.project_id} with the roles of ${describeKey(old)}`,
      `  2. check that the new key answers GET /indexes`,
      ...targets.map((t, i) => `  ${3 + i}. ${t}`),
      options.keepOld
        ? `  ${3 + targets.length}. keep the old key ${old.id} (--keep-old): delete it yourself once every service uses the new one`
        : `  ${3 + targets.length}. delete the old key ${old.id} and wait up to ${waitMs / 1000} s until Pinecone no longer has it`,
      `Any failure before the old key is deleted deletes the new key again and leaves the old one working.`,
    ]);
  }

  rotation.say(`✓ old key: ${describeKey(old)}`);
  let created: { key: ApiKey; value: string };
  try {
    created = await admin.createKey(old.project_id, name, old.roles);
  } catch (error) {
    const forbidden = error instanceof AdminApiError && error.status === 403;
    return rotation.failed([
      `✗ ${message(error)}`,
      forbidden ? "  The service account may not create keys in this project: give it a project role that manages API keys (console: the project's access settings)." : "",
      "Nothing was changed: the old key is untouched.",
    ].filter(Boolean));
  }
  rotation.hide(created.value);
  rotation.say(`✓ created ${describeKey(created.key)}: ${redactValue(created.value)}`);

  let envWritten = false;
  /** Undo steps 3-5; the lines say what was undone and what could not be. */
  const undo = async (): Promise<string[]> => {
    setInterruptCleanup(undefined);
    const lines: string[] = [];
    if (envBackup && envWritten) {
      try {
        writeEnvFile(envBackup.path, envBackup.text);
        lines.push(`  ✓ ${envBackup.path} is back as it was`);
      } catch (error) {
        lines.push(`  ✗ could not restore ${envBackup.path} (${message(error)}): put the old key back in it yourself`);
      }
    }
    try {
      await admin.deleteKey(created.key.id);
      lines.push(`  ✓ deleted the new key ${created.key.id}`);
    } catch (error) {
      lines.push(`  ✗ could not delete the new key ${created.key.id} (${message(error)}): delete it in the console`);
    }
    lines.push(`The old key ${old!.id} was not touched and still works.`);
    return lines;
  };
  const rollBack = async (why: string): Promise<CommandResult> => rotation.failed([`✗ ${why}`, "Rolling back:", ...(await undo())]);
  // Ctrl-C from here until the new key is handed over: stop the update command, then undo.
  setInterruptCleanup(async () => {
    stopUpdateCommand();
    return ["Rolling back:", ...(await undo())];
  });

  const works = await newKeyWorks(adminOptions.apiUrl, created.value, timeoutMs);
  if (!works.ok) return rollBack(`the new key does not work (GET /indexes: ${works.last})`);
  rotation.say(`✓ the new key works (GET /indexes: ${works.last})`);

  if (envBackup) {
    try {
      envWritten = true; // from here on a failure may have changed it: undo writes it back
      writeEnvFile(envBackup.path, rewriteEnvText(envBackup.text, created.value));
      rotation.say(`✓ wrote the new key to ${envBackup.path} (PINECONE_API_KEY=)`);
    } catch (error) {
      return rollBack(`could not write ${envBackup.path}: ${message(error)}`);
    }
  }
  if (options.updateWith) {
    const outcome = await runUpdateCommand(options.updateWith, created.value, timeoutMs, options.cwd);
    if (!outcome.ok) {
      const output = outcome.output ? `\n  its output:\n${outcome.output.replace(/^/gm, "    ")}` : "";
      return rollBack(
        `the update command failed: ${outcome.reason}${output}\n  If it stored the new key before failing, put the old key back in the secret store.`,
      );
    }
    rotation.say(`✓ the update command stored the new key`);
  }
  // Handed over: the services may use the new key now, so an interruption undoes nothing.
  setInterruptCleanup(async () => [
    `The new key ${created.key.id} is in place; the old key ${old!.id} may still exist: delete it in the console.`,
  ]);

  const next = "Next: `pinekey-hook inventory` lists every place in the repository that reads the key; restart the services that cache it.";
  if (options.keepOld) {
    return rotation.succeeded([
      `Rotated: the services now get ${created.key.id} (${redactValue(created.value)}).`,
      `The old key ${old.id} still works (--keep-old): delete it in the console once every service uses the new one.`,
      next,
    ]);
  }
  try {
    await admin.deleteKey(old.id);
  } catch (error) {
    return rotation.failed([
      `✗ ${message(error)}`,
      `The new key ${created.key.id} is in place and works, but the OLD key ${old.id} was NOT deleted: delete it in the console now.`,
    ]);
  }
  rotation.say(`✓ Pinecone accepted the deletion of the old key ${old.id}; waiting up to ${Math.round(waitMs / 1000)} s until it is gone`);
  const deadline = deadlineIn(waitMs);
  const interval = Math.min(5000, Math.max(100, waitMs / 20));
  for (;;) {
    let still: ApiKey | undefined;
    try {
      still = await admin.getKey(old.id);
    } catch (error) {
      still = old; // no answer: not proven gone; ask again until the deadline
      if (Date.now() >= deadline) return rotation.failed([`✗ ${message(error)}`, `Could not confirm that the old key ${old.id} is gone: check the console.`]);
    }
    if (!still) break;
    if (Date.now() + interval > deadline) {
      return rotation.failed([
        `✗ the old key ${old.id} still exists ${Math.round(waitMs / 1000)} s after Pinecone accepted its deletion.`,
        `The new key is in place. Check the console and delete the old key there if it is still listed.`,
      ]);
    }
    await sleep(interval);
  }
  rotation.say(`✓ the old key ${old.id} is gone`);
  return rotation.succeeded([`Rotated: ${old.id} is deleted; the services now get ${created.key.id} (${redactValue(created.value)}).`, next]);
}
