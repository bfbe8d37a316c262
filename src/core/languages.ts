/**
 * What kind of file a finding is in: decides the remediation snippet and the exact allow comment
 * to suggest. Decided from the file name alone.
 */
export type LanguageId =
  | "python"
  | "notebook"
  | "javascript"
  | "typescript"
  | "go"
  | "java"
  | "csharp"
  | "ruby"
  | "shell"
  | "dotenv"
  | "yaml"
  | "json"
  | "toml"
  | "ini"
  | "markdown"
  | "html"
  | "sql"
  | "batch"
  | "vb"
  | "css"
  | "other";

/** How to write a comment to the end of a line (`suffix` closes block comments). */
export interface CommentSyntax {
  prefix: string;
  suffix: string;
}

const BY_EXTENSION: Record<string, LanguageId> = {
  py: "python", pyw: "python", pyi: "python",
  ipynb: "notebook",
  js: "javascript", mjs: "javascript", cjs: "javascript", jsx: "javascript",
  ts: "typescript", mts: "typescript", cts: "typescript", tsx: "typescript",
  go: "go",
  java: "java", kt: "java", kts: "java", scala: "java",
  cs: "csharp",
  rb: "ruby",
  sh: "shell", bash: "shell", zsh: "shell", ksh: "shell",
  env: "dotenv",
  yml: "yaml", yaml: "yaml",
  json: "json",
  toml: "toml", tf: "toml", hcl: "toml",
  ini: "ini", cfg: "ini", conf: "ini", properties: "ini",
  md: "markdown", markdown: "markdown", mdx: "markdown",
  html: "html", htm: "html", xml: "html", vue: "html", svelte: "html",
  sql: "sql", lua: "sql",
  bat: "batch", cmd: "batch",
  vb: "vb", vbs: "vb", bas: "vb",
  css: "css", scss: "css", less: "css",
};

export function languageOf(path: string): LanguageId {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const lower = base.toLowerCase();
  // .env, .env.local, .env.production, app.env; but .env.example is still a dotenv file
  if (lower === ".env" || lower.startsWith(".env.") || lower.endsWith(".env")) return "dotenv";
  if (lower === "dockerfile" || lower.startsWith("dockerfile.") || lower === "makefile") return "shell";
  if (lower === ".envrc" || lower === ".bashrc" || lower === ".zshrc" || lower === ".profile") return "shell";
  const dot = lower.lastIndexOf(".");
  if (dot <= 0) return "other";
  return BY_EXTENSION[lower.slice(dot + 1)] ?? "other";
}

const HASH: CommentSyntax = { prefix: "# ", suffix: "" };
const SLASHES: CommentSyntax = { prefix: "// ", suffix: "" };

/** The comment syntax for a language, or null when it has none (JSON). */
export function commentSyntaxOf(language: LanguageId): CommentSyntax | null {
  switch (language) {
    case "python":
    case "notebook": // the allow comment goes inside the cell's Python source
    case "ruby":
    case "shell":
    case "dotenv":
    case "yaml":
    case "toml":
    case "other":
      return HASH;
    case "javascript":
    case "typescript":
    case "go":
    case "java":
    case "csharp":
      return SLASHES;
    case "ini":
      return { prefix: "; ", suffix: "" };
    case "markdown":
    case "html":
      return { prefix: "<!-- ", suffix: " -->" };
    case "sql":
      return { prefix: "-- ", suffix: "" };
    case "batch":
      return { prefix: "REM ", suffix: "" };
    case "vb":
      return { prefix: "' ", suffix: "" };
    case "css":
      return { prefix: "/* ", suffix: " */" };
    case "json":
      return null;
  }
}
