/** What the reaper can end: a call that has not moved for a while. */
export interface Reapable {
  /** `performance.now()` of the call's last activity seen by the reaper. */
  lastActivity: number;
  /** Set by the call on activity (a chunk); the reaper moves `lastActivity` then, so chunks read no clock. */
  active: boolean;
  /**
   * The reaper's links (owned by it, `undefined` to start with): the open calls are a list through the
   * calls themselves, so that opening and ending a call allocate nothing.
   */
  reaperPrev: Reapable | undefined;
  reaperNext: Reapable | undefined;
  /** Ends the call as abandoned. Never throws. */
  abandon(): void;
}

const SWEEP_INTERVAL_MILLIS = 30_000;

/**
 * Bounds how long a span can stay open when the app never consumes a call's result: every open call is
 * in a doubly linked list through its `reaperPrev` / `reaperNext` fields, and one unref'd timer (started
 * with the first call) ends those idle for longer than `idleTimeoutMillis`. Cost per call: linking and
 * unlinking, no allocation, no timer.
 */
export class IdleReaper {
  private _head: Reapable | undefined;
  private _size = 0;
  private _timer: NodeJS.Timeout | undefined;

  constructor(private readonly _idleTimeoutMillis: number) {}

  add(call: Reapable): void {
    if (call.reaperPrev !== undefined || this._head === call) return;
    call.reaperNext = this._head;
    if (this._head !== undefined) this._head.reaperPrev = call;
    this._head = call;
    this._size++;
    if (this._timer === undefined) {
      this._timer = setInterval(() => this.sweep(performance.now()), Math.min(SWEEP_INTERVAL_MILLIS, this._idleTimeoutMillis));
      this._timer.unref();
    }
  }

  /** Removes `call` (a no-op when it is not open here). */
  delete(call: Reapable): void {
    const prev = call.reaperPrev;
    const next = call.reaperNext;
    if (prev === undefined) {
      if (this._head !== call) return;
      this._head = next;
    } else prev.reaperNext = next;
    if (next !== undefined) next.reaperPrev = prev;
    call.reaperPrev = undefined;
    call.reaperNext = undefined;
    this._size--;
  }

  /** Ends every call idle for longer than the bound at `now`. */
  sweep(now: number): void {
    let call = this._head;
    while (call !== undefined) {
      const next = call.reaperNext;
      if (call.active) {
        call.active = false;
        call.lastActivity = now;
      } else if (now - call.lastActivity > this._idleTimeoutMillis) {
        this.delete(call);
        call.abandon();
        // Abandoning may end other calls: start over when the next one left the list meanwhile.
        if (next !== undefined && next.reaperPrev === undefined && this._head !== next) {
          call = this._head;
          continue;
        }
      }
      call = next;
    }
  }

  /** Open calls, for tests and diagnostics. */
  get size(): number {
    return this._size;
  }
}
