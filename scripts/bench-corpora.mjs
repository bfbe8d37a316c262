/**
 * The two corpora of what Pinecone users really commit, for `npm run bench` (issue 14), generated
 * from a seed so every run sees the same bytes:
 *
 * - notebook-heavy: shaped like the HEAD tree of pinecone-io/examples (189 notebooks, 93 MB; 44 MB
 *   of it PNG and PDF data): notebooks whose code cells use Pinecone, whose outputs hold base64 PNGs
 *   (one line of 20-400 KB each), progress bars, widget ids and result tables; PNG and PDF files
 *   beside them, which `git diff --text` prints as text (bytes that are mostly not UTF-8).
 * - "pinecone"-dense: code where most lines say "pinecone" (a Pinecone client library, a service
 *   that wraps one): the word that gives a legacy UUID its context is everywhere.
 *
 * Each holds a few fake keys (random, made here) so the scan has something to report.
 */

export function corpusRandom(seed) {
  // mulberry32: the low bits of a plain LCG repeat every few hundred values, which would make the
  // "random" image data compress to nothing and its base64 periodic.
  let state = seed >>> 0;
  const random = (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
  const pick = (list) => list[random(list.length)];
  const chars = (length, alphabet) => {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[random(alphabet.length)];
    return out;
  };
  return { random, pick, chars };
}

const HEX = "0123456789abcdef";
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const WORDS = "index vector query result chunk document score text model batch config value items total offset limit embedding namespace metadata".split(" ");

/** A JSON string literal of a notebook's source line (each line but the last ends in \n). */
const jsonLine = (text, last) => JSON.stringify(last ? text : `${text}\n`);

function notebookText(r, targetBytes, keyFor) {
  const { random, pick, chars } = r;
  const uuid = () => [8, 4, 4, 4, 12].map((k) => chars(k, HEX)).join("-");
  const word = () => pick(WORDS);
  const PINECONE_CODE = [
    () => "from pinecone import Pinecone, ServerlessSpec",
    () => 'api_key = os.environ.get("PINECONE_API_KEY") or getpass("Enter your Pinecone API key: ")',
    () => "pc = Pinecone(api_key=api_key)",
    () => `index_name = "${word()}-${word()}-${random(100)}"`,
    () => 'spec = ServerlessSpec(cloud="aws", region="us-east-1")',
    () => `index = pc.Index(index_name)`,
    () => `res = index.query(vector=xq, top_k=${random(20)}, include_metadata=True)`,
    () => `index.upsert(vectors=zip(ids, embeds, meta), namespace="${word()}")`,
    () => `pc.create_index(index_name, dimension=${pick([384, 768, 1536])}, metric="cosine", spec=spec)`,
  ];
  const CODE = [
    () => `${word()}s = [${word()}["${word()}"] for ${word()} in ${word()}_${word()}]`,
    () => `for i in tqdm(range(0, len(data), batch_size)):`,
    () => `    i_end = min(len(data), i+batch_size)`,
    () => `    ${word()} = model.encode(${word()}[i:i_end]).tolist()`,
    () => `plt.plot(${word()}, ${word()}, label="${word()}")`,
    () => `df = pd.DataFrame(${word()})`,
    () => `# ${word()} the ${word()} ${word()}`,
  ];
  const MARKDOWN = [
    () => `## ${word()} ${word()}`,
    () => `We ${word()} the ${word()} with Pinecone, then ${word()} each ${word()} against the ${word()}.`,
    () => `[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/pinecone-io/examples/blob/master/docs/${word()}.ipynb)`,
    () => `The ${word()} ${word()} is ${random(1000)} ${word()}s long.`,
  ];
  const cells = [];
  let size = 0;
  let cellCount = 0;
  while (size < targetBytes) {
    const kind = random(10);
    let cell;
    if (kind < 3) {
      const lines = Array.from({ length: 1 + random(5) }, () => pick(MARKDOWN)());
      cell = `  {\n   "cell_type": "markdown",\n   "metadata": {},\n   "source": [\n${lines.map((l, i) => `    ${jsonLine(l, i === lines.length - 1)}`).join(",\n")}\n   ]\n  }`;
    } else {
      const lines = Array.from({ length: 2 + random(12) }, () => (random(4) === 0 ? pick(PINECONE_CODE) : pick(CODE))());
      const key = keyFor(cellCount);
      if (key) lines.push(key);
      const outputs = [];
      const out = random(10);
      if (out < 3) {
        // A plot: one base64 PNG line (20-400 KB), as Jupyter stores it.
        const png = `iVBORw0KGgoAAAANSUhEUgAA${chars(20_000 + random(380_000), BASE64)}`;
        outputs.push(`    {\n     "data": {\n      "image/png": "${png}\\n",\n      "text/plain": [\n       "<Figure size 640x480 with 1 Axes>"\n      ]\n     },\n     "metadata": {},\n     "output_type": "display_data"\n    }`);
      } else if (out < 5) {
        const rows = Array.from({ length: 5 + random(40) }, () => `       "{'id': '${uuid()}', 'score': 0.${random(100000)}, 'metadata': {'${word()}': '${word()} ${word()}'}},\\n",`);
        outputs.push(`    {\n     "data": {\n      "text/plain": [\n${rows.join("\n")}\n       "]"\n      ]\n     },\n     "execution_count": ${random(100)},\n     "metadata": {},\n     "output_type": "execute_result"\n    }`);
      } else if (out < 7) {
        outputs.push(`    {\n     "data": {\n      "application/vnd.jupyter.widget-view+json": {\n       "model_id": "${chars(32, HEX)}",\n       "version_major": 2,\n       "version_minor": 0\n      },\n      "text/plain": [\n       "  0%|          | 0/${random(1000)} [00:00<?, ?it/s]"\n      ]\n     },\n     "metadata": {},\n     "output_type": "display_data"\n    }`);
      } else if (out < 8) {
        const lines2 = Array.from({ length: 3 + random(30) }, () => `      "${word()} ${random(10000)} ${word()} ${random(1000)}/${random(1000)} [00:${random(60)}<00:00, ${random(100)}.${random(100)}it/s]\\n",`);
        outputs.push(`    {\n     "name": "stdout",\n     "output_type": "stream",\n     "text": [\n${lines2.join("\n")}\n      "done\\n"\n     ]\n    }`);
      }
      cell = `  {\n   "cell_type": "code",\n   "execution_count": ${random(100)},\n   "metadata": {},\n   "outputs": [${outputs.length ? `\n${outputs.join(",\n")}\n   ` : ""}],\n   "source": [\n${lines.map((l, i) => `    ${jsonLine(l, i === lines.length - 1)}`).join(",\n")}\n   ]\n  }`;
    }
    cells.push(cell);
    size += cell.length;
    cellCount++;
  }
  return `{\n "cells": [\n${cells.join(",\n")}\n ],\n "metadata": {\n  "kernelspec": {\n   "display_name": "Python 3",\n   "language": "python",\n   "name": "python3"\n  }\n },\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`;
}

/** Random bytes behind a PNG signature: compressed image data, as git prints it under --text. */
function pngBytes(r, bytes) {
  const out = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i++) out[i] = r.random(256);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(out);
  return out;
}

