import type { Detector } from "../core/detector.js";
import { PinekeyError } from "../core/errors.js";
import type { Finding } from "../core/finding.js";
import { COMMIT_RECORD_FORMAT } from "../core/commit-record.js";
import type { PatchScanner } from "../core/scan.js";
import { gitOutput } from "./git.js";
import { readObjectTexts } from "./objects.js";
import { PATCH_OPTIONS, streamIntoScanner } from "./staged.js";

export { objectTypes } from "./objects.js";

/**
 * Every commit's own added lines, streamed through ONE `git log -p` process whatever the number of
 * commits. `--cc` gives merges a combined diff, in which only lines new relative to every parent
 * (a conflict resolution, an "evil merge") count as added: both parents' history is not rescanned.
 * `--root` diffs a root commit against the empty tree. PATCH_OPTIONS pin the patch format against
 * user configuration, as for staged changes; each commit starts with a COMMIT_RECORD_FORMAT line.
 */
const HISTORY_OPTIONS = ["log", "-p", "--cc", "--root", ...PATCH_OPTIONS, "--no-show-signature", COMMIT_RECORD_FORMAT];

/**
 * Commit objects read per `git cat-file --batch`: memory stays bounded whatever the history, and the
 * reads keep pace with `git log`. Only the last batch is read after the log has ended, so it is kept
 * small: with 2,000 per batch, a 2,000-commit scan read every commit text after the log (80 ms of
 * 1,000), while each extra `cat-file` costs a few milliseconds, spent while the log still runs.
 */
const COMMITS_PER_BATCH = 250;

export interface HistoryScan {
  findings: Finding[];
  /** How many commits were scanned. */
  commits: number;
}

export interface HistoryScanOptions {
  cwd?: string;
  stdinRevisions?: string[];
  scanner?: PatchScanner | (() => PatchScanner | Promise<PatchScanner>);
  /** A detector for the commits' own text (messages, author and committer); a default one if absent. */
  createDetector?: () => Detector | Promise<Detector>;
}

/**
 * Scan the commits `git log` selects with `revisions` (command-line revision arguments such as
 * `A..B`, `--all`, `--not --remotes=origin`) and, when given, `stdinRevisions` (commit ids read with
 * `--stdin`, which keeps long lists off the command line): each commit's added lines, new file names,
 * and its own text (message, author, committer: see object-text.ts), read raw with `git cat-file` as
 * the commits stream by. `scanner` may still be loading (a function making one): git starts at once,
 * and its first output waits for the scanner.
 *
 * Fails closed on output that ends early: a hunk cut off, or fewer commits in the log than
 * `git rev-list --count` counts for the same revisions (a git killed part-way that still exited 0).
 */
