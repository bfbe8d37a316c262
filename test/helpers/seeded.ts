/**
 * mulberry32: a seeded generator, so a failing generated corpus is named by its seed. `random(n)`
 * is an integer in [0, n); `pick` one of a list's items; `chars` a string of an alphabet's characters.
 */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const random = (n: number): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const pick = <T>(list: readonly T[]): T => list[random(list.length)]!;
  const chars = (length: number, alphabet: string): string => Array.from({ length }, () => alphabet[random(alphabet.length)]).join("");
  return { random, pick, chars };
}
