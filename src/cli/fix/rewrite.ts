import { fingerprintOf } from "../../core/mask.js";
import { languageOf } from "../../core/languages.js";
import type { Finding } from "../../core/finding.js";
import { rewriteCFamily } from "./c-family.js";
import { dotenvAssignments, isExampleDotenv } from "./env-files.js";
import { rewriteScript } from "./javascript.js";
import { rewriteNotebook } from "./notebook.js";
import { rewritePython } from "./python.js";
import { rewriteRuby } from "./ruby.js";
import { applyEdits, lineStarts, offsetOf } from "./text.js";
import { refuse, type KeyInFile, type Rewrite, type RewriteInput, type Tokenize } from "./types.js";
import { rewriteYaml, yamlKindOf } from "./yaml.js";

/** The default variable: what every Pinecone SDK reads by itself. */
export const DEFAULT_NAME = "PINECONE_API_KEY";

/** The built-in rules' keys are the ones fix moves; a custom rule's secret has no variable of its own. */
const FIXABLE_RULES = new Set(["pinecone-api-key", "pinecone-legacy-api-key", "pinecone-pckey-api-key"]);

export function isFixableRule(rule: string): boolean {
  return FIXABLE_RULES.has(rule) || rule.startsWith("pinecone-");
}

/**
 * The key itself, read back from the file at the finding's place: the finding holds only its
 * fingerprint, so the candidate whose fingerprint matches is the key (legacy keys are fingerprinted
 * in lower case). Undefined when the text there is not the key any more.
 */
export function recoverKey(text: string, finding: Finding): string | undefined {
  const starts = lineStarts(text);
  const start = offsetOf(text, starts, finding.line, finding.column);
  const lineEnd = text.indexOf("\n", start);
  const rest = text.slice(start, Math.min(lineEnd === -1 ? text.length : lineEnd, start + 512));
  const run = /^[^\s"'`<>(){}[\],;\\]+/.exec(rest)?.[0] ?? "";
  for (let length = Math.min(run.length, 512); length >= 8; length--) {
    const candidate = run.slice(0, length);
    if (fingerprintOf(finding.rule, candidate) === finding.fingerprint) return candidate;
    if (fingerprintOf(finding.rule, candidate.toLowerCase()) === finding.fingerprint) return candidate;
  }
  return undefined;
}

/**
 * The variable a key goes to when its line names one: `PINECONE_API_KEY_PROD = "…"` keeps that
 * name, as does a dotenv or YAML entry, or a Kubernetes `- name: X` just above. Only names that
 * mention Pinecone, so `API_KEY = "…"` still becomes PINECONE_API_KEY (the name the SDKs read).
 */
export function nameOnLine(text: string, finding: Finding): string | undefined {
  const starts = lineStarts(text);
  const start = offsetOf(text, starts, finding.line, finding.column);
  const lineStart = starts[finding.line - 1] ?? 0;
  const before = text.slice(lineStart, start);
  const named = /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)["']?\]?\s*(?::=|[:=])\s*["'`]?$/.exec(before)?.[1];
  if (named?.includes("PINECONE")) return named;
  const previous = text.slice(starts[finding.line - 2] ?? 0, lineStart);
  const entry = /-\s+name:\s*["']?([A-Z][A-Z0-9_]*)["']?\s*$/.exec(previous)?.[1];
  if (entry?.includes("PINECONE") && /^\s*value:/.test(before)) return entry;
  return undefined;
}

/** How fix treats a file, from its name. */
export type FileTreatment =
  | { kind: "rewrite"; run: (input: RewriteInput, tokenize: Tokenize, helmChart: boolean) => Promise<Rewrite> }
  | { kind: "untrack-dotenv" }
  | { kind: "manual"; why: string };

export function treatmentOf(path: string): FileTreatment {
  const lower = path.toLowerCase();
  const language = languageOf(path);
  switch (language) {
    case "python":
      return {
        kind: "rewrite",
        run: async (input, tokenize) => {
          const tokens = await tokenize(input.text);
          if ("error" in tokens) return refuse(tokens.error);
          return rewritePython(input.text, input.keys, tokens);
        },
      };
    case "notebook":
      return { kind: "rewrite", run: (input, tokenize) => rewriteNotebook(input.text, input.keys, tokenize) };
    case "javascript":
    case "typescript":
      return { kind: "rewrite", run: (input) => rewriteScript(input, language) };
    case "go":
      return { kind: "rewrite", run: async (input) => rewriteCFamily(input, "go") };
    case "csharp":
      return { kind: "rewrite", run: async (input) => rewriteCFamily(input, "csharp") };
    case "java":
      if (!lower.endsWith(".java")) return { kind: "manual", why: "Kotlin and Scala are not rewritten: read it with System.getenv(\"PINECONE_API_KEY\")" };
      return { kind: "rewrite", run: async (input) => rewriteCFamily(input, "java") };
    case "ruby":
      return { kind: "rewrite", run: async (input) => rewriteRuby(input) };
    case "yaml":
      return { kind: "rewrite", run: async (input, _tokenize, helmChart) => rewriteYaml(input, yamlKindOf(input.path, input.text, helmChart)) };
    case "dotenv":
      if (isExampleDotenv(path)) return { kind: "rewrite", run: async (input) => blankExampleValues(input) };
      return { kind: "untrack-dotenv" };
    default:
      return { kind: "manual", why: manualFix(language) };
  }
}

/** A committed template (.env.example): its values are blanked, the names stay. */
function blankExampleValues(input: RewriteInput): Rewrite {
  const assignments = dotenvAssignments(input.text);
  const starts = lineStarts(input.text);
  const edits = [];
  for (const key of input.keys) {
    const at = offsetOf(input.text, starts, key.line, key.column);
    const assignment = assignments.find((a) => a.valueStart <= at && at < a.valueEnd);
    if (!assignment) return refuse(`line ${key.line}: the key is not a NAME=value line's value`);
    edits.push({ start: assignment.valueStart, end: assignment.valueEnd, text: "" });
  }
  return { ok: true, text: applyEdits(input.text, edits), notes: [] };
}

function manualFix(language: string): string {
  switch (language) {
    case "shell":
      return 'delete the assignment and let the script read $PINECONE_API_KEY from the environment (: "${PINECONE_API_KEY:?}"); in a Dockerfile, pass it at run time (docker run --env-file .env) or as a build secret';
    case "json":
      return "JSON cannot read the environment: leave the value out and have the code that loads it read PINECONE_API_KEY";
    case "toml":
    case "ini":
      return "leave the value out and have the code read PINECONE_API_KEY from the environment";
    case "markdown":
    case "html":
      return "show a placeholder such as <your-pinecone-api-key> instead";
    default:
      return "read the key from the PINECONE_API_KEY environment variable at run time";
  }
}

export type { KeyInFile };
