import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commentSyntaxOf, languageOf, type LanguageId } from "../../dist/core/index.js";

describe("languageOf", () => {
  it("knows the files people commit keys in, from the file name alone", () => {
    const cases: Array<[string, LanguageId]> = [
      ["app.py", "python"],
      ["notebooks/Demo.ipynb", "notebook"],
      ["index.js", "javascript"],
      ["server.mjs", "javascript"],
      ["client.ts", "typescript"],
      ["App.tsx", "typescript"],
      ["main.go", "go"],
      ["Main.java", "java"],
      ["build.gradle.kts", "java"],
      ["Program.cs", "csharp"],
      ["config.rb", "ruby"],
      ["deploy.sh", "shell"],
      ["Dockerfile", "shell"],
      ["Dockerfile.prod", "shell"],
      ["Makefile", "shell"],
      [".envrc", "shell"],
      [".env", "dotenv"],
      [".env.local", "dotenv"],
      [".env.example", "dotenv"],
      ["deploy/prod.env", "dotenv"],
      ["docker-compose.yml", "yaml"],
      ["k8s/secret.yaml", "yaml"],
      ["package.json", "json"],
      ["pyproject.toml", "toml"],
      ["main.tf", "toml"],
      ["setup.cfg", "ini"],
      ["application.properties", "ini"],
      ["README.md", "markdown"],
      ["index.html", "html"],
      ["schema.sql", "sql"],
      ["run.bat", "batch"],
      ["Module.vb", "vb"],
      ["style.css", "css"],
      ["LICENSE", "other"],
      [".gitignore", "other"],
      ["archive.tar.gz", "other"],
      ["DIR.PY/UPPER.PY", "python"],
    ];
    for (const [path, language] of cases) assert.equal(languageOf(path), language, path);
  });
});

describe("commentSyntaxOf", () => {
  it("gives every language a line comment that the detector's allow marker works in, JSON none", () => {
    assert.deepEqual(commentSyntaxOf("python"), { prefix: "# ", suffix: "" });
    assert.deepEqual(commentSyntaxOf("typescript"), { prefix: "// ", suffix: "" });
    assert.deepEqual(commentSyntaxOf("html"), { prefix: "<!-- ", suffix: " -->" });
    assert.deepEqual(commentSyntaxOf("css"), { prefix: "/* ", suffix: " */" });
    assert.deepEqual(commentSyntaxOf("sql"), { prefix: "-- ", suffix: "" });
    assert.deepEqual(commentSyntaxOf("ini"), { prefix: "; ", suffix: "" });
    assert.deepEqual(commentSyntaxOf("batch"), { prefix: "REM ", suffix: "" });
    assert.deepEqual(commentSyntaxOf("vb"), { prefix: "' ", suffix: "" });
    assert.equal(commentSyntaxOf("json"), null);
  });
});
