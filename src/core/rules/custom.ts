import type { CustomRule } from "../config.js";
import { anyCase } from "../keywords.js";
import { redactCustomSecret } from "../mask.js";
import type { Reading, Rule, RuleMatcher, RuleWords } from "./rule.js";

/**
 * A custom rule's regex sees at most this many characters at a time: longer lines are scanned in
 * overlapping windows. The config rejects regexes that can backtrack exponentially; this bound keeps
 * even a polynomial one fast on a minified megabyte line.
 */
export const CUSTOM_RULE_WINDOW = 4096;
const CUSTOM_RULE_OVERLAP = 512;

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
          const step = CUSTOM_RULE_WINDOW - CUSTOM_RULE_OVERLAP;
          for (let start = 0; start < text.length; start += step) {
            const window = text.length <= CUSTOM_RULE_WINDOW ? text : text.slice(start, start + CUSTOM_RULE_WINDOW);
            regex.lastIndex = 0;
            for (let m = regex.exec(window); m; m = regex.exec(window)) {
              if (m[0].length === 0) {
                regex.lastIndex++;
                continue;
              }
              const secret = m[1] ?? m[0];
              if (!host.firstOnLine(`${config.id}\0${secret}`)) continue;
              // The group's own index (the config compiles with `d`): the secret may also occur earlier in the match.
              const offset = m[1] !== undefined ? (m.indices?.[1]?.[0] ?? m.index + m[0].indexOf(m[1])) : m.index;
              host.report(host.finding(rule, secret, start + offset, reading), secret, undefined, text);
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
