import type { Attributes, DiagLogLevel } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { MetricReader, ViewOptions } from '@opentelemetry/sdk-metrics';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { PropagatorName } from '../engine/propagators.js';
import type { ResolvedFeatures } from './resolve-features.js';
import type { ResolvedSpool } from './resolve-spool.js';
import type { OtlpFileSettings } from '../export/file/otlp-file-exporters.js';
import type { LlmInstrumentationsOptions } from '@sightline/instrumentation-llm';
import type { McpInstrumentationConfig } from '@sightline/instrumentation-mcp';
import type { AttributeLimits } from '../safety/limits.js';
import type {
  ConsoleFormat,
  ExporterKind,
  ExportQueueOptions,
  LogPipelineStages,
  OtlpCompression,
  OtlpProtocol,
  Signal,
  SpanPipelineStages,
} from '../types.js';

/** Sizing of one export queue, every field filled; `maxQueueSize` is `undefined` when only memory bounds it. */
export type ResolvedExportQueue = Required<Omit<ExportQueueOptions, 'maxQueueSize'>> & { maxQueueSize: number | undefined };

/** An exporter of logs or traces. */
export type ExportedKind = Exclude<ExporterKind, 'none'>;

/** An exporter of metrics: the push exporters, or the Prometheus pull endpoint. */
export type MetricExporterKind = ExportedKind | 'prometheus';

/** Where the Prometheus exporter listens (`OTEL_EXPORTER_PROMETHEUS_HOST`, `OTEL_EXPORTER_PROMETHEUS_PORT`). */
export interface ResolvedPrometheus {
  /** Default `localhost`. */
  host: string;
  /** Default 9464. */
  port: number;
}

/** The OTLP exporter settings of one signal, every field filled. */
export interface ResolvedOtlpSignal {
  /** Full URL the signal is posted to, e.g. `http://localhost:4318/v1/logs`. */
  endpoint: string;
  protocol: OtlpProtocol;
  /** Request headers (decoded); may hold credentials, so never log the values. */
  headers: Record<string, string>;
  timeoutMillis: number;
  /** `OTEL_EXPORTER_OTLP_[<SIGNAL>_]COMPRESSION`; default `none`. */
  compression: OtlpCompression;
  /** PEM material from `OTEL_EXPORTER_OTLP_[<SIGNAL>_]CERTIFICATE`, `…CLIENT_CERTIFICATE`, `…CLIENT_KEY`, read at start-up. */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
}

/**
 * The whole configuration of the SDK, options and environment merged and validated once;
 * the bootstrap reads only this. Every field is filled.
 */
export interface ResolvedConfig {
  /** `OTEL_SDK_DISABLED=true`: bootstrap returns a handle that records nothing. */
  disabled: boolean;
  /** `service.name`; absent when neither the option nor `OTEL_SERVICE_NAME` is set (the resource then falls back to `unknown_service:node`). */
  serviceName?: string;
  /** `OTEL_RESOURCE_ATTRIBUTES`, with `options.resourceAttributes` merged over. */
  resourceAttributes: Attributes;
  /** Exporters per signal; an empty list means the signal is not exported (`none`). Only metrics accept `prometheus`. */
  exporters: { logs: ExportedKind[]; traces: ExportedKind[]; metrics: MetricExporterKind[] };
  otlp: Record<Signal, ResolvedOtlpSignal>;
  /** Read whether or not `prometheus` is among the metric exporters. */
  prometheus: ResolvedPrometheus;
  consoleFormat: ConsoleFormat;
  consoleStream: NodeJS.WritableStream;
  /** Normalized level spec, e.g. `info,llm.openai=debug`; always accepted by `parseLevelSpec`. */
  logLevel: string;
  diagLogLevel: DiagLogLevel;
  /** `options.sampler`; when absent the sampling package's consistent probability sampler is used. */
  sampler: Sampler | undefined;
  /** `OTEL_PROPAGATORS`, in order; empty for `none`. Default `tracecontext`, `baggage`. */
  propagators: PropagatorName[];
  baggageKeys: string[];
  shutdownTimeoutMillis: number;
  handleProcessExit: boolean;
  /** Batching of exported log records; `maxExportBatchSize <= maxQueueSize` when a count bound is set. */
  logQueue: ResolvedExportQueue;
  /** Batching of exported spans; as `logQueue`. */
  spanQueue: ResolvedExportQueue;
  /** Where unsent records go at exit and at the shutdown deadline; `undefined` when the spool is off. */
  spool: ResolvedSpool | undefined;
  /** The `file` exporters' folder and rotation; read whether or not a signal uses them. */
  fileExport: OtlpFileSettings;
  metricExportIntervalMillis: number;
  /** Never more than `metricExportIntervalMillis` (the metric reader refuses that). */
  metricExportTimeoutMillis: number;
  logStages: LogPipelineStages;
  spanStages: SpanPipelineStages;
  logRecordProcessors: LogRecordProcessor[];
  spanProcessors: SpanProcessor[];
  metricReaders: MetricReader[];
  views: ViewOptions[];
  instrumentations: Instrumentation[];
  /** The log record attribute limits of the environment (`OTEL_LOGRECORD_ATTRIBUTE_*`, `OTEL_ATTRIBUTE_*`). */
  logLimits: AttributeLimits;
  /** Options of the LLM instrumentations (`options.llm`). */
  llm: LlmInstrumentationsOptions;
  /** Options of the MCP instrumentation (`options.mcp`). */
  mcp: McpInstrumentationConfig;
  /** Settings of the features the other Sightline packages bring. */
  features: ResolvedFeatures;
}
