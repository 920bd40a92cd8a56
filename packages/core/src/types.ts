import type { Attributes } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { MetricReader, ViewOptions } from '@opentelemetry/sdk-metrics';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { AlertOptions, AuditTrailOptions, BreadcrumbsOptions, RecordExceptionOptions, SecurityEventAttributes } from '@sightline/audit';
import type { LlmInstrumentationsOptions } from '@sightline/instrumentation-llm';
import type { McpInstrumentationConfig } from '@sightline/instrumentation-mcp';
import type { MetricsSnapshot } from '@sightline/metrics';
import type { Redactor, RedactorOptions } from '@sightline/redaction';
import type { SamplingControls } from '@sightline/sampling';
import type { Logger, LogLevel } from './logger/types.js';
import type { SanitizeReason } from './safety/safety-counters.js';

/** Where one signal goes. `otlp` is the default for every signal; `prometheus` (a pull endpoint) is for metrics only. */
export type ExporterKind = 'otlp' | 'console' | 'file' | 'prometheus' | 'none';

/** OTLP over HTTP; `grpc` is not shipped (it needs a native-free gRPC stack we do not bundle). */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Compression of OTLP request bodies. */
export type OtlpCompression = 'none' | 'gzip';

/** The three console formats. */
export type ConsoleFormat = 'pretty' | 'json' | 'mcp';

/** The telemetry signals. */
export type Signal = 'logs' | 'traces' | 'metrics';

/** OTLP exporter settings for one signal. */
export interface OtlpSignalOptions {
  /**
   * Full URL of the signal's endpoint (e.g. `http://collector:4318/v1/logs`).
   * Default: `OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/<signal>`,
   * else `http://localhost:4318/v1/<signal>`.
   */
  endpoint?: string;
  /** Default: `OTEL_EXPORTER_OTLP_<SIGNAL>_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, else `http/protobuf`. */
  protocol?: OtlpProtocol;
  /** Extra request headers. Default: `OTEL_EXPORTER_OTLP_HEADERS` merged with `OTEL_EXPORTER_OTLP_<SIGNAL>_HEADERS`. */
  headers?: Record<string, string>;
  /** Per-request timeout in ms. Default: `OTEL_EXPORTER_OTLP_<SIGNAL>_TIMEOUT`, else `OTEL_EXPORTER_OTLP_TIMEOUT`, else 10000. */
  timeoutMillis?: number;
  /** Request body compression. Default: `OTEL_EXPORTER_OTLP_<SIGNAL>_COMPRESSION`, else `OTEL_EXPORTER_OTLP_COMPRESSION`, else `none`. */
  compression?: OtlpCompression;
  /** Path of a PEM file of trusted server certificates. Default: `OTEL_EXPORTER_OTLP_[<SIGNAL>_]CERTIFICATE`. */
  certificate?: string;
  /** Path of the PEM client certificate (mTLS). Default: `OTEL_EXPORTER_OTLP_[<SIGNAL>_]CLIENT_CERTIFICATE`. */
  clientCertificate?: string;
  /** Path of the PEM client private key (mTLS). Default: `OTEL_EXPORTER_OTLP_[<SIGNAL>_]CLIENT_KEY`. */
  clientKey?: string;
}

/** Sizing of the batching export stage (one per signal that is exported). */
export interface ExportQueueOptions {
  /**
   * Most estimated heap, in bytes, held by the records waiting for export, in flight or waiting for a
   * retry; past it new records are dropped and counted. ERROR+ records, exceptions and security events
   * have 1/8 of it reserved. Default 64 MiB per signal (`SIGHTLINE_EXPORT_QUEUE_MIB`).
   */
  maxQueueBytes?: number;
  /** Most records held, in addition to the memory bound. Default: no count bound (`OTEL_BLRP_MAX_QUEUE_SIZE` / `OTEL_BSP_MAX_QUEUE_SIZE`). */
  maxQueueSize?: number;
  /** Most records sent in one export request. Default 2048 (`OTEL_BLRP_MAX_EXPORT_BATCH_SIZE` / `OTEL_BSP_MAX_EXPORT_BATCH_SIZE`). */
  maxExportBatchSize?: number;
  /** Delay between two scheduled exports in ms. Default 1000 (`OTEL_BLRP_SCHEDULE_DELAY` / `OTEL_BSP_SCHEDULE_DELAY`). */
  scheduledDelayMillis?: number;
  /** Time one export may take in ms. Default 30000 (`OTEL_BLRP_EXPORT_TIMEOUT` / `OTEL_BSP_EXPORT_TIMEOUT`). */
  exportTimeoutMillis?: number;
  /** Export requests in flight at once per signal. Default 4 (`SIGHTLINE_EXPORT_CONCURRENCY`). */
  maxConcurrentExports?: number;
}

