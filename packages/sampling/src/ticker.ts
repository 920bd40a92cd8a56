import { diag } from '@opentelemetry/api';
import { BUCKET_MILLIS } from './rate-budget.js';

/**
 * The one timer of a sampling setup, running only while something needs it (a rate budget or a retention
 * buffer): every {@link BUCKET_MILLIS} ms it calls `onTick` with the time since the previous tick. It also
 * keeps a coarse clock, `now`, so that the hot path never reads the system clock (which costs more than a
 * whole ratio decision). The timer is unref'd: it never keeps the process alive.
 */
export class Ticker {
  private _timer: NodeJS.Timeout | undefined;
  private _last = 0;
  private _now = performance.now();

  constructor(private readonly _onTick: (elapsedMillis: number, now: number) => void) {}

  /** Milliseconds (performance.now() scale) at the last tick or start; coarse by up to one tick. */
  get now(): number {
    return this._now;
  }

  start(): void {
    if (this._timer !== undefined) return;
    this._last = this._now = performance.now();
    this._timer = setInterval(() => this._tick(), BUCKET_MILLIS);
    this._timer.unref();
  }

  stop(): void {
    if (this._timer === undefined) return;
    clearInterval(this._timer);
    this._timer = undefined;
  }

  private _tick(): void {
    const now = performance.now();
    const elapsed = now - this._last;
    this._last = this._now = now;
    try {
      this._onTick(elapsed, now);
    } catch (error) {
      diag.error(`sightline: sampling timer failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
}
