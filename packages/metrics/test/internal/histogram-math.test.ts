import { describe, expect, it } from 'vitest';
import { type MergedHistogram, mergePoints, quantile, subtractBaseline, summarize } from '../../src/internal/histogram-math.js';

function histogram(boundaries: number[], values: number[]): MergedHistogram {
  const counts = new Array<number>(boundaries.length + 1).fill(0);
  for (const v of values) {
    let i = 0;
    while (i < boundaries.length && v > boundaries[i]) i++;
    counts[i]++;
  }
  return {
    unit: 's',
    boundaries,
    counts,
    count: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

describe('quantile', () => {
  it('interpolates linearly inside the bucket the rank falls in', () => {
    // 10 values in (1, 2]: the median is halfway through that bucket.
    const h = histogram([1, 2, 3], [1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2]);
    expect(quantile(h, 0.5)).toBeCloseTo(1.5, 10);
    expect(quantile(h, 0.9)).toBeCloseTo(1.9, 10);
  });

  it('matches a uniform distribution within bucket resolution', () => {
    const boundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24];
    const values = Array.from({ length: 10_000 }, (_, i) => (i + 0.5) / 1000); // uniform on (0, 10)
    const h = histogram(boundaries, values);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = 10 * q;
      const bucket = boundaries.findIndex((b) => b >= exact);
      const width = boundaries[bucket] - boundaries[bucket - 1];
      expect(Math.abs(quantile(h, q) - exact)).toBeLessThanOrEqual(width);
    }
  });

  it('bounds the first bucket by the smallest value and the open last bucket by the largest', () => {
    const low = histogram([10, 20], [4, 6, 8, 9]); // all in (-inf, 10]
    expect(quantile(low, 0.5)).toBeGreaterThanOrEqual(4);
    expect(quantile(low, 0.5)).toBeLessThanOrEqual(10);
    const high = histogram([10, 20], [30, 40, 50, 60]); // all in (20, +inf)
    expect(quantile(high, 0.99)).toBeLessThanOrEqual(60);
    expect(quantile(high, 0.5)).toBeGreaterThanOrEqual(30);
  });

  it('is 0 for an empty histogram and never leaves [min, max]', () => {
    expect(quantile(histogram([1], []), 0.5)).toBe(0);
    const one = histogram([1, 2, 4], [3]);
    for (const q of [0.5, 0.99]) expect(quantile(one, q)).toBe(3);
  });
});

describe('mergePoints', () => {
  const point = (counts: number[], sum: number, min: number, max: number) => ({
    buckets: { boundaries: [1, 2], counts },
    count: counts.reduce((a, b) => a + b, 0),
    sum,
    min,
    max,
  });

  it('adds the points of every attribute set', () => {
    const { merged, skipped } = mergePoints('s', [point([1, 0, 0], 0.5, 0.5, 0.5), point([0, 2, 1], 6, 1.5, 3)]);
    expect(skipped).toBe(0);
    expect(merged).toEqual({ unit: 's', boundaries: [1, 2], counts: [1, 2, 1], count: 4, sum: 6.5, min: 0.5, max: 3 });
  });

  it('leaves out points of other boundaries and says how many', () => {
    const other = { buckets: { boundaries: [5], counts: [1, 1] }, count: 2, sum: 7 };
    const { merged, skipped } = mergePoints('s', [point([1, 0, 0], 0.5, 0.5, 0.5), other]);
    expect(skipped).toBe(1);
    expect(merged?.count).toBe(1);
  });
});

describe('subtractBaseline', () => {
  it('gives what was recorded after the baseline', () => {
    const before = histogram([1, 2], [0.5, 1.5]);
    const after = histogram([1, 2], [0.5, 1.5, 1.6, 3]);
    const window = subtractBaseline(after, before);
    expect(window.counts).toEqual([0, 1, 1]);
    expect(window.count).toBe(2);
    expect(window.sum).toBeCloseTo(4.6, 10);
  });

  it('ignores a baseline that cannot be one (other boundaries, or larger)', () => {
    const now = histogram([1, 2], [0.5]);
    expect(subtractBaseline(now, histogram([1, 3], [0.5]))).toBe(now);
    expect(subtractBaseline(now, histogram([1, 2], [0.5, 0.7]))).toBe(now);
  });
});

describe('summarize', () => {
  it('reports count, sum and the four percentiles', () => {
    const s = summarize(histogram([1, 2, 3, 4], [0.5, 1.5, 2.5, 3.5]));
    expect(s).toMatchObject({ unit: 's', count: 4, sum: 8 });
    expect(s.p50).toBeLessThanOrEqual(s.p90);
    expect(s.p90).toBeLessThanOrEqual(s.p95);
    expect(s.p95).toBeLessThanOrEqual(s.p99);
  });
});
