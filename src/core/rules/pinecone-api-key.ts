import { CURRENT_SECRET_RANDOMNESS } from "../placeholder.js";
import { labelledKeyRule } from "./labelled-key.js";
import { PINECONE_WORDS } from "./pinecone-words.js";

/**
 * Current Pinecone keys: `pcsk_<label>_<secret>`, a label of 5-6 letters or digits (shown in the
 * console) and a secret of exactly 63 (keys seen in public leaks use base58, but any alphanumerics
 * are matched). Fixtures: test/fixtures/rules/pinecone-api-key/.
 */
export const pineconeApiKey = labelledKeyRule({
  id: "pinecone-api-key",
  name: "Pinecone API key",
  description: "A Pinecone API key (pcsk_<label>_<secret>): full access to the project's indexes.",
  prefix: "pcsk",
  label: { min: 5, max: 6 },
  secret: { min: 63, max: 63 },
  randomness: CURRENT_SECRET_RANDOMNESS,
  verification: "pinecone-api",
  exposure: "pinecone-project",
  words: PINECONE_WORDS,
});
