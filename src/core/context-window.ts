import { LEGACY_CONTEXT_WINDOW } from "./rules/pinecone-legacy-api-key/window.js";

export { LEGACY_CONTEXT_WINDOW };
/**
 * The unified-diff context the detector wants from git: the widest context window of any rule (only
 * the legacy-key rule reads neighbouring lines). Imports nothing else, so git's side can ask for it
 * without loading the detector before git has even started.
 */
export const DIFF_CONTEXT_LINES = LEGACY_CONTEXT_WINDOW;
