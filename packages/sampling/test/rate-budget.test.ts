import { describe, expect, it } from 'vitest';
import { BUCKET_MILLIS, RateBudget } from '../src/rate-budget.js';

/**
 * Drives a budget through `seconds` of simulated time at `offeredPerSecond` records of weight 1, each
 * kept with the returned factor in expectation; returns the expected kept count per simulated second.
 */
function run(budget: RateBudget, offeredPerSecond: number, seconds: number): number[] {
  const perBucket = (offeredPerSecond * BUCKET_MILLIS) / 1000;
  const keptPerSecond: number[] = [];
  for (let s = 0; s < seconds; s++) {
    let kept = 0;
    for (let b = 0; b < 1000 / BUCKET_MILLIS; b++) {
      for (let i = 0; i < perBucket; i++) kept += budget.offer(1);
      budget.roll(BUCKET_MILLIS);
    }
    keptPerSecond.push(kept);
  }
  return keptPerSecond;
}

describe('RateBudget', () => {
  it('is inactive and keeps the factor at 1 without a limit', () => {
    const budget = new RateBudget(Infinity);
    expect(budget.active).toBe(false);
    expect(run(budget, 50_000, 2)).toEqual([50_000, 50_000]);
  });

  it('brings 20 000/s offered down to a budget of 1 000/s ± 10% within a second, then recovers', () => {
    const budget = new RateBudget(1000);
    const surge = run(budget, 20_000, 5);
    for (const kept of surge.slice(1)) expect(Math.abs(kept - 1000)).toBeLessThan(100);
    // The first second overshoots by one bucket only (2 000 records at factor 1, then the budget).
    expect(surge[0]).toBeLessThan(2000 + 1000);
    const calm = run(budget, 500, 3);
    for (const kept of calm.slice(1)) expect(kept).toBeCloseTo(500, 6);
    expect(budget.offer(0)).toBe(1);
  });

  it('judges sparse traffic over the whole second, not one noisy bucket', () => {
    const budget = new RateBudget(10);
    // 15/s arriving as one burst of 15 per second: a single bucket would read 150/s.
    for (let s = 0; s < 5; s++) {
      for (let i = 0; i < 15; i++) budget.offer(1);
      for (let b = 0; b < 10; b++) budget.roll(BUCKET_MILLIS);
    }
    for (let i = 0; i < 15; i++) budget.offer(1);
    budget.roll(BUCKET_MILLIS);
    expect(budget.offer(0)).toBeCloseTo(10 / 15, 6);
  });

  it('takes a new limit at once, and 0 keeps nothing', () => {
    const budget = new RateBudget(1000);
    run(budget, 20_000, 2);
    budget.setLimit(2000);
    expect(budget.offer(0)).toBeCloseTo(0.1, 6);
    budget.setLimit(0);
    expect(budget.offer(0)).toBe(0);
    expect(new RateBudget(0).offer(1)).toBe(0);
    budget.setLimit(Infinity);
    expect(budget.active).toBe(false);
    expect(budget.offer(0)).toBe(1);
  });

  it('ignores a bucket of no length', () => {
    const budget = new RateBudget(10);
    budget.offer(100);
    budget.roll(0);
    expect(budget.offer(0)).toBe(1);
  });
});
