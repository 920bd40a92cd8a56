import type { Attributes } from './values.js';

/** The three OTLP signals, named after their `/v1/<signal>` path. */
export type Signal = 'traces' | 'logs' | 'metrics';

/** A span as the viewer keeps it. Times are milliseconds since the epoch (fractional). */
export interface ViewerSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP `SpanKind` number: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly start: number;
  readonly end: number;
  readonly attributes: Attributes;
  readonly events: readonly { readonly name: string; readonly time: number; readonly attributes: Attributes }[];
  readonly links: readonly { readonly traceId: string; readonly spanId: string; readonly attributes: Attributes }[];
  /** OTLP `StatusCode`: 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly service: string;
  readonly scope: string;
  readonly resource: Attributes;
}

/** A log record as the viewer keeps it. */
export interface ViewerLog {
  readonly time: number;
  readonly severityNumber: number;
  readonly severityText: string;
  /** The body: a string as is, anything else as JSON. */
  readonly body: string;
  readonly eventName: string;
  readonly attributes: Attributes;
  readonly traceId: string;
  readonly spanId: string;
  readonly service: string;
  readonly scope: string;
}

/** One histogram or sum/gauge data point, flattened. */
export interface ViewerMetricPoint {
  readonly name: string;
  readonly unit: string;
  readonly service: string;
  readonly kind: 'sum' | 'gauge' | 'histogram';
  /** OTLP `AggregationTemporality`: 1 delta, 2 cumulative (0 for gauges). */
  readonly temporality: number;
  readonly attributes: Attributes;
  readonly time: number;
  /** Sum and gauge value; a histogram's sum. */
  readonly value: number;
  /** Histograms only. */
  readonly count: number;
  readonly bounds: readonly number[];
  readonly bucketCounts: readonly number[];
}
