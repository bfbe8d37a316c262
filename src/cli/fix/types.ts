/**
 * The data the fix command's pieces pass each other. A rewriter gets a file's text and the keys in
 * it (with where each starts) and returns the new text, or says why it will not touch the file.
 */

/** One key in one file: where it starts (1-based, in UTF-16 units of the line as read) and its text. */
export interface KeyInFile {
  line: number;
  column: number;
  /** The key itself: held in memory only, never printed (see redactText). */
  key: string;
  /** The environment variable that will hold it, e.g. PINECONE_API_KEY. */
  name: string;
}

/** A change of text: `[start, end)` (offsets into the whole file) becomes `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export type Rewrite =
  | {
      ok: true;
      text: string;
      /** Things the person should know or do (e.g. "create the Secret"), one sentence each. */
      notes: string[];
    }
  | { ok: false; reason: string };

/** What a rewriter is given besides the text. */
export interface RewriteInput {
  /** Repository-relative path (for the file kind and the messages). */
  path: string;
  text: string;
  keys: KeyInFile[];
}

/** Python's tokens, from Python's own tokenizer (see python-tokens.ts); undefined without python3. */
export interface PythonToken {
  type: string;
  /** 1-based line, 0-based column in UTF-16 units, as for KeyInFile. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export type Tokenize = (source: string) => Promise<PythonToken[] | { error: string }>;

export function refuse(reason: string): Rewrite {
  return { ok: false, reason };
}
