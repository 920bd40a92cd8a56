/**
 * The `q` quantile (0..1) of an explicit-bucket histogram: the bucket holding the rank, then linear
 * interpolation inside it (the same estimate as Prometheus' `histogram_quantile`). The first bucket's lower
 * edge is taken as 0 (durations); a rank in the overflow bucket answers the last bound. NaN when empty.
 */
export function histogramQuantile(q: number, bounds: readonly number[], counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0 || counts.length === 0) return Number.NaN;
  const rank = q * total;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    const previous = cumulative;
    cumulative += counts[i];
    if (cumulative < rank || counts[i] === 0) continue;
    if (i >= bounds.length) return bounds.length === 0 ? Number.NaN : bounds[bounds.length - 1];
    const lower = i === 0 ? Math.min(0, bounds[0]) : bounds[i - 1];
    const upper = bounds[i];
    return lower + ((upper - lower) * (rank - previous)) / counts[i];
  }
  return bounds.length === 0 ? Number.NaN : bounds[bounds.length - 1];
}