/**
 * The pluggable log pipeline stages, run in this order for every record:
 * sanitize → enrich → redaction → errors → (your `logRecordProcessors`) → sampling → metrics → batch export.
 * Mutating stages come first because every processor sees the same record object;
 * the sampling stage wraps the stages after it, since no processor can stop a record reaching its siblings.
 */
export interface LogPipelineStages {
  /** Mutates records before anything else sees them (secrets and PII). Filled by `@sightline/redaction`. */
  redaction?: LogRecordProcessor;
  /**
   * Exception grouping, breadcrumbs, the alert hook and the audit trail, in that order: after redaction (they
   * copy redacted data) and before sampling (nothing of theirs is sampled away). Filled by `@sightline/audit`.
   */
  errors?: LogRecordProcessor[];
  /** Builds the dropping stage around the processor it forwards kept records to. Filled by `@sightline/sampling`. */
  sampling?: (downstream: LogRecordProcessor) => LogRecordProcessor;
  /** Counts kept records. Filled by `@sightline/metrics`. */
  metrics?: LogRecordProcessor;
}

/** The span pipeline stages: sanitize → enrich → redaction (`onEnding`) → your `spanProcessors` → batch export. */
export interface SpanPipelineStages {
  /** Mutates spans in `onEnding`, the last moment their data can change. Filled by `@sightline/redaction`. */
  redaction?: SpanProcessor;
}

/**
 * Options of the `file` exporters, which append OTLP JSON Lines (one `Export*ServiceRequest` per line,
 * the OpenTelemetry file format) to one file per signal and process.
 */
export interface FileExportOptions {
  /** Folder of the files. Default: `SIGHTLINE_FILE_DIR`, else `./sightline-otlp` in the working directory. */
  dir?: string;
  /** Size in MiB at which a file is rotated. Default: `SIGHTLINE_FILE_MAX_MIB`, else 64. */
  maxFileMiB?: number;
  /** Age in hours at which a file is rotated. Default: `SIGHTLINE_FILE_ROTATE_HOURS`, else 24. */
  rotateHours?: number;
  /** Files last written longer ago are deleted; 0 keeps them. Default: `SIGHTLINE_FILE_RETENTION_DAYS`, else 90. */
  retentionDays?: number;
}

