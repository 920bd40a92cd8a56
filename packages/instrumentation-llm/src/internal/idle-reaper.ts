/** What the reaper can end: a call that has not moved for a while. */
export interface Reapable {
  /** `performance.now()` of the call's last activity seen by the reaper. */
  lastActivity: number;
  /** Set by the call on activity (a chunk); the reaper moves `lastActivity` then, so chunks read no clock. */
  active: boolean;
  /** Ends the call as abandoned. Never throws. */
  abandon(): void;
}

const SWEEP_INTERVAL_MILLIS = 30_000;

/**
 * Bounds how long a span can stay open when the app never consumes a call's result: every open call is
 * tracked in a Set, and one unref'd timer (started with the first call) ends those idle for longer than
 * `idleTimeoutMillis`. Cost per call: one Set add and delete.
 */
export class IdleReaper {
  private readonly _open = new Set<Reapable>();
  private _timer: NodeJS.Timeout | undefined;

  constructor(private readonly _idleTimeoutMillis: number) {}

  add(call: Reapable): void {
    this._open.add(call);
    if (this._timer === undefined) {
      this._timer = setInterval(() => this.sweep(performance.now()), Math.min(SWEEP_INTERVAL_MILLIS, this._idleTimeoutMillis));
      this._timer.unref();
    }
  }

  delete(call: Reapable): void {
    this._open.delete(call);
  }

  /** Ends every call idle for longer than the bound at `now`. */
  sweep(now: number): void {
    for (const call of this._open) {
      if (call.active) {
        call.active = false;
        call.lastActivity = now;
      } else if (now - call.lastActivity > this._idleTimeoutMillis) {
        this._open.delete(call);
        call.abandon();
      }
    }
  }

  /** Open calls, for tests and diagnostics. */
  get size(): number {
    return this._open.size;
  }
}
