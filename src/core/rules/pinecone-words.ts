import type { RuleWords } from "./rule.js";

/** The block message's words for every Pinecone key rule (current, announced and legacy keys). */
export const PINECONE_WORDS: RuleWords = {
  one: "Pinecone API key",
  many: "Pinecone API keys",
  risk: [
    "A leaked key gives full access to your Pinecone project: indexes can be read, changed or",
    "deleted, and usage is billed to you.",
  ],
  envVar: "PINECONE_API_KEY",
  client: "pinecone",
  secretsManager: { aws: "pinecone/api-key", vaultPath: "secret/pinecone", vaultField: "api_key", conjur: "pinecone/api-key" },
  rotation: [
    "pinekey-hook rotate replaces it through Pinecone's Admin API,",
    "pinekey-hook inventory lists every service that uses it; then watch",
    "usage for reads, writes or costs you do not expect.",
  ],
};
