import { diag, type BatchObservableCallback, type Meter, type MeterProvider, type ObservableCounter } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { type ScopeEntry, SeriesTable } from './internal/log-series.js';
import { ERROR_INDEX, SEVERITY_CLASS_COUNT, SEVERITY_CLASSES, severityIndex, UNSPECIFIED_INDEX } from './internal/severity.js';
import { describeError, MeterBinding } from './meter-binding.js';
import { METRIC_SIGHTLINE_LOG_RECORDS } from './semconv.js';
import type { LogCountingOptions, LogCounts, SeverityClass } from './types.js';

/** Default of {@link LogCountingOptions.maxSeries}. */
export const DEFAULT_MAX_SERIES = 250;

/** Instrumentation scope of this package's meter. */
export const METER_NAME = '@sightline/metrics';

/**
 * Counts log records by severity class, instrumentation scope (logger) name and event name, and reports
 * them as the observable counter `sightline.log.records` (`{log_record}`; attributes
 * `sightline.log.severity`, `sightline.log.scope`, `otel.event.name` when the record has one), so error
 * rates and volume trends come from any metrics backend.
 *
 * In the Sightline pipeline it is the `metrics` log stage, after sampling: it counts the records that
 * are kept (dropped ones are counted by the sampling and export stages).
 *
 * The hot path builds no object: one increment per record into a per-severity array of the record's
 * (scope, event) pair, found through a one-entry scope cache and one Map lookup per event; the counter reads
 * the arrays at collection. At most {@link LogCountingOptions.maxSeries} pairs are kept; the excess is
 * counted under `other` (see `folded` in {@link getCounts}). Never throws into the logging call.
 */
export class LogCountingProcessor implements LogRecordProcessor {
  private readonly table: SeriesTable;
  /** All records by severity class index. */
  private readonly totals = new Float64Array(SEVERITY_CLASS_COUNT);
  /** One-entry cache of the last scope. */
  private lastScopeName: string | undefined;
  private lastScope: ScopeEntry | undefined;
  private failed = false;
  private readonly binding = new MeterBinding(METER_NAME, METRIC_SIGHTLINE_LOG_RECORDS, (meter) => this.register(meter));

  constructor(options: LogCountingOptions = {}) {
    const max = options.maxSeries;
    let maxSeries = DEFAULT_MAX_SERIES;
    if (max !== undefined) {
      if (Number.isInteger(max) && max >= 1) maxSeries = max;
      else diag.warn(`sightline: log counting option maxSeries must be a positive integer (got ${String(max)}); using ${DEFAULT_MAX_SERIES}`);
    }
    this.table = new SeriesTable(maxSeries);
  }

  /** Hot path: counts one record. */
  onEmit(logRecord: ReadWriteLogRecord): void {
    try {
      const level = severityIndex(logRecord.severityNumber);
      this.totals[level]++;
      const scopeName = logRecord.instrumentationScope.name;
      const scope = scopeName === this.lastScopeName && this.lastScope !== undefined ? this.lastScope : this.findScope(scopeName);
      const eventName = logRecord.eventName;
      const series =
        eventName === undefined || eventName === '' ? scope.plain : (scope.events.get(eventName) ?? this.table.event(scope, eventName));
      series.counts[level]++;
    } catch (error) {
      this.reportFailure(error);
    }
  }

  /** Nothing is buffered. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Keeps counting and reporting: the MeterProvider's last collection after shutdown still reads the counts. */
  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  /** Records counted so far. */
  get recordTotal(): number {
    let records = 0;
    for (let i = 0; i < SEVERITY_CLASS_COUNT; i++) records += this.totals[i];
    return records;
  }

  /** Records counted so far (cumulative since construction). */
  getCounts(): LogCounts {
    const byLevel = {} as Record<SeverityClass, number>;
    let total = 0;
    for (let i = 0; i < SEVERITY_CLASS_COUNT; i++) {
      byLevel[SEVERITY_CLASSES[i]] = this.totals[i];
      total += this.totals[i];
    }
    const byCategory: Record<string, number> = {};
    const byComponent: Record<string, number> = {};
    let folded = 0;
    for (const series of this.table.all()) {
      const sum = series.counts.reduce((a, b) => a + b, 0);
      if (sum === 0) continue;
      add(byCategory, series.scope, sum);
      if (series.event !== undefined) add(byComponent, series.event, sum);
      if (series.folded) folded += sum;
    }
    return { total, byLevel, byCategory, byComponent, folded };
  }

  /** Records of severity ERROR or FATAL counted so far. */
  get errorTotal(): number {
    let errors = 0;
    for (let i = ERROR_INDEX; i < UNSPECIFIED_INDEX; i++) errors += this.totals[i];
    return errors;
  }

  /**
   * Reports `sightline.log.records` through `meterProvider` from now on (counts since construction).
   * Another provider moves the counter to it; `undefined` stops reporting.
   */
  setMeterProvider(meterProvider: MeterProvider | undefined): void {
    this.binding.bind(meterProvider);
  }

  /** The entry of a scope (or `other`), remembered as the last one seen. */
  private findScope(name: string): ScopeEntry {
    const scope = this.table.scope(name);
    this.lastScopeName = name;
    this.lastScope = scope;
    return scope;
  }

  private register(meter: Meter): () => void {
    const counter: ObservableCounter = meter.createObservableCounter(METRIC_SIGHTLINE_LOG_RECORDS, {
      unit: '{log_record}',
      description: 'Log records kept by the pipeline, by severity, instrumentation scope and event name.',
    });
    const callback: BatchObservableCallback = (result) => {
      for (const series of this.table.all()) {
        const counts = series.counts;
        for (let i = 0; i < SEVERITY_CLASS_COUNT; i++) {
          if (counts[i] > 0) result.observe(counter, counts[i], series.attributesFor(i));
        }
      }
    };
    meter.addBatchObservableCallback(callback, [counter]);
    return () => meter.removeBatchObservableCallback(callback, [counter]);
  }

  private reportFailure(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    try {
      diag.error(`sightline: a log record could not be counted (reported once): ${describeError(error)}`);
    } catch {
      // The application's diag logger failed; nothing better to do with the message.
    }
  }
}

/** Adds to an own property, so that a scope or event named `__proto__` is kept as data. */
function add(into: Record<string, number>, key: string, value: number): void {
  const sum = (Object.hasOwn(into, key) ? into[key] : 0) + value;
  Object.defineProperty(into, key, { value: sum, enumerable: true, writable: true, configurable: true });
}
