/** Quoted for sh when it needs quoting: a path or word as a command prints it, pasteable as is. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9._/@%+=:,-]+$/.test(text) ? text : shellQuote(text);
}

/** In single quotes for sh, whatever it holds: taken exactly, no expansion. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** Every line pinekey-hook writes for a person fits this many columns (help, reports, doctor). */
export const WIDTH = 80;

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number = WIDTH): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}
