import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHeaderPath, unquoteC } from "../../dist/core/cquote.js";

describe("parseHeaderPath", () => {
  it("returns unquoted paths as they are, minus the TAB git adds after a path with a space", () => {
    assert.equal(parseHeaderPath("b/src/app.py"), "b/src/app.py");
    assert.equal(parseHeaderPath("b/my file.txt\t"), "b/my file.txt");
    assert.equal(parseHeaderPath("b/café.txt"), "b/café.txt");
  });

  it("unquotes C-quoted paths", () => {
    assert.equal(parseHeaderPath('"b/new\\nline.txt"'), "b/new\nline.txt");
    assert.equal(parseHeaderPath('"b/q\\"uote.txt"'), 'b/q"uote.txt');
    assert.equal(parseHeaderPath('"b/caf\\303\\251.txt"'), "b/café.txt");
  });

  it("drops the TAB git writes after the closing quote of a quoted path with a space", () => {
    assert.equal(parseHeaderPath('"b/caf\\303\\251 au lait.txt"\t'), "b/café au lait.txt");
  });
});

describe("unquoteC", () => {
  it("undoes every escape git's quote_c_style writes", () => {
    assert.equal(unquoteC('"\\a\\b\\t\\n\\v\\f\\r\\"\\\\"'), "\x07\b\t\n\v\f\r\"\\");
    assert.equal(unquoteC('"\\001\\177"'), "\x01\x7f");
  });

  it("joins octal bytes into UTF-8 characters, up to four bytes", () => {
    assert.equal(unquoteC('"\\346\\227\\245\\346\\234\\254.txt"'), "日本.txt");
    assert.equal(unquoteC('"\\360\\237\\214\\262"'), "🌲");
  });

  it("keeps unescaped non-ASCII characters, including surrogate pairs, next to escapes", () => {
    assert.equal(unquoteC('"🌲\\t🌲é\\n"'), "🌲\t🌲é\n");
  });

  it("decodes an octal escape followed by digits as at most three digits", () => {
    assert.equal(unquoteC('"\\0601"'), "01");
  });
});
