/** What a command hands back to the bin: only the bin writes to the streams and sets the exit code. */
export interface CommandResult {
  /** 0 clean, 1 keys found (blocked), 2 error. */
  exitCode: 0 | 1 | 2;
  stdout?: string;
  stderr?: string;
}

export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_ERROR = 2;
