import { BUILT_IN_RULES } from "./rules/index.js";

/** The built-in rules' ids (rules/index.ts lists the rules). */
export type RuleId = "pinecone-api-key" | "pinecone-pckey-api-key" | "pinecone-legacy-api-key";

/** How the key was written on the line when it was not plain text. */
export type Encoding = "json-escaped" | "base64" | "url-encoded" | "utf-16";

/**
 * One key found on one added line. Plain data: commands decide what blocks and how to print it.
 * Never holds the key itself, only its redacted form and a one-way fingerprint.
 */
export interface Finding {
  /** A built-in RuleId, or the id of a custom rule from the config. */
  rule: RuleId | (string & {});
  /**
   * Repository-relative path with `/` separators, exactly as git names the file; for a scanned
   * image, the image file as given (`-` for stdin).
   */
  file: string;
  /**
   * Set when the key is inside `file` rather than in it: where, outermost first. Archive members
   * (`["srv/.env"]` in `site.tar.gz`, `["lib/app.jar", "config.properties"]` nested), an image's
   * layer then the path in it (`["image app:1.0", "layer 3/7 sha256:<diff id>", "srv/.env"]`) or
   * its config (`["image app:1.0", "config", "Env[2]"]`). `line` and `column` are in the innermost.
   */
  within?: string[];
  /** Something to know about where it was found (an image layer file deleted by a later layer). */
  note?: string;
  /** 1-based line number in the new version of the file (of the innermost member, with `within`). */
  line: number;
  /** 1-based column (in characters) where the key starts on that line. */
  column: number;
  /** `pcsk_<label>_` plus a few characters, or the first characters of a legacy key. */
  redacted: string;
  /** `<rule>:<16 hex>`: stable when the line moves, reveals nothing about the key. */
  fingerprint: string;
  /** True when a `pinekey-allow` comment covers the line; allowed findings never block. */
  allowed: boolean;
  /** The text after `pinekey-allow:`, when one was given. */
  allowReason?: string;
  /**
   * An allow comment was there, but the policy in force did not let it allow the key: a server
   * needs a reason (`pinekey-allow: <reason>`), or the policy turned allow comments off.
   */
  allowRefused?: "reason-required" | "comments-off";
  /** Set when the key was found only after decoding the line. */
  encoding?: Encoding;
  /** History scans: the commit that added the line (full object id), its author, date and subject. */
  commit?: string;
  author?: string;
  date?: string;
  subject?: string;
  /**
   * Where the key was when not on a line of a file's content: "file-name" (in the path itself),
   * "commit" or "tag" (in a commit's or tag object's own text: message, author, committer, tagger,
   * tag name; `file` then says which part, e.g. "commit message", and `line` counts in it), or
   * "ref-name" (in the name of a pushed ref).
   */
  origin?: "file-name" | "commit" | "tag" | "ref-name";
  /** pre-push / pre-receive: the ref the key came in through (refs/heads/main, refs/tags/v1). */
  ref?: string;
  /** How the object holding the key was reached when not through a commit, e.g. "tag v1 → tree". */
  via?: string;
  /** With the opt-in live check: what Pinecone said about the key. */
  verified?: "live" | "restricted" | "revoked" | "unknown";
  /** With the live check, for a live key: what it can reach (names only, never data). */
  exposure?: Exposure;
}

/** What a live key can read, change or delete, as the control plane lists it. */
export interface Exposure {
  indexes: ExposedIndex[];
  /** Undefined when the collections could not be listed (the key's roles, or no answer in time). */
  collections?: ExposedCollection[];
}

export interface ExposedIndex {
  name: string;
  dimension?: number;
  /** Serverless: `aws`, `gcp` or `azure` and the region; pod-based: the environment. */
  cloud?: string;
  region?: string;
  environment?: string;
  deletionProtection?: "enabled" | "disabled";
}

export interface ExposedCollection {
  name: string;
  dimension?: number;
  environment?: string;
}

export interface RuleInfo {
  id: RuleId;
  name: string;
  description: string;
}

/** The built-in rules as reports describe them (the rules themselves are in rules/). */
export const RULES: readonly RuleInfo[] = BUILT_IN_RULES.map(({ id, name, description }) => ({ id: id as RuleId, name, description }));
