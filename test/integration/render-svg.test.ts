/**
 * The README's picture: scripts/render-demo-svg.mjs renders a blocked commit from the real output of
 * `pinekey-hook demo`, and the committed docs/blocked-commit.svg is such a rendering.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makeTempDir, PROJECT_ROOT } from "../helpers/repo.js";

const FULL_KEY = /pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{20,}/;

function assertPicture(svg: string): void {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal(svg.match(/<svg\b/g)?.length, 1);
  assert.match(svg, /\$ git commit -m &quot;Connect to Pinecone&quot;/);
  assert.match(svg, /<tspan fill="#f25c54" font-weight="bold">pinekey-hook: commit blocked:<\/tspan> 1 Pinecone API key in the staged changes/);
  assert.match(svg, /→(<\/tspan>)? blocked: git commit exited with 1/);
  assert.doesNotMatch(svg, FULL_KEY);
  // eslint-disable-next-line no-control-regex -- terminal escapes are what this reads
  assert.doesNotMatch(svg, /\u001b/, "every escape sequence was converted");
}

test("scripts/render-demo-svg.mjs renders the demo's blocked commit as an SVG", (t) => {
  const dir = makeTempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, "blocked.svg");
  const run = spawnSync(process.execPath, [join(PROJECT_ROOT, "scripts", "render-demo-svg.mjs"), out], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.equal(run.status, 0, run.stderr);
  const svg = readFileSync(out, "utf8");
  assertPicture(svg);
  const rsvg = spawnSync("rsvg-convert", ["--format", "png", "--output", join(dir, "blocked.png"), out], { encoding: "utf8" });
  if (!rsvg.error) assert.equal(rsvg.status, 0, `rsvg-convert could not read it: ${rsvg.stderr}`);
});

test("docs/blocked-commit.svg (shown at the top of the README) is such a rendering", () => {
  assertPicture(readFileSync(join(PROJECT_ROOT, "docs", "blocked-commit.svg"), "utf8"));
  assert.match(readFileSync(join(PROJECT_ROOT, "README.md"), "utf8"), /!\[[^\]]+\]\(docs\/blocked-commit\.svg\)/);
});
