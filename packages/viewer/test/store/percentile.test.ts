import { describe, expect, it } from 'vitest';
import { histogramQuantile } from '../../src/store/percentile.js';

describe('histogramQuantile', () => {
  // Bounds [1, 2, 5]: buckets (0,1] (1,2] (2,5] (5,+inf). Values worked out by hand.
  it('interpolates inside the bucket holding the rank', () => {
    expect(histogramQuantile(0.5, [1, 2, 5], [0, 10, 0, 0])).toBeCloseTo(1.5); // rank 5 of 10 in (1,2]
    expect(histogramQuantile(0.5, [1, 2, 5], [5, 0, 5, 0])).toBeCloseTo(1); // rank 5 = top of the first bucket
    expect(histogramQuantile(0.9, [1, 2, 5], [5, 0, 5, 0])).toBeCloseTo(4.4); // rank 9: 2 + 3 * 4/5
    expect(histogramQuantile(0.25, [1, 2, 5], [4, 0, 0, 0])).toBeCloseTo(0.25);
  });

  it('answers the last bound for a rank in the overflow bucket, NaN when empty', () => {
    expect(histogramQuantile(0.99, [1, 2, 5], [1, 0, 0, 9])).toBe(5);
    expect(histogramQuantile(0.5, [1, 2], [0, 0, 0])).toBeNaN();
    expect(histogramQuantile(0.5, [], [])).toBeNaN();
  });
});
