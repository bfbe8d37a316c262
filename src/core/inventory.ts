/**
 * The inventory: every line of a repository that reads or configures the Pinecone API key, so a
 * rotation misses no service. Pure: a file's path and text in, its usages out. Never carries a value:
 * a dotenv line is reported by its variable name only, any other line by what kind of use it is.
 */

export type UsageKind =
  | "code" // reads PINECONE_API_KEY (os.environ, process env, os.Getenv, System.getenv, ENV[…])
  | "sdk-default" // Pinecone() / new Pinecone() with no key: the SDK reads PINECONE_API_KEY itself
  | "dotenv" // .env files: the variable name only
  | "compose" // docker-compose / compose.yaml
  | "kubernetes" // a manifest's env entry (secretKeyRef)
  | "helm" // chart values
  | "terraform" // variables, the Pinecone provider
  | "ci" // CI workflows (secrets.PINECONE_API_KEY)
  | "dockerfile" // ENV / ARG / RUN --mount=type=secret
  | "script" // shell scripts
  | "config"; // any other configuration file

export interface Usage {
  /** Path with `/` separators, relative to where the inventory ran. */
  file: string;
  /** 1-based line. */
  line: number;
  kind: UsageKind;
  /** What the line does, in a few words (never the line itself: it may hold a key). */
  what: string;
}

/** `PINECONE_API_KEY`, `pinecone_api_key`, `pineconeApiKey`, `pinecone-api-key`. */
const KEY_NAME = /pinecone[_-]?api[_-]?key/i;
/** Python `Pinecone()`, JS/TS `new Pinecone()`: the SDKs then read PINECONE_API_KEY from the environment. */
const SDK_DEFAULT = /(?:^|[^\w.])(?:new\s+)?(?:pinecone\.)?Pinecone\(\s*\)/;
const DOTENV_NAME = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;
const TERRAFORM_PROVIDER = /provider\s+"pinecone"|source\s*=\s*"pinecone-io\/pinecone"/;

