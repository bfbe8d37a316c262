/**
 * How to take a key out of one file, in that file's own language: a few lines for a report about
 * one file, one line for a report about several. Decided from the file name (core/languages.ts),
 * with the kinds that share an extension told apart here: Compose files, GitHub workflows and other
 * YAML; Dockerfiles and shell scripts; `.env` files and their committed examples.
 *
 * The rule's words (RuleWords) name the variable the secret should live in and whether it is a
 * Pinecone key: Pinecone's keys get Pinecone client code, a custom rule's secret plain environment
 * reads (plain-snippets.ts) and nothing about Pinecone.
 */
import { commentSyntaxOf, languageOf, type LanguageId } from "../core/languages.js";
import { PINECONE_WORDS } from "../core/rules/pinecone-words.js";
import type { RuleWords } from "../core/rules/rule.js";
import { plainEnvironmentSnippet } from "./plain-snippets.js";
import { shellWord } from "./text.js";

export interface FileFix {
  /** The kind of file, e.g. "Python", "Compose file". */
  label: string;
  /** The fix in a few lines (shown indented, as code where it is code). */
  lines: string[];
  /** The same in one line, for a report about several files. */
  short: string;
  /**
   * The file must leave git rather than change (a real `.env`): it is not `git add`ed again,
   * `.gitignore` is.
   */
  untrack?: boolean;
}

export { shellWord };

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1).toLowerCase();
}

/** The kinds that need their own words beyond the language (see the module comment). */
export type FileKind = LanguageId | "compose" | "workflow" | "dockerfile" | "dotenv-example";

