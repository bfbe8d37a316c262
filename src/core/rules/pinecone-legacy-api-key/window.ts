/**
 * How far (in lines, either side) a `pinecone` word makes a UUID under a generic key name a key.
 * In a module of its own, with no imports, so git's side can ask for the right amount of diff
 * context (core/context-window.ts) without loading the rules before git has even started.
 */
export const LEGACY_CONTEXT_WINDOW = 3;
