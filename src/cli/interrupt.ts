/**
 * What to undo when the run is interrupted (Ctrl-C, SIGTERM) half-way through a change outside this
 * process: `rotate` registers the undoing of its new key while that key is not yet in use. The bin's
 * signal handler runs it before the process dies of the signal, and prints what it did.
 */
export type InterruptCleanup = () => Promise<string[]>;

let registered: InterruptCleanup | undefined;

export function setInterruptCleanup(cleanup: InterruptCleanup | undefined): void {
  registered = cleanup;
}

/** Run the registered clean-up once; its lines for stderr ("" when there was none). */
export async function runInterruptCleanup(): Promise<string> {
  const cleanup = registered;
  registered = undefined;
  if (!cleanup) return "";
  try {
    const lines = await cleanup();
    return lines.length > 0 ? `${lines.join("\n")}\n` : "";
  } catch (error) {
    return `the clean-up after the interruption failed: ${error instanceof Error ? error.message : String(error)}\n`;
  }
}
