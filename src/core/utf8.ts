/**
 * git's patch output read as Latin-1 (one character per byte) and decoded as UTF-8 only where the
 * detector reads it.
 *
 * Why: a diff under `--text` carries whatever files hold, and a notebook-heavy repository is half
 * PNG and PDF bytes. Decoding all of it as UTF-8 was a third of a scan's time (Node's StringDecoder
 * is slow on bytes that are not UTF-8, ~16 ns a byte) and made every chunk holding one such byte a
 * two-byte string, twice the memory for the garbage collector. Read as Latin-1, a chunk is copied,
 * not decoded; every mark the prefilter looks for is ASCII, and ASCII reads the same either way.
 * Offsets then count bytes, the same for the prefilter and the parser.
 *
 * A line is decoded from its own bytes. That is what decoding the whole output gives for it: a line
 * feed is ASCII, so no UTF-8 sequence (valid or not) spans one, and the decoder's replacement
 * characters (U+FFFD, one per maximal invalid subpart, as WHATWG and Node both decode) fall the same.
 */

/** ignoreBOM: keep a byte-order mark as the character it is (TextDecoder drops one opening its input). */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** The UTF-8 reading of text read as Latin-1 (a byte per character). ASCII comes back as it is. */
export function utf8FromLatin1(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return decoder.decode(bytes);
}

/**
 * Where the output read as Latin-1 holds what would decode to binary content: a NUL, a byte sequence
 * that is not UTF-8 (decoded, a U+FFFD), or a U+FFFD written as such (EF BF BD), which decoding could
 * not tell apart. Fed chunk by chunk; a sequence cut by a chunk's end is finished in the next one.
 * Reports one offset per line holding some (the first), counted in bytes from the first chunk.
 */
export class Utf8BinaryScan {
  /** Continuation bytes the current sequence still needs (0: between characters). */
  private needed = 0;
  /** The allowed range of the next continuation byte (narrower after E0, ED, F0, F4). */
  private low = 0x80;
  private high = 0xbf;
  /** Where the current sequence started, and how much of EF BF BD (a U+FFFD) it has spelled. */
  private sequenceStart = 0;
  private replacementSoFar = 0;
  private consumed = 0;
  /** The last chunk ended inside a line already reported: its rest needs no look. */
  private inReportedLine = false;

  /**
   * Push onto `found`, in increasing order, the offsets of the lines holding binary content. Returns
   * true when the chunk is ASCII throughout (its text needs no decoding), false when it may not be.
   * `from`: the chunk's first characters need no look (the start of a line, or its end; see
   * BinaryMarks.add): the look begins there, between characters.
   */
  scan(chunk: string, found: number[], from = 0): boolean {
    const base = this.consumed;
    this.consumed += chunk.length;
    const length = chunk.length;
    let i = from;
    if (from > 0) {
      this.needed = 0;
      this.inReportedLine = false;
    }
    if (this.inReportedLine) {
      i = this.pastLine(chunk, 0);
      if (i === -1) return false;
    }
    let ascii = i === 0 && this.needed === 0;
    while (i < length) {
      if (this.needed === 0) {
        // Between characters: the next NUL or byte above ASCII. A few characters are looked at here
        // first: in binary content one is never far (most often the first), and a native search
        // costs more to start than that.
        const probeEnd = Math.min(length, i + PROBE);
        while (i < probeEnd) {
          const c = chunk.charCodeAt(i);
          if (c === 0 || c >= 0x80) break;
          i++;
        }
        if (i === probeEnd) {
          NEXT_SPECIAL.lastIndex = i;
          if (!NEXT_SPECIAL.test(chunk)) return ascii;
          i = NEXT_SPECIAL.lastIndex - 1;
        }
        const c = chunk.charCodeAt(i);
        if (c !== 0) ascii = false;
        this.sequenceStart = base + i;
        this.replacementSoFar = c === 0xef ? 1 : 0;
        if (c >= 0xc2 && c <= 0xdf) this.begin(1, 0x80, 0xbf);
        else if (c === 0xe0) this.begin(2, 0xa0, 0xbf);
        else if (c === 0xed) this.begin(2, 0x80, 0x9f);
        else if (c >= 0xe1 && c <= 0xef) this.begin(2, 0x80, 0xbf);
        else if (c === 0xf0) this.begin(3, 0x90, 0xbf);
        else if (c >= 0xf1 && c <= 0xf3) this.begin(3, 0x80, 0xbf);
        else if (c === 0xf4) this.begin(3, 0x80, 0x8f);
        else {
          // NUL, a continuation byte with no start, C0, C1, F5-FF: never text. (The rest of the line is
          // not looked at, so the chunk is no longer known to be ASCII.)
          found.push(base + i);
          ascii = false;
          i = this.pastLine(chunk, i);
          if (i === -1) return false;
          continue;
        }
        i++;
        continue;
      }
      // Inside a sequence: the next byte must continue it.
      const c = chunk.charCodeAt(i);
      if (c < this.low || c > this.high) {
        // Not UTF-8 (the breaking byte may be a line feed: the line ends with it).
        found.push(this.sequenceStart);
        i = this.pastLine(chunk, i);
        if (i === -1) return false;
        continue;
      }
      this.replacementSoFar = (this.replacementSoFar === 1 && c === 0xbf) || (this.replacementSoFar === 2 && c === 0xbd) ? this.replacementSoFar + 1 : 0;
      this.low = 0x80;
      this.high = 0xbf;
      this.needed--;
      i++;
      if (this.needed === 0 && this.replacementSoFar === 3) {
        found.push(this.sequenceStart);
        i = this.pastLine(chunk, i);
        if (i === -1) return false;
      }
    }
    return ascii && this.needed === 0;
  }

  /**
   * A chunk its reader knows to hold only ASCII and no NUL (Node's `buffer.isAscii`, far faster than
   * any search here): nothing in it is binary, unless it ends a sequence the last chunk began or a
   * line already reported, which the full scan settles.
   */
  scanAscii(chunk: string, found: number[]): void {
    if (this.needed > 0 || this.inReportedLine) {
      this.scan(chunk, found);
      return;
    }
    this.consumed += chunk.length;
  }

  /** The output ended: a sequence left unfinished decodes to a U+FFFD. */
  end(found: number[]): void {
    if (this.needed > 0 && !this.inReportedLine) found.push(this.sequenceStart);
    this.needed = 0;
  }

  private begin(needed: number, low: number, high: number): void {
    this.needed = needed;
    this.low = low;
    this.high = high;
  }

  /**
   * Where the next line starts, from chunk index `i` on a line just reported (one offset per line
   * is all a reader needs), or -1 when the line goes on in the next chunk.
   */
  private pastLine(chunk: string, i: number): number {
    this.needed = 0;
    const lineEnd = chunk.indexOf("\n", i);
    this.inReportedLine = lineEnd === -1;
    return lineEnd === -1 ? -1 : lineEnd + 1;
  }
}

// eslint-disable-next-line no-control-regex
const NEXT_SPECIAL = /[\x00\x80-\xff]/g;
/** Characters looked at one by one before NEXT_SPECIAL is run (see scan). */
const PROBE = 16;
