import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HALF, isKept, parseThreshold, probability } from '../../src/internal/threshold.js';
import { exactThreshold, TWO_POW_56 } from '../fixtures/exact.js';

/** R as a BigInt from its halves. */
function big(hi: number, lo: number): bigint {
  return BigInt(hi) * BigInt(HALF) + BigInt(lo);
}

const half = fc.integer({ min: 0, max: HALF - 1 });
const ratio = fc.double({ min: 0, max: 1, noNaN: true });

describe('probability → th (specification: tracestate-handling.md, tracestate-probability-sampling.md)', () => {
  it('encodes the specification examples exactly', () => {
    expect(probability(1).th).toBe('0'); // ot=th:0 is 100% sampling
    expect(probability(0.5).th).toBe('8');
    expect(probability(0.25).th).toBe('c'); // "tracestate: ot=th:c ... 25% sampling probability"
    expect(probability(0.125).th).toBe('e');
    expect(probability(0.0625).th).toBe('f');
  });

  it('uses the full 56-bit precision of T = 2^56 - round(p * 2^56); the spec table shows 3 to 5 digit roundings', () => {
    // 0.1: the table gives e66 / e666 / e6666 at precision 3 / 4 / 5.
    expect(probability(0.1).th).toBe('e6666666666666');
    // 0.01: "(1-0.01) * 2^56 ≈ 0xfd70a400000000" at 5 digits; fd71 / fd70a / fd70a4 in the table.
    expect(probability(0.01).th).toBe('fd70a3d70a3d71');
    // 1/3: aab / aaab / aaaab in the table. The double 1/3 is 0x15555555555555 * 2^-54, so K = 0x55555555555554.
    expect(probability(1 / 3).th).toBe('aaaaaaaaaaaaac');
  });

  it('has no encoding for 0 (never sampled, T = 2^56)', () => {
    expect(probability(0).th).toBeUndefined();
    expect(probability(0).value).toBe(0);
    expect(probability(2 ** -58).th).toBeUndefined();
  });

  it('clamps values outside 0..1', () => {
    expect(probability(1.5).th).toBe('0');
    expect(probability(-1).th).toBeUndefined();
    expect(probability(Number.NaN).th).toBeUndefined();
  });

  it('is exactly the BigInt threshold for every ratio, in both the th and the digit forms', () => {
    fc.assert(
      fc.property(ratio, (p) => {
        const expected = exactThreshold(p);
        const { th, digits } = probability(p);
        if (expected === TWO_POW_56) return th === undefined && digits[0] === 16 && digits.slice(1).every((d) => d === 0);
        const hex = expected.toString(16).padStart(14, '0');
        const trimmed = hex.replace(/0+$/, '');
        return th === (trimmed === '' ? '0' : trimmed) && Array.from(digits, (d) => d.toString(16)).join('') === hex;
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('th → probability', () => {
  it('decodes the specification examples', () => {
    expect(parseThreshold('0')?.value).toBe(1);
    expect(parseThreshold('8')?.value).toBe(0.5);
    expect(parseThreshold('c')?.value).toBe(0.25);
    // The table's "actual probability" column.
    expect(parseThreshold('e666')?.value).toBe(0.100006103515625);
    expect(parseThreshold('fd70a4')?.value).toBe(0.009999990463256836);
    expect(parseThreshold('aaab')?.value).toBe(0.3333282470703125);
  });

  it('rejects what is not 1 to 14 lowercase hex digits', () => {
    for (const bad of ['', 'C', 'e66g', '123456789abcdef', ' 8', '8;']) expect(parseThreshold(bad)).toBeUndefined();
  });

  it('round-trips every encoding', () => {
    fc.assert(
      fc.property(ratio, (p) => {
        const encoded = probability(p);
        if (encoded.th === undefined) return true;
        const decoded = parseThreshold(encoded.th);
        return (
          decoded?.keptHi === encoded.keptHi &&
          decoded.keptLo === encoded.keptLo &&
          decoded.th === encoded.th &&
          decoded.digits.join() === encoded.digits.join()
        );
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('the decision R >= T on halves', () => {
  it('keeps the specification rv example from 56.9% (T = R) to 100%, and drops it above T = R', () => {
    // "ot=rv:6e6d1a75832a2f ... a consistent positive sampling decision at probabilities ranging from
    // 56.9% through 100% (i.e., rejection threshold values 0x6e6d1a75832a2f through 0)".
    const hi = 0x6e6d1a7;
    const lo = 0x5832a2f;
    const atR = parseThreshold('6e6d1a75832a2f')!;
    expect(atR.value).toBeCloseTo(0.569, 3);
    expect(isKept(hi, lo, atR)).toBe(true);
    expect(isKept(hi, lo, parseThreshold('6e6d1a75832a3')!)).toBe(false);
    expect(isKept(hi, lo, probability(1))).toBe(true);
    expect(isKept(HALF - 1, HALF - 1, probability(0))).toBe(false);
  });

  it('equals the BigInt comparison for every R and ratio', () => {
    fc.assert(
      fc.property(half, half, ratio, (hi, lo, p) => isKept(hi, lo, probability(p)) === big(hi, lo) >= exactThreshold(p)),
      { numRuns: 50_000 },
    );
  });

  it('decides exactly at the boundary R = T and R = T - 1', () => {
    fc.assert(
      fc.property(ratio, (p) => {
        const t = exactThreshold(p);
        if (t === 0n || t === TWO_POW_56) return true;
        const split = (v: bigint) => [Number(v / BigInt(HALF)), Number(v % BigInt(HALF))] as const;
        const compiled = probability(p);
        return isKept(...split(t), compiled) && !isKept(...split(t - 1n), compiled);
      }),
      { numRuns: 20_000 },
    );
  });

  it('is consistent: kept at p1 implies kept at every p2 >= p1', () => {
    fc.assert(
      fc.property(half, half, ratio, ratio, (hi, lo, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return !isKept(hi, lo, probability(low)) || isKept(hi, lo, probability(high));
      }),
      { numRuns: 20_000 },
    );
  });
});
