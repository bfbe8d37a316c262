import { applyEdits, keyOffsets, placeholderFor } from "./text.js";
import { refuse, type Edit, type Rewrite, type RewriteInput } from "./types.js";

/** The part of @babel/parser used here. */
interface BabelNode {
  type: string;
  start: number;
  end: number;
  [field: string]: unknown;
}
interface BabelFile extends BabelNode {
  comments?: BabelNode[];
}
type Parse = (text: string, options: Record<string, unknown>) => BabelFile;

let loadedParse: Parse | undefined;

/**
 * @babel/parser, loaded on first use: only `fix` needs it, and it is half a megabyte. In the package
 * it is its own file next to the CLI bundle (dist/js-parser.cjs, see scripts/bundle.mjs), so no
 * commit, scan or hook ever reads it.
 */
async function babelParse(): Promise<Parse> {
  if (loadedParse) return loadedParse;
  const parser = (await import("@babel/parser")) as unknown as { parse?: Parse; default?: { parse: Parse } };
  loadedParse = parser.parse ?? parser.default!.parse;
  return loadedParse;
}

export type ScriptKind = "javascript" | "typescript";

function pluginsFor(path: string): unknown[] {
  const lower = path.toLowerCase();
  if (/\.(?:ts|mts|cts)$/.test(lower)) return ["typescript", "decorators-legacy"];
  if (lower.endsWith(".tsx")) return ["typescript", "jsx", "decorators-legacy"];
  return ["jsx", "decorators-legacy"];
}

/**
 * JavaScript and TypeScript, parsed by @babel/parser: a string literal (or a template literal with no
 * holes) that is exactly the key becomes `process.env.NAME`. In TypeScript it is
 * `process.env.NAME!`: the value's type is `string | undefined`, and `strict` code that passed the
 * literal on as a `string` would no longer compile; the assertion keeps the types as they were and
 * the SDK (or whatever reads it) reports a missing key when it is unset. A JSX attribute gets braces.
 * A key in a comment becomes the variable's name. Refused: object keys, module specifiers, types,
 * enum members, `as const`, tagged templates and keys inside longer strings.
 */
export async function rewriteScript(input: RewriteInput, kind: ScriptKind): Promise<Rewrite> {
  const { text } = input;
  const located = keyOffsets(text, input.keys);
  if (!located) return refuse("the file no longer holds the key where it was staged");
  let ast: BabelFile;
  try {
    ast = (await babelParse())(text, {
      sourceType: "unambiguous",
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      errorRecovery: false,
      plugins: pluginsFor(input.path),
    });
  } catch (error) {
    return refuse(`the parser could not read it (${(error as Error).message.split("\n")[0]})`);
  }
  const read = (name: string) => `process.env.${name}${kind === "typescript" ? "!" : ""}`;
  const edits: Edit[] = [];
  for (const { key, start, end } of located) {
    const comment = ast.comments?.find((c) => c.start <= start && end <= c.end);
    if (comment) {
      edits.push({ start, end, text: placeholderFor(key.name) });
      continue;
    }
    const path = innermostPath(ast, start, end);
    // `key` with no holes: its one quasi is the innermost node; the template literal is what goes.
    if (path[path.length - 1]?.type === "TemplateElement") path.pop();
    const node = path[path.length - 1];
    const parent = path[path.length - 2];
    if (!node || !isWholeLiteral(node, text, start, end)) {
      return refuse(`line ${key.line}: the key is not a whole string literal${node ? ` (it is in a ${node.type})` : ""}`);
    }
    const blocked = blockedBy(node, parent, path);
    if (blocked) return refuse(`line ${key.line}: the key is ${blocked}`);
    edits.push({
      start: node.start,
      end: node.end,
      text: parent?.type === "JSXAttribute" ? `{${read(key.name)}}` : read(key.name),
    });
  }
  return { ok: true, text: applyEdits(text, edits), notes: [] };
}

/** The chain of nodes from the file down to the smallest one holding [start, end). */
function innermostPath(root: BabelNode, start: number, end: number): BabelNode[] {
  const path: BabelNode[] = [];
  let node: BabelNode | undefined = root;
  while (node) {
    path.push(node);
    let next: BabelNode | undefined;
    for (const [field, value] of Object.entries(node)) {
      if (field === "comments" || field === "leadingComments" || field === "trailingComments" || field === "innerComments" || field === "extra" || field === "loc" || field === "tokens") continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (isNode(child) && child.start <= start && end <= child.end) next = child;
      }
      if (next) break;
    }
    node = next;
  }
  return path;
}

function isNode(value: unknown): value is BabelNode {
  return typeof value === "object" && value !== null && typeof (value as BabelNode).type === "string" && typeof (value as BabelNode).start === "number";
}

/** `"key"`, `'key'` or `` `key` `` and nothing else: the literal's content is exactly the key. */
function isWholeLiteral(node: BabelNode, text: string, start: number, end: number): boolean {
  if (node.type === "StringLiteral") return node.start === start - 1 && node.end === end + 1 && (node as unknown as { value: string }).value === text.slice(start, end);
  if (node.type === "TemplateLiteral") {
    const quasis = node.quasis as Array<{ value: { cooked: string | null } }>;
    return (node.expressions as unknown[]).length === 0 && quasis.length === 1 && quasis[0]!.value.cooked === text.slice(start, end) && node.start === start - 1 && node.end === end + 1;
  }
  return false;
}

function blockedBy(node: BabelNode, parent: BabelNode | undefined, path: BabelNode[]): string | undefined {
  if (!parent) return "outside any expression";
  if (parent.type === "TaggedTemplateExpression") return "a tagged template";
  const field = Object.entries(parent).find(([, value]) => value === node || (Array.isArray(value) && value.includes(node)))?.[0];
  if ((parent.type === "ObjectProperty" || parent.type === "ClassProperty" || parent.type === "ObjectMethod" || parent.type === "ClassMethod") && field === "key") {
    return "a property name";
  }
  if (/^(?:Import|Export)/.test(parent.type) || parent.type === "TSExternalModuleReference" || parent.type === "TSImportType") return "a module specifier";
  if (parent.type === "TSLiteralType" || parent.type === "TSEnumMember" || parent.type === "TSModuleDeclaration") return "part of a type or enum";
  if (parent.type === "TSAsExpression" || parent.type === "TSSatisfiesExpression") {
    const annotation = parent.typeAnnotation as BabelNode | undefined;
    if (annotation?.type === "TSTypeReference" && ((annotation.typeName as { name?: string }).name === "const")) return 'in an "as const" expression';
  }
  if (path.some((n) => n.type === "TSTypeAnnotation" || n.type === "TSDeclareFunction" || n.type === "TSTypeAliasDeclaration")) return "part of a type";
  if (path.some((n) => n.declare === true)) return "in an ambient (declare) declaration";
  return undefined;
}
