import type { CustomRule } from "../config.js";
import { anyCase } from "../keywords.js";
import { redactCustomSecret } from "../mask.js";
import type { Reading, Rule, RuleMatcher, RuleWords } from "./rule.js";

/**
 * Custom rules find their matches in windows of this many characters (overlapping by
 * CUSTOM_RULE_OVERLAP, so a secret up to that long is never cut); a pattern with an unbounded
 * repetition, at most MAX_CUSTOM_MATCHES_PER_LINE matches per reading of a line: see the matcher. A
 * line with more matches of such a rule than that is reported (and blocks) by the first ones.
 */
export const CUSTOM_RULE_WINDOW = 4096;
const CUSTOM_RULE_OVERLAP = 512;
export const MAX_CUSTOM_MATCHES_PER_LINE = 1000;

/**
 * `openai-api-key` → `OPENAI_API_KEY`: the environment variable a custom rule's fix reads its secret
 * from (a name must not start with a digit).
 */
export function environmentVariableFor(id: string): string {
  const name = id.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return /^[0-9]/.test(name) || name === "" ? `SECRET_${name}` : name;
}

/** Generic, correct words for a secret pinekey-hook knows only by its rule: never Pinecone's. */
export function customWords(id: string, description: string): RuleWords {
  return {
    one: description,
    many: /[A-Za-z]$/.test(description) && !/s$/.test(description) ? `${description}s` : description,
    risk: [`Whoever finds a leaked ${description} can use it with all the access it was issued with.`],
    envVar: environmentVariableFor(id),
    secretsManager: { aws: id, vaultPath: `secret/${id}`, vaultField: "value", conjur: id },
    rotation: [
      `revoke this ${description} where it was issued and create a new one,`,
      "update every service that uses it, and watch for use you do not expect.",
    ],
  };
}

/**
 * A rule from the config (`rules`): its regex (the first capture group, when there is one, is the
 * secret), its keywords (a reading is tested only when it holds one, in any case; none: every
 * reading), its description, and generic words. No verification: its keys are never sent anywhere.
 *
 * The regex runs on the linear-time engine (linear-regex.ts, RE2): its fast yes-or-no question over
 * the reading, and only on a yes the pass that finds where each match and its secret are, over
 * windows of CUSTOM_RULE_WINDOW characters (each window asked the yes-or-no question first), and for
 * a pattern with an unbounded repetition at most MAX_CUSTOM_MATCHES_PER_LINE matches. Why both
 * bounds: one search is linear, but finding every match is a search from each match's end, and a
 * pattern with an unbounded tail (`a(?:.*b)?`) reads to the end of the text for each of them. In a
 * window each search reads at most the window, and the cap bounds how many there are: a line costs
 * at most its length plus cap × window. A bounded pattern's search stops within its longest match.
 */
export function customRule(config: CustomRule): Rule {
  const gate = config.keywords.length > 0 ? new RegExp(config.keywords.map(anyCase).join("|")) : undefined;
  const regex = config.regex;
  const rule: Rule = {
    id: config.id,
    name: config.description,
    description: config.description,
    keywords: { words: config.keywords, base64: base64Spellings(config.keywords), utf16: config.keywords },
    words: customWords(config.id, config.description),
    redact: (secret, visible) => redactCustomSecret(secret, visible),
    isPlaceholder: () => false,
    matcher(): RuleMatcher {
      return {
        match(reading: Reading, host) {
          const text = reading.text;
          if (gate && !gate.test(text)) return;
          if (!regex.test(text)) return;
          let matched = 0;
          const step = CUSTOM_RULE_WINDOW - CUSTOM_RULE_OVERLAP;
          for (let start = 0; start < text.length && matched < MAX_CUSTOM_MATCHES_PER_LINE; start += step) {
            const whole = text.length <= CUSTOM_RULE_WINDOW;
            const window = whole ? text : text.slice(start, start + CUSTOM_RULE_WINDOW);
            if (whole || regex.test(window)) {
              for (const { secret, secretIndex } of regex.matches(window)) {
                // Every match counts towards the cap, repeated ones too: each cost a search.
                if (!regex.bounded && ++matched > MAX_CUSTOM_MATCHES_PER_LINE) break;
                if (!host.firstOnLine(`${config.id}\0${secret}`)) continue;
                host.report(host.finding(rule, secret, start + secretIndex, reading), secret, undefined, text);
              }
            }
            if (start + CUSTOM_RULE_WINDOW >= text.length) break;
          }
        },
      };
    },
  };
  return rule;
}

/** A keyword as written, in lower and in upper case: the spellings whose base64 marks a line. */
function base64Spellings(keywords: readonly string[]): string[] {
  return [...new Set(keywords.flatMap((k) => [k, k.toLowerCase(), k.toUpperCase()]))];
}
