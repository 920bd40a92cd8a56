import { OTLPLogExporter as OtlpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as OtlpJsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as OtlpProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { MeterProvider } from '@opentelemetry/api';
import type { ResolvedOtlpSignal } from '../config/resolved-config.js';

/**
 * `selfObs` receives the exporters' own self-observability metrics (`otel.sdk.exporter.*`): exported,
 * failed and in-flight records and the duration of each export.
 */
function exporterConfig(signal: ResolvedOtlpSignal, selfObs: MeterProvider | undefined) {
  return {
    url: signal.endpoint,
    headers: { ...signal.headers },
    timeoutMillis: signal.timeoutMillis,
    selfObsMeterProvider: selfObs,
  };
}

/** The official OTLP/HTTP log exporter for the resolved protocol (protobuf or JSON). */
export function createOtlpLogExporter(signal: ResolvedOtlpSignal, selfObs?: MeterProvider): LogRecordExporter {
  return signal.protocol === 'http/json'
    ? new OtlpJsonLogExporter(exporterConfig(signal, selfObs))
    : new OtlpProtoLogExporter(exporterConfig(signal, selfObs));
}

/** The official OTLP/HTTP span exporter for the resolved protocol (protobuf or JSON). */
export function createOtlpSpanExporter(signal: ResolvedOtlpSignal, selfObs?: MeterProvider): SpanExporter {
  return signal.protocol === 'http/json'
    ? new OtlpJsonTraceExporter(exporterConfig(signal, selfObs))
    : new OtlpProtoTraceExporter(exporterConfig(signal, selfObs));
}

/** The official OTLP/HTTP metric exporter for the resolved protocol (protobuf or JSON). */
export function createOtlpMetricExporter(signal: ResolvedOtlpSignal, selfObs?: MeterProvider): PushMetricExporter {
  return signal.protocol === 'http/json'
    ? new OtlpJsonMetricExporter(exporterConfig(signal, selfObs))
    : new OtlpProtoMetricExporter(exporterConfig(signal, selfObs));
}
