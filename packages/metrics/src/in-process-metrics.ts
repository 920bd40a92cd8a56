import { diag } from '@opentelemetry/api';
import { DataPointType, type MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { ErrorRateWindow, TICK_MILLIS } from './internal/error-rate-window.js';
import { type HistogramPoint, type MergedHistogram, mergePoints, subtractBaseline, summarize } from './internal/histogram-math.js';
import { subtractLogCounts } from './internal/log-counts.js';
import { SnapshotReader } from './internal/snapshot-reader.js';
import { LogCountingProcessor } from './log-counting-processor.js';
import {
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
} from './semconv.js';
import type { HistogramSummary, InProcessMetricsOptions, LogCounts, MetricsSnapshot } from './types.js';

/** Default of {@link InProcessMetricsOptions.histograms}: how slow LLM and MCP calls are. */
export const DEFAULT_SNAPSHOT_HISTOGRAMS: readonly string[] = [
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
];

/**
 * Metrics for people without a metrics backend, read in process: `getMetrics()` returns log totals by
 * level, category (scope) and component (event name), the error rate over the last minute, and
 * p50/p90/p95/p99 of the LLM and MCP operation durations; `resetMetrics()` starts a new window.
 *
 * Wiring: {@link logProcessor} is the pipeline's `metrics` log stage (it also reports
 * `sightline.log.records` once given a MeterProvider), and {@link metricReader} must be registered with
 * the MeterProvider (`metricReaders`), which is where the durations come from. `bootstrap()` does both.
 * The error-rate clock (one unref'd one-second timer) runs while the reader is registered.
 */
export class InProcessMetrics {
  /** Counts the records it sees; put it where kept records pass (after sampling). */
  readonly logProcessor: LogCountingProcessor;
  /** Register with the MeterProvider; it exports nothing, `getMetrics()` collects from it. */
  readonly metricReader: MetricReader;

  private readonly histograms: ReadonlySet<string>;
  private readonly window: ErrorRateWindow;
  private timer: NodeJS.Timeout | undefined;
  private since = Date.now();
  private logBaseline: LogCounts | undefined;
  private histogramBaseline = new Map<string, MergedHistogram>();
  /** The last histograms collected, for when the reader can no longer collect (after shutdown). */
  private lastHistograms = new Map<string, MergedHistogram>();
  /** The reset whose histogram baseline is being collected; reads wait for it. */
  private resetting: Promise<void> = Promise.resolve();
  private mismatchReported = false;

  constructor(options: InProcessMetricsOptions = {}) {
    this.logProcessor = new LogCountingProcessor(options);
    const names = options.histograms;
    this.histograms = new Set(Array.isArray(names) ? names.filter((n) => typeof n === 'string') : DEFAULT_SNAPSHOT_HISTOGRAMS);
    this.window = new ErrorRateWindow(0, 0, performance.now());
    this.metricReader = new SnapshotReader({ onStart: () => this.startClock(), onStop: () => this.stopClock() });
  }

  /** The window since start or the last reset. Never rejects: durations fall back to the last collection. */
  async getMetrics(): Promise<MetricsSnapshot> {
    await this.resetting;
    const processor = this.logProcessor;
    const current = await this.collectHistograms();
    const durations: Record<string, HistogramSummary> = {};
    for (const [name, histogram] of current) {
      const inWindow = subtractBaseline(histogram, this.histogramBaseline.get(name));
      if (inWindow.count > 0) durations[name] = summarize(inWindow);
    }
    return {
      since: this.since,
      takenAt: Date.now(),
      logs: subtractLogCounts(processor.getCounts(), this.logBaseline),
      errorRate: this.window.read(processor.recordTotal, processor.errorTotal, performance.now()),
      durations,
    };
  }

  /**
   * Starts a new window: the log counts and the error rate restart at once; the histograms restart from
   * a collection taken now, done when the returned promise settles (a value recorded before it settles
   * may fall in either window). Cumulative OpenTelemetry metrics are not affected. Never rejects.
   */
  resetMetrics(): Promise<void> {
    const processor = this.logProcessor;
    this.since = Date.now();
    this.logBaseline = processor.getCounts();
    this.window.reset(processor.recordTotal, processor.errorTotal, performance.now());
    const previous = this.resetting;
    this.resetting = previous.then(async () => {
      this.histogramBaseline = await this.collectHistograms();
    });
    return this.resetting;
  }

  private async collectHistograms(): Promise<Map<string, MergedHistogram>> {
    let collected: ResourceMetrics;
    try {
      collected = (await this.metricReader.collect()).resourceMetrics;
    } catch (error) {
      diag.debug(`sightline: in-process metrics could not collect (${error instanceof Error ? error.message : String(error)}); using the last collection`);
      return this.lastHistograms;
    }
    const points = new Map<string, { unit: string; points: HistogramPoint[] }>();
    for (const scope of collected.scopeMetrics) {
      for (const metric of scope.metrics) {
        if (metric.dataPointType !== DataPointType.HISTOGRAM || !this.histograms.has(metric.descriptor.name)) continue;
        const entry = points.get(metric.descriptor.name) ?? { unit: metric.descriptor.unit, points: [] };
        for (const point of metric.dataPoints) entry.points.push(point.value);
        points.set(metric.descriptor.name, entry);
      }
    }
    const result = new Map<string, MergedHistogram>();
    for (const [name, entry] of points) {
      const { merged, skipped } = mergePoints(entry.unit, entry.points);
      if (merged !== undefined) result.set(name, merged);
      if (skipped > 0 && !this.mismatchReported) {
        this.mismatchReported = true;
        diag.warn(`sightline: ${name} has streams with different bucket boundaries (another view?); the snapshot uses the first`);
      }
    }
    this.lastHistograms = result;
    return result;
  }

  private startClock(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      const processor = this.logProcessor;
      this.window.tick(processor.recordTotal, processor.errorTotal, performance.now());
    }, TICK_MILLIS).unref();
  }

  private stopClock(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
