import { isBinaryLine } from "../binary.js";
import { redactLabelledKey } from "../mask.js";
import { isPlaceholderSecret, type RandomnessLimits } from "../placeholder.js";
import type { Reading, Rule, RuleMatcher, RuleWords, VerificationId, ExposureCheckId } from "./rule.js";

/**
 * Keys of the shape `<prefix>_<label>_<secret>` (Pinecone's `pcsk_` and `pckey_`): the label is public
 * (the console shows it), the secret is random letters and digits. One factory, so the two rules
 * differ only in their numbers.
 */
export interface LabelledKeyShape {
  id: string;
  name: string;
  description: string;
  /** `pcsk`: the key starts `pcsk_`. */
  prefix: string;
  label: { min: number; max: number };
  secret: { min: number; max: number };
  /** The randomness test the secret must pass to be a key, not a placeholder. */
  randomness: RandomnessLimits;
  verification?: VerificationId;
  exposure?: ExposureCheckId;
  words: RuleWords;
}

/** Free text shows a key's redacted form once 20 characters of its secret are there. */
const MIN_SCRUBBED_SECRET_LENGTH = 20;

export function labelledKeyRule(shape: LabelledKeyShape): Rule {
  const body = `${shape.prefix}_([A-Za-z0-9]{${shape.label.min},${shape.label.max}})_([A-Za-z0-9]{${shape.secret.min},${shape.secret.max}})`;
  /** Between word boundaries in text. */
  const inText = new RegExp(`\\b${body}\\b`, "g");
  /**
   * Without the word boundaries, for binary content only. Binary formats store a string without
   * delimiters: a pickle writes a length byte before it (74 characters: "J"), a `.pyc` a type and a
   * length byte, a SQLite record puts one column's text right after another's. So a key in a pickled
   * model config reads `…\uFFFDJpcsk_…` and the boundary rule would never see it. Text keeps the
   * boundaries (`xpcsk_…` and an over-long tail stay unreported there): this only finds more, where
   * delimiters cannot be expected.
   */
  const inBinary = new RegExp(body, "g");
  /**
   * In free text (git's error output), even a truncated key: the secret's minimum length is checked
   * in code, because a `{20,}` quantifier makes V8 overflow its regexp backtrack stack (RangeError) on
   * a run of about 10 MB, while a plain `+` does not.
   */
  const anywhere = new RegExp(`${shape.prefix}_([A-Za-z0-9]{${shape.label.min},${shape.label.max}})_([A-Za-z0-9]+)`, "g");
  const needle = `${shape.prefix}_`;
  const rule: Rule = {
    id: shape.id,
    name: shape.name,
    description: shape.description,
    keywords: { words: [shape.prefix], base64: [needle], utf16: [shape.prefix] },
    words: shape.words,
    ...(shape.verification ? { verification: shape.verification } : {}),
    ...(shape.exposure ? { exposure: shape.exposure } : {}),
    redact(key, visible) {
      const [, label, secret] = key.split("_") as [string, string, string];
      return redactLabelledKey(shape.prefix, label, secret, visible);
    },
    scrub(text) {
      return text.replace(anywhere, (match, label: string, secret: string) =>
        secret.length >= MIN_SCRUBBED_SECRET_LENGTH ? redactLabelledKey(shape.prefix, label, secret) : match,
      );
    },
    isPlaceholder(key) {
      return isPlaceholderSecret(key.slice(key.lastIndexOf("_") + 1), shape.randomness);
    },
    matcher(): RuleMatcher {
      return {
        match(reading: Reading, host) {
          const text = reading.text;
          if (text.indexOf(needle) === -1) return;
          const raw = reading.encoding === undefined;
          if (raw && !host.fileBinary && isBinaryLine(text)) host.fileBinary = true;
          const binary = raw && host.fileBinary;
          const pattern = binary ? inBinary : inText;
          pattern.lastIndex = 0;
          for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
            const key = m[0];
            if (isPlaceholderSecret(m[2]!, shape.randomness) || !host.firstOnLine(key)) continue;
            host.report(host.finding(rule, key, m.index, reading), key, undefined, text);
          }
          if (!raw || binary) return;
          // A text line so far: what only the binary shape finds waits for the end of the file, in
          // case the file proves binary (not marked seen: a decoded reading may still find it as text).
          inBinary.lastIndex = 0;
          for (let m = inBinary.exec(text); m; m = inBinary.exec(text)) {
            const key = m[0];
            if (isPlaceholderSecret(m[2]!, shape.randomness) || host.seenOnLine(key)) continue;
            host.holdForBinaryFile(host.finding(rule, key, m.index, reading), key, text);
          }
        },
      };
    },
  };
  return rule;
}
