/**
 * The fix for a secret of a custom rule, in the file's language: read it from its environment
 * variable. Plain reads only, with no client code: pinekey-hook knows a custom rule's secret by its
 * regex, not which SDK it belongs to (Pinecone's keys get client snippets in messages.ts).
 */
import type { LanguageId } from "../core/languages.js";

export function plainEnvironmentSnippet(language: LanguageId, name: string): { label: string; lines: string[] } {
  const leaveOut = [`Leave the value out; have your code read ${name} from the environment.`];
  switch (language) {
    case "python":
      return { label: "Python", lines: ["import os", `value = os.environ["${name}"]`] };
    case "notebook":
      return {
        label: "Jupyter notebook",
        lines: [
          "import os, getpass",
          `if not os.environ.get("${name}"):  # asks only when unset`,
          `    os.environ["${name}"] = getpass.getpass("${name}: ")`,
          "# and clear any cell output that printed the value before committing",
        ],
      };
    case "javascript":
      return { label: "JavaScript", lines: [`const value = process.env.${name};`] };
    case "typescript":
      return { label: "TypeScript", lines: [`const value = process.env.${name}!;`] };
    case "go":
      return { label: "Go", lines: [`value := os.Getenv("${name}")`] };
    case "java":
      return { label: "Java", lines: [`String value = System.getenv("${name}");`] };
    case "csharp":
      return { label: "C#", lines: [`var value = Environment.GetEnvironmentVariable("${name}");`] };
    case "ruby":
      return { label: "Ruby", lines: [`value = ENV.fetch("${name}")`] };
    case "shell":
      return { label: "shell", lines: [`: "\${${name}:?set ${name} in the environment}"`] };
    case "dotenv":
      return {
        label: ".env file",
        lines: [
          "echo .env >> .gitignore          # keep real values out of git",
          "git rm --cached --quiet .env     # if it was tracked before",
          `# commit a .env.example instead, with the name and no value:  ${name}=`,
        ],
      };
    case "yaml":
      return {
        label: "YAML / Compose",
        lines: ["environment:", `  ${name}: \${${name}}   # Compose fills it from the shell or an untracked .env`],
      };
    case "json":
      return {
        label: "JSON",
        lines: [
          "JSON cannot read the environment: leave the value out of this file and have the code",
          `that loads it take ${name} from the environment, or keep the file untracked.`,
        ],
      };
    case "toml":
    case "ini":
      return { label: "config file", lines: leaveOut };
    case "markdown":
      return { label: "docs", lines: [`Show a placeholder instead:  ${name}=<your-value>`] };
    case "html":
      return { label: "markup", lines: [`Never ship the secret to a browser: use it from your server, which reads ${name}.`] };
    case "sql":
      return { label: "SQL", lines: ["Leave the value out; pass it in from the environment at run time."] };
    case "batch":
      return { label: "batch file", lines: [`if not defined ${name} (echo set ${name} first & exit /b 1)`] };
    case "vb":
      return { label: "Visual Basic", lines: [`Dim value = Environment.GetEnvironmentVariable("${name}")`] };
    case "css":
      return { label: "CSS", lines: ["A stylesheet is no place for a secret: remove it."] };
    case "other":
      return { label: "any language", lines: [`Read the value from the ${name} environment variable at run time.`] };
  }
}
