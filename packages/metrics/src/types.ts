import type { ValueType } from '@opentelemetry/api';

/** Options of {@link sightlineViews}. */
export interface SightlineViewsOptions {
  /**
   * Attribute keys kept on every Sightline view besides its allow-list, e.g. `['server.address']` to
   * tell several endpoints of one provider apart. Each key multiplies the number of series; never add
   * ids or free text. Default: none.
   */
  extraAttributes?: readonly string[];
}

/** Options of {@link LogCountingProcessor}. */
export interface LogCountingOptions {
  /**
   * Most distinct (scope, event name) pairs counted separately (a scope's records without an event name
   * are one pair). Records of a new scope past the bound are counted under scope `other`; records of a new
   * event name of a known scope under that scope and event `other`; `folded` counts both. Default 250
   * (with at most 7 severities per pair, this stays under the SDK's default limit of 2000 series per metric).
   */
  maxSeries?: number;
}

/** Options of {@link InProcessMetrics}. */
export interface InProcessMetricsOptions extends LogCountingOptions {
  /**
   * Histogram instruments whose percentiles the snapshot reports.
   * Default {@link DEFAULT_SNAPSHOT_HISTOGRAMS}: the GenAI operation duration and time to first chunk,
   * and the MCP client and server operation durations.
   */
  histograms?: readonly string[];
}

/** A log record's severity class, from its `severityNumber` (1–4 trace, …, 21–24 fatal; else unspecified). */
export type SeverityClass = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'unspecified';

/** Counts of log records, by severity, scope (logger) name and event name. */
export interface LogCounts {
  total: number;
  /** By severity class; every class is present. */
  byLevel: Record<SeverityClass, number>;
  /** By instrumentation scope (logger) name: the seed's "category". Folded scopes count under `other`. */
  byCategory: Record<string, number>;
  /** By event name: the seed's "component". Records without an event name are not in it. */
  byComponent: Record<string, number>;
  /** Records counted under an `other` scope or event because the series bound was reached. */
  folded: number;
}

/** Records of severity ERROR or FATAL among all records, over a trailing window. */
export interface ErrorRate {
  /** Seconds the window covers: 60 to 61 once running a minute, less just after start or a reset. */
  windowSeconds: number;
  records: number;
  errors: number;
  /** `errors / records`; 0 when there were no records. */
  ratio: number;
}

/**
 * Percentiles of one histogram instrument, over all its attribute sets. They are interpolated linearly
 * inside the bucket the rank falls in (bucket-interpolated), so each is exact to within the width of
 * its bucket; the open-ended buckets are bounded by the smallest and largest values ever recorded.
 */
export interface HistogramSummary {
  unit: string;
  count: number;
  sum: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/** What {@link InProcessMetrics.getMetrics} returns: the window since start or the last reset. */
export interface MetricsSnapshot {
  /** Start of the window (construction or the last `resetMetrics()`), ms since the epoch. */
  since: number;
  /** When the snapshot was taken, ms since the epoch. */
  takenAt: number;
  /** Log records counted in the window (those kept by sampling). */
  logs: LogCounts;
  /** Over the last minute (not limited to the window, but cleared by a reset). */
  errorRate: ErrorRate;
  /** Per histogram instrument that recorded values in the window; see {@link InProcessMetricsOptions.histograms}. */
  durations: Record<string, HistogramSummary>;
}

/** The counts that {@link registerPipelineMetrics} reports; each is read at collection, cumulative. */
export interface PipelineMetricSources {
  /** Values redacted so far, by type (`@sightline/redaction`'s `getRedactionCounts`). */
  redactions?: () => Record<string, number>;
  /** Log records dropped by the sampling stage so far, by reason (`@sightline/sampling`'s `getDropCounts`). */
  sampledOut?: () => Record<string, number>;
  /** Throws of pipeline stages so far, by stage (`logs.redaction`, `spans.processors[0]`). */
  stageErrors?: () => Record<string, number>;
  /** Log record fields and arguments coerced or dropped so far, by reason. */
  logsSanitized?: () => Record<string, number>;
  /** Span fields and arguments coerced or dropped so far, by reason. */
  spansSanitized?: () => Record<string, number>;
  /**
   * Audit trail entries lost so far, by reason (`queue_full`, `write_failed`), from `@sightline/audit`'s
   * `AuditTrailProcessor.getStats()`.
   */
  auditDropped?: () => Record<string, number>;
  /** OTLP requests encoded by upstream's serializer instead of Sightline's, by export stage (`logs.export.otlp`). */
  encoderFallbacks?: () => Record<string, number>;
}

/** One histogram of {@link HistogramAggregator.histogram} (and of `meterHistogram`). */
export interface HistogramDescription {
  /** Instrument name, e.g. `gen_ai.client.operation.duration`. */
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** `ValueType.INT` truncates fractions as the SDK does. Default `ValueType.DOUBLE`. */
  readonly valueType?: ValueType;
  /** Explicit bucket boundaries: the conventions' advice. A Sightline view of the same name overrides them. */
  readonly boundaries: readonly number[];
  /** The attribute keys, in the order in which {@link KeyedHistogram.record} receives their values. */
  readonly keys: readonly string[];
}

/** A histogram whose attribute set is given as values in a fixed key order. */
export interface KeyedHistogram {
  /**
   * Records `value` for the attribute set `{ keys[i]: values[i] }` (an `undefined` value: the key is
   * absent). Extra values past the number of keys are ignored; `values` is not kept.
   */
  record(value: number, values: readonly unknown[]): void;
}

/** Options of {@link HistogramAggregator}. */
export interface HistogramAggregatorOptions {
  /**
   * Aggregate as the MeterProvider does with `sightlineViews(views)` installed: each instrument a Sightline
   * view covers gets the view's bucket boundaries and keeps only the view's attributes. `false`: as with no
   * view (the description's boundaries and keys). Default `{}`: as `bootstrap()` installs the views.
   */
  views?: SightlineViewsOptions | false;
  /**
   * Distinct attribute sets per histogram and collection interval; records of further sets go to the
   * series `otel.metric.overflow=true`, as in the SDK. Default 2000 (the SDK's default).
   */
  cardinalityLimit?: number;
}
