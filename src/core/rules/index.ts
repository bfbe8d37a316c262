import type { CustomRule } from "../config.js";
import { customRule } from "./custom.js";
import { pineconeApiKey } from "./pinecone-api-key.js";
import { pineconeLegacyApiKey } from "./pinecone-legacy-api-key/index.js";
import { pineconePckeyApiKey } from "./pinecone-pckey-api-key.js";
import type { Rule } from "./rule.js";

export { NAME_WINDOW } from "./rule.js";
export type { Rule, RuleKeywords, RuleMatcher, RuleWords, MatchHost, Reading, VerificationId, ExposureCheckId } from "./rule.js";
export { customRule, customWords, environmentVariableFor, CUSTOM_RULE_WINDOW, MAX_CUSTOM_MATCHES_PER_LINE } from "./custom.js";

/**
 * Every built-in rule. Adding one is adding its module here and its fixtures under
 * test/fixtures/rules/<id>/: the prefilter, the detector, the reports and the live check take
 * everything else from the rule itself.
 */
export const BUILT_IN_RULES: readonly Rule[] = [pineconeApiKey, pineconePckeyApiKey, pineconeLegacyApiKey];

/** The built-in rules, then the config's own, less those turned off. */
export function activeRules(customRules: readonly CustomRule[] = [], disabled: ReadonlySet<string> = new Set()): Rule[] {
  return [...BUILT_IN_RULES, ...customRules.map(customRule)].filter((rule) => !disabled.has(rule.id));
}

/** A built-in rule by id. */
export function builtInRule(id: string): Rule | undefined {
  return BUILT_IN_RULES.find((rule) => rule.id === id);
}

/**
 * Redact everything that looks like a key of a built-in rule, even a truncated one, in free text
 * (git's error output). Legacy keys are plain UUIDs and are left alone.
 */
export function scrubKeys(text: string): string {
  let scrubbed = text;
  for (const rule of BUILT_IN_RULES) if (rule.scrub) scrubbed = rule.scrub(scrubbed);
  return scrubbed;
}
