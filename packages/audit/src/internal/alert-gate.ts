/** Why an alert was not let through. */
export type GateVerdict = 'send' | 'deduplicated' | 'rate_limited';

/**
 * Deduplication per key (one alert per key per window, counting the suppressed ones) and a global
 * per-minute budget. Remembers at most `maxKeys` keys, forgetting the least recently used.
 */
export class AlertGate {
  private readonly _lastSent = new Map<string, { at: number; suppressed: number }>();
  private _minuteStart = 0;
  private _sentThisMinute = 0;

  constructor(
    private readonly _dedupeWindowMillis: number,
    private readonly _maxPerMinute: number,
    private readonly _maxKeys: number,
  ) {}

  /** Decides for `key` at `now`; on `send`, returns how many of its alerts were suppressed since the last one. */
  admit(key: string, now: number): { verdict: GateVerdict; suppressed: number } {
    const last = this._lastSent.get(key);
    if (last !== undefined && now - last.at < this._dedupeWindowMillis) {
      last.suppressed++;
      return { verdict: 'deduplicated', suppressed: 0 };
    }
    if (now - this._minuteStart >= 60_000) {
      this._minuteStart = now;
      this._sentThisMinute = 0;
    }
    if (this._sentThisMinute >= this._maxPerMinute) return { verdict: 'rate_limited', suppressed: 0 };
    this._sentThisMinute++;
    const suppressed = last?.suppressed ?? 0;
    this._lastSent.delete(key);
    if (this._lastSent.size >= this._maxKeys) this._lastSent.delete(this._lastSent.keys().next().value!);
    this._lastSent.set(key, { at: now, suppressed: 0 });
    return { verdict: 'send', suppressed };
  }
}

/** Counts per key in fixed windows; reports the moment a key's count reaches the threshold. */
export class RateWindows {
  private readonly _windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly _threshold: number,
    private readonly _windowMillis: number,
    private readonly _maxKeys: number,
  ) {}

  /** Counts one for `key`; returns the count when it has just reached the threshold, else undefined. */
  hit(key: string, now: number): number | undefined {
    let window = this._windows.get(key);
    if (window === undefined || now - window.start >= this._windowMillis) {
      this._windows.delete(key);
      if (this._windows.size >= this._maxKeys) this._windows.delete(this._windows.keys().next().value!);
      window = { start: now, count: 0 };
      this._windows.set(key, window);
    }
    window.count++;
    return window.count === this._threshold ? window.count : undefined;
  }
}
