/** Length of one measurement bucket, in ms: how often the budget re-evaluates. */
export const BUCKET_MILLIS = 100;

/** Buckets in the sliding window over which the offered rate is measured (10 × 100 ms = 1 s). */
const BUCKETS = 10;

/**
 * Offered weight in the last bucket from which that bucket alone is trusted as a rate estimate, so that a
 * sudden surge is throttled within one bucket while sparse traffic is judged over the whole second.
 */
const FAST_ATTACK_MIN_WEIGHT = 32;

/**
 * An adaptive rate budget: it measures the weight offered per second (the sum of the probabilities records
 * would be kept with, i.e. the kept rate at full ratio) and returns the factor that brings the kept rate
 * down to the limit: min(1, limit / offered rate). The factor is re-evaluated at the end of each bucket,
 * from a timer (see {@link roll}), so the per-record cost is one addition.
 *
 * The estimate is the rate over the last second, or the last bucket's when that is higher and based on
 * enough records: a surge is throttled after one bucket, and the factor rises back to 1 over about a
 * second once traffic falls.
 */
export class RateBudget {
  private _limit: number;
  private _scale: number;
  private _offered = 0;
  private readonly _weights = new Float64Array(BUCKETS);
  private readonly _spans = new Float64Array(BUCKETS);
  private _next = 0;
  private _estimate = 0;

  /** @param limit records per second; `Infinity` for no budget. */
  constructor(limit: number) {
    this._limit = limit;
    this._scale = this._scaleFor(0);
  }

  /** Whether a limit is set: without one, {@link offer} need not be called. */
  get active(): boolean {
    return this._limit !== Infinity;
  }

  setLimit(limit: number): void {
    this._limit = limit;
    this._scale = this._scaleFor(this._estimate);
  }

  /** Counts `weight` as offered and returns the factor to apply to it. */
  offer(weight: number): number {
    this._offered += weight;
    return this._scale;
  }

  /** Ends the current bucket, which lasted `elapsedMillis`, and sets the factor for the next one. */
  roll(elapsedMillis: number): void {
    if (!(elapsedMillis > 0)) return;
    const last = this._offered;
    this._offered = 0;
    this._weights[this._next] = last;
    this._spans[this._next] = elapsedMillis;
    this._next = (this._next + 1) % BUCKETS;
    let weight = 0;
    let span = 0;
    for (let i = 0; i < BUCKETS; i++) {
      weight += this._weights[i];
      span += this._spans[i];
    }
    const windowRate = (weight * 1000) / span;
    const lastRate = (last * 1000) / elapsedMillis;
    this._estimate = last >= FAST_ATTACK_MIN_WEIGHT && lastRate > windowRate ? lastRate : windowRate;
    this._scale = this._scaleFor(this._estimate);
  }

  private _scaleFor(rate: number): number {
    if (this._limit === Infinity) return 1;
    if (this._limit === 0) return 0;
    return rate <= this._limit ? 1 : this._limit / rate;
  }
}
