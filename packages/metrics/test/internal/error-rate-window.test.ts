import { describe, expect, it } from 'vitest';
import { ErrorRateWindow, WINDOW_TICKS } from '../../src/internal/error-rate-window.js';

describe('ErrorRateWindow', () => {
  it('covers what happened since the reset while younger than a minute', () => {
    const w = new ErrorRateWindow(100, 10, 0);
    expect(w.read(150, 20, 2500)).toEqual({ windowSeconds: 2.5, records: 50, errors: 10, ratio: 0.2 });
  });

  it('slides: after more than a minute only the last 60 ticks count', () => {
    const w = new ErrorRateWindow(0, 0, 0);
    let records = 0;
    let errors = 0;
    for (let second = 1; second <= 120; second++) {
      records += 10;
      if (second > 90) errors += 5; // errors only in the last 30 s
      w.tick(records, errors, second * 1000);
    }
    const rate = w.read(records, errors, 120_400);
    expect(rate.windowSeconds).toBeCloseTo(60.4, 10);
    expect(rate.records).toBe(10 * WINDOW_TICKS);
    expect(rate.errors).toBe(150);
    expect(rate.ratio).toBeCloseTo(0.25, 10);
  });

  it('measures the window from the tick times: a tick delayed by a busy event loop lengthens it', () => {
    const w = new ErrorRateWindow(0, 0, 0);
    for (let i = 1; i <= WINDOW_TICKS; i++) w.tick(i, 0, i * 1000);
    w.tick(61, 0, 64_000); // three seconds late
    // The oldest tick kept is the first one (at 1 s): the window is 63 s, not an assumed 60.
    expect(w.read(61, 0, 64_000)).toMatchObject({ windowSeconds: 63, records: 60 });
  });

  it('starts over on reset, and a window without records has ratio 0', () => {
    const w = new ErrorRateWindow(0, 0, 0);
    for (let i = 1; i <= 10; i++) w.tick(i, i, i * 1000);
    w.reset(10, 10, 10_000);
    expect(w.read(10, 10, 10_500)).toEqual({ windowSeconds: 0.5, records: 0, errors: 0, ratio: 0 });
  });
});
