import { isAscii, isUtf8 } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import { ContentScanner } from "../core/content.js";
import type { Detector } from "../core/detector.js";
import type { Finding } from "../core/finding.js";
import type { Piece, Source } from "../core/source.js";

/**
 * The one engine every source's pieces go through: bytes decoded as UTF-8 (invalid bytes become
 * U+FFFD, so a key inside a binary file is still whole text), scanned whole by ContentScanner, and
 * each finding placed where the piece is (`file` the outermost name, `within` the rest).
 */
export class PieceScanner {
  private readonly content: ContentScanner;

  constructor(detector: Detector) {
    this.content = new ContentScanner(detector);
  }

  async scan(piece: Piece): Promise<Finding[]> {
    const { location } = piece;
    this.content.begin(location[location.length - 1]!);
    if (piece.content instanceof Uint8Array) {
      this.content.push(Buffer.from(piece.content.buffer, piece.content.byteOffset, piece.content.byteLength).toString("utf8"));
    } else {
      const decoder = new StringDecoder("utf8");
      // As in gitStream: an ASCII chunk reads the same as Latin-1, which V8 copies without decoding,
      // while the decoder cannot be holding the start of a character.
      let decoderMayHoldBytes = false;
      // A binary file (its first piece is not UTF-8: a shared library, a class file) is read as
      // Latin-1 throughout: a key in it is ASCII either way, and decoding megabytes of random bytes
      // as UTF-8 is the slowest part of scanning an image.
      let binary: boolean | undefined;
      for await (const bytes of piece.content) {
        // Past maxFileBytes the rest is still read (a tar member must be drained), not scanned.
        if (this.content.stopped) continue;
        const chunk = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        // The last 3 bytes may be a character cut in two by the chunk boundary.
        binary ??= chunk.length > 0 && !isUtf8(chunk.subarray(0, Math.max(0, chunk.length - 3)));
        if (binary || (!decoderMayHoldBytes && isAscii(chunk))) {
          this.content.push(chunk.toString("latin1"), chunk);
        } else {
          this.content.push(decoder.write(chunk));
          decoderMayHoldBytes = chunk.length > 0 && chunk[chunk.length - 1]! >= 0x80;
        }
      }
      this.content.push(decoder.end());
    }
    return this.content.end().map((finding) => placed(finding, piece));
  }
}

/** Every finding of a source, in the order its pieces came. */
export async function scanSource(source: Source, detector: Detector): Promise<{ findings: Finding[]; pieces: number }> {
  const scanner = new PieceScanner(detector);
  const findings: Finding[] = [];
  let pieces = 0;
  for await (const piece of source) {
    pieces++;
    findings.push(...(await scanner.scan(piece)));
  }
  return { findings, pieces };
}

function placed(finding: Finding, piece: Piece): Finding {
  const [file, ...within] = piece.location;
  return {
    ...finding,
    file: file!,
    ...(within.length > 0 ? { within } : {}),
    ...(piece.note !== undefined ? { note: piece.note } : {}),
  };
}
