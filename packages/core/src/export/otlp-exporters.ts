import type { MeterProvider } from '@opentelemetry/api';
import { OTLPMetricExporterBase } from '@opentelemetry/exporter-metrics-otlp-http';
import { createOtlpNetworkExportDelegate, OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { createOtlpHttpExporterMetrics } from '@opentelemetry/otlp-exporter-base/node-http';
import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  JsonTraceSerializer,
  LogsExporterMetricsHelper,
  MetricsExporterMetricsHelper,
  ProtobufMetricsSerializer,
  TraceExporterMetricsHelper,
  type IExporterMetricsHelper,
  type ISerializer,
} from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { ResolvedOtlpSignal } from '../config/resolved-config.js';
import { VERSION } from '../version.js';
import { OTLP_PROTO_SERIALIZERS } from './otlp-proto/serializers.js';
import type { ExportControl } from './transport/export-control.js';
import { HttpRequestSender } from './transport/http-request.js';
import { RetryingTransport } from './transport/retrying-transport.js';

/** `otel.component.type` of the exporters' self-observability metrics, as the upstream OTLP/HTTP exporters name them. */
const COMPONENT_TYPE = { logs: 'otlp_http_log_exporter', traces: 'otlp_http_span_exporter', metrics: 'otlp_http_metric_exporter' } as const;

const USER_AGENT = `OTel-OTLP-Exporter-JavaScript/0.301.0 sightline/${VERSION}`;

/** Exports running at once through one exporter; the export stages send fewer, this only bounds a misuse. */
const CONCURRENCY_LIMIT = 32;

/** Where an exporter's requests go, and what ends them (the SDK's shutdown). */
export interface OtlpExporterContext {
  control: ExportControl;
  /** Receives the exporters' own metrics (`otel.sdk.exporter.*`). */
  selfObs?: MeterProvider;
}

function createDelegate<T, R>(
  signal: ResolvedOtlpSignal,
  kind: keyof typeof COMPONENT_TYPE,
  serializers: { json: ISerializer<T, R>; protobuf: ISerializer<T, R> },
  metricsHelper: IExporterMetricsHelper<T>,
  context: OtlpExporterContext,
) {
  const json = signal.protocol === 'http/json';
  const sender = new HttpRequestSender({
    url: signal.endpoint,
    headers: { ...signal.headers, 'Content-Type': json ? 'application/json' : 'application/x-protobuf' },
    compression: signal.compression,
    tls: signal.tls,
    userAgent: USER_AGENT,
  });
  return createOtlpNetworkExportDelegate(
    { timeoutMillis: signal.timeoutMillis, concurrencyLimit: CONCURRENCY_LIMIT, compression: signal.compression },
    json ? serializers.json : serializers.protobuf,
    createOtlpHttpExporterMetrics(COMPONENT_TYPE[kind], metricsHelper, signal.endpoint, context.selfObs),
    new RetryingTransport(sender, context.control),
  );
}

/**
 * The OTLP/HTTP log exporter (protobuf or JSON): our protobuf serializer (byte-identical to upstream's, which it
 * falls back to) or upstream's JSON one (ours measured no faster; see docs/pipeline.md "Encoding"), export
 * delegate and self-observability metrics, over our transport, which the SDK's shutdown can end (see `ExportControl`).
 */
export function createOtlpLogExporter(signal: ResolvedOtlpSignal, context: OtlpExporterContext): LogRecordExporter {
  return new OTLPExporterBase<ReadableLogRecord[]>(
    createDelegate(signal, 'logs', { json: JsonLogsSerializer, protobuf: OTLP_PROTO_SERIALIZERS.logs }, LogsExporterMetricsHelper, context),
  );
}

/** The OTLP/HTTP span exporter (protobuf or JSON), like {@link createOtlpLogExporter}. */
export function createOtlpSpanExporter(signal: ResolvedOtlpSignal, context: OtlpExporterContext): SpanExporter {
  return new OTLPExporterBase<ReadableSpan[]>(
    createDelegate(signal, 'traces', { json: JsonTraceSerializer, protobuf: OTLP_PROTO_SERIALIZERS.traces }, TraceExporterMetricsHelper, context),
  );
}

/**
 * The OTLP/HTTP metric exporter (protobuf or JSON), like {@link createOtlpLogExporter}; temporality as
 * `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE` asks (read by the upstream base class).
 */
export function createOtlpMetricExporter(signal: ResolvedOtlpSignal, context: OtlpExporterContext): PushMetricExporter {
  return new OTLPMetricExporterBase(
    createDelegate<ResourceMetrics, unknown>(
      signal,
      'metrics',
      { json: JsonMetricsSerializer, protobuf: ProtobufMetricsSerializer },
      MetricsExporterMetricsHelper,
      context,
    ),
  );
}
