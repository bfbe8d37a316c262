#!/usr/bin/env node
/**
 * Renders docs/blocked-commit.svg, the picture at the top of the README, from real terminal output:
 * it runs `pinekey-hook demo` (a real `git commit` blocked by the real hook) with FORCE_COLOR=1,
 * keeps the part from staging the key to the blocked result, and turns the ANSI colours into an SVG
 * of monospace text. No dependencies: the ANSI-to-SVG conversion is below.
 *
 *   npm run build && node scripts/render-demo-svg.mjs [output.svg]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, "dist", "bin.cjs");
const target = resolve(process.argv[2] ?? join(root, "docs", "blocked-commit.svg"));

if (!existsSync(bin)) {
  console.error("dist/bin.cjs is missing: run npm run build first.");
  process.exit(2);
}
const env = { ...process.env, FORCE_COLOR: "1" };
delete env.NO_COLOR;
const demo = spawnSync(process.execPath, [bin, "demo"], { env, encoding: "utf8" });
if (demo.status !== 0) {
  console.error(`pinekey-hook demo failed (exit ${demo.status}):\n${demo.stdout}${demo.stderr}`);
  process.exit(1);
}

// eslint-disable-next-line no-control-regex -- terminal escapes are what this reads
const ESC = /\u001b\[[0-9;]*m/g;
const plain = (line) => line.replace(ESC, "");
const lines = demo.stdout.replace(/\n+$/, "").split("\n");
const first = lines.findIndex((line) => plain(line).startsWith("$ git add app.py"));
const last = lines.findIndex((line, i) => i > first && plain(line).startsWith("→ blocked"));
if (first < 0 || last < 0) {
  console.error("could not find the blocked commit in the demo's output:\n" + demo.stdout);
  process.exit(1);
}
const shown = lines.slice(first, last + 1);
if (shown.some((line) => /pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{20,}/.test(plain(line)))) {
  console.error("refusing to render: the output holds a full key");
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// ANSI SGR → styled runs → SVG

const PALETTE = {
  30: "#3b3b3b", 31: "#f25c54", 32: "#4ec27a", 33: "#e5c07b", 34: "#61afef", 35: "#c678dd", 36: "#56b6c2", 37: "#dcdfe4",
  90: "#7f848e", 91: "#ff7b72", 92: "#7ee787", 93: "#f2cc60", 94: "#79c0ff", 95: "#d2a8ff", 96: "#a5d6ff", 97: "#ffffff",
};
const FOREGROUND = "#d4d4d4";
const BACKGROUND = "#1e1f24";

/** One line of ANSI text as runs of { text, fg, bold, dim }. */
function ansiRuns(line) {
  const runs = [];
  const style = { fg: undefined, bold: false, dim: false };
  let at = 0;
  for (const match of line.matchAll(ESC)) {
    if (match.index > at) runs.push({ text: line.slice(at, match.index), ...style });
    at = match.index + match[0].length;
    const codes = match[0].slice(2, -1).split(";").filter((c) => c !== "").map(Number);
    if (codes.length === 0) codes.push(0);
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code === 0) Object.assign(style, { fg: undefined, bold: false, dim: false });
      else if (code === 1) style.bold = true;
      else if (code === 2) style.dim = true;
      else if (code === 22) Object.assign(style, { bold: false, dim: false });
      else if (code === 39) style.fg = undefined;
      else if (PALETTE[code]) style.fg = PALETTE[code];
      else if (code === 38 && codes[i + 1] === 2) {
        style.fg = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`;
        i += 4;
      } else if (code === 38 && codes[i + 1] === 5) i += 2;
    }
  }
  if (at < line.length) runs.push({ text: line.slice(at), ...style });
  return runs.filter((run) => run.text !== "");
}

const escapeXml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function renderSvg(ansiLines, { title = "" } = {}) {
  const fontSize = 13;
  const charWidth = 7.8; // a 13 px monospace glyph is 0.6 em wide
  const lineHeight = 18;
  const pad = 16;
  const bar = 30;
  const columns = Math.max(...ansiLines.map((line) => [...plain(line)].length), 40);
  const width = Math.ceil(pad * 2 + columns * charWidth);
  const height = bar + pad + ansiLines.length * lineHeight;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" rx="8" fill="${BACKGROUND}"/>`,
    `<circle cx="18" cy="15" r="5.5" fill="#ff5f57"/><circle cx="36" cy="15" r="5.5" fill="#febc2e"/><circle cx="54" cy="15" r="5.5" fill="#28c840"/>`,
    `<g font-family="ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace" font-size="${fontSize}" fill="${FOREGROUND}" xml:space="preserve">`,
  ];
  ansiLines.forEach((line, index) => {
    const y = bar + pad + index * lineHeight;
    const spans = ansiRuns(line).map((run) => {
      const attrs = [
        run.fg ? `fill="${run.fg}"` : "",
        run.bold ? `font-weight="bold"` : "",
        run.dim ? `fill-opacity="0.6"` : "",
      ].filter(Boolean);
      return attrs.length > 0 ? `<tspan ${attrs.join(" ")}>${escapeXml(run.text)}</tspan>` : escapeXml(run.text);
    });
    out.push(`<text x="${pad}" y="${y}">${spans.join("")}</text>`);
  });
  out.push("</g>", "</svg>");
  return out.join("\n") + "\n";
}

mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderSvg(shown, { title: "git commit blocked by pinekey-hook: real terminal output of pinekey-hook demo" }));
console.log(`wrote ${target} (${shown.length} lines of real output from pinekey-hook demo)`);
