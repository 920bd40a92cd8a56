/**
 * The `json` console format: one JSON object per line, with stable keys, for machines (`jq`, log
 * shippers, test harnesses). Every function returns one line without its trailing newline and never
 * throws; strings inside are escaped by {@link safeStringify}.
 */
import type { Attributes } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { safeStringify } from './safe-json.js';
import { ATTR_SERVICE_NAME } from '../semconv.js';
import { severityText } from './severity.js';
import { spanKindName, statusCodeName, validContext } from './span-info.js';
import { formatIsoTime, hrDurationToMs, hrTimeToEpochMs } from './time.js';

/**
 * Shape of a log line. Keys appear in this order; `traceId`/`spanId` are `null` without a valid span
 * context, `body` is `null` when the record has none.
 */
export interface JsonLogLine {
  /** ISO-8601 UTC time of the record, with milliseconds. */
  time: string;
  type: 'log';
  /** `severityText`, else the severity number's name, else `UNSPECIFIED`. */
  severity: string;
  /** 0 when the record has none. */
  severityNumber: number;
  /** Instrumentation scope name. */
  scope: string;
  body: unknown;
  traceId: string | null;
  spanId: string | null;
  /** Only when the record is an event. */
  eventName?: string;
  attributes: Attributes;
  /** Only `service.name`, and only when the resource has one. */
  resource?: { 'service.name': unknown };
}

/**
 * Formats one log record as a JSON line ({@link JsonLogLine}).
 *
 * @param record a log record from the SDK
 */
export function formatLogJson(record: ReadableLogRecord): string {
  try {
    const context = validContext(record.spanContext);
    const line: JsonLogLine = {
      time: formatIsoTime(hrTimeToEpochMs(record.hrTime)),
      type: 'log',
      severity: severityText(record.severityNumber, record.severityText),
      severityNumber: record.severityNumber ?? 0,
      scope: record.instrumentationScope.name,
      body: record.body ?? null,
      traceId: context?.traceId ?? null,
      spanId: context?.spanId ?? null,
      eventName: record.eventName || undefined,
      attributes: record.attributes,
    };
    const serviceName = record.resource?.attributes[ATTR_SERVICE_NAME];
    if (serviceName !== undefined) line.resource = { [ATTR_SERVICE_NAME]: serviceName };
    return safeStringify(line);
  } catch (error) {
    return brokenLine('log', error);
  }
}

/**
 * Shape of a span line. Keys appear in this order.
 */
export interface JsonSpanLine {
  type: 'span';
  /** ISO-8601 UTC start time, with milliseconds. */
  time: string;
  name: string;
  /** `INTERNAL`, `SERVER`, `CLIENT`, `PRODUCER` or `CONSUMER`. */
  kind: string;
  /** Instrumentation scope name. */
  scope: string;
  traceId: string;
  spanId: string;
  /** Only when the span has a parent. */
  parentSpanId?: string;
  /** Duration in milliseconds, 3 decimals. */
  durationMs: number;
  /** `message` only when set. */
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message?: string };
  attributes: Attributes;
  /** Only when the span has events. */
  events?: Array<{ time: string; name: string; attributes?: Attributes }>;
}

/**
 * Formats one ended span as a JSON line ({@link JsonSpanLine}).
 *
 * @param span an ended span from the SDK
 */
export function formatSpanJson(span: ReadableSpan): string {
  try {
    const context = span.spanContext();
    const line: JsonSpanLine = {
      type: 'span',
      time: formatIsoTime(hrTimeToEpochMs(span.startTime)),
      name: span.name,
      kind: spanKindName(span.kind),
      scope: span.instrumentationScope.name,
      traceId: context.traceId,
      spanId: context.spanId,
      parentSpanId: validContext(span.parentSpanContext)?.spanId,
      durationMs: hrDurationToMs(span.duration),
      status: { code: statusCodeName(span.status.code), message: span.status.message || undefined },
      attributes: span.attributes,
    };
    if (span.events.length > 0) {
      line.events = span.events.map((event) => ({
        time: formatIsoTime(hrTimeToEpochMs(event.time)),
        name: event.name,
        attributes: event.attributes !== undefined && Object.keys(event.attributes).length > 0 ? event.attributes : undefined,
      }));
    }
    return safeStringify(line);
  } catch (error) {
    return brokenLine('span', error);
  }
}

