/**
 * Choosing one item on a terminal (rotate without --key-id): a numbered list on stderr, the answer
 * read from stdin. Only used when both are a terminal.
 */
import { createInterface } from "node:readline/promises";
import { writeStderr } from "./output.js";
import type { ApiKey } from "./pinecone-admin.js";

export async function pickOnTerminal(keys: ApiKey[], question: string): Promise<ApiKey | undefined> {
  const lines = keys.map((key, i) => `  ${i + 1}. ${key.name}  ${key.id}${key.roles.length > 0 ? `  (${key.roles.join(", ")})` : ""}`);
  writeStderr(`${question}\n${lines.join("\n")}\n`);
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await reader.question(`Number (1-${keys.length}, empty to stop): `)).trim();
    const choice = Number(answer);
    return Number.isInteger(choice) && choice >= 1 && choice <= keys.length ? keys[choice - 1] : undefined;
  } finally {
    reader.close();
  }
}
