import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { ResolvedConfig } from './config/resolved-config.js';
import { createConsoleExporters } from './console/create-console-exporters.js';
import { BaggageLogRecordProcessor, BaggageSpanProcessor } from './context/baggage-processors.js';
import { BatchLogExportProcessor } from './export/batch-log-processor.js';
import { BatchSpanExportProcessor } from './export/batch-span-processor.js';
import {
  createOtlpLogExporter,
  createOtlpMetricExporter,
  createOtlpSpanExporter,
  type OtlpExporterContext,
} from './export/otlp-exporters.js';
import { createPrometheusReader } from './export/prometheus-reader.js';
import { FanOutLogRecordProcessor } from './internal/fan-out-log-processor.js';

/** Everything the SDK is started with, plus the parts the handle must reach (flush, drop counts). */
export interface Pipeline {
  /** Registered with the LoggerProvider, in this order. */
  readonly logProcessors: LogRecordProcessor[];
  /** Registered with the TracerProvider, in this order. */
  readonly spanProcessors: SpanProcessor[];
  readonly metricReaders: MetricReader[];
  /** The batching export stages, whose drops the handle reports. */
  readonly logExportStages: BatchLogExportProcessor[];
  readonly spanExportStages: BatchSpanExportProcessor[];
}

/**
 * Composes the pipeline in its one documented order. `exportContext` ends the OTLP exporters' requests at
 * the shutdown deadline and receives their own metrics.
 * Logs: enrich (baggage) → redaction → errors → user processors → sampling( metrics → export ).
 * Spans: enrich (baggage) → redaction → user processors → export.
 * Every record is the same mutable object for all processors and none can stop it reaching the others,
 * so the mutating stages come first and the dropping stage (sampling) wraps the stages after it.
 */
export function composePipeline(config: ResolvedConfig, exportContext: OtlpExporterContext): Pipeline {
  const console = createConsoleExporters({
    format: config.consoleFormat,
    stream: config.consoleStream,
    // The mcp view holds logs until their trace's spans arrive only when spans are printed too.
    mcp: { expectSpans: config.exporters.traces.includes('console') },
  });

  const logExportStages: BatchLogExportProcessor[] = [];
  const logExports: LogRecordProcessor[] = [];
  for (const kind of config.exporters.logs) {
    if (kind === 'otlp') {
      const stage = new BatchLogExportProcessor({ exporter: createOtlpLogExporter(config.otlp.logs, exportContext), ...config.logQueue });
      logExportStages.push(stage);
      logExports.push(stage);
    } else if (kind === 'console') {
      logExports.push(new SimpleLogRecordProcessor({ exporter: console.logs }));
    }
  }

  const spanExportStages: BatchSpanExportProcessor[] = [];
  const spanExports: SpanProcessor[] = [];
  for (const kind of config.exporters.traces) {
    if (kind === 'otlp') {
      const stage = new BatchSpanExportProcessor({ exporter: createOtlpSpanExporter(config.otlp.traces, exportContext), ...config.spanQueue });
      spanExportStages.push(stage);
      spanExports.push(stage);
    } else if (kind === 'console') {
      spanExports.push(new SimpleSpanProcessor({ exporter: console.spans }));
    }
  }

  const metricReaders: MetricReader[] = [...config.metricReaders];
  for (const kind of config.exporters.metrics) {
    if (kind === 'prometheus') {
      metricReaders.push(createPrometheusReader(config.prometheus));
      continue;
    }
    const exporter = kind === 'otlp' ? createOtlpMetricExporter(config.otlp.metrics, exportContext) : console.metrics;
    metricReaders.push(
      new PeriodicExportingMetricReader({
        exporter,
        exportIntervalMillis: config.metricExportIntervalMillis,
        exportTimeoutMillis: Math.min(config.metricExportTimeoutMillis, config.metricExportIntervalMillis),
      }),
    );
  }

  const { logStages, spanStages } = config;
  const logFront: LogRecordProcessor[] = [];
  if (config.baggageKeys.length > 0) logFront.push(new BaggageLogRecordProcessor(config.baggageKeys));
  if (logStages.redaction) logFront.push(logStages.redaction);
  if (logStages.errors) logFront.push(...logStages.errors);
  logFront.push(...config.logRecordProcessors);
  const logTail = logStages.metrics ? [logStages.metrics, ...logExports] : logExports;
  const logProcessors = logStages.sampling
    ? [...logFront, logStages.sampling(new FanOutLogRecordProcessor(logTail))]
    : [...logFront, ...logTail];

  const spanProcessors: SpanProcessor[] = [];
  if (config.baggageKeys.length > 0) spanProcessors.push(new BaggageSpanProcessor(config.baggageKeys));
  if (spanStages.redaction) spanProcessors.push(spanStages.redaction);
  spanProcessors.push(...config.spanProcessors, ...spanExports);

  return { logProcessors, spanProcessors, metricReaders, logExportStages, spanExportStages };
}
