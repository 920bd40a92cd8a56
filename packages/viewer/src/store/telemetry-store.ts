import type { ViewerLog, ViewerMetricPoint, ViewerSpan } from '../otlp/types.js';
import { ExceptionGroups } from './exception-groups.js';
import { MetricsSummary } from './metrics-summary.js';
import { matchesFacets, type TraceFilter } from './trace-filter.js';
import { summarize, type TraceSummary } from './trace-summary.js';
import { buildWaterfall, type Waterfall } from './waterfall-view.js';

/** Default bound on spans held: the oldest traces are evicted past it. */
export const DEFAULT_MAX_SPANS = 10_000;
/** Default bound on log records held: the oldest traces (or trace-less logs) are evicted past it. */
export const DEFAULT_MAX_LOGS = 100_000;

export interface TelemetryStoreOptions {
  /** Spans held at most. Default {@link DEFAULT_MAX_SPANS}. */
  readonly maxSpans?: number;
  /** Log records held at most (with and without a trace). Default {@link DEFAULT_MAX_LOGS}. */
  readonly maxLogs?: number;
}

interface TraceEntry {
  readonly traceId: string;
  readonly spans: ViewerSpan[];
  readonly logs: ViewerLog[];
  /** Arrival order of the trace's first record: eviction goes by it. */
  readonly seq: number;
  summary: TraceSummary | undefined;
  text: string | undefined;
  sortedLogs: ViewerLog[] | undefined;
  waterfall: Waterfall | undefined;
}

/** What the store holds and has dropped, for the page's status line. */
export interface StoreCounts {
  readonly traces: number;
  readonly spans: number;
  readonly logs: number;
  readonly evictedTraces: number;
  readonly evictedSpans: number;
  readonly evictedLogs: number;
  readonly maxSpans: number;
  readonly maxLogs: number;
}

/** A trace and its logs, for the waterfall. */
export interface TraceDetail {
  readonly traceId: string;
  readonly spans: readonly ViewerSpan[];
  readonly logs: readonly ViewerLog[];
}

/**
 * The viewer's in-memory store: traces (spans and the logs that carry their trace id) in arrival order,
 * trace-less logs, metric points folded into a summary, and exceptions grouped by fingerprint. Bounded by
 * span and log counts; past a bound the oldest trace (or oldest trace-less log) goes, and is counted.
 */
export class TelemetryStore {
  readonly maxSpans: number;
  readonly maxLogs: number;
  readonly metrics = new MetricsSummary();
  readonly exceptions = new ExceptionGroups();
  /** Bumped on every change, so watchers can tell whether to refresh. */
  version = 0;
  private readonly traces = new Map<string, TraceEntry>();
  private orphanLogs: ViewerLog[] = [];
  private orphanSeqs: number[] = [];
  private orphanHead = 0;
  private seq = 0;
  private spanCount = 0;
  private logCount = 0;
  private evictedTraces = 0;
  private evictedSpans = 0;
  private evictedLogs = 0;

  constructor(options: TelemetryStoreOptions = {}) {
    this.maxSpans = positive(options.maxSpans, DEFAULT_MAX_SPANS);
    this.maxLogs = positive(options.maxLogs, DEFAULT_MAX_LOGS);
  }

  addSpans(spans: readonly ViewerSpan[]): void {
    for (const span of spans) {
      const entry = this.entry(span.traceId);
      entry.spans.push(span);
      entry.summary = undefined;
      entry.text = undefined;
      entry.waterfall = undefined;
      this.spanCount++;
      this.metrics.addSpan(span);
    }
    if (spans.length > 0) this.changed();
  }

  addLogs(logs: readonly ViewerLog[]): void {
    for (const log of logs) {
      this.metrics.addLog(log);
      this.exceptions.add(log);
      this.logCount++;
      if (log.traceId === '') {
        this.orphanLogs.push(log);
        this.orphanSeqs.push(this.seq++);
        continue;
      }
      const entry = this.entry(log.traceId);
      entry.logs.push(log);
      entry.summary = undefined;
      entry.text = undefined;
      entry.sortedLogs = undefined;
      entry.waterfall = undefined;
    }
    if (logs.length > 0) this.changed();
  }

  addMetricPoints(points: readonly ViewerMetricPoint[]): void {
    for (const point of points) this.metrics.addPoint(point);
    if (points.length > 0) this.version++;
  }

  counts(): StoreCounts {
    return {
      traces: this.traces.size,
      spans: this.spanCount,
      logs: this.logCount,
      evictedTraces: this.evictedTraces,
      evictedSpans: this.evictedSpans,
      evictedLogs: this.evictedLogs,
      maxSpans: this.maxSpans,
      maxLogs: this.maxLogs,
    };
  }

