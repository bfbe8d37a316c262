/**
 * Is a key-shaped value a placeholder rather than a real key?
 *
 * The principle: shape first, then randomness. Most placeholders (`pcsk_...`, `YOUR_API_KEY`,
 * `pcsk_abc123_secretvalue`, `<your-key>`, `${PINECONE_API_KEY}`) never match a key's exact shape, so
 * they never reach this test. What does match the shape is judged by how a random value behaves:
 * a real secret is 63 characters drawn at random from ~58 symbols, so it has ~38 distinct characters
 * (never fewer than 16 in practice), no long runs of one character, no long alphabetical or numeric
 * sequences, and no dictionary words of 6+ letters. Each test below is chosen so that a random key
 * fails it with probability below one in a million; the numbers are in the comments.
 */

const PLACEHOLDER_WORDS =
  /example|sample|placeholder|redacted|changeme|replaceme|yourkey|yourapikey|yoursecret|notareal|dummykey|fakekey|insertkey/i;

/** Longest run of one repeated character. */
function longestRepeat(value: string): number {
  let best = 1;
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** Longest run of consecutive character codes going up or down by one (`abcdef`, `987654`). */
function longestSequence(value: string): number {
  let best = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    best = Math.max(best, up, down);
  }
  return best;
}

function distinctCharacters(value: string): number {
  return new Set(value).size;
}

/** What a random secret passes: fewer distinct characters, or a longer run or sequence, is a placeholder. */
export interface RandomnessLimits {
  minDistinct: number;
  maxRun: number;
  maxSequence: number;
}

/**
 * The 63-character secret of a `pcsk_` key.
 * Random 63 of 58: P(< 16 distinct) < 1e-12; P(run of 5) ≈ 63·58⁻⁴ ≈ 6e-6 → we use 6 (1e-7);
 * P(sequence of 6) ≈ 2·63·58⁻⁵ ≈ 2e-7; P(a given 6+ letter word, any case) ≈ 60·(2/58)⁶ ≈ 1e-7.
 */
export const CURRENT_SECRET_RANDOMNESS: RandomnessLimits = { minDistinct: 16, maxRun: 5, maxSequence: 5 };

/**
 * The 32-128 character secret of an announced `pckey_` key, whose alphabet nobody has seen yet: the
 * limits hold even for hex (16 symbols). Random 32 of 16: P(< 6 distinct) < 1e-9; 128 of 16:
 * P(run of 8) ≈ 121·16⁻⁷ ≈ 5e-7, P(sequence of 8) ≈ 2·121·(14/256)⁷ ≈ 3e-7; with 62 symbols far
 * less. The words: P ≈ 128·(2/62)⁶ ≈ 1e-7 for a given 6-letter word.
 */
export const ANNOUNCED_SECRET_RANDOMNESS: RandomnessLimits = { minDistinct: 6, maxRun: 7, maxSequence: 7 };

/** Is a key's secret a placeholder rather than random? (`limits`: the key type's, default `pcsk_`.) */
export function isPlaceholderSecret(secret: string, limits: RandomnessLimits = CURRENT_SECRET_RANDOMNESS): boolean {
  return (
    distinctCharacters(secret) < limits.minDistinct ||
    longestRepeat(secret) > limits.maxRun ||
    longestSequence(secret) > limits.maxSequence ||
    PLACEHOLDER_WORDS.test(secret)
  );
}

/**
 * The 32 hex digits of a legacy (UUID) key. Random 32 of 16: P(< 6 distinct) < 1e-9;
 * P(run of 8) ≈ 25·16⁻⁷ ≈ 1e-7; P(sequence of 8) ≈ 2·25·(14/256)⁷ ≈ 7e-8 (a step goes up by one
 * with probability 14/256: 9 and f have no successor).
 * Why 8 and not 7: a random UUID has a run or a sequence of 7 with probability ≈ 3e-6 (measured:
 * about 10 in 3 million), above the one in a million promised at the top, and each such verdict is a
 * real legacy key let through. 8 still catches every documentation UUID: 00000000-0000-…,
 * 12345678-1234-…, aaaaaaaa-bbbb-…, deadbeef-dead-beef-…, 01234567-89ab-….
 */
export function isPlaceholderUuid(uuid: string): boolean {
  const hex = uuid.replace(/-/g, "").toLowerCase();
  return distinctCharacters(hex) < 6 || longestRepeat(hex) >= 8 || longestSequence(hex) >= 8;
}
