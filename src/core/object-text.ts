import { scrubCommitText } from "./commit-record.js";
import type { ContentScanner } from "./content.js";
import type { Finding } from "./finding.js";

/**
 * A commit's or an annotated tag's own text, as git stores it (`git cat-file commit|tag <oid>`):
 *
 *   tree 9bc3…                      object 67c9…
 *   parent 3b18…                    type commit
 *   author A U Thor <a@x> 1700000000 +0000       tag v1.0
 *   committer C O Mitter <c@x> 1700000000 +0000  tagger T <t@x> 1700000000 +0000
 *   gpgsig -----BEGIN PGP…          (a header's continuation lines start with a space)
 *    …
 *                                   (an empty line ends the headers)
 *   Subject line                    Tag message
 *   body …                          …
 *
 * Every part that people write is scanned: each header but the object ids (tree, parent, object,
 * type), and the message, all of it: git's own log and format output stop at a NUL in a message,
 * this does not. Each part is its own "file" for the detector, named for the report:
 * "commit author", "commit message", "tag name", "tagger"…; line numbers count within the part.
 */
const ID_HEADERS: ReadonlySet<string> = new Set(["tree", "parent", "object", "type"]);

export interface ObjectTextPart {
  name: string;
  text: string;
}

export function objectTextParts(kind: "commit" | "tag", text: string): ObjectTextPart[] {
  const parts: ObjectTextPart[] = [];
  const blank = text.indexOf("\n\n");
  const headerText = blank === -1 ? text : text.slice(0, blank);
  let current: ObjectTextPart | undefined;
  for (const line of headerText.split("\n")) {
    if (line.startsWith(" ") && current) {
      current.text += `\n${line.slice(1)}`;
      continue;
    }
    const space = line.indexOf(" ");
    const header = space === -1 ? line : line.slice(0, space);
    current = undefined;
    if (ID_HEADERS.has(header) || line.length === 0) continue;
    const name = kind === "tag" && header === "tag" ? "tag name" : kind === "tag" && header === "tagger" ? "tagger" : `${kind} ${header}`;
    current = { name, text: space === -1 ? "" : line.slice(space + 1) };
    parts.push(current);
  }
  if (blank !== -1) parts.push({ name: `${kind} message`, text: text.slice(blank + 2) });
  return parts;
}

/** What a commit's text says about it, for its findings (the author and subject redacted). */
export function commitDetails(text: string): { author: string; date: string; subject: string } {
  const blank = text.indexOf("\n\n");
  const subject = blank === -1 ? "" : (text.slice(blank + 2).split("\n", 1)[0] ?? "");
  // `author <name> <<email>> <seconds> <zone>`, read from the end (no regex to backtrack on a long line).
  const line = (blank === -1 ? text : text.slice(0, blank)).split("\n").find((header) => header.startsWith("author ")) ?? "author ";
  const fields = line.slice("author ".length).split(" ");
  const seconds = Number(fields.at(-2));
  const dated = fields.length >= 3 && Number.isFinite(seconds);
  const author = dated ? fields.slice(0, -2).join(" ") : fields.join(" ");
  const date = dated ? new Date(seconds * 1000).toISOString().replace(".000Z", "Z") : "";
  return { author: scrubCommitText(author), date, subject: scrubCommitText(subject) };
}

/** Findings in a commit's or tag's text; each names the part it is in (see objectTextParts). */
export function scanObjectText(content: ContentScanner, kind: "commit" | "tag", text: string): Finding[] {
  const findings: Finding[] = [];
  for (const part of objectTextParts(kind, text)) {
    content.begin(part.name);
    content.push(part.text);
    for (const finding of content.end()) findings.push({ ...finding, origin: kind });
  }
  return findings;
}