/** `sum`, `gauge`, `histogram` or `exponential_histogram`. */
export type JsonMetricKind = 'sum' | 'gauge' | 'histogram' | 'exponential_histogram';

/**
 * Shape of a metric line: one per metric stream, holding all its data points. Keys appear in this order.
 */
export interface JsonMetricLine {
  type: 'metric';
  /** ISO-8601 UTC end time of the collection (of the first point; now when there is none). */
  time: string;
  name: string;
  unit: string;
  kind: JsonMetricKind;
  /** `cumulative` or `delta`. */
  temporality: 'cumulative' | 'delta';
  /** Only for sums. */
  monotonic?: boolean;
  /** Instrumentation scope name. */
  scope: string;
  /**
   * One entry per attribute set: `{ attributes, value }` for sums and gauges;
   * `{ attributes, count, sum, min, max, buckets: { boundaries, counts } }` for histograms;
   * `{ attributes, count, sum, min, max, scale, zeroCount, positive, negative }` for exponential histograms.
   */
  points: Array<Record<string, unknown>>;
}

const KIND_OF: Readonly<Record<DataPointType, JsonMetricKind>> = {
  [DataPointType.SUM]: 'sum',
  [DataPointType.GAUGE]: 'gauge',
  [DataPointType.HISTOGRAM]: 'histogram',
  [DataPointType.EXPONENTIAL_HISTOGRAM]: 'exponential_histogram',
};

/**
 * Formats one metric (all its data points) as a JSON line ({@link JsonMetricLine}).
 *
 * @param metric a metric from a `ResourceMetrics` batch
 * @param scope the scope the metric came from
 */
export function formatMetricJson(metric: MetricData, scope: InstrumentationScope): string {
  try {
    const first = metric.dataPoints[0];
    const line: JsonMetricLine = {
      type: 'metric',
      time: formatIsoTime(first === undefined ? Date.now() : hrTimeToEpochMs(first.endTime)),
      name: metric.descriptor.name,
      unit: metric.descriptor.unit,
      kind: KIND_OF[metric.dataPointType] ?? 'gauge',
      temporality: metric.aggregationTemporality === AggregationTemporality.DELTA ? 'delta' : 'cumulative',
      monotonic: metric.dataPointType === DataPointType.SUM ? metric.isMonotonic : undefined,
      scope: scope.name,
      points: metricPoints(metric),
    };
    return safeStringify(line);
  } catch (error) {
    return brokenLine('metric', error);
  }
}

/** What both kinds of histogram point show first. */
function histogramSummary(
  attributes: Attributes,
  value: { count: number; sum?: number; min?: number; max?: number },
): Record<string, unknown> {
  return { attributes, count: value.count, sum: value.sum, min: value.min, max: value.max };
}

function metricPoints(metric: MetricData): Array<Record<string, unknown>> {
  switch (metric.dataPointType) {
    case DataPointType.HISTOGRAM:
      return metric.dataPoints.map(({ attributes, value }) => ({
        ...histogramSummary(attributes, value),
        buckets: { boundaries: value.buckets.boundaries, counts: value.buckets.counts },
      }));
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      return metric.dataPoints.map(({ attributes, value }) => ({
        ...histogramSummary(attributes, value),
        scale: value.scale,
        zeroCount: value.zeroCount,
        positive: value.positive,
        negative: value.negative,
      }));
    default:
      return metric.dataPoints.map(({ attributes, value }) => ({ attributes, value }));
  }
}

/** The line written when a record is so malformed that even reading its fields throws. */
function brokenLine(type: 'log' | 'span' | 'metric', error: unknown): string {
  return safeStringify({
    time: formatIsoTime(Date.now()),
    type,
    error: `unformattable ${type}: ${error instanceof Error ? error.message : String(error)}`,
  });
}
