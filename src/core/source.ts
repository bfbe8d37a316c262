/**
 * Sources as data. A source (a working tree, an archive, a container image, the archives a staged
 * diff or a history touched) yields named pieces of content; one engine (src/sources/engine.ts)
 * scans every piece the same way. A new kind of input is a new source, nothing else.
 *
 * The patch sources (the staged diff, `git log -p` for history and pushes) are the exception that
 * keeps the hot path fast: git's patch text streams straight into PatchScanner (src/core/scan.ts),
 * and only the containers the patch touched (archives, compressed files) come back as pieces.
 */
export interface Piece {
  /**
   * Where the content is, outermost first: `["site.tar.gz", "srv/.env"]` for an archive member,
   * `["app.tar", "image app:1.0", "layer 3/7 sha256:<diff id>", "srv/.env"]` for an image layer's
   * file, `["app.tar", "image app:1.0", "config", "Env[2]"]` for an image config field. The first
   * name is what the person gave or git names (a repository path, an image file).
   */
  location: readonly string[];
  /** The bytes, in order (a stream is read once, in order, before the next piece is asked for). */
  content: Uint8Array | AsyncIterable<Uint8Array>;
  /** Said with every finding in this piece (e.g. that a later image layer deleted the file). */
  note?: string;
}

/** A source: pieces, one after another. */
export type Source = AsyncIterable<Piece>;

/** The text form of a nested location, as reports show it: `site.tar.gz → srv/.env`. */
export const LOCATION_SEPARATOR = " → ";

export function locationText(location: readonly string[]): string {
  return location.join(LOCATION_SEPARATOR);
}
