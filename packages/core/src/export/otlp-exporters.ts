import { OTLPLogExporter as OtlpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as OtlpJsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as OtlpProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { ResolvedOtlpSignal } from '../config/resolved-config.js';

function exporterConfig(signal: ResolvedOtlpSignal) {
  return { url: signal.endpoint, headers: { ...signal.headers }, timeoutMillis: signal.timeoutMillis };
}

/** The official OTLP/HTTP log exporter for the resolved protocol (protobuf or JSON). */
export function createOtlpLogExporter(signal: ResolvedOtlpSignal): LogRecordExporter {
  return signal.protocol === 'http/json'
    ? new OtlpJsonLogExporter(exporterConfig(signal))
    : new OtlpProtoLogExporter(exporterConfig(signal));
}

/** The official OTLP/HTTP span exporter for the resolved protocol (protobuf or JSON). */
export function createOtlpSpanExporter(signal: ResolvedOtlpSignal): SpanExporter {
  return signal.protocol === 'http/json'
    ? new OtlpJsonTraceExporter(exporterConfig(signal))
    : new OtlpProtoTraceExporter(exporterConfig(signal));
}

/** The official OTLP/HTTP metric exporter for the resolved protocol (protobuf or JSON). */
export function createOtlpMetricExporter(signal: ResolvedOtlpSignal): PushMetricExporter {
  return signal.protocol === 'http/json'
    ? new OtlpJsonMetricExporter(exporterConfig(signal))
    : new OtlpProtoMetricExporter(exporterConfig(signal));
}
