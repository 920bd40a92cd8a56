/**
 * The one OTLP/JSON encoding of Sightline: the OTLP/HTTP exporters' `http/json` protocol, the spool and
 * the OTLP file exporter all write requests with it. It follows the OTLP/JSON mapping exactly (hex ids,
 * 64-bit integers as decimal strings, enums as numbers, lowerCamelCase keys); upstream's
 * `Json*Serializer` (otlp-transformer 0.301) writes int64 values (`intValue`, `asInt`, counts) as JSON
 * numbers, which loses precision past 2^53 and is not the canonical mapping.
 */
import { JsonLogsSerializer, JsonMetricsSerializer, JsonTraceSerializer, type ISerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { logsRequest } from './logs.js';
import { metricsRequest } from './metrics.js';
import { traceRequest } from './traces.js';

/** The OTLP/JSON signals, named as the file exporter and the spool name them. */
export type OtlpJsonSignal = 'logs' | 'traces' | 'metrics';

/** One `ExportLogsServiceRequest` as an OTLP/JSON text (no newline). */
export function encodeLogsJson(records: readonly ReadableLogRecord[]): string {
  return JSON.stringify(logsRequest(records));
}

/** One `ExportTraceServiceRequest` as an OTLP/JSON text (no newline). */
export function encodeTraceJson(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(traceRequest(spans));
}

/** One `ExportMetricsServiceRequest` as an OTLP/JSON text (no newline). */
export function encodeMetricsJson(metrics: ResourceMetrics): string {
  return JSON.stringify(metricsRequest(metrics));
}

const utf8 = new TextEncoder();

/** The OTLP/HTTP `http/json` serializers: requests in our encoding, responses read by upstream's. */
export const OTLP_JSON_SERIALIZERS = {
  logs: {
    serializeRequest: (records) => utf8.encode(encodeLogsJson(records)),
    deserializeResponse: (body) => JsonLogsSerializer.deserializeResponse(body),
  } satisfies ISerializer<ReadableLogRecord[], unknown>,
  traces: {
    serializeRequest: (spans) => utf8.encode(encodeTraceJson(spans)),
    deserializeResponse: (body) => JsonTraceSerializer.deserializeResponse(body),
  } satisfies ISerializer<ReadableSpan[], unknown>,
  metrics: {
    serializeRequest: (metrics) => utf8.encode(encodeMetricsJson(metrics)),
    deserializeResponse: (body) => JsonMetricsSerializer.deserializeResponse(body),
  } satisfies ISerializer<ResourceMetrics, unknown>,
};
