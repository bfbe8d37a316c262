/**
 * How far (in lines, either side) a `pinecone` word makes a UUID under a generic key name a key.
 * In a module of its own, with no imports, so git's side can ask for the right amount of diff
 * context without loading the detector before git has even started.
 */
export const LEGACY_CONTEXT_WINDOW = 3;
/** The unified-diff context the detector wants from git so the window above can see neighbours. */
export const DIFF_CONTEXT_LINES = LEGACY_CONTEXT_WINDOW;
