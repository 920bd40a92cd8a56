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
import { createFileLogExporter, createFileMetricExporter, createFileSpanExporter } from './export/file/otlp-file-exporters.js';
import { createPrometheusReader } from './export/prometheus-reader.js';
import { MAX_EXIT_WRITE_MILLIS } from './export/queue-defaults.js';
import { FanOutLogRecordProcessor } from './internal/fan-out-log-processor.js';
import { IsolatedLogRecordProcessor, IsolatedSpanProcessor } from './safety/isolated-stages.js';
import { SanitizeLogRecordProcessor } from './safety/sanitize-log-processor.js';
import { SanitizeSpanProcessor } from './safety/sanitize-span-processor.js';
import { SafetyCounters } from './safety/safety-counters.js';
import { ExportControl } from './export/transport/export-control.js';

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
  /** Where the stages' throws (and sanitized fields) are counted. */
  readonly safety: SafetyCounters;
}

/**
 * Composes the pipeline in its one documented order. `exportContext` ends the OTLP exporters' requests at
 * the shutdown deadline and receives their own metrics.
 * Logs: sanitize → enrich (baggage) → redaction → errors → user processors → sampling( metrics → export ).
 * Spans: sanitize → enrich (baggage) → redaction → user processors → export.
 * The sanitize stages make every record encodable where it enters the pipeline (one bad record never fails
 * an export batch) and guard the SDK span API.
 * Every record is the same mutable object for all processors and none can stop it reaching the others,
 * so the mutating stages come first and the dropping stage (sampling) wraps the stages after it.
 * Every stage is isolated: a throw is counted in `safety` under the stage's name (`logs.redaction`,
 * `logs.processors[0]`, `spans.export.otlp`) and the record goes on to the next stage.
 */
export function composePipeline(
  config: ResolvedConfig,
  exportContext: OtlpExporterContext = { control: new ExportControl() },
  safety = new SafetyCounters(),
): Pipeline {
  const logStage = (name: string, processor: LogRecordProcessor): LogRecordProcessor =>
    new IsolatedLogRecordProcessor(`logs.${name}`, processor, safety);
  const spanStage = (name: string, processor: SpanProcessor): SpanProcessor => new IsolatedSpanProcessor(`spans.${name}`, processor, safety);

  const console = createConsoleExporters({
    format: config.consoleFormat,
    stream: config.consoleStream,
    // The mcp view holds logs until their trace's spans arrive only when spans are printed too.
    mcp: { expectSpans: config.exporters.traces.includes('console') },
  });

  // What the file exporters may spend writing synchronously at the deadline or at exit, as the spool.
  const exitWriteMillis = Math.min(config.shutdownTimeoutMillis, MAX_EXIT_WRITE_MILLIS);
  const logExportStages: BatchLogExportProcessor[] = [];
  const logExports: LogRecordProcessor[] = [];
  for (const kind of config.exporters.logs) {
    if (kind === 'otlp') {
      const stage = new BatchLogExportProcessor({ exporter: createOtlpLogExporter(config.otlp.logs, exportContext), ...config.logQueue });
      logExportStages.push(stage);
      logExports.push(logStage('export.otlp', stage));
    } else if (kind === 'file') {
      // Behind the same queue as OTLP; what is still held at the deadline or at exit goes to the file too.
      const exporter = createFileLogExporter(config.fileExport, exitWriteMillis);
      const stage = new BatchLogExportProcessor({ exporter, finalSink: exporter.writeSync, ...config.logQueue });
      logExportStages.push(stage);
      logExports.push(logStage('export.file', stage));
    } else if (kind === 'console') {
      logExports.push(logStage('export.console', new SimpleLogRecordProcessor({ exporter: console.logs })));
    }
  }

  const spanExportStages: BatchSpanExportProcessor[] = [];
  const spanExports: SpanProcessor[] = [];
  for (const kind of config.exporters.traces) {
    if (kind === 'otlp') {
      const stage = new BatchSpanExportProcessor({ exporter: createOtlpSpanExporter(config.otlp.traces, exportContext), ...config.spanQueue });
      spanExportStages.push(stage);
      spanExports.push(spanStage('export.otlp', stage));
    } else if (kind === 'file') {
      const exporter = createFileSpanExporter(config.fileExport, exitWriteMillis);
      const stage = new BatchSpanExportProcessor({ exporter, finalSink: exporter.writeSync, ...config.spanQueue });
      spanExportStages.push(stage);
      spanExports.push(spanStage('export.file', stage));
    } else if (kind === 'console') {
      spanExports.push(spanStage('export.console', new SimpleSpanProcessor({ exporter: console.spans })));
    }
  }

  const metricReaders: MetricReader[] = [...config.metricReaders];
  for (const kind of config.exporters.metrics) {
    if (kind === 'prometheus') {
      metricReaders.push(createPrometheusReader(config.prometheus));
      continue;
    }
    const exporter =
      kind === 'otlp'
        ? createOtlpMetricExporter(config.otlp.metrics, exportContext)
        : kind === 'file'
          ? createFileMetricExporter(config.fileExport)
          : console.metrics;
    metricReaders.push(
      new PeriodicExportingMetricReader({
        exporter,
        exportIntervalMillis: config.metricExportIntervalMillis,
        exportTimeoutMillis: Math.min(config.metricExportTimeoutMillis, config.metricExportIntervalMillis),
      }),
    );
  }

  const { logStages, spanStages } = config;
  const logFront: LogRecordProcessor[] = [logStage('sanitize', new SanitizeLogRecordProcessor(safety))];
  if (config.baggageKeys.length > 0) logFront.push(logStage('enrich', new BaggageLogRecordProcessor(config.baggageKeys)));
  if (logStages.redaction) logFront.push(logStage('redaction', logStages.redaction));
  logStages.errors?.forEach((p, i) => logFront.push(logStage(`errors[${i}]`, p)));
  config.logRecordProcessors.forEach((p, i) => logFront.push(logStage(`processors[${i}]`, p)));
  const logTail = logStages.metrics ? [logStage('metrics', logStages.metrics), ...logExports] : logExports;
  let logProcessors: LogRecordProcessor[];
  if (logStages.sampling) {
    const downstream = new FanOutLogRecordProcessor(logTail);
    const sampling = new IsolatedLogRecordProcessor('logs.sampling', logStages.sampling(downstream), safety, downstream);
    logProcessors = [...logFront, sampling];
  } else {
    logProcessors = [...logFront, ...logTail];
  }

  const spanProcessors: SpanProcessor[] = [spanStage('sanitize', new SanitizeSpanProcessor(safety))];
  if (config.baggageKeys.length > 0) spanProcessors.push(spanStage('enrich', new BaggageSpanProcessor(config.baggageKeys)));
  if (spanStages.redaction) spanProcessors.push(spanStage('redaction', spanStages.redaction));
  config.spanProcessors.forEach((p, i) => spanProcessors.push(spanStage(`processors[${i}]`, p)));
  spanProcessors.push(...spanExports);

  return { logProcessors, spanProcessors, metricReaders, logExportStages, spanExportStages, safety };
}