  /** Trace list rows passing `filter`, newest first. */
  list(filter: TraceFilter = {}): TraceSummary[] {
    const needle = filter.text?.trim().toLowerCase() ?? '';
    const out: TraceSummary[] = [];
    for (const entry of this.traces.values()) {
      const summary = (entry.summary ??= summarize(entry.traceId, entry.spans, entry.logs));
      if (!matchesFacets(summary, filter)) continue;
      if (needle !== '' && !(entry.text ??= searchText(entry)).includes(needle)) continue;
      out.push(summary);
    }
    return out.sort((a, b) => b.start - a.start);
  }

  /** Distinct services, models and tools of the traces held, for the filter menus. */
  facets(): { services: string[]; models: string[]; tools: string[] } {
    const services = new Set<string>();
    const models = new Set<string>();
    const tools = new Set<string>();
    for (const entry of this.traces.values()) {
      const summary = (entry.summary ??= summarize(entry.traceId, entry.spans, entry.logs));
      for (const service of summary.services) services.add(service);
      for (const model of summary.models) models.add(model);
      for (const tool of summary.tools) tools.add(tool);
    }
    const sorted = (set: Set<string>): string[] => [...set].sort();
    return { services: sorted(services), models: sorted(models), tools: sorted(tools) };
  }

  /** A trace's spans (arrival order) and logs (time order; sorted once per change). */
  trace(traceId: string): TraceDetail | undefined {
    const entry = this.traces.get(traceId);
    if (entry === undefined) return undefined;
    entry.sortedLogs ??= [...entry.logs].sort((a, b) => a.time - b.time);
    return { traceId, spans: entry.spans, logs: entry.sortedLogs };
  }

  /** A trace's waterfall order (built once per change of the trace). */
  waterfall(traceId: string): { detail: TraceDetail; waterfall: Waterfall } | undefined {
    const detail = this.trace(traceId);
    if (detail === undefined) return undefined;
    const entry = this.traces.get(traceId)!;
    entry.waterfall ??= buildWaterfall(detail);
    return { detail, waterfall: entry.waterfall };
  }

  /** The newest `limit` log records without a trace id, newest first. */
  orphanLogList(limit: number): ViewerLog[] {
    return this.orphanLogs.slice(Math.max(this.orphanHead, this.orphanLogs.length - limit)).reverse();
  }

  private entry(traceId: string): TraceEntry {
    let entry = this.traces.get(traceId);
    if (entry === undefined) {
      entry = { traceId, spans: [], logs: [], seq: this.seq++, summary: undefined, text: undefined, sortedLogs: undefined, waterfall: undefined };
      this.traces.set(traceId, entry);
    }
    return entry;
  }

  private changed(): void {
    this.version++;
    while (this.spanCount > this.maxSpans || this.logCount > this.maxLogs) {
      const oldest = this.traces.values().next().value;
      const orphanSeq = this.orphanHead < this.orphanSeqs.length ? this.orphanSeqs[this.orphanHead] : Infinity;
      const spansOver = this.spanCount > this.maxSpans;
      if (oldest !== undefined && (spansOver || oldest.seq < orphanSeq)) this.evictTrace(oldest);
      else if (orphanSeq !== Infinity) this.evictOrphanLog();
      else break;
    }
  }

  private evictTrace(entry: TraceEntry): void {
    this.traces.delete(entry.traceId);
    this.spanCount -= entry.spans.length;
    this.logCount -= entry.logs.length;
    this.evictedTraces++;
    this.evictedSpans += entry.spans.length;
    this.evictedLogs += entry.logs.length;
  }

  private evictOrphanLog(): void {
    this.orphanHead++;
    this.logCount--;
    this.evictedLogs++;
    if (this.orphanHead >= 4096 && this.orphanHead * 2 >= this.orphanLogs.length) {
      this.orphanLogs = this.orphanLogs.slice(this.orphanHead);
      this.orphanSeqs = this.orphanSeqs.slice(this.orphanHead);
      this.orphanHead = 0;
    }
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Lower-cased text of a trace for free-text search: span names, attribute keys and values, log bodies. */
function searchText(entry: TraceEntry): string {
  const parts: string[] = [entry.traceId];
  const addAttributes = (attributes: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(attributes)) parts.push(key, typeof value === 'string' ? value : JSON.stringify(value));
  };
  for (const span of entry.spans) {
    parts.push(span.name, span.service, span.statusMessage);
    addAttributes(span.attributes);
  }
  for (const log of entry.logs) {
    parts.push(log.body, log.eventName);
    addAttributes(log.attributes);
  }
  return parts.join('\n').toLowerCase();
}
