import type { HistogramSummary } from '../types.js';

/** The buckets of one histogram instrument, all attribute sets merged. */
export interface MergedHistogram {
  unit: string;
  /** Finite upper bounds, inclusive; `counts` has one more entry (the bucket above the last bound). */
  boundaries: readonly number[];
  counts: number[];
  count: number;
  sum: number;
  /** Smallest and largest values ever recorded (cumulative even in a window), when known. */
  min: number | undefined;
  max: number | undefined;
}

/** One explicit-bucket data point, as `@opentelemetry/sdk-metrics` collects it. */
export interface HistogramPoint {
  buckets: { boundaries: number[]; counts: number[] };
  count: number;
  sum?: number;
  min?: number;
  max?: number;
}

function sameBoundaries(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Adds the data points of one instrument (one per attribute set) into one histogram. Points whose
 * boundaries differ from the first point's (another view of the same name) are left out and counted in
 * `skipped`.
 */
export function mergePoints(unit: string, points: readonly HistogramPoint[]): { merged: MergedHistogram | undefined; skipped: number } {
  let merged: MergedHistogram | undefined;
  let skipped = 0;
  for (const { buckets, count, sum, min, max } of points) {
    if (merged === undefined) {
      merged = { unit, boundaries: [...buckets.boundaries], counts: new Array<number>(buckets.counts.length).fill(0), count: 0, sum: 0, min, max };
    } else if (!sameBoundaries(merged.boundaries, buckets.boundaries)) {
      skipped++;
      continue;
    } else {
      if (min !== undefined) merged.min = merged.min === undefined ? min : Math.min(merged.min, min);
      if (max !== undefined) merged.max = merged.max === undefined ? max : Math.max(merged.max, max);
    }
    for (let i = 0; i < merged.counts.length; i++) merged.counts[i] += buckets.counts[i] ?? 0;
    merged.count += count;
    merged.sum += sum ?? 0;
  }
  return { merged, skipped };
}

/**
 * `current` minus `baseline` (both cumulative): what was recorded between the two. A baseline of other
 * boundaries, or larger than `current` (the instrument was recreated), is ignored.
 */
export function subtractBaseline(current: MergedHistogram, baseline: MergedHistogram | undefined): MergedHistogram {
  if (baseline === undefined || !sameBoundaries(current.boundaries, baseline.boundaries) || baseline.count > current.count) return current;
  return {
    ...current,
    counts: current.counts.map((n, i) => Math.max(0, n - (baseline.counts[i] ?? 0))),
    count: current.count - baseline.count,
    sum: current.sum - baseline.sum,
  };
}

/**
 * The `q`-quantile (0 < q ≤ 1), interpolated linearly inside the bucket where the rank `q × count` falls.
 * The first bucket is taken to start at the smallest recorded value (else at 0, or at its bound when
 * that is negative); the last, open bucket to end at the largest recorded value (else at its lower bound).
 * The answer is clamped to [min, max] when they are known. Exact to within the width of the bucket.
 */
export function quantile(h: MergedHistogram, q: number): number {
  if (h.count <= 0) return 0;
  const rank = q * h.count;
  const { boundaries, counts } = h;
  let below = 0;
  let i = 0;
  while (i < counts.length - 1 && below + counts[i] < rank) below += counts[i++];
  const inBucket = counts[i];
  const first = boundaries.length > 0 ? boundaries[0] : 0;
  const last = boundaries.length > 0 ? boundaries[boundaries.length - 1] : 0;
  const lower = i === 0 ? Math.min(h.min ?? Math.min(0, first), first) : boundaries[i - 1];
  const upper = i < boundaries.length ? boundaries[i] : Math.max(h.max ?? last, last);
  const fraction = inBucket > 0 ? Math.min(1, Math.max(0, (rank - below) / inBucket)) : 1;
  let value = lower + (upper - lower) * fraction;
  if (h.min !== undefined) value = Math.max(value, h.min);
  if (h.max !== undefined) value = Math.min(value, h.max);
  return value;
}

/** Count, sum and p50/p90/p95/p99 of a histogram. */
export function summarize(h: MergedHistogram): HistogramSummary {
  return {
    unit: h.unit,
    count: h.count,
    sum: h.sum,
    p50: quantile(h, 0.5),
    p90: quantile(h, 0.9),
    p95: quantile(h, 0.95),
    p99: quantile(h, 0.99),
  };
}