/** A PDF: text objects between binary (deflated) streams. */
function pdfBytes(r, bytes) {
  const parts = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let size = 0;
  let object = 1;
  while (size < bytes) {
    const head = Buffer.from(`${object++} 0 obj\n<< /Length ${4096} /Filter /FlateDecode >>\nstream\n`);
    const body = pngBytes(r, 4096);
    const tail = Buffer.from("\nendstream\nendobj\n");
    parts.push(head, body, tail);
    size += head.length + body.length + tail.length;
  }
  parts.push(Buffer.from("%%EOF\n"));
  return Buffer.concat(parts);
}

/**
 * The notebook-heavy corpus: { path: content } for about `mb` megabytes (half notebooks, the rest
 * PNG and PDF files, as in pinecone-io/examples). `fakeKey(r)` makes a fake key from the generator.
 */
export function notebookCorpus(mb, seed = 1414) {
  const r = corpusRandom(seed);
  const files = new Map();
  const total = mb * 1024 * 1024;
  const notebooks = Math.max(4, Math.round(mb * 2.1));
  const perNotebook = Math.round((total * 0.5) / notebooks);
  for (let i = 0; i < notebooks; i++) {
    // A key in one notebook in fifty: pasted into a cell, as people do.
    const keyFor = (cell) => (i % 50 === 7 && cell === 3 ? `pc = Pinecone(api_key="${fakeKeyFrom(r)}")` : undefined);
    files.set(`learn/topic${i % 20}/notebook_${i}.ipynb`, notebookText(r, perNotebook * (0.3 + r.random(140) / 100), keyFor));
  }
  const pngs = Math.max(2, Math.round(mb * 0.55));
  for (let i = 0; i < pngs; i++) files.set(`learn/topic${i % 20}/assets/figure_${i}.png`, pngBytes(r, Math.round((total * 0.42) / pngs)));
  for (let i = 0; i < 4; i++) files.set(`docs/paper_${i}.pdf`, pdfBytes(r, Math.round((total * 0.06) / 4)));
  return files;
}