export function fileKind(path: string): FileKind {
  const language = languageOf(path);
  const base = baseName(path);
  if (language === "yaml") {
    if (/^(docker-)?compose([.-].*)?\.ya?ml$/.test(base)) return "compose";
    if (/(^|\/)\.github\/workflows\//.test(path)) return "workflow";
  }
  if (base === "dockerfile" || base.startsWith("dockerfile.") || base.endsWith(".dockerfile")) return "dockerfile";
  if (language === "dotenv" && /(example|sample|template|dist)/.test(base)) return "dotenv-example";
  return language;
}

/** `v`: the environment variable; `pinecone`: the secret is a Pinecone key (client code, Pinecone's words). */
type Fixer = (file: string, v: string, pinecone: boolean) => FileFix;

const code = (label: string, lines: string[], short: string): FileFix => ({ label, lines, short });

const FIXES: Record<FileKind, Fixer> = {
  python: (_f, v) => code("Python", ["import os", `pc = Pinecone(api_key=os.environ["${v}"])`], `os.environ["${v}"]`),
  notebook: (f, v) => ({
    label: "notebook",
    lines: [
      "import os, getpass",
      `if not os.environ.get("${v}"):  # asks only when unset`,
      `    os.environ["${v}"] = getpass.getpass("Pinecone key: ")`,
      `pc = Pinecone()  # reads ${v}`,
      `jupyter nbconvert --clear-output --inplace ${shellWord(f)}`,
    ],
    short: `os.environ.get("${v}") or getpass; clear outputs`,
  }),
  javascript: (_f, v) => code("JavaScript", [`const pc = new Pinecone({ apiKey: process.env.${v} });`], `process.env.${v}`),
  typescript: (_f, v) => code("TypeScript", [`const pc = new Pinecone({ apiKey: process.env.${v}! });`], `process.env.${v}`),
  go: (_f, v) => code("Go", [`apiKey := os.Getenv("${v}")`, "pc, err := pinecone.NewClient(pinecone.NewClientParams{ApiKey: apiKey})"], `os.Getenv("${v}")`),
  java: (_f, v) => code("Java", [`Pinecone pc = new Pinecone.Builder(System.getenv("${v}")).build();`], `System.getenv("${v}")`),
  csharp: (_f, v) => code("C#", [`var apiKey = Environment.GetEnvironmentVariable("${v}");`, "var pc = new PineconeClient(apiKey);"], `Environment.GetEnvironmentVariable("${v}")`),
  ruby: (_f, v) => code("Ruby", [`api_key = ENV.fetch("${v}")`], `ENV.fetch("${v}")`),
  shell: (_f, v) => code("shell", [`: "\${${v}:?set ${v} first}"`, `curl -H "Api-Key: $${v}" https://api.pinecone.io/indexes`], `"$${v}", set outside the script`),
  dockerfile: (_f, v) => ({
    label: "Dockerfile",
    lines: [`Delete the ENV/ARG line: an image keeps it in its layers. Pass it at run time:`, `docker run -e ${v} <image>`],
    short: `no ENV/ARG with the key; docker run -e ${v} <image>`,
  }),
  dotenv: (f, v) => {
    const file = shellWord(f);
    return {
      label: ".env file",
      lines: [`git rm --cached -q ${file} && echo ${file} >> .gitignore`, `and commit a .env.example with the name only:  ${v}=`],
      short: `git rm --cached -q ${file} && echo ${file} >> .gitignore`,
      untrack: true,
    };
  },
  "dotenv-example": (_f, v) => ({
    label: "example .env",
    lines: [`Leave the value empty in an example file:  ${v}=`],
    short: `leave the value empty:  ${v}=`,
  }),
  compose: (_f, v) => ({
    label: "Compose file",
    lines: ["environment:", `  ${v}: \${${v}}  # from the shell or .env`],
    short: `${v}: \${${v}}  (from the shell or .env)`,
  }),
  workflow: (_f, v) => ({
    label: "GitHub workflow",
    lines: ["env:", `  ${v}: \${{ secrets.${v} }}  # a repository secret`],
    short: `\${{ secrets.${v} }}  (a repository secret)`,
  }),
  yaml: (_f, v, pinecone) => ({
    label: "YAML",
    lines: [
      `Leave the value out: \${${v}} where the tool reads the environment; for`,
      `Kubernetes a Secret made outside git: kubectl create secret generic ${pinecone ? "pinecone" : "app-secret"} \\`,
      `  --from-literal=${pinecone ? "api-key" : "value"}="$${v}"`,
    ],
    short: `\${${v}}, or a Kubernetes Secret made outside git`,
  }),
  json: (_f, v) => ({
    label: "JSON",
    lines: [`JSON cannot read the environment: leave the value out and have the code`, `that loads the file take ${v} from the environment.`],
    short: `leave the value out; the code reads ${v}`,
  }),
  toml: (_f, v) => ({ label: "config file", lines: [`Leave the value out; have your code read ${v} from the environment.`], short: `leave the value out; the code reads ${v}` }),
  ini: (_f, v) => ({ label: "config file", lines: [`Leave the value out; have your code read ${v} from the environment.`], short: `leave the value out; the code reads ${v}` }),
  markdown: (_f, v, pinecone) => {
    const placeholder = `${v}=<your-${pinecone ? "pinecone-api-key" : "value"}>`;
    return { label: "docs", lines: [`Show a placeholder instead:  ${placeholder}`], short: `a placeholder:  ${placeholder}` };
  },
  html: (_f, v, pinecone) => {
    const server = pinecone ? "call Pinecone from your server" : "use it from your server";
    return { label: "markup", lines: [`Never ship a secret to a browser: ${server}, which reads ${v}.`], short: `${server} (it reads ${v})` };
  },
  sql: (_f, v) => ({ label: "SQL", lines: [`Leave the value out; pass ${v} in at run time.`], short: `pass ${v} in at run time` }),
  batch: (_f, v) => code("batch file", [`if not defined ${v} (echo set ${v} first & exit /b 1)`], `%${v}%, set outside the script`),
  vb: (_f, v) => code("Visual Basic", [`Dim apiKey = Environment.GetEnvironmentVariable("${v}")`], `Environment.GetEnvironmentVariable("${v}")`),
  css: () => ({ label: "CSS", lines: ["A stylesheet is no place for a key: remove it."], short: "remove it" }),
  other: (_f, v) => ({ label: "any language", lines: [`Read the key from the ${v} environment variable at run time.`], short: `read ${v} from the environment` }),
};

/** The kinds whose fix is code that reads the variable: a custom rule's secret gets plain reads there. */
const CODE_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(["python", "notebook", "javascript", "typescript", "go", "java", "csharp", "ruby", "shell"]);

/**
 * The fix for a secret in `file`, in the words of its rule (Pinecone's by default): Pinecone's keys
 * get Pinecone client code; a custom rule's secret a plain environment read in code files, and the
 * same file-level fix as a key elsewhere (the file's own name in .gitignore advice, say).
 */
export function fixFor(file: string, words: RuleWords = PINECONE_WORDS): FileFix {
  const kind = fileKind(file);
  const pinecone = words.client === "pinecone";
  const fix = FIXES[kind](file, words.envVar, pinecone);
  if (pinecone || !CODE_KINDS.has(kind)) return fix;
  const plain = plainEnvironmentSnippet(kind as LanguageId, words.envVar);
  return { ...fix, label: plain.label, lines: plain.lines };
}

/**
 * The allow comment for the file's language, or for JSON (no comments) the member that serves as
 * one (`withReason`: a next-line comment with its reason too, as a server requires). `.env` and YAML values may take a trailing comment into the value, so those get the comment
 * on the line above.
 */
export function allowComment(file: string, withReason = false): { comment: string; where: "end" | "above" } {
  const language = languageOf(file);
  const syntax = commentSyntaxOf(language);
  const nextLine = withReason ? "pinekey-allow-next-line: <reason>" : "pinekey-allow-next-line";
  if (syntax === null) return { comment: `"//": "${nextLine}",`, where: "above" };
  if (language === "dotenv" || language === "yaml") return { comment: `${syntax.prefix}${nextLine}${syntax.suffix}`, where: "above" };
  return { comment: `${syntax.prefix}pinekey-allow: <reason>${syntax.suffix}`, where: "end" };
}

/** Where a key that is not on a line of a file's content is (Finding.origin), and which commit. */
export interface KeyPlace {
  file: string;
  origin?: "file-name" | "commit" | "tag" | "ref-name" | undefined;
  commit?: string | undefined;
  via?: string | undefined;
}

/**
 * The fix for a key that is not on a line of a file's content, in one line: in a commit's or a
 * tag's own text, in a file's or a ref's name, in an object pushed by itself. Undefined for a key
 * in a file's content, whose fix is fixFor. (The names are shown redacted, so the commands here
 * name no file: a redacted name would not paste.)
 */
export function placeFix(place: KeyPlace): string | undefined {
  switch (place.origin) {
    case "commit":
      return place.commit === undefined
        ? "write the message again without the key"
        : `reword the commit: git rebase -i ${place.commit.slice(0, 10)}^ ("reword")`;
    case "tag":
      return "delete the tag (git tag -d) and make it again without the key";
    case "file-name":
      return "rename the file without the key (git mv), then commit";
    case "ref-name":
      return "delete that ref here and push under a name without the key";
    default:
      return place.via !== undefined && place.file === "(blob)" ? "delete the ref that points at this object" : undefined;
  }
}

/** How a place is named in a list of fixes: the file, or what holds the key. */
export function placeLabel(place: KeyPlace): string {
  if (place.origin === "file-name") return `file name ${place.file}`;
  if (place.origin === "ref-name") return `ref name ${place.file}`;
  return place.file;
}
