/**
 * Which repository files are containers to open (archives, compressed files), decided by name so a
 * commit with none pays nothing: no blob is read, no archive library loaded. Inside a container
 * every member is recognised by its first bytes instead (src/sources/archive.ts), whatever its name.
 */
const CONTAINER_NAME =
  /\.(?:zip|jar|war|ear|aar|apk|aab|ipa|xpi|whl|egg|nupkg|vsix|docx|xlsx|pptx|docm|xlsm|odt|ods|odp|epub|tar|tgz|gz)$/i;

export function isContainerPath(path: string): boolean {
  return CONTAINER_NAME.test(path);
}

/** How deep containers may nest (a .tar.gz counts two: the gzip stream, then the tar in it). */
export const MAX_CONTAINER_DEPTH = 8;

/**
 * How many bytes the decompressors may produce for one top-level input, all nesting levels
 * together: at least 512 MiB, else 100 times the input's own size (deflate's best ratio is about
 * 1,000:1, which only a zip bomb's runs of one byte reach; real content stays far below 100:1).
 */
export const MIN_EXPANSION_BYTES = 512 * 1024 * 1024;
export const EXPANSION_RATIO = 100;

export function expansionLimit(inputBytes: number): number {
  return Math.max(MIN_EXPANSION_BYTES, EXPANSION_RATIO * inputBytes);
}
