import { diag, ValueType, type MetricOptions } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  DataPointType,
  InstrumentType,
  type CollectionResult,
  type MetricCollectOptions,
  type MetricData,
  type MetricProducer,
  type MetricReader,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import { bucketOf, emptyAccumulation, merged, Series, SeriesTrie, type Accumulation } from './internal/histogram-series.js';
import type { HistogramAggregatorOptions, HistogramDescription, KeyedHistogram } from './types.js';
import { sightlineViewOf } from './views.js';

/** Default of {@link HistogramAggregatorOptions.cardinalityLimit}: the SDK's. */
export const DEFAULT_CARDINALITY_LIMIT = 2000;

const OVERFLOW_ATTRIBUTES = { 'otel.metric.overflow': true };
const ATTACHED = Symbol.for('sightline.metrics.histogram-aggregator');

/**
 * Explicit-bucket histograms aggregated in process, published to metric readers as real histogram
 * metrics through a {@link MetricProducer}: what the MeterProvider's histogram instruments produce, for a
 * fraction of the cost per record (the SDK builds and hashes the attribute set on every `record()`; here
 * the instrumentation passes the values in a fixed key order, found through a Map per key and a
 * one-entry cache, see `SeriesTrie`).
 *
 * The data equals the SDK's for the same records (a property test compares them): bucket counts, sum,
 * count, min, max, attribute sets, start times, the cardinality limit, and per reader the aggregation
 * temporality the reader asks for, cumulative or delta. With `views` (the default) each instrument gets
 * what `sightlineViews()` gives it on the MeterProvider. Other views, and a reader's aggregation selector,
 * do not apply to these histograms: `bootstrap()` uses the MeterProvider's instruments instead when a view
 * of the user's could select them.
 *
 * Publishing: `attach(reader)` (readers already built, which is what `bootstrap()` does for every reader),
 * or `createProducer(temporality)` in a reader's `metricProducers` option. A reader sees the records
 * made after it was attached.
 */
export class HistogramAggregator {
  private readonly _families = new Map<string, Family>();
  /** One scope object per scope, so that a collection groups the scope's histograms in one ScopeMetrics. */
  private readonly _scopes = new Map<string, InstrumentationScope>();
  private readonly _producers: AggregatorProducer[] = [];
  private readonly _views: HistogramAggregatorOptions['views'];
  private readonly _limit: number;
  /** What the producers read: kept off the public API. */
  private readonly _source: ProducerSource = { drain: () => this._drain(), families: () => this._families.values() };

  constructor(options: HistogramAggregatorOptions = {}) {
    this._views = options.views ?? {};
    const limit = options.cardinalityLimit;
    this._limit = DEFAULT_CARDINALITY_LIMIT;
    if (limit !== undefined) {
      if (Number.isInteger(limit) && limit >= 1) this._limit = limit;
      else diag.warn(`sightline: histogram cardinalityLimit must be a positive integer (got ${String(limit)}); using ${DEFAULT_CARDINALITY_LIMIT}`);
    }
  }

  /** The histogram `description.name` of `scope`; the same one for the same scope and name. */
  histogram(scope: InstrumentationScope, description: HistogramDescription): KeyedHistogram {
    const scopeId = `${scope.name}\u0000${scope.version ?? ''}\u0000${scope.schemaUrl ?? ''}`;
    const id = `${scopeId}\u0000${description.name}`;
    let family = this._families.get(id);
    if (family === undefined) {
      const view = this._views === false ? undefined : sightlineViewOf(description.name, this._views);
      let own = this._scopes.get(scopeId);
      if (own === undefined) {
        own = { name: scope.name, version: scope.version, schemaUrl: scope.schemaUrl };
        this._scopes.set(scopeId, own);
      }
      family = new Family(own, description, view?.boundaries ?? description.boundaries, view?.attributes, this._limit);
      this._families.set(id, family);
    }
    return family;
  }

