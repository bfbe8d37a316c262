/**
 * The archive libraries, in one module of their own: scripts/bundle.mjs bundles it apart, into
 * dist/archive-libraries.cjs, so a run with no archive to open (every clean commit) never reads or
 * compiles them; src/sources/archive.ts loads it on the first archive.
 */
export { extract } from "tar-stream";
export { fromBuffer } from "yauzl";
export type { Entry, ZipFile } from "yauzl";
