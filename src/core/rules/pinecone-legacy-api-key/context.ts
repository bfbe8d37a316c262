/**
 * What makes a nearby UUID Pinecone's: the word itself, or a legacy environment name
 * (`us-west1-gcp`, `gcp-starter`), which the live check also needs to find a legacy key's controller.
 */

/** A line that makes nearby UUIDs Pinecone-related: the word, or a legacy environment name. */
const PINECONE_CONTEXT =
  /pinecone|\b(?:us|eu|asia|ap|europe|northamerica|southamerica)-[a-z]+\d*-(?:gcp|aws|azure)\b|\bgcp-starter\b/i;
const PINECONE_WORD = /pinecone/i;
/** What every legacy environment name holds (also the prefilter's words for this rule). */
export const ENVIRONMENT_SUFFIXES = ["-gcp", "-aws", "-azure", "gcp-starter"];
const ENVIRONMENT_SUFFIXES_ANY_CASE = [...ENVIRONMENT_SUFFIXES, ...ENVIRONMENT_SUFFIXES.map((s) => s.toUpperCase())];

/** PINECONE_CONTEXT, with the costly environment-name alternation tried only when a suffix is there. */
export function hasPineconeContext(text: string): boolean {
  if (PINECONE_WORD.test(text)) return true;
  return ENVIRONMENT_SUFFIXES_ANY_CASE.some((suffix) => text.includes(suffix)) && PINECONE_CONTEXT.test(text);
}

/** A cheap test before LEGACY_ENVIRONMENT's alternation. */
const ENVIRONMENT_HINT = /-(?:gcp|aws|azure)|gcp-starter/i;
/** A legacy environment name (`us-west1-gcp`, `gcp-starter`): the live check needs it for legacy keys. */
const LEGACY_ENVIRONMENT =
  /\b((?:us|eu|asia|ap|europe|northamerica|southamerica)-[a-z]+\d*-(?:gcp|aws|azure)|gcp-starter)\b/i;

/** The legacy environment named on the line, lower-cased, if any. */
export function environmentOn(text: string): string | undefined {
  return ENVIRONMENT_HINT.test(text) ? LEGACY_ENVIRONMENT.exec(text)?.[1]?.toLowerCase() : undefined;
}
