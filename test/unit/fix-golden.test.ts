/**
 * `pinekey-hook fix`, one rewrite per language and file kind, against golden files
 * (test/fixtures/fix/<case>/before → after, or refused.txt). The fake key is generated here and put
 * where the files say {{KEY}}; the rewritten file is then checked by the language's own tool where
 * this machine has it (Python's ast, node --check, the TypeScript compiler in strict mode, gofmt,
 * javac, ruby -c, a YAML loader), and skipped with the reason where it does not.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { after, describe, it } from "node:test";
import ts from "typescript";
import { DEFAULT_NAME, treatmentOf } from "../../dist/cli/fix/rewrite.js";
import { pythonTokenizer } from "../../dist/cli/fix/python-tokens.js";
import type { KeyInFile } from "../../dist/cli/fix/types.js";
import { fakeKey } from "../helpers/keys.js";
import { assertNoKeyIn } from "../helpers/leaks.js";
import { PROJECT_ROOT } from "../helpers/repo.js";

const CASES = join(PROJECT_ROOT, "test", "fixtures", "fix");
const TOKEN = "{{KEY}}";

function has(command: string, ...args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}
const PYTHON = has("python3", "--version");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every {{KEY}} replaced by the key, and where each one starts (1-based line and column). */
function substitute(template: string, key: string): { text: string; keys: KeyInFile[] } {
  const keys: KeyInFile[] = [];
  const lines = template.split("\n").map((line, index) => {
    let out = "";
    let rest = line;
    for (let at = rest.indexOf(TOKEN); at !== -1; at = rest.indexOf(TOKEN)) {
      out += rest.slice(0, at);
      keys.push({ line: index + 1, column: out.length + 1, key, name: DEFAULT_NAME });
      out += key;
      rest = rest.slice(at + TOKEN.length);
    }
    return out + rest;
  });
  return { text: lines.join("\n"), keys };
}

const work = mkdtempSync(join(tmpdir(), "pinekey-fix-golden-"));
after(() => rmSync(work, { recursive: true, force: true }));

interface Outcome {
  name: string;
  path: string;
  text: string;
}
const rewritten: Outcome[] = [];

describe("fix: golden files", () => {
  for (const name of readdirSync(CASES).filter((entry) => statSync(join(CASES, entry)).isDirectory()).sort()) {
    const before = filesUnder(join(CASES, name, "before"));
    assert.equal(before.length, 1, `${name}: one file under before/`);
    const path = relative(join(CASES, name, "before"), before[0]!).split("\\").join("/");
    const needsPython = /\.(?:py|ipynb)$/.test(path);
    it(`${name}: ${path}`, { skip: needsPython && !PYTHON && "python3 is not installed (fix refuses Python without it)" }, async () => {
      const key = fakeKey();
      const { text, keys } = substitute(readFileSync(before[0]!, "utf8"), key);
      const treatment = treatmentOf(path);
      assert.equal(treatment.kind, "rewrite", `${path} is a kind fix rewrites`);
      if (treatment.kind !== "rewrite") return;
      const result = await treatment.run({ path, text, keys }, pythonTokenizer(), false);
      const refusedFile = join(CASES, name, "refused.txt");
      if (existsSync(refusedFile)) {
        assert.equal(result.ok, false, `${name} must be refused`);
        if (!result.ok) {
          assert.ok(result.reason.includes(readFileSync(refusedFile, "utf8").trim()), `reason: ${result.reason}`);
          assertNoKeyIn(result.reason, [key], "the reason");
        }
        return;
      }
      assert.equal(result.ok, true, result.ok ? "" : result.reason);
      if (!result.ok) return;
      const expected = substitute(readFileSync(join(CASES, name, "after", path), "utf8"), key).text;
      assert.equal(result.text, expected);
      assertNoKeyIn(result.text, [key], "the rewritten file");
      rewritten.push({ name, path, text: result.text });
    });
  }
});

