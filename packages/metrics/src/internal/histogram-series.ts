import type { Attributes } from '@opentelemetry/api';

/**
 * One explicit-bucket histogram accumulation, the SDK's `HistogramAccumulation` in a flat shape:
 * count, sum, min, max and the bucket counts of the records since `startMs`.
 */
export interface Accumulation {
  startMs: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  counts: number[];
}

export function emptyAccumulation(startMs: number, buckets: number): Accumulation {
  return { startMs, count: 0, sum: 0, min: Infinity, max: -Infinity, counts: new Array<number>(buckets).fill(0) };
}

/** `into` plus `from`, as a new accumulation starting at `into`'s start (the SDK's `merge`). */
export function merged(into: Accumulation | undefined, from: Accumulation): Accumulation {
  if (into === undefined) return { ...from, counts: from.counts.slice() };
  const counts = into.counts.slice();
  for (let i = 0; i < counts.length; i++) counts[i] += from.counts[i]!;
  return {
    startMs: into.startMs,
    count: into.count + from.count,
    sum: into.sum + from.sum,
    min: Math.min(into.min, from.min),
    max: Math.max(into.max, from.max),
    counts,
  };
}

/** Index of the bucket of `value`: the first boundary ≥ value, else the overflow bucket (the SDK's `binarySearchUB`). */
export function bucketOf(boundaries: readonly number[], value: number): number {
  let lo = 0;
  let hi = boundaries.length - 1;
  let found = boundaries.length;
  while (hi >= lo) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid]! < value) lo = mid + 1;
    else {
      found = mid;
      hi = mid - 1;
    }
  }
  return found;
}

/** One attribute set of one histogram: its attributes (built once) and the records of the current interval. */
export class Series {
  /** Records since the last collection by any reader; `undefined` when there were none. */
  current: Accumulation | undefined;

  constructor(readonly attributes: Attributes) {}
}

/** How many recently found attribute sets `SeriesTrie` compares before walking its Maps. */
const RECENT = 4;

/**
 * Finds the series of an attribute set given as values in a fixed key order, without building or
 * hashing an attribute object: one Map level per kept key (`undefined`, an absent attribute, is a key like
 * any other), and a small cache of the last sets found, compared value by value (a call records the
 * same sets each time, e.g. its input and its output token counts, which differ only in the token type).
 * Finding allocates nothing once the set's series exists. Values at positions a view drops are not read,
 * so sets that differ only there share one series, as they do in the SDK.
 */
export class SeriesTrie {
  private readonly _root = new Map<unknown, unknown>();
  private readonly _positions: readonly number[];
  /** The kept values of the recent sets (one array each, overwritten in place) and their series. */
  private readonly _recentValues: unknown[][] = [];
  private readonly _recentSeries: Series[] = [];
  /** The recent slot the next miss overwrites. */
  private _nextSlot = 0;

  constructor(
    private readonly _keys: readonly string[],
    kept: (key: string) => boolean,
  ) {
    this._positions = _keys.flatMap((key, i) => (kept(key) ? [i] : []));
  }

  /** The series of `values` (one per key, in key order), created on first use. */
  find(values: readonly unknown[]): Series {
    const positions = this._positions;
    const n = positions.length;
    const recent = this._recentSeries;
    for (let slot = 0; slot < recent.length; slot++) {
      const seen = this._recentValues[slot]!;
      let i = 0;
      while (i < n && seen[i] === values[positions[i]!]) i++;
      if (i === n) return recent[slot]!;
    }
    let level = this._root;
    for (let i = 0; i < n; i++) {
      const value = values[positions[i]!];
      let next = level.get(value) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    let series = level.get(SERIES) as Series | undefined;
    if (series === undefined) {
      series = new Series(this._attributes(values));
      level.set(SERIES, series);
    }
    this._remember(values, series);
    return series;
  }

  private _remember(values: readonly unknown[], series: Series): void {
    const slot = this._nextSlot;
    this._nextSlot = (slot + 1) % RECENT;
    const positions = this._positions;
    let seen = this._recentValues[slot];
    if (seen === undefined) {
      seen = new Array<unknown>(positions.length);
      this._recentValues[slot] = seen;
    }
    for (let i = 0; i < positions.length; i++) seen[i] = values[positions[i]!];
    this._recentSeries[slot] = series;
  }

  private _attributes(values: readonly unknown[]): Attributes {
    const attributes: Attributes = {};
    for (const p of this._positions) {
      const value = values[p];
      if (value !== undefined) attributes[this._keys[p]!] = value as Attributes[string];
    }
    return attributes;
  }
}

/** The key under which a trie level holds its series (no attribute value is this symbol). */
const SERIES = Symbol('series');
