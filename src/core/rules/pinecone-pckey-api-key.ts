import { ANNOUNCED_SECRET_RANDOMNESS } from "../placeholder.js";
import { labelledKeyRule } from "./labelled-key.js";
import { PINECONE_WORDS } from "./pinecone-words.js";

/**
 * The announced key format. Pinecone's Admin API spec (pinecone-io/pinecone-api,
 * 2026-04/admin_2026-04.oas.yaml, APIKeyWithSecret.value) says: "New keys will have the format
 * `pckey_<public-label>_<unique-key>`". No such key has been seen yet, so the shape is kept loose:
 * a label of 1-16 letters or digits, a secret of 32-128, and a randomness test that holds even if
 * the secret turns out to be hex. Checked live like `pcsk_` keys. Fixtures:
 * test/fixtures/rules/pinecone-pckey-api-key/.
 */
export const pineconePckeyApiKey = labelledKeyRule({
  id: "pinecone-pckey-api-key",
  name: "Pinecone API key (pckey_)",
  description: "A Pinecone API key in the announced format (pckey_<public-label>_<unique-key>): full access to the project's indexes.",
  prefix: "pckey",
  label: { min: 1, max: 16 },
  secret: { min: 32, max: 128 },
  randomness: ANNOUNCED_SECRET_RANDOMNESS,
  verification: "pinecone-api",
  exposure: "pinecone-project",
  words: PINECONE_WORDS,
});
