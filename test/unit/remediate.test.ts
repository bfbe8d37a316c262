/**
 * `pinekey-hook remediate`: every language × method snippet, the listing, the defaults, bad values,
 * the flags for a file, and the snippets themselves: parsed by each language's own tools where this
 * machine has them, and run against local fakes (no network but the loopback).
 */
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import ts from "typescript";
import { remediateCommand } from "../../dist/cli/commands/remediate.js";
import {
  REMEDIATE_LANGUAGES,
  REMEDIATE_METHODS,
  ROTATION_HEADING,
  ROTATION_STEPS,
  SECRET_NAME,
  VAULT_PATH,
  remediateFlagsFor,
  snippetCode,
  type RemediateLanguage,
  type RemediateMethod,
} from "../../dist/cli/remediation.js";
import { Detector, PinekeyError } from "../../dist/core/index.js";
import { fakeKey, randomString } from "../helpers/keys.js";
import { CLI, PROJECT_ROOT } from "../helpers/repo.js";
import {
  FAKE_INDEX,
  JAVA_STUB_FILES,
  TYPESCRIPT_PACKAGE_DECLARATIONS,
  snippetEnv,
  startMockSecretServer,
  writeFakeCommands,
  writeFakeNodeModules,
  writeFakePythonModules,
  writeJavaStubs,
  type FakeSecrets,
  type MockSecretServer,
} from "../helpers/snippet-fakes.js";

const execFileAsync = promisify(execFile);

const COMBINATIONS: Array<[RemediateLanguage, RemediateMethod]> = REMEDIATE_LANGUAGES.flatMap((language) =>
  REMEDIATE_METHODS.map((method): [RemediateLanguage, RemediateMethod] => [language, method]),
);

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const plain = (text: string | undefined): string => (text ?? "").replace(ANSI, "");

function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
  });
  if (run.error) throw run.error;
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** What each method's snippet must name: where the key comes from. */
const SOURCE_OF: Record<RemediateMethod, string> = {
  env: "PINECONE_API_KEY",
  aws: SECRET_NAME,
  vault: VAULT_PATH,
  conjur: SECRET_NAME,
};

/** How each language's snippet reaches Pinecone. */
const CLIENT_OF: Record<RemediateLanguage, string> = {
  python: "Pinecone(api_key=api_key)",
  js: "new Pinecone({ apiKey })",
  ts: "new Pinecone({ apiKey",
  go: "pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})",
  java: "new Pinecone.Builder(apiKey).build()",
  csharp: "new PineconeClient(apiKey)",
  ruby: 'request["Api-Key"] = api_key',
  shell: "Api-Key: %s",
};

function assertChecklistAfter(output: string, snippet: string): void {
  const snippetAt = output.indexOf(snippet);
  assert.ok(snippetAt >= 0, "the snippet is printed verbatim");
  const headingAt = output.indexOf(ROTATION_HEADING);
  assert.ok(headingAt > snippetAt + snippet.length - 1, "the rotation checklist follows the snippet");
  let at = headingAt;
  ROTATION_STEPS.forEach((step, i) => {
    const first = `${i + 1}. ${step.split(/\s+/).slice(0, 4).join(" ")}`;
    const found = output.indexOf(first, at);
    assert.ok(found > at, `rotation step ${i + 1} is there, in order`);
    at = found;
  });
}

