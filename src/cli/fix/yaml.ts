import { applyEdits, keyOffsets, newlineOf } from "./text.js";
import { refuse, type Edit, type KeyInFile, type Rewrite, type RewriteInput } from "./types.js";

/** Which YAML this is, which decides what the value becomes. */
export type YamlKind = "compose" | "github-actions" | "kubernetes" | "kubernetes-secret" | "helm-values" | "helm-template" | "yaml";

/** From the path (and, for Kubernetes, the text); `inHelmChart`: a Chart.yaml sits above the file. */
export function yamlKindOf(path: string, text: string, inHelmChart: boolean): YamlKind {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path) || /(?:^|\/)action\.ya?ml$/i.test(path)) return "github-actions";
  if (/^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/.test(base)) return "compose";
  if (inHelmChart && /(?:^|\/)templates\//.test(path)) return "helm-template";
  if (inHelmChart && /^values[^/]*\.ya?ml$/.test(base)) return "helm-values";
  if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) return /^kind:\s*["']?Secret["']?\s*$/m.test(text) ? "kubernetes-secret" : "kubernetes";
  return "yaml";
}

/**
 * One YAML scalar on one line: `key: value`, `- key: value`, or Compose's list form `- NAME=value`,
 * the value plain or in quotes, an optional comment after it. Anything else (block scalars, flow
 * collections, a key inside a longer value) is refused: YAML is read line by line here, so only lines
 * whose whole meaning is visible on the line are changed.
 *
 *   (indent)(- )key: "value"  # comment
 */
const MAPPING_LINE = /^([ \t]*)(- +)?((?:[^\s#:'"{[][^:#]*?)|"[^"\n]*"|'[^'\n]*'): +(["']?)(\S+?)\4([ \t]+#.*)?[ \t]*\r?$/;
const COMPOSE_LIST_LINE = /^([ \t]*- +)(["']?)([A-Za-z_][A-Za-z0-9_.]*)=(\S+?)\2([ \t]+#.*)?[ \t]*\r?$/;

export function rewriteYaml(input: RewriteInput, kind: YamlKind): Rewrite {
  const { text, path } = input;
  if (kind === "kubernetes-secret") {
    return refuse("a Kubernetes Secret manifest is the value itself: keep it out of git and create the Secret from .env (kubectl create secret generic pinecone --from-env-file=.env)");
  }
  if (kind === "helm-template") return refuse("a Helm template: move the value to values.yaml and pass it at install with --set");
  const located = keyOffsets(text, input.keys);
  if (!located) return refuse("the file no longer holds the key where it was staged");
  const nl = newlineOf(text);
  const edits: Edit[] = [];
  const notes = new Set<string>();
  for (const { key, start } of located) {
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const lineEndAt = text.indexOf("\n", start);
    const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
    const line = text.slice(lineStart, lineEnd);
    const mapping = MAPPING_LINE.exec(line);
    const list = mapping ? undefined : COMPOSE_LIST_LINE.exec(line);
    const value = mapping?.[5] ?? list?.[4];
    if (value !== key.key) return refuse(`line ${key.line}: the key is not the whole value of a one-line YAML entry`);
    const valueStart = lineStart + line.indexOf(key.key) - (mapping?.[4] ?? list?.[2] ?? "").length;
    const valueEnd = lineStart + line.indexOf(key.key) + key.key.length + (mapping?.[4] ?? "").length;
    if (list) {
      if (kind !== "compose") return refuse(`line ${key.line}: a NAME=value list entry outside a Compose file`);
      const quote = list[2] ?? "";
      edits.push({ start: lineStart + list[1]!.length, end: lineStart + line.length - (list[5] ?? "").length - (line.endsWith("\r") ? 1 : 0), text: `${quote}${list[3]}=\${${key.name}}${quote}` });
      continue;
    }
    switch (kind) {
      case "compose":
      case "yaml":
        edits.push({ start: valueStart, end: valueEnd, text: `"\${${key.name}}"` });
        if (kind === "compose" && path.includes("/")) notes.add("Compose reads .env from the directory it runs in: run it from the repository root or pass --env-file");
        if (kind === "yaml") notes.add(`the file now says "\${${key.name}}": whatever reads it must fill in environment variables`);
        break;
      case "github-actions":
        edits.push({ start: valueStart, end: valueEnd, text: `\${{ secrets.${key.name} }}` });
        notes.add(`add the repository secret: gh secret set ${key.name}  (paste the value from .env)`);
        break;
      case "helm-values": {
        edits.push({ start: valueStart, end: valueEnd, text: '""' });
        notes.add(`pass the value at install: helm upgrade --install … --set ${helmPath(text, lineStart)}="$${key.name}"`);
        break;
      }
      case "kubernetes": {
        const field = mapping![3]!;
        if (field !== "value" || !isEnvEntry(text, lineStart, mapping![1]!)) {
          return refuse(`line ${key.line}: in a Kubernetes manifest only an env entry's value can be rewritten (to a secretKeyRef)`);
        }
        const indent = mapping![1]! + (mapping![2] ?? "");
        edits.push({
          start: lineStart,
          end: lineEnd - (line.endsWith("\r") ? 1 : 0),
          text: [`${indent}valueFrom:`, `${indent}  secretKeyRef:`, `${indent}    name: pinecone`, `${indent}    key: ${key.name}`].join(nl),
        });
        notes.add(`create the Secret in the cluster: kubectl create secret generic pinecone --from-literal=${key.name}="$${key.name}"`);
        break;
      }
    }
  }
  return { ok: true, text: applyEdits(text, edits), notes: [...notes] };
}

/** `value:` belongs to a `- name: X` list entry (the line above, at the entry's indentation). */
function isEnvEntry(text: string, lineStart: number, indent: string): boolean {
  const previousEnd = lineStart - 1;
  if (previousEnd < 0) return false;
  const previous = text.slice(text.lastIndexOf("\n", previousEnd - 1) + 1, previousEnd).replace(/\r$/, "");
  const entry = /^([ \t]*)- +name: +\S/.exec(previous);
  return entry !== null && entry[1]!.length + 2 === indent.length;
}

/** The dotted path of the mapping key on the line at `lineStart`, from the indentation of the lines above. */
function helmPath(text: string, lineStart: number): string {
  const lines = text.slice(0, lineStart).split("\n");
  const current = text.slice(lineStart, text.indexOf("\n", lineStart) === -1 ? undefined : text.indexOf("\n", lineStart));
  const parts = [/^\s*([^:\s]+):/.exec(current)?.[1] ?? "?"];
  let indent = /^\s*/.exec(current)![0].length;
  for (let i = lines.length - 2; i >= 0 && indent > 0; i--) {
    const match = /^(\s*)([^:\s#-][^:]*):\s*(?:#.*)?\r?$/.exec(lines[i]!);
    if (match && match[1]!.length < indent) {
      parts.unshift(match[2]!.trim());
      indent = match[1]!.length;
    }
  }
  return parts.join(".");
}

export type { KeyInFile };
