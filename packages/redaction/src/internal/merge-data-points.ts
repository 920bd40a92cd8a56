import type { DataPoint, ExponentialHistogram, Histogram, MetricData } from '@opentelemetry/sdk-metrics';

/** `DataPointType` of `@opentelemetry/sdk-metrics` (a const enum there; the values are part of its API). */
const HISTOGRAM = 0;
const EXPONENTIAL_HISTOGRAM = 1;
const GAUGE = 2;
const SUM = 3;

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function mergeHistogram(a: Histogram, b: Histogram): Histogram {
  const same = a.buckets.boundaries.length === b.buckets.boundaries.length && a.buckets.boundaries.every((x, i) => x === b.buckets.boundaries[i]);
  if (!same) return a.count >= b.count ? a : b;
  return {
    buckets: { boundaries: a.buckets.boundaries, counts: a.buckets.counts.map((c, i) => c + (b.buckets.counts[i] ?? 0)) },
    sum: a.sum === undefined || b.sum === undefined ? undefined : a.sum + b.sum,
    count: a.count + b.count,
    min: minOf(a.min, b.min),
    max: maxOf(a.max, b.max),
  };
}

/** Bucket counts of one side at a lower scale: index `i` at scale `s` becomes `i >> (s - scale)`. */
function downscale(buckets: { offset: number; bucketCounts: number[] }, by: number): Map<number, number> {
  const out = new Map<number, number>();
  buckets.bucketCounts.forEach((count, i) => {
    if (count === 0) return;
    const index = (buckets.offset + i) >> by;
    out.set(index, (out.get(index) ?? 0) + count);
  });
  return out;
}

function toBuckets(counts: Map<number, number>): { offset: number; bucketCounts: number[] } {
  if (counts.size === 0) return { offset: 0, bucketCounts: [] };
  const indexes = [...counts.keys()];
  const lo = Math.min(...indexes);
  const hi = Math.max(...indexes);
  const bucketCounts = new Array<number>(hi - lo + 1).fill(0);
  for (const [index, count] of counts) bucketCounts[index - lo] = count;
  return { offset: lo, bucketCounts };
}

function mergeSide(a: ExponentialHistogram, b: ExponentialHistogram, scale: number, side: 'positive' | 'negative') {
  const merged = downscale(a[side], a.scale - scale);
  for (const [index, count] of downscale(b[side], b.scale - scale)) merged.set(index, (merged.get(index) ?? 0) + count);
  return toBuckets(merged);
}

function mergeExponential(a: ExponentialHistogram, b: ExponentialHistogram): ExponentialHistogram {
  const scale = Math.min(a.scale, b.scale);
  return {
    count: a.count + b.count,
    sum: a.sum === undefined || b.sum === undefined ? undefined : a.sum + b.sum,
    scale,
    zeroCount: a.zeroCount + b.zeroCount,
    positive: mergeSide(a, b, scale, 'positive'),
    negative: mergeSide(a, b, scale, 'negative'),
    min: minOf(a.min, b.min),
    max: maxOf(a.max, b.max),
  };
}

/** One data point standing for two whose attributes became equal once redacted. */
function merge(type: number, a: DataPoint<unknown>, b: DataPoint<unknown>): DataPoint<unknown> {
  const startTime = a.startTime[0] < b.startTime[0] || (a.startTime[0] === b.startTime[0] && a.startTime[1] <= b.startTime[1]) ? a.startTime : b.startTime;
  const later = a.endTime[0] > b.endTime[0] || (a.endTime[0] === b.endTime[0] && a.endTime[1] >= b.endTime[1]) ? a : b;
  let value: unknown;
  if (type === SUM) value = (a.value as number) + (b.value as number);
  else if (type === GAUGE) value = later.value;
  else if (type === HISTOGRAM) value = mergeHistogram(a.value as Histogram, b.value as Histogram);
  else if (type === EXPONENTIAL_HISTOGRAM) value = mergeExponential(a.value as ExponentialHistogram, b.value as ExponentialHistogram);
  else value = later.value;
  return { startTime, endTime: later.endTime, attributes: a.attributes, value };
}

/** A stable text form of an attribute set, to find data points whose redacted attributes are equal. */
function attributesKey(attributes: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(attributes).sort().map((k) => [k, attributes[k]]));
}

/**
 * `points` with the data points whose attributes redaction made equal (two e-mail addresses, both now
 * `[REDACTED:email]`) merged into one — sums added, histograms merged bucket by bucket, the latest gauge
 * kept — so an export never carries two points of one series. `changed[i]` says which points' attributes
 * were redacted; only those can collide.
 */
export function mergeCollidingPoints(metric: MetricData, points: DataPoint<unknown>[], changed: readonly boolean[]): DataPoint<unknown>[] {
  if (!changed.some(Boolean)) return points;
  const byKey = new Map<string, number>();
  const out: DataPoint<unknown>[] = [];
  for (const point of points) {
    const key = attributesKey(point.attributes);
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, out.length);
      out.push(point);
    } else {
      out[at] = merge(metric.dataPointType, out[at], point);
    }
  }
  return out;
}
