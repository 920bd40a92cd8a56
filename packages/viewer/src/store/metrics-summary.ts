import type { ViewerLog, ViewerMetricPoint, ViewerSpan } from '../otlp/types.js';
import { histogramQuantile } from './percentile.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_METHOD_NAME,
  DURATION_SUFFIX,
  METRIC_AUDIT_DROPPED,
  METRIC_PROCESSED_PREFIX,
  METRIC_PROCESSED_SUFFIX,
  METRIC_TOKEN_USAGE,
} from './semconv.js';

/** Severity ranges of the OTLP `SeverityNumber` (1–4 TRACE … 21–24 FATAL), 0 for unset. */
const SEVERITY_NAMES = ['UNSET', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

export function severityName(severityNumber: number): string {
  return SEVERITY_NAMES[severityNumber <= 0 ? 0 : Math.min(6, Math.ceil(severityNumber / 4))];
}

interface Series {
  point: ViewerMetricPoint;
  value: number;
  count: number;
  bucketCounts: number[];
}

/** One latency row: a duration histogram split by model or tool. */
export interface LatencyRow {
  readonly metric: string;
  readonly unit: string;
  readonly key: string;
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly errors: number;
}

/** The metrics panel's content. */
export interface MetricsView {
  readonly tokens: { model: string; type: string; tokens: number; source: 'metrics' | 'spans' }[];
  readonly latency: LatencyRow[];
  readonly logsBySeverity: Record<string, number>;
  readonly spans: { total: number; errors: number };
  readonly drops: { metric: string; reason: string; count: number }[];
  readonly series: number;
}

/**
 * Folds metric points into series (cumulative points replace, delta points add up) and counts spans and
 * logs as they arrive; `view()` derives the panel's figures.
 */
export class MetricsSummary {
  private readonly series = new Map<string, Series>();
  private readonly logsBySeverity: Record<string, number> = {};
  private readonly spanTokens = new Map<string, number>();
  private spanTotal = 0;
  private spanErrors = 0;

  addPoint(point: ViewerMetricPoint): void {
    const key = `${point.name}\u0000${point.service}\u0000${point.kind}\u0000${JSON.stringify(sortedEntries(point.attributes))}`;
    const existing = this.series.get(key);
    if (existing !== undefined && point.temporality === 1 && sameBounds(existing.point.bounds, point.bounds)) {
      existing.value += point.value;
      existing.count += point.count;
      point.bucketCounts.forEach((count, i) => (existing.bucketCounts[i] = (existing.bucketCounts[i] ?? 0) + count));
      existing.point = point;
      return;
    }
    this.series.set(key, { point, value: point.value, count: point.count, bucketCounts: [...point.bucketCounts] });
  }

  addSpan(span: ViewerSpan): void {
    this.spanTotal++;
    if (span.statusCode === 2) this.spanErrors++;
    const model = span.attributes[ATTR_GEN_AI_RESPONSE_MODEL] ?? span.attributes[ATTR_GEN_AI_REQUEST_MODEL];
    if (typeof model !== 'string') return;
    for (const type of ['input', 'output']) {
      const tokens = Number(span.attributes[`gen_ai.usage.${type}_tokens`] ?? 0) || 0;
      if (tokens > 0) this.spanTokens.set(`${model}\u0000${type}`, (this.spanTokens.get(`${model}\u0000${type}`) ?? 0) + tokens);
    }
  }

  addLog(log: ViewerLog): void {
    const name = severityName(log.severityNumber);
    this.logsBySeverity[name] = (this.logsBySeverity[name] ?? 0) + 1;
  }

  view(): MetricsView {
    const tokens: MetricsView['tokens'] = [];
    const latency = new Map<string, { row: Omit<LatencyRow, 'p50' | 'p95' | 'p99'>; bounds: readonly number[]; counts: number[] }>();
    const drops = new Map<string, { metric: string; reason: string; count: number }>();
    const tokenSums = new Map<string, number>();
    for (const { point, value, count, bucketCounts } of this.series.values()) {
      const attributes = point.attributes;
      if (point.name === METRIC_TOKEN_USAGE && point.kind === 'histogram') {
        const model = String(attributes[ATTR_GEN_AI_RESPONSE_MODEL] ?? attributes[ATTR_GEN_AI_REQUEST_MODEL] ?? '');
        const key = `${model}\u0000${String(attributes[ATTR_GEN_AI_TOKEN_TYPE] ?? '')}`;
        tokenSums.set(key, (tokenSums.get(key) ?? 0) + value);
      } else if (point.kind === 'histogram' && point.name.endsWith(DURATION_SUFFIX)) {
        const split = attributes[ATTR_GEN_AI_REQUEST_MODEL] ?? attributes[ATTR_GEN_AI_TOOL_NAME] ?? attributes[ATTR_MCP_METHOD_NAME] ?? '';
        const id = `${point.name}\u0000${String(split)}\u0000${point.bounds.join(',')}`;
        let row = latency.get(id);
        if (row === undefined) {
          row = { row: { metric: point.name, unit: point.unit, key: String(split), count: 0, errors: 0 }, bounds: point.bounds, counts: [] };
          latency.set(id, row);
        }
        const mutable = row.row as { count: number; errors: number };
        mutable.count += count;
        if (attributes[ATTR_ERROR_TYPE] !== undefined) mutable.errors += count;
        bucketCounts.forEach((c, i) => (row.counts[i] = (row.counts[i] ?? 0) + c));
      } else if (isDropCounter(point) && value > 0) {
        const reason = String(attributes[ATTR_ERROR_TYPE] ?? 'dropped');
        const id = `${point.name}\u0000${reason}`;
        const drop = drops.get(id) ?? { metric: point.name, reason, count: 0 };
        drop.count += value;
        drops.set(id, drop);
      }
    }
    for (const [key, sum] of tokenSums) {
      const [model, type] = key.split('\u0000');
      tokens.push({ model, type, tokens: sum, source: 'metrics' });
    }
    if (tokens.length === 0) {
      for (const [key, sum] of this.spanTokens) {
        const [model, type] = key.split('\u0000');
        tokens.push({ model, type, tokens: sum, source: 'spans' });
      }
    }
    return {
      tokens: tokens.sort((a, b) => a.model.localeCompare(b.model) || a.type.localeCompare(b.type)),
      latency: [...latency.values()]
        .map(({ row, bounds, counts }) => ({
          ...row,
          p50: histogramQuantile(0.5, bounds, counts),
          p95: histogramQuantile(0.95, bounds, counts),
          p99: histogramQuantile(0.99, bounds, counts),
        }))
        .sort((a, b) => a.metric.localeCompare(b.metric) || a.key.localeCompare(b.key)),
      logsBySeverity: { ...this.logsBySeverity },
      spans: { total: this.spanTotal, errors: this.spanErrors },
      drops: [...drops.values()],
      series: this.series.size,
    };
  }
}

function isDropCounter(point: ViewerMetricPoint): boolean {
  if (point.kind !== 'sum') return false;
  if (point.name === METRIC_AUDIT_DROPPED) return true;
  return point.name.startsWith(METRIC_PROCESSED_PREFIX) && point.name.endsWith(METRIC_PROCESSED_SUFFIX) && point.attributes[ATTR_ERROR_TYPE] !== undefined;
}

function sortedEntries(attributes: Record<string, unknown>): [string, unknown][] {
  return Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((bound, i) => bound === b[i]);
}