export function fakeKeyFrom(r) {
  return `pcsk_${r.chars(5, BASE58)}_${r.chars(63, BASE58)}`;
}

/** The "pinecone"-dense corpus: code where most lines name Pinecone (about `mb` megabytes). */
export function denseCorpus(mb, seed = 1415) {
  const r = corpusRandom(seed);
  const { random, pick, chars } = r;
  const uuid = () => [8, 4, 4, 4, 12].map((k) => chars(k, HEX)).join("-");
  const word = () => pick(WORDS);
  const DENSE = [
    () => `    pinecone_index = pinecone_client.Index("${word()}-${random(100)}")`,
    () => `    results = pinecone_index.query(vector=${word()}, top_k=${random(50)}, include_metadata=True)`,
    () => `    logger.debug("pinecone ${word()} took %.2f ms", elapsed)`,
    () => `from pinecone import Pinecone, ServerlessSpec, PodSpec`,
    () => `    pinecone_${word()} = self.pinecone.${word()}_${word()}(${word()}=${word()})`,
    () => `  const ${word()} = await pinecone.index("${word()}").namespace("${word()}").query({ topK: ${random(20)} });`,
    () => `    pinecone_index.upsert(vectors=[("${uuid()}", ${word()}, {"${word()}": "${word()}"})])`,
    () => `def pinecone_${word()}_${word()}(pinecone_client, ${word()}=None):`,
    () => `    """Return the ${word()} of a Pinecone ${word()}."""`,
    () => `    assert pinecone_${word()}.${word()} == ${random(1000)}, "pinecone ${word()} mismatch"`,
  ];
  const PLAIN = [
    () => `    ${word()}_${word()} = ${word()}.${word()}(${word()}, ${word()}=${random(100)})`,
    () => `    for ${word()} in ${word()}s:`,
    () => `        if not ${word()}: continue`,
    () => ``,
  ];
  const files = new Map();
  const total = mb * 1024 * 1024;
  const count = Math.max(10, Math.round(mb * 10));
  const per = Math.round(total / count);
  for (let i = 0; i < count; i++) {
    let text = "";
    while (text.length < per) text += `${(random(5) === 0 ? pick(PLAIN) : pick(DENSE))()}\n`;
    if (i % 100 === 3) text += `PINECONE_API_KEY = "${fakeKeyFrom(r)}"\n`;
    files.set(`pinecone_${word()}/module_${i}.${i % 3 === 0 ? "ts" : "py"}`, text);
  }
  return files;
}