/** Options of {@link bootstrap}. Every field overrides its environment variable. */
export interface BootstrapOptions {
  /** `service.name` of the resource. Default: `OTEL_SERVICE_NAME`, else `unknown_service:node`. */
  serviceName?: string;
  /** Extra resource attributes, merged over `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Attributes;
  /** Exporters per signal. Default: `OTEL_LOGS_EXPORTER`, `OTEL_TRACES_EXPORTER`, `OTEL_METRICS_EXPORTER`, each `otlp`. */
  exporters?: Partial<Record<Signal, ExporterKind[]>>;
  /** OTLP settings, shared (`all`) or per signal. */
  otlp?: OtlpSignalOptions & Partial<Record<Signal, OtlpSignalOptions>>;
  /** Format of the console exporters. Default: `SIGHTLINE_CONSOLE_FORMAT`, else `pretty`. */
  consoleFormat?: ConsoleFormat;
  /** Where console exporters write. Default: `process.stdout`. */
  consoleStream?: NodeJS.WritableStream;
  /**
   * Levels of the logger facade, hierarchical by logger name: `"info,llm.openai=debug"`.
   * Default: `SIGHTLINE_LOG_LEVEL`, else `info`.
   */
  logLevel?: string;
  /** SDK self-diagnostics level (`none|error|warn|info|debug|verbose|all`). Default: `OTEL_LOG_LEVEL`, else `warn`. */
  diagLogLevel?: string;
  /**
   * Replaces the trace sampler. Default: `@sightline/sampling`'s parent-based consistent probability sampler
   * at `samplingRatio`, or as `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` ask.
   */
  sampler?: Sampler;
  /**
   * Secret and PII redaction of every exported log and span, on by default; `false` turns it off.
   * Default: `SIGHTLINE_REDACTION` (`mask`, `hash` — keyed by `SIGHTLINE_HMAC_KEY` — or `off`), else `mask`.
   */
  redaction?: RedactorOptions | false;
  /** Share of traces and of their logs kept, 0..1; errors and security events are always kept. Default: `SIGHTLINE_SAMPLING_RATIO`, else 1. */
  samplingRatio?: number;
  /** Budget of kept log records per second (errors outside it). Default: `SIGHTLINE_LOG_RATE_LIMIT`, else none. */
  logRateLimit?: number;
  /** Baggage entries copied onto every span and log record. Default: `SIGHTLINE_BAGGAGE_KEYS`, else `session.id,enduser.id`. */
  baggageKeys?: string[];
  /** Most time, in ms, that shutdown (signals, exit) spends flushing. Default: `SIGHTLINE_SHUTDOWN_TIMEOUT_MS`, else 5000. */
  shutdownTimeoutMillis?: number;
  /**
   * The spool: records still queued when the process exits (`process.exit()`, a crash) or when the
   * shutdown deadline passes are written, synchronously, as OTLP JSON lines (mode 0600) under
   * `<dir>/<service.name>`, and sent by the next start of the same service with their original
   * timestamps. `false` turns it off. Default: on, `dir` = `SIGHTLINE_SPOOL_DIR` (`off` turns it off), else
   * `<os temp dir>/sightline-spool`; `maxBytes` 256 MiB per service.
   */
  spool?: false | { dir?: string; maxBytes?: number };
  /** The `file` exporters (`exporters: { logs: ['file'] }`, `OTEL_*_EXPORTER=file`): where they write and how files turn over. */
  fileExport?: FileExportOptions;
  /** Flush and shut down on `SIGTERM`/`SIGINT` and at normal exit. Default true. */
  handleProcessExit?: boolean;
  /** Export queue sizing for logs and spans. */
  exportQueue?: ExportQueueOptions;
  /** Metric export interval in ms. Default: `OTEL_METRIC_EXPORT_INTERVAL`, else 60000. */
  metricExportIntervalMillis?: number;
  /** Log pipeline stages; a stage left out is skipped. */
  logStages?: LogPipelineStages;
  /** Span pipeline stages. */
  spanStages?: SpanPipelineStages;
  /** Your own log processors, run after redaction and before sampling. */
  logRecordProcessors?: LogRecordProcessor[];
  /** Your own span processors, run after redaction and before export. */
  spanProcessors?: SpanProcessor[];
  /** Your own metric readers, besides the exporters above. */
  metricReaders?: MetricReader[];
  /** Metric views. */
  views?: ViewOptions[];
  /** Instrumentations besides the default ones (pino, winston, bunyan, MCP, the LLM providers). */
  instrumentations?: Instrumentation[];
  /**
   * Options of the LLM instrumentations (`createLlmInstrumentations()` of `@sightline/instrumentation-llm`):
   * content capture (`captureMessageContent`, env `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`),
   * capture limits (`maxContentLength`, default 16384), `providers` on and off (default: all on), … (see
   * docs/llm.md). Default: `{}`, every option from its own default or environment variable.
   */
  llm?: LlmInstrumentationsOptions;
  /**
   * Options of the MCP instrumentation (`McpInstrumentation` of `@sightline/instrumentation-mcp`): tool
   * argument and result capture, digests (see docs/mcp.md); `enabled: false` leaves MCP untraced. Default: `{}`.
   */
  mcp?: McpInstrumentationConfig;
  /**
   * Key of every keyed hash: the audit trail's HMAC, API-key digests in security events, pseudonyms.
   * Default: `SIGHTLINE_HMAC_KEY`, else a random key per process (digests then correlate within one process only).
   */
  hmacKey?: string;
  /** The tamper-evident audit trail of security events. Default: off, or on with `SIGHTLINE_AUDIT_FILE` as `file`. */
  auditTrail?: Omit<AuditTrailOptions, 'key'>;
  /** Record `uncaughtException` / `unhandledRejection` as FATAL / ERROR records, flushed before exit. Default true. */
  captureCrashes?: boolean;
  /** Breadcrumbs (the trace's earlier records) on error records; `false` turns them off. Default on. */
  breadcrumbs?: BreadcrumbsOptions | boolean;
  /** The alert hook: a callback or a URL called on FATAL records, security events, error-rate spikes. Default off. */
  alert?: AlertOptions;
}

