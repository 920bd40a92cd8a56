import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUCKET_MILLIS } from '../src/rate-budget.js';
import { Ticker } from '../src/ticker.js';
import { captureDiag } from './fixtures/diag.js';

afterEach(() => vi.useRealTimers());

describe('Ticker', () => {
  it('ticks every bucket while started, with the elapsed time, and keeps a coarse clock', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const ticks: number[] = [];
    const ticker = new Ticker((elapsed) => ticks.push(elapsed));
    ticker.start();
    ticker.start(); // idempotent
    const started = ticker.now;
    vi.advanceTimersByTime(3 * BUCKET_MILLIS);
    expect(ticks).toEqual([BUCKET_MILLIS, BUCKET_MILLIS, BUCKET_MILLIS]);
    expect(ticker.now - started).toBe(3 * BUCKET_MILLIS);
    ticker.stop();
    vi.advanceTimersByTime(3 * BUCKET_MILLIS);
    expect(ticks).toHaveLength(3);
  });

  it('never keeps the process alive', () => {
    const ticker = new Ticker(() => {});
    const spy = vi.spyOn(globalThis, 'setInterval');
    ticker.start();
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    ticker.stop();
    spy.mockRestore();
  });

  it('reports a failing tick and keeps ticking', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const diag = captureDiag();
    let calls = 0;
    const ticker = new Ticker(() => {
      calls++;
      throw new Error('boom');
    });
    ticker.start();
    vi.advanceTimersByTime(2 * BUCKET_MILLIS);
    ticker.stop();
    diag.restore();
    expect(calls).toBe(2);
    expect(diag.errors[0]).toContain('sightline: sampling timer failed');
  });
});