const CODE_EXTENSIONS = new Set(["py", "ipynb", "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "go", "java", "kt", "scala", "cs", "rb", "php", "rs", "swift", "r"]);
const SCRIPT_EXTENSIONS = new Set(["sh", "bash", "zsh", "ps1", "bat", "cmd"]);
const CONFIG_EXTENSIONS = new Set(["yml", "yaml", "json", "toml", "ini", "cfg", "conf", "properties", "xml", "hcl", "tpl", "env"]);

function baseName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}

function extension(file: string): string {
  const name = baseName(file);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** What kind of file this is, or undefined for files the inventory does not read (docs, data). */
export function fileKind(file: string): UsageKind | undefined {
  const name = baseName(file);
  const lower = name.toLowerCase();
  if (/^\.env(\..+)?$/.test(lower) || lower.endsWith(".env")) return "dotenv";
  if (/^(dockerfile|containerfile)(\..+)?$/.test(lower) || lower.endsWith(".dockerfile")) return "dockerfile";
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(file) || /^(\.gitlab-ci|azure-pipelines|bitbucket-pipelines|\.travis|cloudbuild)\.ya?ml$/.test(lower) || /(^|\/)\.circleci\/config\.ya?ml$/.test(file) || name === "Jenkinsfile") return "ci";
  if (/^(docker-)?compose([.-].+)?\.ya?ml$/.test(lower)) return "compose";
  const ext = extension(file);
  if (ext === "tf" || ext === "tfvars" || lower.endsWith(".tf.json")) return "terraform";
  if ((ext === "yaml" || ext === "yml") && /^values([.-].+)?\.ya?ml$/.test(lower)) return "helm";
  if ((ext === "yaml" || ext === "yml") && /(^|\/)(templates|k8s|kubernetes|manifests|deploy|deployment|kustomize|overlays|base)\//.test(file)) return "kubernetes";
  if (CODE_EXTENSIONS.has(ext)) return "code";
  if (SCRIPT_EXTENSIONS.has(ext)) return "script";
  if (CONFIG_EXTENSIONS.has(ext)) return "config";
  return undefined;
}

/** A YAML env entry of the key whose value comes from a Secret within the next few lines. */
function secretKeyRefNear(lines: string[], at: number): string | undefined {
  for (let i = at; i < Math.min(lines.length, at + 6); i++) {
    if (/secretKeyRef/.test(lines[i]!)) {
      for (let j = i; j < Math.min(lines.length, i + 4); j++) {
        const name = /^\s*name:\s*["']?([\w.-]+)/.exec(lines[j]!);
        if (name && j > i) return name[1];
      }
      return "";
    }
  }
  return undefined;
}

function describe(kind: UsageKind, line: string, lines: string[], index: number): string | undefined {
  if (kind === "dotenv") {
    const name = DOTENV_NAME.exec(line)?.[1];
    return name && KEY_NAME.test(name) ? `${name}=` : undefined;
  }
  if (kind === "terraform" && TERRAFORM_PROVIDER.test(line)) return "the Pinecone provider";
  if (kind === "code" && SDK_DEFAULT.test(line)) return "Pinecone() reads PINECONE_API_KEY from the environment";
  if (!KEY_NAME.test(line)) return undefined;
  switch (kind) {
    case "ci":
      return /secrets\.\s*PINECONE/i.test(line) ? "passes secrets.PINECONE_API_KEY" : "sets or passes PINECONE_API_KEY";
    case "kubernetes":
    case "helm":
    case "compose": {
      const secret = secretKeyRefNear(lines, index);
      if (secret !== undefined) return secret ? `from secretKeyRef ${secret}` : "from a secretKeyRef";
      return kind === "helm" ? "a chart value" : "sets PINECONE_API_KEY";
    }
    case "dockerfile": {
      const instruction = /^\s*(ENV|ARG|RUN|ENTRYPOINT|CMD)\b/i.exec(line)?.[1]?.toUpperCase();
      if (/type=secret/.test(line)) return "a build secret";
      return instruction ? `${instruction} PINECONE_API_KEY` : "mentions PINECONE_API_KEY";
    }
    case "terraform":
      return /variable\s+"/.test(line) ? "a variable" : "passes the key";
    case "code":
      return "reads PINECONE_API_KEY";
    default:
      return "mentions PINECONE_API_KEY";
  }
}

/** The usages in one file's text (empty for files that never touch the key). */
export function usagesIn(file: string, text: string): Usage[] {
  const kind = fileKind(file);
  if (!kind) return [];
  if (!KEY_NAME.test(text) && !(kind === "code" && SDK_DEFAULT.test(text)) && !(kind === "terraform" && TERRAFORM_PROVIDER.test(text))) return [];
  const lines = text.split("\n");
  const out: Usage[] = [];
  lines.forEach((line, index) => {
    const what = describe(kind, line, lines, index);
    if (what !== undefined) out.push({ file, line: index + 1, kind: kind === "code" && what.startsWith("Pinecone()") ? "sdk-default" : kind, what });
  });
  return out;
}

/** Files that make a directory a service of its own. */
const MANIFESTS = [
  /^package\.json$/, /^pyproject\.toml$/, /^requirements[\w.-]*\.txt$/, /^setup\.py$/, /^Pipfile$/, /^go\.mod$/, /^pom\.xml$/,
  /^build\.gradle(\.kts)?$/, /\.csproj$/, /^Gemfile$/, /^Cargo\.toml$/, /^Chart\.yaml$/, /^Dockerfile$/, /^(docker-)?compose\.ya?ml$/,
  /^main\.tf$/,
];

export function isManifest(file: string): boolean {
  const name = baseName(file);
  return MANIFESTS.some((pattern) => pattern.test(name));
}

/**
 * The service a file belongs to: the nearest directory above it holding a manifest (`.` for the top).
 * `manifestDirs` holds the directories (relative, `/`-separated, "" for the top) that have one.
 */
export function serviceOf(file: string, manifestDirs: ReadonlySet<string>): string {
  if (/(^|\/)\.github\/workflows\//.test(file)) return ".github/workflows";
  let dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
  while (dir !== "") {
    if (manifestDirs.has(dir)) return dir;
    dir = dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "";
  }
  return ".";
}

export interface ServiceUsages {
  service: string;
  usages: Usage[];
}

/** Usages grouped by service, services and files in path order. */
export function groupByService(usages: Usage[], manifestDirs: ReadonlySet<string>): ServiceUsages[] {
  const groups = new Map<string, Usage[]>();
  const sorted = [...usages].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  for (const usage of sorted) {
    const service = serviceOf(usage.file, manifestDirs);
    const group = groups.get(service) ?? [];
    group.push(usage);
    groups.set(service, group);
  }
  return [...groups].sort(([a], [b]) => (a === "." ? -1 : b === "." ? 1 : a < b ? -1 : 1)).map(([service, list]) => ({ service, usages: list }));
}
