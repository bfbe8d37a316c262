import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DiffParser, type DiffSink } from "../../dist/core/index.js";
import { lineFeedCounter } from "../../dist/core/literal-filter.js";
import { chunked, commitBase, stagedPatch } from "../helpers/patches.js";
import { TempRepo } from "../helpers/repo.js";
import { seeded } from "../helpers/seeded.js";

interface RecordedLine {
  line: number;
  text: string;
  added: boolean;
}
interface RecordedFile {
  path: string;
  lines: RecordedLine[];
}

/** Everything the parser tells its sink, in order; endFile must close exactly the open file. */
function parse(chunks: string[] | string): RecordedFile[] {
  const files: RecordedFile[] = [];
  let open: RecordedFile | null = null;
  const sink: DiffSink = {
    beginFile(path) {
      assert.equal(open, null, "beginFile while another file is open");
      open = { path, lines: [] };
      files.push(open);
    },
    line(line, text, added) {
      assert.ok(open, "line outside a file");
      open.lines.push({ line, text, added });
    },
    endFile() {
      assert.ok(open, "endFile without beginFile");
      open = null;
    },
  };
  const parser = new DiffParser(sink);
  for (const chunk of typeof chunks === "string" ? [chunks] : chunks) parser.push(chunk);
  parser.end();
  assert.equal(open, null, "a file was left open");
  return files;
}

const added = (line: number, text: string): RecordedLine => ({ line, text, added: true });
const context = (line: number, text: string): RecordedLine => ({ line, text, added: false });

