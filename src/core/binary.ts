/**
 * A line of binary content: it holds a NUL or another control character text does not use (all
 * below a space but tab, line feed and carriage return; escape included, since a terminal log's
 * colour code glues its last letter to what it prints), DEL, or U+FFFD, which is what a byte that
 * is not UTF-8 becomes once git's output is decoded (so text in a legacy 8-bit encoding counts too).
 * Rules may then drop the word boundaries they expect in text (see rules/labelled-key.ts).
 */
// eslint-disable-next-line no-control-regex
const BINARY_CONTENT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

export function isBinaryLine(text: string): boolean {
  return BINARY_CONTENT.test(text);
}
