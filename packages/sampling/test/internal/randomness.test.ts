import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashInto, hexKept, randomInto, traceKept, type RandomnessSlot } from '../../src/internal/randomness.js';
import { HALF, isKept, parseThreshold, probability } from '../../src/internal/threshold.js';
import { exactKept, exactThreshold } from '../fixtures/exact.js';

const slot = (): RandomnessSlot => ({ hi: 0, lo: 0 });
const hex14 = fc.stringMatching(/^[0-9a-f]{14}$/);
const ratio = fc.double({ min: 0, max: 1, noNaN: true });

describe('hexKept: R >= T digit by digit', () => {
  it('equals the BigInt comparison for every 14-digit R and ratio', () => {
    fc.assert(fc.property(hex14, ratio, (r, p) => hexKept(r, 0, probability(p)) === exactKept(r, p)), { numRuns: 50_000 });
  });

  it('decides exactly at R = T and R = T - 1, and reads uppercase digits by their value', () => {
    fc.assert(
      fc.property(ratio, (p) => {
        const t = exactThreshold(p);
        if (t === 0n || t === 2n ** 56n) return true;
        const compiled = probability(p);
        const at = t.toString(16).padStart(14, '0');
        const below = (t - 1n).toString(16).padStart(14, '0');
        return hexKept(at, 0, compiled) && hexKept(at.toUpperCase(), 0, compiled) && !hexKept(below, 0, compiled);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads at an offset, and never keeps text that is not hex below probability 1', () => {
    expect(hexKept('xxxx6e6d1a75832a2f', 4, parseThreshold('6e6d1a75832a2f')!)).toBe(true);
    expect(hexKept('zzzzzzzzzzzzzz', 0, probability(0.999))).toBe(false);
    expect(hexKept('', 0, probability(0.999))).toBe(false);
    expect(hexKept('ffffffffffffff', 0, probability(0))).toBe(false);
  });
});

describe('traceKept', () => {
  const traceId = '000000000000000000ffffffffffffff'; // kept at any ratio by its id

  it('takes the trace id’s rightmost 56 bits, or a valid explicit rv instead', () => {
    expect(traceKept(traceId, undefined, probability(0.001))).toBe(true);
    expect(traceKept(traceId, '00000000000001', probability(0.5))).toBe(false);
  });

  it('ignores an rv that is not exactly 14 lowercase hex digits', () => {
    for (const rv of ['00000000000001'.toUpperCase() + 'X', '0000000000001', '000000000000010', '0000000000000A']) {
      expect(traceKept(traceId, rv, probability(0.5))).toBe(true);
    }
  });
});

describe('hashInto', () => {
  it('is stable: the same text always gives the same randomness', () => {
    const a = slot();
    const b = slot();
    hashInto('req-42', a);
    hashInto('req-42', b);
    expect(a).toEqual(b);
    hashInto('req-43', b);
    expect(b).not.toEqual(a);
  });

  it('spreads similar keys evenly: 10% ± 1% of 100 000 keys kept at ratio 0.1', () => {
    const r = slot();
    const tenth = probability(0.1);
    let kept = 0;
    let inRange = true;
    for (let i = 0; i < 100_000; i++) {
      hashInto(`req-${i}`, r);
      inRange &&= r.hi >= 0 && r.hi < HALF && r.lo >= 0 && r.lo < HALF;
      if (isKept(r.hi, r.lo, tenth)) kept++;
    }
    expect(inRange).toBe(true);
    expect(kept / 100_000).toBeGreaterThan(0.09);
    expect(kept / 100_000).toBeLessThan(0.11);
  });
});

describe('randomInto', () => {
  it('gives halves in range, kept at the ratio', () => {
    const r = slot();
    const quarter = probability(0.25);
    let kept = 0;
    let inRange = true;
    for (let i = 0; i < 100_000; i++) {
      randomInto(r);
      inRange &&= Number.isInteger(r.hi) && r.hi >= 0 && r.hi < HALF && Number.isInteger(r.lo) && r.lo >= 0 && r.lo < HALF;
      if (isKept(r.hi, r.lo, quarter)) kept++;
    }
    expect(inRange).toBe(true);
    expect(kept / 100_000).toBeGreaterThan(0.24);
    expect(kept / 100_000).toBeLessThan(0.26);
  });
});