function numbered(count: number, prefix = "line"): string {
  return Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}\n`).join("");
}

/** One patch with most of what git can print, for the chunking tests. */
function richPatch(): string {
  return stagedPatch((repo) => {
    repo.stage("modified.txt", numbered(12));
    repo.stage("deleted.txt", "going away\n");
    repo.stage("renamed-old.txt", numbered(10, "renamed"));
    repo.stage("no-eol.txt", "first\nlast without newline");
    commitBase(repo);
    repo.stage("modified.txt", numbered(12).replace("line 6\n", "line 6 changed\nline 6b\n"));
    repo.gitOk("rm", "-q", "deleted.txt");
    repo.gitOk("mv", "renamed-old.txt", "renamed-new.txt");
    repo.stage("renamed-new.txt", numbered(10, "renamed").replace("renamed 10\n", "renamed ten\n"));
    repo.stage("no-eol.txt", "first\nlast changed, still without newline");
    repo.stage("crlf.txt", "one\r\ntwo\r\n");
    repo.stage("sp ace.txt", "spaced\n");
    repo.stage("new.txt", "+++ b/not-a-header\ndiff --git a/x b/x\n@@ -1 +1 @@\n");
  });
}

describe("DiffParser on real git output", () => {
  it("reports every line of a new file as added, numbered from 1", () => {
    const patch = stagedPatch((repo) => repo.stage("src/app.py", "import os\n\nprint(1)\n"));
    assert.deepEqual(parse(patch), [
      { path: "src/app.py", lines: [added(1, "import os"), added(2, ""), added(3, "print(1)")] },
    ]);
  });

  it("numbers a modified file's added and context lines in the new version and skips removed lines", () => {
    const patch = stagedPatch((repo) => {
      repo.stage("f.txt", numbered(20));
      commitBase(repo);
      repo.stage("f.txt", numbered(20).replace("line 10\n", "inserted\nline 10 changed\n"));
    });
    assert.deepEqual(parse(patch), [
      {
        path: "f.txt",
        lines: [
          context(7, "line 7"),
          context(8, "line 8"),
          context(9, "line 9"),
          added(10, "inserted"),
          added(11, "line 10 changed"),
          context(12, "line 11"),
          context(13, "line 12"),
          context(14, "line 13"),
        ],
      },
    ]);
  });

  it("keeps one file open across several hunks", () => {
    const patch = stagedPatch((repo) => {
      repo.stage("f.txt", numbered(40));
      commitBase(repo);
      repo.stage("f.txt", numbered(40).replace("line 5\n", "five\n").replace("line 35\n", "thirty-five\n"));
    });
    const files = parse(patch);
    assert.equal(files.length, 1);
    assert.deepEqual(
      files[0]!.lines.filter((l) => l.added),
      [added(5, "five"), added(35, "thirty-five")],
    );
    assert.ok(files[0]!.lines.some((l) => l.line === 38 && l.text === "line 38" && !l.added));
  });

  it("ignores deleted files and removed lines", () => {
    const patch = stagedPatch((repo) => {
      repo.stage("gone.txt", "secret stuff\n");
      repo.stage("f.txt", "keep\ndrop me\nkeep too\n");
      commitBase(repo);
      repo.gitOk("rm", "-q", "gone.txt");
      repo.stage("f.txt", "keep\nkeep too\n");
    });
    const files = parse(patch);
    assert.deepEqual(files.map((f) => f.path), ["f.txt"]);
    assert.ok(files[0]!.lines.every((l) => !l.added && !l.text.includes("drop me") && !l.text.includes("secret")));
  });

  it("skips a pure rename and reports a renamed and edited file under its new path", () => {
    const pure = stagedPatch((repo) => {
      repo.stage("old-name.txt", numbered(10));
      commitBase(repo);
      repo.gitOk("mv", "old-name.txt", "new-name.txt");
    });
    assert.match(pure, /rename to new-name\.txt/);
    assert.deepEqual(parse(pure), []);

    const edited = stagedPatch((repo) => {
      repo.stage("old-name.txt", numbered(10));
      commitBase(repo);
      mkdirSync(join(repo.dir, "dir"));
      repo.gitOk("mv", "old-name.txt", "dir/new-name.txt");
      repo.stage("dir/new-name.txt", numbered(10).replace("line 9\n", "line nine\n"));
    });
    assert.match(edited, /rename from old-name\.txt/);
    const files = parse(edited);
    assert.deepEqual(files.map((f) => f.path), ["dir/new-name.txt"]);
    assert.deepEqual(files[0]!.lines.filter((l) => l.added), [added(9, "line nine")]);
  });

  it("does not treat `\\ No newline at end of file` as content", () => {
    const patch = stagedPatch((repo) => {
      repo.stage("f.txt", "a\nb\nlast");
      commitBase(repo);
      repo.stage("f.txt", "a\nb\nlast changed");
    });
    assert.match(patch, /^\\ No newline at end of file$/m);
    assert.deepEqual(parse(patch), [
      { path: "f.txt", lines: [context(1, "a"), context(2, "b"), added(3, "last changed")] },
    ]);
  });

  it("keeps line numbers of CRLF files and gives no sink a trailing \\r", () => {
    const patch = stagedPatch((repo) => {
      repo.stage("win.txt", "one\r\ntwo\r\nthree\r\n");
      commitBase(repo);
      repo.stage("win.txt", "one\r\ntwo\r\n\r\nthree changed\r\n");
    });
    assert.match(patch, /\r\n/);
    assert.deepEqual(parse(patch), [
      { path: "win.txt", lines: [context(1, "one"), context(2, "two"), added(3, ""), added(4, "three changed")] },
    ]);
  });

  it("unquotes C-quoted paths: newline, double quote, backslash and octal UTF-8", () => {
    const names = ["new\nline.txt", 'q"uote.txt', "back\\slash.txt", "café.txt", "tab\there.txt"];
    const patch = stagedPatch((repo) => {
      for (const name of names) repo.stage(name, `in ${name.length}\n`);
    });
    assert.ok(patch.includes('+++ "b/new\\nline.txt"'), "git quoted the newline");
    assert.ok(patch.includes('+++ "b/caf\\303\\251.txt"'), "git wrote é as octal bytes");
    assert.deepEqual(parse(patch).map((f) => f.path).sort(), [...names].sort());
  });

  it("drops the TAB git writes after a path with a space, quoted or not (core.quotepath=off)", () => {
    const patch = stagedPatch((repo) => {
      repo.stage("dir with space/file name.txt", "x\n");
      repo.stage("日本語 ファイル.txt", "y\n");
    });
    assert.ok(patch.includes("+++ b/dir with space/file name.txt\t"), "git adds a TAB after a path with a space");
    assert.deepEqual(parse(patch).map((f) => f.path).sort(), ["dir with space/file name.txt", "日本語 ファイル.txt"]);

    const unquoted = stagedPatch((repo) => {
      repo.gitOk("config", "core.quotepath", "off");
      repo.stage("café 2.txt", "z\n");
    });
    assert.ok(unquoted.includes("+++ b/café 2.txt\t"));
    assert.deepEqual(parse(unquoted).map((f) => f.path), ["café 2.txt"]);
  });

  it("does not mistake content that looks like patch headers for headers", () => {
    const lookalikes = [
      "+++ b/not-a-file.txt",
      "--- a/not-a-file.txt",
      "diff --git a/x b/x",
      "@@ -1,2 +1,2 @@",
      "\\ No newline at end of file",
      "index 0000000..1111111 100644",
    ];
    const patch = stagedPatch((repo) => {
      repo.stage("a.txt", numbered(8));
      commitBase(repo);
      repo.stage("a.txt", numbered(8).replace("line 4\n", `${lookalikes.join("\n")}\n`));
      repo.stage("b.txt", `${lookalikes.join("\n")}\n`);
    });
    const files = parse(patch);
    assert.deepEqual(files.map((f) => f.path), ["a.txt", "b.txt"]);
    assert.deepEqual(
      files[0]!.lines.filter((l) => l.added),
      lookalikes.map((text, i) => added(4 + i, text)),
    );
    assert.deepEqual(files[0]!.lines.at(-1), context(4 + lookalikes.length + 2, "line 7"));
    assert.deepEqual(files[1]!.lines, lookalikes.map((text, i) => added(i + 1, text)));
  });

  it("passes binary-ish content shown with --text through, and keeps parsing after it", () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x01, 0x02, 0x5c, 0x0a, 0x2b, 0x2b, 0x2b, 0x20, 0x0a]);
    const patch = stagedPatch((repo) => {
      repo.stage("blob.bin", bytes);
      repo.stage("z-after.txt", "still seen\n");
    });
    const files = parse(patch);
    assert.deepEqual(files.map((f) => f.path), ["blob.bin", "z-after.txt"]);
    assert.deepEqual(files[0]!.lines.map((l) => l.line), [1, 2, 3]);
    assert.deepEqual(files[1]!.lines, [added(1, "still seen")]);
  });

  it("reports nothing for `Binary files … differ` (without --text)", () => {
    const patch = stagedPatch(
      (repo) => {
        repo.stage("blob.bin", Buffer.from([0, 1, 2, 0, 10]));
        repo.stage("z.txt", "text\n");
      },
      ["--no-text"],
    );
    assert.match(patch, /^Binary files /m);
    assert.deepEqual(parse(patch).map((f) => f.path), ["z.txt"]);
  });

  it("reports nothing for an empty diff", () => {
    assert.equal(stagedPatch(() => {}), "");
    assert.deepEqual(parse(""), []);
    assert.deepEqual(parse(["", "", ""]), []);
  });

  it("reports only lines new against every parent in a combined (--cc) merge diff", () => {
    const repo = TempRepo.create();
    try {
      repo.stage("f.txt", "one\ntwo\nthree\n");
      commitBase(repo);
      repo.gitOk("checkout", "-q", "-b", "side");
      repo.stage("f.txt", "one\ntwo from side\nthree\n");
      commitBase(repo, "side");
      repo.gitOk("checkout", "-q", "main");
      repo.stage("f.txt", "one\ntwo from main\nthree\n");
      commitBase(repo, "main");
      const merge = repo.git(["merge", "-q", "side"]);
      assert.notEqual(merge.status, 0, "the merge conflicts");
      repo.stage("f.txt", "one\ntwo from main\ntwo from side\nwritten by the merge\nthree\n");
      commitBase(repo, "merge");
      const patch = repo.gitOk("show", "--cc", "--format=", "--no-color", "--src-prefix=a/", "--dst-prefix=b/", "HEAD");
      assert.match(patch, /^@@@ /m);
      assert.match(patch, /^\+\+written by the merge$/m);
      assert.deepEqual(parse(patch), [
        {
          path: "f.txt",
          lines: [
            context(1, "one"),
            context(2, "two from main"),
            context(3, "two from side"),
            added(4, "written by the merge"),
            context(5, "three"),
          ],
        },
      ]);
    } finally {
      repo.remove();
    }
  });
});

describe("DiffParser on hand-written patches", () => {
  it("ends a combined hunk after trailing removal lines and moves on to the next file", () => {
    const patch = [
      "diff --cc a.txt",
      "index 1111111,2222222..3333333",
      "--- a/a.txt",
      "+++ b/a.txt",
      "@@@ -1,3 -1,3 +1,2 @@@",
      "  keep",
      "++new",
      "- only in first parent",
      " -only in second parent",
      "--in both parents",
      "diff --cc b.txt",
      "index 1111111,2222222..3333333",
      "--- a/b.txt",
      "+++ b/b.txt",
      "@@@ -1,1 -1,1 +1,2 @@@",
      " +from second parent",
      "+ from first parent",
      "",
    ].join("\n");
    assert.deepEqual(parse(patch), [
      { path: "a.txt", lines: [context(1, "keep"), added(2, "new")] },
      { path: "b.txt", lines: [context(1, "from second parent"), context(2, "from first parent")] },
    ]);
  });

  it("reads hunk headers without counts and treats an empty hunk line as context", () => {
    const patch = [
      "diff --git a/x.txt b/x.txt",
      "--- a/x.txt",
      "+++ b/x.txt",
      "@@ -1 +1 @@",
      "-old",
      "+new",
      "@@ -5,3 +5,3 @@",
      " five",
      "", // an empty context line whose space was stripped (mail, editors); git apply accepts it
      " seven",
    ].join("\n");
    assert.deepEqual(parse(patch), [
      { path: "x.txt", lines: [added(1, "new"), context(5, "five"), context(6, ""), context(7, "seven")] },
    ]);
  });

  it("handles a deleted file followed by an added one", () => {
    const patch = [
      "diff --git a/old.txt b/old.txt",
      "deleted file mode 100644",
      "--- a/old.txt",
      "+++ /dev/null",
      "@@ -1,2 +0,0 @@",
      "-one",
      "-two",
      "diff --git a/new.txt b/new.txt",
      "new file mode 100644",
      "--- /dev/null",
      "+++ b/new.txt",
      "@@ -0,0 +1 @@",
      "+hello",
    ].join("\n");
    assert.deepEqual(parse(patch), [{ path: "new.txt", lines: [added(1, "hello")] }]);
  });

});

describe("DiffParser chunk boundaries", () => {
  it("gives the same result whatever the chunking: every split point, one character at a time, odd sizes", () => {
    const patch = richPatch();
    const whole = parse(patch);
    assert.deepEqual(whole.map((f) => f.path).sort(), [
      "crlf.txt",
      "modified.txt",
      "new.txt",
      "no-eol.txt",
      "renamed-new.txt",
      "sp ace.txt",
    ]);
    for (let at = 0; at <= patch.length; at++) {
      assert.deepEqual(parse([patch.slice(0, at), patch.slice(at)]), whole, `split at ${at}`);
    }
    assert.deepEqual(parse(chunked(patch, [1])), whole, "one character at a time");
    assert.deepEqual(parse(chunked(patch, [3, 1, 7, 2, 64, 5])), whole, "odd sizes");
  });

  it("splits between \\r and \\n without leaking the \\r", () => {
    const patch = "diff --git a/w.txt b/w.txt\n--- /dev/null\n+++ b/w.txt\n@@ -0,0 +1,2 @@\n+one\r\n+two\r\n";
    const cut = patch.indexOf("\r") + 1;
    assert.deepEqual(parse([patch.slice(0, cut), patch.slice(cut)]), [
      { path: "w.txt", lines: [added(1, "one"), added(2, "two")] },
    ]);
  });
});

/**
 * Hunks as git prints them, with long runs of added lines for a sink to pass over: a new file; a
 * modified one whose hunks end in added lines (its old side done first), the last one with no line
 * feed at its end; lines with CRLF, non-ASCII bytes, and empty ones.
 */
function hunkyPatch(seed: number): Buffer {
  const { random, chars } = seeded(seed);
  const text = () => {
    const kind = random(10);
    if (kind === 0) return "";
    if (kind === 1) return `${chars(random(60), "abcdef ")}\r`;
    if (kind === 2) return `café ${chars(random(30), "xyz")}`;
    return chars(random(kind * 20), "abcdefghijklmnopqrstuvwxyz =()._");
  };
  const added = (n: number) => Array.from({ length: n }, () => `+${text()}\n`).join("");
  const parts = [`diff --git a/new.py b/new.py\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,3000 @@\n${added(3000)}`];
  parts.push("diff --git a/old.py b/old.py\nindex 1111111..2222222 100644\n--- a/old.py\n+++ b/old.py\n");
  let line = 1;
  for (let hunk = 0; hunk < 12; hunk++) {
    const adds = 1 + random(hunk % 2 ? 400 : 40);
    const last = hunk === 11;
    parts.push(`@@ -${line},4 +${line},${3 + adds} @@\n ${text()}\n-${text()}\n ${text()}\n ${text()}\n${added(adds)}`);
    if (last) parts.push("\\ No newline at end of file\n");
    line += 3 + adds + 10;
  }
  parts.push(`diff --git a/z.txt b/z.txt\nindex 1111111..2222222 100644\n--- a/z.txt\n+++ b/z.txt\n@@ -1 +1,500 @@\n-gone\n${added(500)}`);
  return Buffer.from(parts.join(""), "utf8");
}

/**
 * Every call the parser makes to a sink that wants some lines and not the runs after them, its
 * answers a function of where it is asked (so both parsers are asked the same), read as Latin-1 in
 * chunks of these sizes; with its line feeds counted or not.
 */
function sinkCalls(patch: Buffer, sizes: number[], counted: boolean): { calls: string[]; counts: number } {
  const calls: string[] = [];
  const counter = lineFeedCounter()!;
  let counts = 0;
  const sink: DiffSink = {
    beginFile: (path) => void calls.push(`begin ${path}`),
    line: (line, text, added, start, end) => void calls.push(`line ${line} ${JSON.stringify(text)} ${added} ${start} ${end}`),
    skip: (lines, length, nextLine, nextStart) => void calls.push(`skip ${lines} ${length} ${nextLine} ${nextStart}`),
    endFile: () => void calls.push("end"),
    quietUntil(line, start, end) {
      calls.push(`ask ${line} ${start} ${end}`);
      const kind = (start * 2654435761) >>> 29; // 0-7
      return kind === 0 ? start : kind === 1 ? Infinity : end + 1 + ((start * 40503) % 5000);
    },
  };
  const parser = new DiffParser(sink, true, counted ? (bytes, from, to) => (counts++, counter(bytes, from, to)) : undefined);
  for (let at = 0, i = 0; at < patch.length; i++) {
    const chunk = patch.subarray(at, at + sizes[i % sizes.length]!);
    parser.push(chunk.toString("latin1"), false, chunk);
    at += chunk.length;
  }
  parser.end();
  assert.equal(parser.endedEarly, false);
  return { calls, counts };
}

describe("DiffParser passing over runs of lines nobody wants", () => {
  it("counted by their line feeds at once, tells its sink what it does one line at a time, in any chunks", () => {
    for (const seed of [1, 2, 3]) {
      const patch = hunkyPatch(seed);
      for (const sizes of [[65_536], [4093], [997, 13, 30_011], [300]]) {
        const oneByOne = sinkCalls(patch, sizes, false);
        const counted = sinkCalls(patch, sizes, true);
        assert.ok(counted.counts > 0, `seed ${seed}, chunks ${sizes}: no run was counted`);
        assert.deepEqual(counted.calls, oneByOne.calls, `seed ${seed}, chunks ${sizes}`);
      }
    }
  });
});
