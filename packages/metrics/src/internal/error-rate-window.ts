import type { ErrorRate } from '../types.js';

/** Length of the trailing window, in ticks of {@link TICK_MILLIS}. */
export const WINDOW_TICKS = 60;

/** One tick: the window slides by one second. */
export const TICK_MILLIS = 1000;

/**
 * The error rate over the last minute, from running totals: a ring of the (records, errors) totals
 * taken at each one-second tick. The rate now is (total now − total 60 ticks ago); the window therefore
 * covers 60 to 61 seconds once full (as measured: a late tick lengthens it), less right after a reset. The hot path is untouched: the totals are
 * the log counter's own, read once per tick.
 */
export class ErrorRateWindow {
  private readonly records = new Float64Array(WINDOW_TICKS + 1);
  private readonly errors = new Float64Array(WINDOW_TICKS + 1);
  /** When each slot was taken (ms, any monotonic clock): the window is measured, not assumed. */
  private readonly times = new Float64Array(WINDOW_TICKS + 1);
  /** Slot of the most recent tick (or of the reset). */
  private head = 0;
  /** Ticks in the ring since the reset, at most {@link WINDOW_TICKS}. */
  private ticks = 0;

  constructor(records: number, errors: number, now: number) {
    this.reset(records, errors, now);
  }

  /** Starts an empty window at `now`, from the current totals. */
  reset(records: number, errors: number, now: number): void {
    this.head = 0;
    this.ticks = 0;
    this.records[0] = records;
    this.errors[0] = errors;
    this.times[0] = now;
  }

  /** Called every {@link TICK_MILLIS}: remembers the totals at this second. */
  tick(records: number, errors: number, now: number): void {
    this.head = (this.head + 1) % (WINDOW_TICKS + 1);
    this.records[this.head] = records;
    this.errors[this.head] = errors;
    this.times[this.head] = now;
    if (this.ticks < WINDOW_TICKS) this.ticks++;
  }

  /** The rate between the oldest remembered totals and the totals now. */
  read(records: number, errors: number, now: number): ErrorRate {
    const oldest = (this.head - this.ticks + WINDOW_TICKS + 1) % (WINDOW_TICKS + 1);
    const inWindow = records - this.records[oldest];
    const errorsInWindow = errors - this.errors[oldest];
    return {
      windowSeconds: Math.max(0, now - this.times[oldest]) / 1000,
      records: inWindow,
      errors: errorsInWindow,
      ratio: inWindow > 0 ? errorsInWindow / inWindow : 0,
    };
  }
}
