/**
 * Consistent probability sampling arithmetic on 56-bit values, without BigInt.
 *
 * The specification (trace/tracestate-probability-sampling.md) keeps an item when its randomness R is at
 * least the rejection threshold T = 2^56 - round(p * 2^56). 56 bits do not fit a double's 53-bit
 * mantissa, so a threshold is held in two exact forms:
 *
 * - its 14 hex digits, for randomness that is itself hex text (a trace id's rightmost 14 digits, an `rv`
 *   value): R >= T is then a digit-by-digit comparison that almost always ends at the first digit — the
 *   lexicographic comparison the specification designed the lowercase encoding for;
 * - K = 2^56 - T = round(p * 2^56) as two 28-bit halves, for randomness computed as numbers (a hash,
 *   `Math.random`): R >= T  <=>  R + K >= 2^56, one add-with-carry of the halves.
 */

/** 2^28: the base of the halves. */
export const HALF = 0x1000_0000;

/** 2^56: the number of distinct randomness values. */
const TWO_POW_56 = 2 ** 56;

/** Hex digits in a 56-bit value. */
export const DIGITS = 14;

/** A sampling probability in the forms the decisions use, computed once per configured value. */
export interface Probability {
  /** The probability actually applied: round(p * 2^56) / 2^56. */
  readonly value: number;
  /** High half of K = round(p * 2^56). */
  readonly keptHi: number;
  /** Low half of K. */
  readonly keptLo: number;
  /**
   * T as 14 hex digit values, most significant first. T = 2^56 (p = 0) is written [16, 0, …, 0]: its
   * first "digit" exceeds every hex digit, so no randomness reaches it.
   */
  readonly digits: Int8Array;
  /** T encoded as an `ot` `th` value (trailing zeros removed); `undefined` when p is 0 (T = 2^56 has no encoding). */
  readonly th: string | undefined;
}

/** The {@link Probability} whose K = round(p * 2^56) has the given halves. */
function fromKept(keptHi: number, keptLo: number): Probability {
  // T = 2^56 - K, computed on the halves with a borrow.
  const tHi = keptLo === 0 ? HALF - keptHi : HALF - 1 - keptHi;
  const tLo = keptLo === 0 ? 0 : HALF - keptLo;
  const digits = new Int8Array(DIGITS);
  if (tHi === HALF) {
    digits[0] = 16;
  } else {
    for (let i = 6, hi = tHi, lo = tLo; i >= 0; i--, hi = Math.floor(hi / 16), lo = Math.floor(lo / 16)) {
      digits[i] = hi % 16;
      digits[i + 7] = lo % 16;
    }
  }
  let th: string | undefined;
  if (tHi !== HALF) {
    th = Array.from(digits, (d) => d.toString(16)).join('').replace(/0+$/, '');
    if (th === '') th = '0';
  }
  return { value: (keptHi * HALF + keptLo) / TWO_POW_56, keptHi, keptLo, digits, th };
}

/** The {@link Probability} of `p` (0..1; values outside are clamped). */
export function probability(p: number): Probability {
  if (!(p > 0)) return fromKept(0, 0);
  if (p >= 1) return fromKept(HALF, 0);
  // p * 2^56 is exact (a power-of-two scaling) and Math.round of a double is exact, so K is an exact integer.
  const kept = Math.round(p * TWO_POW_56);
  const keptHi = Math.floor(kept / HALF);
  return fromKept(keptHi, kept - keptHi * HALF);
}

/** Whether randomness R, as halves, is kept: R + K >= 2^56. */
export function isKept(randomHi: number, randomLo: number, probability: Probability): boolean {
  const lo = randomLo + probability.keptLo;
  return randomHi + probability.keptHi + (lo >= HALF ? 1 : 0) >= HALF;
}

const TH_PATTERN = /^[0-9a-f]{1,14}$/;

/**
 * The probability a `th` value stands for, or `undefined` when the value is not valid (1 to 14 lowercase
 * hex digits, extended with trailing zeros to 14).
 */
export function parseThreshold(th: string): Probability | undefined {
  if (!TH_PATTERN.test(th)) return undefined;
  const digits = th.padEnd(DIGITS, '0');
  const tHi = Number.parseInt(digits.slice(0, 7), 16);
  const tLo = Number.parseInt(digits.slice(7), 16);
  // K = 2^56 - T on the halves.
  return fromKept(tLo === 0 ? HALF - tHi : HALF - 1 - tHi, tLo === 0 ? 0 : HALF - tLo);
}
