/**
 * yieldHelperThreadsToGit (src/cli/helper-threads.ts): in a process of its own, the helper threads
 * end up with a lower priority and the main thread (which spawns git, so git inherits it) keeps its own.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";
import { PROJECT_ROOT } from "../helpers/repo.js";

describe("helper threads yield to git", () => {
  it("lowers every thread's priority but the main thread's (Linux)", { skip: !existsSync("/proc/self/task") && "no /proc/self/task here" }, () => {
    const module = pathToFileURL(join(PROJECT_ROOT, "dist", "cli", "helper-threads.js")).href;
    // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value (after the command name in parentheses).
    const script = `
      import { readdirSync, readFileSync } from "node:fs";
      const { yieldHelperThreadsToGit } = await import(${JSON.stringify(module)});
      const nice = (tid) => Number(readFileSync("/proc/self/task/" + tid + "/stat", "utf8").split(") ")[1].split(" ")[16]);
      const before = nice(process.pid);
      yieldHelperThreadsToGit();
      console.log(JSON.stringify({ before, threads: readdirSync("/proc/self/task").map((tid) => [Number(tid) === process.pid, nice(tid)]) }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const { before, threads } = JSON.parse(run.stdout) as { before: number; threads: [boolean, number][] };
    const main = threads.filter(([isMain]) => isMain);
    const helpers = threads.filter(([isMain]) => !isMain);
    assert.equal(main.length, 1);
    assert.equal(main[0]![1], before, "the main thread keeps its priority");
    assert.ok(helpers.length > 0, "node runs helper threads");
    // 10, or lower priority still when the test itself runs niced beyond that.
    for (const [, nice] of helpers) assert.ok(nice >= 10, `a helper thread at nice ${nice}`);
  });
});