  /** Publishes the histograms through `reader` from now on, with the temporality it selects for histograms. */
  attach(reader: MetricReader): void {
    const marked = reader as MetricReader & { [ATTACHED]?: HistogramAggregator };
    if (marked[ATTACHED] !== undefined) return;
    marked[ATTACHED] = this;
    const producer = this.createProducer(() => reader.selectAggregationTemporality(InstrumentType.HISTOGRAM));
    const collect = reader.collect.bind(reader);
    // Readers built by the application cannot take a producer after construction: the producer's scopes are
    // appended to the reader's own collection, exactly as `MetricReader.collect` does with `metricProducers`.
    reader.collect = async (options?: MetricCollectOptions): Promise<CollectionResult> => {
      const own = await collect(options);
      const ours = await producer.collect(options);
      return {
        resourceMetrics: { resource: own.resourceMetrics.resource, scopeMetrics: own.resourceMetrics.scopeMetrics.concat(ours.resourceMetrics.scopeMetrics) },
        errors: own.errors.concat(ours.errors),
      };
    };
  }

  /**
   * A producer for one reader's `metricProducers` option. `temporality` (read at the first collection) is
   * the reader's for histograms: `AggregationTemporality.CUMULATIVE` unless its exporter prefers delta.
   */
  createProducer(temporality: AggregationTemporality | (() => AggregationTemporality)): MetricProducer {
    const producer = new AggregatorProducer(this._source, typeof temporality === 'function' ? temporality : () => temporality);
    this._producers.push(producer);
    return producer;
  }

  /** Moves the records of the current interval into every producer's pending data (at any producer's collection). */
  private _drain(): void {
    for (const family of this._families.values()) {
      const dirty = family.takeDirty();
      if (dirty.length === 0) continue;
      for (const series of dirty) {
        const accumulation = series.current!;
        series.current = undefined;
        for (const producer of this._producers) producer.add(family, series, accumulation);
      }
    }
  }
}

/** The aggregator as its producers see it: the families in creation order, and the interval's end. */
interface ProducerSource {
  drain(): void;
  families(): Iterable<Family>;
}

/** One histogram: its series, and the series recorded into since the last collection. */
class Family implements KeyedHistogram {
  readonly descriptor: MetricData['descriptor'] & { type: InstrumentType; advice: MetricOptions['advice'] };
  private readonly _trie: SeriesTrie;
  private readonly _int: boolean;
  private _dirty: Series[] = [];
  private readonly _overflow = new Series(OVERFLOW_ATTRIBUTES);

  constructor(
    readonly scope: InstrumentationScope,
    description: HistogramDescription,
    readonly boundaries: readonly number[],
    kept: ReadonlySet<string> | undefined,
    /** The cardinality limit: one interval has at most `limit - 1` series and the overflow series, as in the SDK. */
    private readonly _limit: number,
  ) {
    const valueType = description.valueType ?? ValueType.DOUBLE;
    this._int = valueType === ValueType.INT;
    this.descriptor = {
      name: description.name,
      type: InstrumentType.HISTOGRAM,
      description: description.description,
      unit: description.unit,
      valueType,
      advice: { explicitBucketBoundaries: [...description.boundaries] },
    };
    this._trie = new SeriesTrie(description.keys, kept === undefined ? () => true : (key) => kept.has(key));
  }

