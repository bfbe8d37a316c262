/**
 * Machine-readable reports. Both carry only redacted keys and fingerprints, never a key.
 */
import { RULES, type Finding, type RuleInfo } from "../core/finding.js";
import { builtInRule, customWords, type RuleWords } from "../core/rules/index.js";

/** A rule as reports describe it: the built-ins, plus any custom rules from the config. */
export type ReportRule = Pick<RuleInfo, "name" | "description"> & { id: string; words?: RuleWords };

export type Format = "text" | "json" | "sarif";
export const FORMATS: readonly Format[] = ["text", "json", "sarif"];

/** `{"findings":[…]}`, one object per finding with the fields of `Finding`. */
export function formatJson(findings: Finding[]): string {
  return JSON.stringify({ findings }, null, 2) + "\n";
}

/** The fix in a sentence or three, in the rule's own words (a custom rule's never speak of Pinecone). */
function helpText(words: RuleWords): string {
  return (
    `Move the key out of the file: read it from the ${words.envVar} environment variable or a secrets ` +
    "manager (AWS Secrets Manager, HashiCorp Vault, CyberArk Conjur). If the key was ever pushed or shared, " +
    `rotate it: ${words.rotation.join(" ")} ` +
    "A false positive can be allowed with a `pinekey-allow` comment on the line."
  );
}

function wordsOf(rule: ReportRule): RuleWords {
  return rule.words ?? builtInRule(rule.id)?.words ?? customWords(rule.id, rule.description);
}

/**
 * A key inside an archive or an image: the physical location stays the file git or the person
 * named (so code scanning links to it), with `region` counting lines in the innermost member; the
 * nesting is a logical location whose `fullyQualifiedName` joins the names with `!/` (the jar URL
 * convention: `site.tar.gz!/srv/.env`, `app.tar!/image app:1.0!/layer 3/7 sha256:…!/srv/.env`), and
 * `properties.within` holds the names as a list.
 */
function nestedLocation(file: string, within: readonly string[]): { name: string; fullyQualifiedName: string; kind: string } {
  return { name: within[within.length - 1]!, fullyQualifiedName: [file, ...within].join("!/"), kind: "member" };
}

/** SARIF 2.1.0, as GitHub code scanning accepts it. */
export function formatSarif(findings: Finding[], toolVersion: string, customRules: readonly ReportRule[] = []): string {
  const rules: ReportRule[] = [...RULES, ...customRules];
  const ruleIndex = new Map<string, number>(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pinekey-hook",
            version: toolVersion,
            informationUri: "https://www.npmjs.com/package/pinekey-hook",
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name.replace(/\s+/g, ""),
              shortDescription: { text: rule.name },
              fullDescription: { text: rule.description },
              help: { text: helpText(wordsOf(rule)), markdown: helpText(wordsOf(rule)) },
              defaultConfiguration: { level: "error" },
              properties: { tags: ["security", "secret"], "security-severity": "9.0", precision: "high" },
            })),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIndex.get(finding.rule),
          level: "error",
          message: { text: `${rules[ruleIndex.get(finding.rule) ?? -1]?.name ?? finding.rule} ${finding.redacted}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file.split("/").map(encodeURIComponent).join("/") },
                region: { startLine: finding.line, startColumn: finding.column },
              },
              ...(finding.within ? { logicalLocations: [nestedLocation(finding.file, finding.within)] } : {}),
            },
          ],
          partialFingerprints: { "pinekeyFingerprint/v1": finding.fingerprint },
          ...(finding.verified || finding.within
            ? {
                properties: {
                  ...(finding.verified ? { verified: finding.verified } : {}),
                  ...(finding.exposure ? { exposure: finding.exposure } : {}),
                  ...(finding.within ? { within: finding.within } : {}),
                  ...(finding.note ? { note: finding.note } : {}),
                },
              }
            : {}),
          ...(finding.allowed
            ? {
                suppressions: [
                  { kind: "inSource", justification: finding.allowReason ?? "pinekey-allow comment" },
                ],
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
