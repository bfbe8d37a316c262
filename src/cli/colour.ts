/**
 * Whether output is coloured, decided once by the bin (a terminal, no NO_COLOR, no TERM=dumb) before
 * any command runs, and read by the modules that colour text when they load. It lives apart from
 * kleur so that a clean commit, which prints nothing, never loads kleur at all.
 */
let enabled = false;

export function setColour(on: boolean): void {
  enabled = on;
}

export function colourEnabled(): boolean {
  return enabled;
}