describe("pinekey-hook remediate: every language and method", () => {
  for (const [language, method] of COMBINATIONS) {
    it(`--lang ${language} --via ${method}`, () => {
      const code = snippetCode(language, method);
      const result = remediateCommand({ lang: language, via: method });
      assert.equal(result.exitCode, 0);
      assert.equal(result.stdout, code.replace(/^\n+/, ""), "stdout is the program alone");
      const output = plain(result.stdout + (result.stderr ?? ""));
      assert.ok(code.trim().length > 0);
      assert.ok(code.includes(SOURCE_OF[method]), `the snippet names ${SOURCE_OF[method]}`);
      assert.ok(code.includes(CLIENT_OF[language]), `the snippet reaches Pinecone with ${CLIENT_OF[language]}`);
      assertChecklistAfter(output, code.trimEnd());

      // One comment line says where the secret lives; names other than the variable are examples.
      const where = code.split("\n").filter((line) => /The key lives in/.test(line));
      assert.equal(where.length, 1, "one line says where the key lives");
      if (method !== "env") assert.match(where[0]!, /example/);
      assert.doesNotMatch(output, /\[object Object\]/);
    });
  }

  it("the CLI prints the same text and exits 0", () => {
    for (const [language, method] of [["python", "env"], ["ts", "vault"], ["shell", "conjur"]] as const) {
      const run = cli("remediate", "--lang", language, "--via", method);
      assert.equal(run.status, 0, run.stderr);
      const result = remediateCommand({ lang: language, via: method });
      assert.equal(run.stdout, result.stdout, "the program alone, on stdout");
      assert.equal(run.stderr, plain(result.stderr ?? ""), "the prose, on stderr");
    }
    const equals = cli("remediate", "--lang=go", "--via=aws");
    assert.equal(equals.status, 0, equals.stderr);
    assert.ok(equals.stdout.includes(snippetCode("go", "aws")));
  });

  it("never prints anything key-shaped", () => {
    const outputs = [
      ...COMBINATIONS.map(([language, method]) => {
        const result = remediateCommand({ lang: language, via: method });
        return plain(result.stdout + (result.stderr ?? ""));
      }),
      plain(remediateCommand({}).stdout),
    ];
    for (const output of outputs) {
      assert.doesNotMatch(output, /pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{8,}/);
      assert.doesNotMatch(output, /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i);
      // and the hook itself would let every line through, in any file type
      for (const file of ["snippet.py", "snippet.ts", ".env", "snippet.sh"]) {
        const detector = new Detector();
        detector.beginFile(file);
        output.split("\n").forEach((line, i) => detector.addLine(i + 1, line, true));
        assert.deepEqual(detector.endFile(), []);
      }
    }
  });
});