/** Write each rewritten file of a kind into its own directory; return their paths. */
function written(extension: RegExp): string[] {
  return rewritten
    .filter((outcome) => extension.test(outcome.path))
    .map((outcome) => {
      const file = join(work, outcome.name, basename(outcome.path));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, outcome.text);
      return file;
    });
}

describe("fix: the rewritten code passes the language's own tools", () => {
  it("Python: ast.parse", { skip: !PYTHON && "python3 is not installed" }, () => {
    const files = written(/\.py$/);
    assert.ok(files.length >= 3);
    for (const file of files) {
      const run = spawnSync("python3", ["-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", file], { encoding: "utf8" });
      assert.equal(run.status, 0, `${file}: ${run.stderr}`);
    }
  });

  it("notebooks: valid nbformat 4 JSON, code cells parse (magics aside)", { skip: !PYTHON && "python3 is not installed" }, () => {
    const files = written(/\.ipynb$/);
    assert.ok(files.length >= 1);
    for (const file of files) {
      const notebook = JSON.parse(readFileSync(file, "utf8")) as { nbformat: number; cells: Array<Record<string, unknown>> };
      assert.equal(notebook.nbformat, 4);
      for (const cell of notebook.cells) {
        assert.ok(Array.isArray(cell.source) && "metadata" in cell, "source and metadata in every cell");
        if (cell.cell_type !== "code") continue;
        assert.ok(Array.isArray(cell.outputs) && "execution_count" in cell, "outputs and execution_count in a code cell");
        const source = (cell.source as string[]).join("").replace(/^([ \t]*)[%!]/gm, "$1#");
        const run = spawnSync("python3", ["-c", "import ast,sys; ast.parse(sys.stdin.read())"], { input: source, encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
      }
    }
  });

  it("JavaScript: node --check", () => {
    const files = written(/\.(?:mjs|cjs|js)$/);
    assert.ok(files.length >= 1);
    for (const file of files) {
      const run = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
      assert.equal(run.status, 0, `${file}: ${run.stderr}`);
    }
  });

  it("TypeScript: the compiler in strict mode, with Node's types", () => {
    const files = written(/\.tsx?$/);
    assert.ok(files.length >= 1);
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ["node"],
      typeRoots: [join(PROJECT_ROOT, "node_modules", "@types")],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    assert.deepEqual(diagnostics, []);
  });

  it("Go: gofmt -l lists none of them", { skip: !has("gofmt", "-h") && "gofmt is not installed" }, () => {
    const files = written(/\.go$/);
    const run = spawnSync("gofmt", ["-l", "-e", ...files], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "");
  });

  it("Java: javac", { skip: !has("javac", "-version") && "javac is not installed" }, () => {
    const files = written(/\.java$/);
    assert.ok(files.length >= 1);
    const run = spawnSync("javac", ["-d", join(work, "classes"), ...files], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
  });

  it("Ruby: ruby -c", { skip: !has("ruby", "--version") && "ruby is not installed" }, () => {
    for (const file of written(/\.rb$/)) {
      const run = spawnSync("ruby", ["-c", file], { encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
    }
  });

  it("C#: compiles", { skip: "no C# compiler on this machine (dotnet, csc and mcs are absent); the golden file is the check" }, () => {});

  const yamlLoader = PYTHON && spawnSync("python3", ["-c", "import yaml"]).status === 0;
  it("YAML: loads with a YAML parser", { skip: !yamlLoader && "no YAML loader (python3 with PyYAML) on this machine" }, () => {
    const files = written(/\.ya?ml$/);
    assert.ok(files.length >= 3);
    for (const file of files) {
      const run = spawnSync("python3", ["-c", "import yaml,sys; yaml.safe_load(open(sys.argv[1]))", file], { encoding: "utf8" });
      assert.equal(run.status, 0, `${file}: ${run.stderr}`);
    }
  });
});