  record(value: number, values: readonly unknown[]): void {
    // The checks of the SDK's HistogramInstrument, in its order and with its messages.
    if (typeof value !== 'number') {
      diag.warn(`non-number value provided to metric ${this.descriptor.name}: ${String(value)}`);
      return;
    }
    if (value < 0) {
      diag.warn(`negative value provided to histogram ${this.descriptor.name}: ${value}`);
      return;
    }
    if (this._int && !Number.isInteger(value)) {
      diag.warn(`INT value type cannot accept a floating-point value for ${this.descriptor.name}, ignoring the fractional digits.`);
      value = Math.trunc(value);
      if (!Number.isInteger(value)) return;
    }
    let series = this._trie.find(values);
    let accumulation = series.current;
    if (accumulation === undefined) {
      if (this._dirty.length >= this._limit - 1) {
        series = this._overflow;
        accumulation = series.current;
      }
      if (accumulation === undefined) {
        accumulation = emptyAccumulation(Date.now(), this.boundaries.length + 1);
        series.current = accumulation;
        this._dirty.push(series);
      }
    }
    // NaN: the series exists for the interval (as in the SDK), the value is not counted.
    if (value !== value) return;
    accumulation.count++;
    accumulation.sum += value;
    if (value < accumulation.min) accumulation.min = value;
    if (value > accumulation.max) accumulation.max = value;
    accumulation.counts[bucketOf(this.boundaries, value)]!++;
  }

  takeDirty(): Series[] {
    const dirty = this._dirty;
    if (dirty.length > 0) this._dirty = [];
    return dirty;
  }
}

/**
 * The aggregator's histograms for one reader, with its temporality: cumulative reports every series since
 * its first record; delta reports the series recorded into since this reader's last collection, starting
 * at that collection when the series was in it (the SDK's TemporalMetricProcessor).
 */
class AggregatorProducer implements MetricProducer {
  private _temporality: AggregationTemporality | undefined;
  /** Per family: the accumulation per series not yet reported (delta) or since its first record (cumulative). */
  private readonly _pending = new Map<Family, Map<Series, Accumulation>>();
  private _lastReported = new Map<Family, Set<Series>>();
  private _lastCollectionMs = 0;

  constructor(
    private readonly _source: ProducerSource,
    private readonly _selectTemporality: () => AggregationTemporality,
  ) {}

  add(family: Family, series: Series, accumulation: Accumulation): void {
    let pending = this._pending.get(family);
    if (pending === undefined) {
      pending = new Map();
      this._pending.set(family, pending);
    }
    pending.set(series, merged(pending.get(series), accumulation));
  }

  collect(_options?: MetricCollectOptions): Promise<CollectionResult> {
    const now = Date.now();
    this._source.drain();
    this._temporality ??= this._selectTemporality();
    const delta = this._temporality === AggregationTemporality.DELTA;
    const end = hrTime(now);
    const scopes = new Map<Family['scope'], ScopeMetrics>();
    const reported = new Map<Family, Set<Series>>();
    for (const family of this._source.families()) {
      const pending = this._pending.get(family);
      if (pending === undefined || pending.size === 0) continue;
      const last = this._lastReported.get(family);
      const points = [];
      for (const [series, accumulation] of pending) {
        const startMs = delta && last?.has(series) ? this._lastCollectionMs : accumulation.startMs;
        points.push({
          attributes: series.attributes,
          startTime: hrTime(startMs),
          endTime: end,
          value: {
            min: accumulation.count > 0 ? accumulation.min : undefined,
            max: accumulation.count > 0 ? accumulation.max : undefined,
            sum: accumulation.sum,
            buckets: { boundaries: family.boundaries as number[], counts: accumulation.counts.slice() },
            count: accumulation.count,
          },
        });
      }
      if (delta) {
        reported.set(family, new Set(pending.keys()));
        this._pending.delete(family);
      }
      let scope = scopes.get(family.scope);
      if (scope === undefined) {
        scope = { scope: family.scope, metrics: [] };
        scopes.set(family.scope, scope);
      }
      scope.metrics.push({ descriptor: family.descriptor, aggregationTemporality: this._temporality, dataPointType: DataPointType.HISTOGRAM, dataPoints: points });
    }
    this._lastReported = reported;
    this._lastCollectionMs = now;
    return Promise.resolve({ resourceMetrics: { resource: emptyResource(), scopeMetrics: [...scopes.values()] }, errors: [] });
  }
}

/** `@opentelemetry/core`'s `millisToHrTime`. */
function hrTime(ms: number): [number, number] {
  return [Math.trunc(ms / 1000), Math.round((ms % 1000) * 1e6)];
}