describe("pinekey-hook remediate: choices, defaults and bad values", () => {
  it("with no flags lists the languages, the methods and an example, and exits 0", () => {
    const run = cli("remediate");
    assert.equal(run.status, 0, run.stderr);
    for (const language of REMEDIATE_LANGUAGES) assert.match(run.stdout, new RegExp(`^  ${language} `, "m"));
    for (const method of REMEDIATE_METHODS) assert.match(run.stdout, new RegExp(`^  ${method} `, "m"));
    assert.match(run.stdout, /pinekey-hook remediate --lang python --via env/);
    assert.ok(!run.stdout.includes(ROTATION_HEADING), "the listing is only the choices");
  });

  it("--lang alone takes the first recommendation, the environment variable", () => {
    const run = cli("remediate", "--lang", "python");
    assert.equal(run.status, 0, run.stderr);
    assertChecklistAfter(run.stdout + run.stderr, snippetCode("python", "env").trim());
    assert.match(run.stderr, /Other ways:\n {2}pinekey-hook remediate --lang python --via aws\|vault\|conjur\n/);
  });

  it("--via alone shows the shell, with that method's CLI", () => {
    const run = cli("remediate", "--via", "vault");
    assert.equal(run.status, 0, run.stderr);
    assertChecklistAfter(run.stdout + run.stderr, snippetCode("shell", "vault").trim());
    assert.match(run.stdout, /vault kv get -field=api_key secret\/pinecone/);
    assert.match(run.stderr, /For code:\n {2}pinekey-hook remediate --via vault --lang python\|js\|ts\|go\|java\|csharp\|ruby\n/);
  });

  it("takes other cases and the usual spellings", () => {
    assert.equal(remediateCommand({ lang: "JavaScript", via: "ENV" }).stdout, remediateCommand({ lang: "js", via: "env" }).stdout);
    assert.equal(remediateCommand({ lang: "C#", via: "vault" }).stdout, remediateCommand({ lang: "csharp", via: "vault" }).stdout);
    assert.equal(remediateCommand({ lang: "bash", via: "aws" }).stdout, remediateCommand({ lang: "shell", via: "aws" }).stdout);
  });

  it("an unknown --lang exits 2 naming the allowed values", () => {
    const run = cli("remediate", "--lang", "cobol", "--via", "env");
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /unknown language "cobol" for --lang \(use python, js, ts, go, java, csharp, ruby or shell\)/);
    assert.match(run.stderr, /Run "pinekey-hook remediate" to see the choices/);
  });

  it("an unknown --via exits 2 naming the allowed values", () => {
    const run = cli("remediate", "--via", "keychain");
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown method "keychain" for --via \(use env, aws, vault or conjur\)/);
  });

  it("an empty value, a missing value, an argument or the flags on another command exit 2", () => {
    for (const args of [
      ["remediate", "--lang="],
      ["remediate", "--via", ""],
      ["remediate", "--lang"],
      ["remediate", "python"],
      ["scan", "--lang", "python"],
      ["pre-commit", "--via", "env"],
    ]) {
      const run = cli(...args);
      assert.equal(run.status, 2, `${args.join(" ")}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, /pinekey-hook: error:/);
    }
  });

  it("throws BAD_ARGUMENTS from the command itself", () => {
    assert.throws(
      () => remediateCommand({ lang: "python", via: "s3" }),
      (error: unknown) => error instanceof PinekeyError && error.code === "BAD_ARGUMENTS",
    );
  });

  it("is in the help, and has its own", () => {
    assert.match(cli("--help").stdout, /^ {2}remediate +Print code that reads the key safely/m);
    const run = cli("remediate", "--help");
    assert.equal(run.status, 0);
    assert.match(run.stdout, /remediate \[--lang <language>\] \[--via <method>\]/);
    assert.match(run.stdout, /--lang <language> +python, js, ts, go, java, csharp, ruby or shell/);
    assert.match(run.stdout, /--via <method> +env \(default\), aws, vault or conjur/);
  });
});

describe("remediateFlagsFor", () => {
  const cases: Array<[string, RemediateLanguage | undefined]> = [
    ["app.py", "python"],
    ["src/pipeline/ingest.pyi", "python"],
    ["notebooks/Explore.ipynb", "python"],
    ["web/server.js", "js"],
    ["web/server.mjs", "js"],
    ["web/App.jsx", "js"],
    ["src/client.ts", "ts"],
    ["src/App.tsx", "ts"],
    ["cmd/main.go", "go"],
    ["src/main/java/App.java", "java"],
    ["app/build.gradle.kts", "java"],
    ["Service/Program.cs", "csharp"],
    ["Legacy/Module1.vb", "csharp"],
    ["lib/search.rb", "ruby"],
    ["scripts/deploy.sh", "shell"],
    // Not programs: their fix is in the report; a shell program would be the wrong advice.
    [".env", undefined],
    ["config/.env.production", undefined],
    ["docker-compose.yml", undefined],
    ["k8s/secret.yaml", undefined],
    ["settings.json", undefined],
    ["README.md", undefined],
    ["Dockerfile", undefined],
    ["notes", undefined],
  ];
  for (const [path, language] of cases) {
    it(`${path} → ${language ? `--lang ${language}` : "no program"}`, () => {
      assert.equal(remediateFlagsFor(path), language ? `--lang ${language} --via env` : undefined);
    });
  }

  it("gives flags the command takes", () => {
    for (const [path] of cases) {
      const flags = remediateFlagsFor(path);
      if (flags === undefined) continue;
      const [, lang, , via] = flags.split(" ");
      assert.equal(remediateCommand({ lang, via }).exitCode, 0);
    }
  });
});

describe("the hooks never load remediation.js", () => {
  /**
   * Every source module reachable by static imports (not `import()`, not `import type`) from a module
   * of src/. Sources, not dist/: dist/cli.cjs is a bundle (scripts/bundle.mjs), in which a module
   * loaded with `import()` stays lazy (checked below).
   */
  function staticImports(entry: string, seen = new Set<string>()): Set<string> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    const source = readFileSync(entry, "utf8");
    for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+"(\.[^"]+)"|^\s*import\s+"(\.[^"]+)"/gm)) {
      staticImports(join(dirname(entry), (match[1] ?? match[2]!).replace(/\.js$/, ".ts")), seen);
    }
    return seen;
  }

  it("bin, messages and the hook commands reach it by no static import", () => {
    const src = join(PROJECT_ROOT, "src");
    for (const entry of ["bin.ts", "cli/messages.ts", "cli/commands/pre-commit.ts", "cli/commands/pre-push.ts"]) {
      const reached = [...staticImports(join(src, entry))];
      assert.ok(reached.length > 1 || entry === "cli/messages.ts", `${entry} was followed`);
      assert.ok(!reached.some((path) => path.endsWith("remediation.ts")), `${entry} loads remediation.ts`);
      assert.ok(!reached.some((path) => path.endsWith("remediate.ts")), `${entry} loads the remediate command`);
    }
    assert.ok(staticImports(join(src, "cli/commands/remediate.ts")).has(join(src, "cli/remediation.ts")));
  });

  it("the bundled CLI keeps remediation.js behind its lazy initialiser", () => {
    // esbuild turns a module reached only through import() into `var init_x = __esm({...})`, run on
    // first use; a module reached statically would be initialised at the top of the bundle.
    const bundle = readFileSync(join(PROJECT_ROOT, "dist", "cli.cjs"), "utf8");
    assert.match(bundle, /^var init_remediation = __esm\(/m);
    const topLevelInit = bundle.split("\n").filter((line) => /^init_remediation\(\);/.test(line));
    assert.deepEqual(topLevelInit, [], "remediation.js is initialised when the bin starts");
  });
});

// ---------------------------------------------------------------------------------------------
// The snippets parse

/**
 * The library stubs and every Java snippet under `javaDir`. Each snippet is a class Main: each gets
 * its own package so one javac run compiles them all. Returns the snippets' files.
 */
function writeJavaSnippets(javaDir: string): string[] {
  writeJavaStubs(javaDir);
  return REMEDIATE_METHODS.map((method) => {
    const file = join(javaDir, "snippet", method, "Main.java");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `package snippet.${method};\n${snippetCode("java", method)}`);
    return file;
  });
}

function has(command: string, ...args: string[]): boolean {
  const run = spawnSync(command, args, { stdio: "ignore" });
  return !run.error;
}

/**
 * Brackets balance outside strings and comments: a cheap check for the languages this machine may
 * have no parser for. Knows "..." and '...' strings with backslash escapes, Go's `raw` strings and
 * //, /* *\/ and # comments (per language).
 */
function assertBalanced(code: string, lineComment: "//" | "#"): void {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (code.startsWith(lineComment, i)) {
      i = code.indexOf("\n", i);
      if (i < 0) break;
      continue;
    }
    if (lineComment === "//" && code.startsWith("/*", i)) {
      i = code.indexOf("*/", i) + 2;
      assert.ok(i > 1, "an unclosed block comment");
      continue;
    }
    if (c === '"' || c === "'" || (c === "`" && lineComment === "//")) {
      let j = i + 1;
      while (j < code.length && code[j] !== c) {
        if (code[j] === "\\" && c !== "`") j++;
        assert.ok(code[j] !== "\n" || c === "`", `a string left open on line ${code.slice(0, i).split("\n").length}`);
        j++;
      }
      assert.ok(j < code.length, "an unclosed string");
      i = j + 1;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") stack.push(c);
    if (c === ")" || c === "]" || c === "}") {
      assert.equal(stack.pop(), pairs[c], `unbalanced ${c} on line ${code.slice(0, i).split("\n").length}`);
    }
    i++;
  }
  assert.deepEqual(stack, [], "unclosed brackets");
}

describe("the snippets parse", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "pinekey-snippets-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("Python: ast.parse", { skip: !has("python3", "--version") && "python3 is not installed" }, () => {
    for (const method of REMEDIATE_METHODS) {
      const run = spawnSync("python3", ["-c", "import ast,sys; ast.parse(sys.stdin.read())"], {
        input: snippetCode("python", method),
        encoding: "utf8",
      });
      assert.equal(run.status, 0, `python ${method}: ${run.stderr}`);
    }
  });

  it("JavaScript: node --check", () => {
    for (const method of REMEDIATE_METHODS) {
      const file = join(dir, `js-${method}.mjs`);
      writeFileSync(file, snippetCode("js", method));
      const run = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
      assert.equal(run.status, 0, `js ${method}: ${run.stderr}`);
    }
  });

  it("TypeScript: no syntactic diagnostics", () => {
    for (const method of REMEDIATE_METHODS) {
      const result = ts.transpileModule(snippetCode("ts", method), {
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      const messages = (result.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      assert.deepEqual(messages, [], `ts ${method}`);
    }
  });

  it("TypeScript: type-checks in strict mode against the packages' types", () => {
    const tsDir = join(dir, "typecheck");
    mkdirSync(tsDir);
    writeFileSync(join(tsDir, "packages.d.ts"), TYPESCRIPT_PACKAGE_DECLARATIONS);
    const files = REMEDIATE_METHODS.map((method) => {
      const file = join(tsDir, `${method}.mts`);
      writeFileSync(file, snippetCode("ts", method));
      return file;
    });
    const program = ts.createProgram([join(tsDir, "packages.d.ts"), ...files], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2023.d.ts"],
      types: ["node"],
      typeRoots: [join(PROJECT_ROOT, "node_modules", "@types")],
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.slice(tsDir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    assert.deepEqual(diagnostics, []);
  });

  it("shell: sh -n", () => {
    for (const method of REMEDIATE_METHODS) {
      const run = spawnSync("sh", ["-n"], { input: snippetCode("shell", method), encoding: "utf8" });
      assert.equal(run.status, 0, `shell ${method}: ${run.stderr}`);
    }
  });

  it("Java: javac against stubs of the libraries", { skip: !has("javac", "-version") && "javac is not installed" }, () => {
    const javaDir = join(dir, "java");
    const sources = writeJavaSnippets(javaDir);
    const run = spawnSync("javac", ["-Xlint:all", "-Werror", "-d", join(javaDir, "classes"), ...JAVA_STUB_FILES.map((f) => join(javaDir, f)), ...sources], {
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  it("Go, C# and Ruby: brackets and strings balance", () => {
    for (const method of REMEDIATE_METHODS) {
      assertBalanced(snippetCode("go", method), "//");
      assertBalanced(snippetCode("csharp", method), "//");
      assertBalanced(snippetCode("ruby", method), "#");
    }
  });

  it("Go: gofmt accepts it", { skip: !has("gofmt", "-h") && "gofmt is not installed" }, () => {
    for (const method of REMEDIATE_METHODS) {
      const run = spawnSync("gofmt", ["-e"], { input: snippetCode("go", method), encoding: "utf8" });
      assert.equal(run.status, 0, `go ${method}: ${run.stderr}`);
    }
  });

  it("Ruby: ruby -c accepts it", { skip: !has("ruby", "--version") && "ruby is not installed" }, () => {
    for (const method of REMEDIATE_METHODS) {
      const run = spawnSync("ruby", ["-c"], { input: snippetCode("ruby", method), encoding: "utf8" });
      assert.equal(run.status, 0, `ruby ${method}: ${run.stderr}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The snippets run: each one, against local fakes, must hand the key to the Pinecone client

describe("the snippets run against local fakes", () => {
  let dir: string;
  let server: MockSecretServer;
  let secrets: FakeSecrets;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "pinekey-snippet-run-"));
    secrets = {
      apiKey: fakeKey(),
      vaultToken: `hvs.${randomString(24)}`,
      conjurApiKey: randomString(40),
      conjurToken: JSON.stringify({ protected: randomString(12), payload: randomString(30), signature: randomString(20) }),
    };
    server = await startMockSecretServer(secrets);
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
    try {
      const { stdout, stderr } = await execFileAsync(command, args, { env, cwd, encoding: "utf8", timeout: 30_000 });
      return { status: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { status: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
  }

  function assertHandedOver(what: string, result: { status: number; stdout: string; stderr: string }): void {
    const detail = `${what}: exit ${result.status}\n${result.stdout}\n${result.stderr}\nserver rejected: ${server.rejected.join(", ")}`;
    assert.equal(result.status, 0, detail);
    assert.ok(result.stderr.includes(`pinecone-fake apiKey=${secrets.apiKey}\n`), detail);
    assert.ok(result.stdout.includes(FAKE_INDEX), detail);
  }

  it("JavaScript and TypeScript (transpiled), with fake packages", async () => {
    const jsDir = join(dir, "js");
    writeFakeNodeModules(jsDir);
    for (const method of REMEDIATE_METHODS) {
      const extra = method === "env" ? { PINECONE_API_KEY: secrets.apiKey } : {};
      const jsFile = join(jsDir, `${method}.mjs`);
      writeFileSync(jsFile, snippetCode("js", method));
      assertHandedOver(`js ${method}`, await run(process.execPath, [jsFile], snippetEnv(secrets, server.url, extra), jsDir));

      const tsFile = join(jsDir, `${method}-ts.mjs`);
      const { outputText } = ts.transpileModule(snippetCode("ts", method), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(tsFile, outputText);
      assertHandedOver(`ts ${method}`, await run(process.execPath, [tsFile], snippetEnv(secrets, server.url, extra), jsDir));
    }
  });

  it("Python, with fake modules", { skip: !has("python3", "--version") && "python3 is not installed" }, async () => {
    const pyDir = join(dir, "py");
    writeFakePythonModules(join(pyDir, "fakes"));
    for (const method of REMEDIATE_METHODS) {
      const file = join(pyDir, `${method}.py`);
      writeFileSync(file, snippetCode("python", method));
      const env = snippetEnv(secrets, server.url, {
        PYTHONPATH: join(pyDir, "fakes"),
        PYTHONDONTWRITEBYTECODE: "1",
        ...(method === "env" ? { PINECONE_API_KEY: secrets.apiKey } : {}),
      });
      assertHandedOver(`python ${method}`, await run("python3", [file], env, pyDir));
    }
  });

  it("shell, with fake curl, aws, vault and conjur; the key never in curl's arguments", async () => {
    const binDir = join(dir, "bin");
    writeFakeCommands(binDir);
    for (const method of REMEDIATE_METHODS) {
      const file = join(dir, `${method}.sh`);
      writeFileSync(file, snippetCode("shell", method));
      const env = snippetEnv(secrets, server.url, {
        PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}`,
        ...(method === "env" ? { PINECONE_API_KEY: secrets.apiKey } : {}),
      });
      const result = await run("sh", [file], env, dir);
      const detail = `shell ${method}: exit ${result.status}\n${result.stdout}\n${result.stderr}`;
      assert.equal(result.status, 0, detail);
      assert.ok(result.stderr.includes(`curl-fake stdin=Api-Key: ${secrets.apiKey}\n`), detail);
      const args = /curl-fake args=(.*)/.exec(result.stderr)?.[1] ?? "";
      assert.match(args, /--header X-Pinecone-Api-Version: 2025-10/);
      assert.match(args, /https:\/\/api\.pinecone\.io\/indexes/);
      assert.ok(!args.includes(secrets.apiKey), "the key is not on curl's command line");
      assert.ok(result.stdout.includes(FAKE_INDEX), detail);
    }
    const unset = await run("sh", [join(dir, "env.sh")], snippetEnv(secrets, server.url, { PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}` }), dir);
    assert.notEqual(unset.status, 0, "the env snippet stops when PINECONE_API_KEY is unset");
    assert.match(unset.stderr, /PINECONE_API_KEY/);
  });

  it("Java, with stubs of the libraries (Conjur through the real java.net.http)", { skip: !(has("javac", "-version") && has("java", "-version")) && "no JDK" }, async () => {
    const javaDir = join(dir, "java");
    const sources = writeJavaSnippets(javaDir);
    const classes = join(javaDir, "classes");
    const compiled = spawnSync("javac", ["-d", classes, ...JAVA_STUB_FILES.map((f) => join(javaDir, f)), ...sources], { encoding: "utf8" });
    assert.equal(compiled.status, 0, compiled.stdout + compiled.stderr);
    assert.ok(existsSync(join(classes, "snippet", "env", "Main.class")));
    const results = await Promise.all(
      REMEDIATE_METHODS.map((method) =>
        run("java", ["-cp", classes, `snippet.${method}.Main`], snippetEnv(secrets, server.url, method === "env" ? { PINECONE_API_KEY: secrets.apiKey } : {}), javaDir),
      ),
    );
    REMEDIATE_METHODS.forEach((method, i) => assertHandedOver(`java ${method}`, results[i]!));
  });
});
