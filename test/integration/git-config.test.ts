/**
 * The user's git configuration (and environment) must not change what `scan --staged` reports:
 * prefixes, colours, external diff drivers, relative paths, path quoting, submodule logs and the
 * context size all feed the patch text the parser reads.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test, type TestContext } from "node:test";
import { fakeKey, fakeUuid } from "../helpers/keys.js";
import { TempRepo } from "../helpers/repo.js";
import { assertFindings, columnOf, scanAll } from "../helpers/scan.js";

const text = (lines: string[]): string => lines.join("\n") + "\n";

interface Scenario {
  repo: TempRepo;
  keys: string[];
  /** Where the scan runs: a subdirectory holding none of the findings (diff.relative would hide them). */
  cwd: string;
  expected: Array<{ rule: string; file: string; line: number; column: number }>;
}

/**
 * A repository with a committed history and a staged change that exercises what configuration can
 * disturb: a modified file (hunk line numbers), a new file with a unicode name under `b/` and a
 * directory with a space (quoting, prefixes: without its `b/` prefix the path would lose its first
 * directory), an empty context line, a submodule update whose own commits hold a key (diff.submodule
 * must not show them), a renamed file that already held a key (rename detection), a legacy key that
 * needs an unchanged context line (context size) and the scan run from an unrelated subdirectory.
 */
function scenario(t: TestContext): Scenario {
  const repo = TempRepo.create();
  t.after(() => repo.remove());
  const commit = (): void => void repo.gitOk("commit", "-q", "--no-verify", "-m", "commit");

  const inner = join(repo.dir, "vendor", "lib");
  mkdirSync(inner, { recursive: true });
  const innerGit = (...args: string[]): void => {
    const run = repo.git(args, { cwd: inner });
    assert.equal(run.status, 0, run.stderr);
  };
  innerGit("init", "-q");
  writeFileSync(join(inner, "lib.txt"), "v1\n");
  innerGit("add", "lib.txt");
  innerGit("commit", "-q", "-m", "lib v1");

  const app = ["import os", "", ...Array.from({ length: 12 }, (_, i) => `x${i} = ${i}`)];
  const db = [
    "import pinecone",
    "",
    "def connect():",
    "    pinecone.init(",
    '        api_key=os.environ["PINECONE_API_KEY"],',
    "    )",
  ];
  repo.stage("src/app.py", text(app));
  repo.stage("src/db.py", text(db));
  repo.stage("docs/readme.md", "# docs\n");
  const oldKey = fakeKey();
  repo.stage("old/creds.py", text(["import os", `KEY = "${oldKey}"`, "x = 1", "y = 2"]));
  repo.git(["add", "vendor/lib"]); // an embedded repository: a gitlink, as a submodule is
  commit();

  const innerKey = fakeKey();
  writeFileSync(join(inner, "lib.txt"), `v2\nKEY=${innerKey}\n`);
  innerGit("commit", "-q", "-am", `lib v2 +++ b/fake.py @@ -1 +1 @@`);
  repo.gitOk("add", "vendor/lib");
  mkdirSync(join(repo.dir, "new"));
  repo.gitOk("mv", "old/creds.py", "new/creds.py");

  const keys = [fakeKey(), fakeKey(), fakeUuid()];
  const appLine = `API_KEY = "${keys[0]}"`;
  app.splice(8, 0, "", appLine); // an empty line (diff.suppressBlankEmpty) then the key on line 10
  repo.stage("src/app.py", text(app));
  const newLine = `    "apiKey": "${keys[1]}",`;
  repo.stage("b/dir with space/ünï cödé.json", text(["{", newLine, "}"]));
  const dbLine = `        api_key="${keys[2]}",`;
  db[4] = dbLine;
  repo.stage("src/db.py", text(db));

  return {
    repo,
    keys: [...keys, innerKey, oldKey],
    cwd: join(repo.dir, "docs"),
    expected: [
      { rule: "pinecone-api-key", file: "b/dir with space/ünï cödé.json", line: 2, column: columnOf(newLine, keys[1]!) },
      { rule: "pinecone-api-key", file: "src/app.py", line: 10, column: columnOf(appLine, keys[0]!) },
      { rule: "pinecone-legacy-api-key", file: "src/db.py", line: 5, column: columnOf(dbLine, keys[2]!) },
    ],
  };
}

async function assertUnaffected(s: Scenario, env: Record<string, string> = {}): Promise<void> {
  const scan = await scanAll(s.repo, s.keys, { cwd: s.cwd, env });
  assert.equal(scan.status, 1);
  assertFindings(scan.findings, s.expected);
}

test("the scenario without any configuration (baseline)", async (t) => {
  await assertUnaffected(scenario(t));
});

/** Each of these gets a test of its own. */
const SETTINGS: Array<[string, string]> = [
  ["diff.noprefix", "true"],
  ["diff.mnemonicPrefix", "true"],
  ["color.ui", "always"],
  ["diff.external", "false"],
  ["diff.relative", "true"],
  ["core.quotepath", "true"],
  ["diff.submodule", "log"],
  ["diff.submodule", "diff"],
  ["diff.context", "0"],
  ["diff.suppressBlankEmpty", "true"],
  ["core.bigFileThreshold", "16"], // larger files count as binary for git diff
  ["diff.renames", "false"],
];

/** These only join the all-at-once test. */
const MORE_SETTINGS: Array<[string, string]> = [
  ["diff.srcPrefix", "x/"], // git 2.45+; ignored by older git
  ["diff.dstPrefix", "y/"],
  ["color.diff", "always"],
  ["diff.interHunkContext", "0"],
  ["diff.algorithm", "patience"],
  ["diff.wsErrorHighlight", "all"],
  ["core.pager", "false"],
];

for (const [name, value] of SETTINGS) {
  test(`git config ${name}=${value} does not change the findings`, async (t) => {
    const s = scenario(t);
    s.repo.gitOk("config", name, value);
    await assertUnaffected(s);
  });
}

test("all of those settings at once, in the user's global config", async (t) => {
  const s = scenario(t);
  const global = join(s.repo.home, ".gitconfig");
  for (const [name, value] of [...SETTINGS, ...MORE_SETTINGS]) {
    if (name === "diff.submodule") continue; // one value only: log, below
    assert.equal(s.repo.git(["config", "--file", global, name, value]).status, 0);
  }
  assert.equal(s.repo.git(["config", "--file", global, "diff.submodule", "log"]).status, 0);
  await assertUnaffected(s);
});

test("configuration passed through the environment (GIT_CONFIG_COUNT) does not change the findings", async (t) => {
  const s = scenario(t);
  await assertUnaffected(s, {
    GIT_CONFIG_COUNT: "3",
    GIT_CONFIG_KEY_0: "diff.noprefix",
    GIT_CONFIG_VALUE_0: "true",
    GIT_CONFIG_KEY_1: "color.ui",
    GIT_CONFIG_VALUE_1: "always",
    GIT_CONFIG_KEY_2: "diff.external",
    GIT_CONFIG_VALUE_2: "false",
  });
});

test("GIT_EXTERNAL_DIFF in the environment does not replace git's patch", async (t) => {
  await assertUnaffected(scenario(t), { GIT_EXTERNAL_DIFF: "false" });
});

test("GIT_DIFF_OPTS in the environment does not shrink the context the detector needs", async (t) => {
  await assertUnaffected(scenario(t), { GIT_DIFF_OPTS: "--unified=0" });
});

test("git's own trace output (GIT_TRACE) does not disturb the scan", async (t) => {
  await assertUnaffected(scenario(t), { GIT_TRACE: "1" });
});