export async function scanHistory(revisions: string[], options: HistoryScanOptions = {}): Promise<HistoryScan> {
  const given = options.scanner;
  const createScanner =
    typeof given === "function" ? given : async () => given ?? new (await import("../core/scan.js")).PatchScanner(undefined, undefined, { latin1: true });
  const stdin = options.stdinRevisions;
  const cwd = options.cwd;
  const input = stdin ? stdin.map((oid) => `${oid}\n`).join("") : undefined;
  const args = [...HISTORY_OPTIONS, ...revisions, ...(stdin ? ["--stdin"] : [])];
  const commitTexts = new CommitTextScan(options.createDetector, cwd);
  // Counted once the log has spawned (a turn of the event loop later): spawning a process takes a
  // few milliseconds, and the log, which everything waits for, should not wait for this one.
  const counted = new Promise((resolve) => setImmediate(resolve)).then(() =>
    gitOutput(["rev-list", "--count", ...revisions, ...(stdin ? ["--stdin"] : [])], {
      ...(cwd ? { cwd } : {}),
      ...(input !== undefined ? { input } : {}),
    }),
  );
  counted.catch(() => undefined); // awaited below, after the log
  let scanner: PatchScanner;
  try {
    scanner = await streamIntoScanner(
      args,
      async () => {
        const created = await createScanner();
        created.onCommit = (oid) => commitTexts.add(oid);
        return created;
      },
      {
        ...(cwd ? { cwd } : {}),
        // git log flushes its output after every commit when it writes to a pipe, for readers that
        // want each record at once; this reader does not, and fully buffered output takes half the
        // writes (2,000 commits: 303 -> 283 ms for git log alone, measured side by side).
        env: { GIT_FLUSH: "0" },
        ...(input !== undefined ? { input } : {}),
      },
    );
  } catch (error) {
    await commitTexts.settled();
    throw error;
  }
  let findings = scanner.end();
  const textFindings = await commitTexts.finish();
  const expected = Number((await counted).trim());
  if (expected !== scanner.commits) {
    throw new PinekeyError(
      "GIT_OUTPUT_INCOMPLETE",
      `git log ended early: it showed ${scanner.commits} of the ${expected} commits to scan.`,
      "The scan did not see every commit, so it cannot say the history is clean; try again.",
    );
  }
  // Archives and compressed files the commits changed, opened from their blobs. A key counts in the
  // commit that brought it: one a parent's version already held is not reported again (^1, ^2: a
  // merge's first two parents; an octopus merge's others are not consulted, which only reports more).
  if (scanner.containers.length > 0) {
    const { scanContainerChanges, changeKey } = await import("./containers.js");
    const opened = await scanContainerChanges(scanner.containers, {
      cwd: options.cwd ?? process.cwd(),
      detector: scanner.detector,
      current: (change) => `${change.commit?.oid ?? "HEAD"}:${change.path}`,
      previous: (change) => (change.commit ? [`${change.commit.oid}^1:${change.path}`, `${change.commit.oid}^2:${change.path}`] : []),
    });
    findings = [...findings.filter((finding) => !opened.opened.has(changeKey(finding.file, finding.commit))), ...opened.findings];
  }
  return { findings: [...textFindings, ...findings], commits: scanner.commits };
}

/**
 * The commits' own text, read with `git cat-file --batch` in batches while `git log` streams: each
 * batch starts when it is full (or at the end), after the one before it.
 */
class CommitTextScan {
  private batch: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  private readonly findings: Finding[] = [];
  private scan: Promise<(oid: string, text: string) => Finding[]> | undefined;

  constructor(
    private readonly createDetector: (() => Detector | Promise<Detector>) | undefined,
    private readonly cwd: string | undefined,
  ) {}

  add(oid: string): void {
    this.batch.push(oid);
    if (this.batch.length >= COMMITS_PER_BATCH) this.flush();
  }

  private flush(): void {
    const oids = this.batch;
    this.batch = [];
    if (oids.length === 0) return;
    this.scan ??= this.makeScan();
    const scan = this.scan;
    this.chain = this.chain.then(async () => {
      if (this.failure !== undefined) return;
      try {
        const scanOne = await scan;
        await readObjectTexts(oids, (oid, text) => void this.findings.push(...scanOne(oid, text)), this.cwd);
      } catch (error) {
        this.failure = error;
      }
    });
  }

  private async makeScan(): Promise<(oid: string, text: string) => Finding[]> {
    const [{ ContentScanner }, { scanObjectText, commitDetails }, detector] = await Promise.all([
      import("../core/content.js"),
      import("../core/object-text.js"),
      this.createDetector ? this.createDetector() : import("../core/detector.js").then(({ Detector }) => new Detector()),
    ]);
    const content = new ContentScanner(detector);
    return (oid, text) => {
      const found = scanObjectText(content, "commit", text);
      if (found.length === 0) return found;
      const details = commitDetails(text);
      return found.map((finding) => ({ ...finding, commit: oid, ...details }));
    };
  }

  /** Wait for the batches started so far (after a failure elsewhere: nothing is left running). */
  async settled(): Promise<void> {
    await this.chain;
  }

  async finish(): Promise<Finding[]> {
    this.flush();
    await this.chain;
    if (this.failure !== undefined) throw this.failure;
    return this.findings;
  }
}
