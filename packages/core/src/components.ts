import type { MeterProvider } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { MetricReader, ViewOptions } from '@opentelemetry/sdk-metrics';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace';
import {
  AlertProcessor,
  AuditTrailProcessor,
  BreadcrumbsProcessor,
  ExceptionGroupingProcessor,
  ExceptionReporter,
  SecurityEvents,
} from '@sightline/audit';
import { DeferredMeterProvider, HistogramAggregator, InProcessMetrics, registerPipelineMetrics, sightlineViews } from '@sightline/metrics';
import {
  createRedactor,
  RedactionLogRecordProcessor,
  RedactionSpanProcessor,
  type Redactor,
} from '@sightline/redaction';
import { createSampling, samplingOptionsFromConfig, type SamplingControls } from '@sightline/sampling';
import type { ResolvedConfig } from './config/resolved-config.js';
import { protoFallbacks } from './export/otlp-proto/serializers.js';
import { createDefaultInstrumentations } from './instrumentations/default-instrumentations.js';
import { mayReselect } from './internal/views-overlap.js';
import { SafetyCounters } from './safety/safety-counters.js';
import type { LogPipelineStages, SpanPipelineStages } from './types.js';

/** The OTLP export stages' name after their signal, as pipeline.ts names them (`logs.export.otlp`). */
const OTLP_EXPORT_STAGE = 'export.otlp';

/**
 * What the Sightline packages add to one SDK: the default pipeline stages (a stage the user passed wins),
 * the instrumentations, views and readers, and what must happen once the MeterProvider exists.
 */
export interface SightlineComponents {
  readonly logStages: LogPipelineStages;
  readonly spanStages: SpanPipelineStages;
  /** Span processors of the packages (sampling's trace-end tracker), before the user's. */
  readonly spanProcessors: SpanProcessor[];
  /** The trace sampler: the user's, else sampling's consistent probability sampler. */
  readonly sampler: Sampler;
  /** Run-time controls of sampling (`handle.sampling`). */
  readonly sampling: SamplingControls;
  /** The one redactor behind both redaction stages (`handle.redaction`). */
  readonly redactor: Redactor;
  readonly instrumentations: Instrumentation[];
  readonly views: ViewOptions[];
  readonly metricReaders: MetricReader[];
  /**
   * The GenAI and MCP histograms of our instrumentations, aggregated in process; to be attached to every
   * metric reader. `undefined` when a view of the user's could select them: they then go through the
   * MeterProvider's instruments, where the view applies.
   */
  readonly histogramAggregator: HistogramAggregator | undefined;
  /** Stands in for the MeterProvider until it exists: the OTLP exporters' self-observability metrics. */
  readonly selfObs: DeferredMeterProvider;
  /** The in-process snapshot behind `handle.getMetrics()` / `resetMetrics()`. */
  readonly inProcess: InProcessMetrics;
  /** Exceptions as log records (`handle.recordException`, the crash handlers). */
  readonly exceptions: ExceptionReporter;
  /** `handle.securityEvent` and `logger.security`. */
  readonly securityEvents: SecurityEvents;
  /** Sanitized fields and stage throws of this SDK (`handle.getDropCounts()`, `sightline.*.sanitized` metrics). */
  readonly safety: SafetyCounters;
  /** Connects everything that reports metrics to the started MeterProvider. */
  connect(meterProvider: MeterProvider): void;
}

/** Builds the components for one `bootstrap()`. */
export function createComponents(config: ResolvedConfig): SightlineComponents {
  const inProcess = new InProcessMetrics();
  const selfObs = new DeferredMeterProvider();
  const { features } = config;
  const sampling = createSampling(samplingOptionsFromConfig(features.sampling));
  // One redactor for logs and spans, so a run-time switch reaches both; disabled when redaction is off.
  const redactor = createRedactor(features.redaction === false ? { enabled: false } : features.redaction);
  const redacting = features.redaction !== false;
  const views = sightlineViews();
  const histogramAggregator = mayReselect(config.views, views) ? undefined : new HistogramAggregator();
  const safety = new SafetyCounters();
  // Built here, not in errorStages, so that its loss counts reach the metrics once the MeterProvider exists.
  const auditTrail =
    config.logStages.errors === undefined && features.auditFile !== undefined
      ? new AuditTrailProcessor({ ...features.auditTrail, file: features.auditFile, key: features.hmacKey })
      : undefined;
  return {
    logStages: {
      ...config.logStages,
      redaction: config.logStages.redaction ?? (redacting ? new RedactionLogRecordProcessor(redactor) : undefined),
      errors: config.logStages.errors ?? errorStages(config, auditTrail),
      sampling: config.logStages.sampling ?? ((downstream) => sampling.logStage(downstream)),
      metrics: config.logStages.metrics ?? inProcess.logProcessor,
    },
    spanStages: {
      ...config.spanStages,
      redaction: config.spanStages.redaction ?? (redacting ? new RedactionSpanProcessor(redactor) : undefined),
    },
    spanProcessors: [sampling.spanProcessor],
    sampler: config.sampler ?? sampling.sampler,
    sampling: sampling.controls,
    redactor,
    // Loaded when the app loads what they instrument, not here.
    instrumentations: createDefaultInstrumentations({
      llm: { ...config.llm, histogramAggregator },
      mcp: { ...config.mcp, histogramAggregator },
    }),
    views,
    metricReaders: [inProcess.metricReader],
    histogramAggregator,
    selfObs,
    inProcess,
    exceptions: new ExceptionReporter({ exceptionSignal: features.exceptionSignal }),
    securityEvents: new SecurityEvents({ key: features.hmacKey }),
    safety,
    connect(meterProvider) {
      inProcess.logProcessor.setMeterProvider(meterProvider);
      selfObs.setDelegate(meterProvider);
      registerPipelineMetrics(meterProvider.getMeter('@sightline/core'), {
        sampledOut: () => ({ ...sampling.controls.getDropCounts() }),
        redactions: () => redactor.getRedactionCounts(),
        stageErrors: () => safety.getStageErrors(),
        logsSanitized: () => safety.getSanitizedCounts().logs,
        spansSanitized: () => safety.getSanitizedCounts().spans,
        auditDropped: auditTrail && (() => auditLosses(auditTrail)),
        // Keyed by the OTLP export stage, named as pipeline.ts names it (`<signal>.export.otlp`).
        encoderFallbacks: () => ({ [`logs.${OTLP_EXPORT_STAGE}`]: protoFallbacks.logs, [`spans.${OTLP_EXPORT_STAGE}`]: protoFallbacks.traces }),
      });
    },
  };
}

/** Grouping first (the others read the fingerprint), then breadcrumbs, alerts and the audit trail. */
function errorStages({ features }: ResolvedConfig, auditTrail: AuditTrailProcessor | undefined): LogRecordProcessor[] {
  const stages: LogRecordProcessor[] = [new ExceptionGroupingProcessor()];
  if (features.breadcrumbs !== false) stages.push(new BreadcrumbsProcessor(features.breadcrumbs));
  if (features.alert) stages.push(new AlertProcessor(features.alert));
  if (auditTrail !== undefined) stages.push(auditTrail);
  return stages;
}

/** The audit trail's lost entries by `error.type`, for `sightline.audit.dropped`. */
function auditLosses(auditTrail: AuditTrailProcessor): Record<string, number> {
  const { droppedQueueFull, droppedWriteFailed } = auditTrail.getStats();
  return { queue_full: droppedQueueFull, write_failed: droppedWriteFailed };
}