/** What {@link bootstrap} returns; calling `bootstrap` again returns the same handle. */
export interface SightlineHandle {
  /** False when `OTEL_SDK_DISABLED=true`: the handle works but nothing is recorded. */
  readonly enabled: boolean;
  /** A logger of the facade; `name` is its instrumentation scope and the key of its level. */
  getLogger(name: string): Logger;
  /** Changes the levels at run time, e.g. `"warn,llm=debug"`. Invalid specs are reported and ignored. */
  setLogLevel(spec: string): void;
  /** The level that applies to a logger name now. */
  getLogLevel(name: string): LogLevel;
  /** Exports everything pending, within `timeoutMillis` (default: the shutdown timeout). Never rejects. */
  forceFlush(timeoutMillis?: number): Promise<void>;
  /** Flushes and stops the SDK, once; later calls return the same promise. Never rejects. */
  shutdown(): Promise<void>;
  /** Records dropped by the export stages, by signal and reason. */
  getDropCounts(): DropCounts;
  /**
   * An in-process snapshot for people without a metrics backend: log totals by level, category (scope)
   * and component (event name), the error rate over the last minute, and p50/p90/p95/p99 of the LLM and
   * MCP operation durations (bucket-interpolated). Never rejects.
   */
  getMetrics(): Promise<MetricsSnapshot>;
  /** Starts a new snapshot window. */
  resetMetrics(): Promise<void>;
  /**
   * Emits a security event (`security.<name>`, e.g. `authentication.failure`, `permission.denied`): always
   * kept by sampling, written to the audit trail. An `api_key` attribute is replaced by a short keyed digest.
   */
  securityEvent(name: string, attributes?: SecurityEventAttributes): void;
  /** Records an exception as a log record in the active trace (event `exception`), with its fingerprint. */
  recordException(error: unknown, options?: RecordExceptionOptions): void;
  /**
   * Sampling at run time, safe under concurrent emits: `sampling.update({ ratio: 0.1, rateLimit: 1000 })`,
   * `getSettings()`, `getDropCounts()` (by reason), `getRetentionStats()`.
   */
  readonly sampling: SamplingControls;
  /**
   * The redactor behind both redaction stages, switchable at run time: `redaction.setEnabled(false)`,
   * `redaction.setDetectors({ ip: true })`, `getDetectors()`, `getRedactionCounts()`.
   */
  readonly redaction: Pick<Redactor, 'setEnabled' | 'isEnabled' | 'setDetectors' | 'getDetectors' | 'getRedactionCounts' | 'redact'>;
}

/** Counts of telemetry that was accepted but never exported, and of what the pipeline repaired on the way. */
export interface DropCounts {
  logs: Record<DropReason, number>;
  spans: Record<DropReason, number>;
  /**
   * Fields and arguments coerced or dropped where a record entered the pipeline, by signal and reason; the
   * record itself was kept (a span named `null` is renamed, a string passed as attributes is refused).
   */
  sanitized: Record<'logs' | 'spans', Record<SanitizeReason, number>>;
  /**
   * Calls to a pipeline stage that threw, by stage (`logs.redaction`, `logs.processors[0]`,
   * `spans.export.otlp`; every stage of the running pipeline is listed); the record went on to the next stage.
   */
  stageErrors: Record<string, number>;
  /**
   * OTLP `http/protobuf` requests that Sightline's encoder did not cover and upstream's serializer encoded
   * instead (the receiver got the same bytes; nothing was lost), by signal. Counted for the whole process.
   */
  encoderFallbacks: Record<'logs' | 'spans', number>;
}

export type { SanitizeReason } from './safety/safety-counters.js';

/** Why a record was dropped by an export stage. */
export type DropReason = 'queue_full' | 'export_failed' | 'shutdown';
