import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RetryBackoff } from '../../../src/export/queue/retry-backoff.js';

const T0 = Date.UTC(2026, 0, 1);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RetryBackoff', () => {
  it('pauses 5 s after a failure, doubling per consecutive failure up to 30 s', () => {
    const backoff = new RetryBackoff();
    expect(backoff.paused()).toBe(false);
    const pauses: number[] = [];
    for (let i = 0; i < 5; i++) {
      backoff.pauseAfterUnsent(undefined);
      pauses.push(backoff.remainingMillis());
      vi.setSystemTime(Date.now() + backoff.remainingMillis());
      expect(backoff.paused()).toBe(false);
    }
    expect(pauses).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
  });

  it('starts over at 5 s after a success', () => {
    const backoff = new RetryBackoff();
    backoff.pauseAfterUnsent(undefined);
    backoff.pauseAfterUnsent(undefined);
    vi.setSystemTime(T0 + 60_000);
    backoff.succeeded();
    backoff.pauseAfterUnsent(undefined);
    expect(backoff.remainingMillis()).toBe(5_000);
  });

  it("follows the receiver's Retry-After, at most the 5-minute retry time, and never shortens a pause", () => {
    const backoff = new RetryBackoff();
    backoff.pauseAfterUnsent(12_345);
    expect(backoff.remainingMillis()).toBe(12_345);
    backoff.pauseAfterUnsent(-1);
    expect(backoff.remainingMillis()).toBe(12_345);
    backoff.pauseAfterUnsent(3_600_000);
    expect(backoff.remainingMillis()).toBe(300_000);
    expect(backoff.paused()).toBe(true);
  });

  it('retries a batch for 5 minutes after its first attempt', () => {
    const backoff = new RetryBackoff();
    expect(backoff.mayRetry(T0 - 299_999)).toBe(true);
    expect(backoff.mayRetry(T0 - 300_000)).toBe(false);
  });
});
