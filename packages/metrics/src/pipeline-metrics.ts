import { type Attributes, type BatchObservableCallback, diag, type Meter, type Observable } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_SIGHTLINE_PIPELINE_STAGE,
  ATTR_SIGHTLINE_REDACTION_TYPE,
  ATTR_SIGHTLINE_SAMPLING_REASON,
  ATTR_SIGHTLINE_SANITIZE_REASON,
  METRIC_SIGHTLINE_AUDIT_DROPPED,
  METRIC_SIGHTLINE_EXPORT_ENCODER_FALLBACKS,
  METRIC_SIGHTLINE_LOG_SAMPLED_OUT,
  METRIC_SIGHTLINE_LOG_SANITIZED,
  METRIC_SIGHTLINE_PIPELINE_STAGE_ERRORS,
  METRIC_SIGHTLINE_REDACTIONS,
  METRIC_SIGHTLINE_SPAN_SANITIZED,
  OTHER,
} from './semconv.js';
import type { PipelineMetricSources } from './types.js';

/** Most distinct keys (redaction types, sampling reasons) reported per source; the rest add up under `other`. */
export const MAX_SOURCE_KEYS = 64;

/** One counter fed by one source. */
interface Feed {
  readonly name: string;
  readonly counter: Observable;
  readonly attribute: string;
  readonly read: () => Record<string, number>;
  /** Attributes per key, built once. */
  readonly attributes: Map<string, Attributes>;
  failed: boolean;
}

/**
 * Registers the pipeline stages' own counts as observable counters on `meter`, read at each collection:
 *
 * - `sightline.redactions` (`{redaction}`, by `sightline.redaction.type`) from `sources.redactions`;
 * - `sightline.log.sampled_out` (`{log_record}`, by `sightline.sampling.reason`) from `sources.sampledOut`;
 * - `sightline.pipeline.stage.errors` (`{error}`, by `sightline.pipeline.stage`) from `sources.stageErrors`;
 * - `sightline.log.sanitized` / `sightline.span.sanitized` (`{field}`, by `sightline.sanitize.reason`) from
 *   `sources.logsSanitized` / `sources.spansSanitized`;
 * - `sightline.audit.dropped` (`{entry}`, by `error.type`: `queue_full`, `write_failed`) from `sources.auditDropped`;
 * - `sightline.export.encoder_fallbacks` (`{request}`, by `sightline.pipeline.stage`) from `sources.encoderFallbacks`.
 *
 * No semantic convention covers them (`otel.sdk.processor.log.processed` counts failures, and a sampled-out
 * record is not one); the export stages' drops are reported by those stages under the SDK names. The
 * sources are plain functions, so this package depends on neither the redaction nor the sampling package.
 * Counts must be cumulative; at most {@link MAX_SOURCE_KEYS} keys per source are reported apart, the rest
 * under `other`. A source that throws is reported once and skipped. Returns the function that unregisters.
 */
export function registerPipelineMetrics(meter: Meter, sources: PipelineMetricSources): () => void {
  const feeds: Feed[] = [];
  const add = (name: string, unit: string, description: string, attribute: string, read: unknown): void => {
    if (typeof read !== 'function') return;
    const counter = meter.createObservableCounter(name, { unit, description });
    feeds.push({ name, counter, attribute, read: read as Feed['read'], attributes: new Map(), failed: false });
  };
  add(METRIC_SIGHTLINE_REDACTIONS, '{redaction}', 'Values replaced by the redaction stage, by type.', ATTR_SIGHTLINE_REDACTION_TYPE, sources.redactions);
  add(
    METRIC_SIGHTLINE_LOG_SAMPLED_OUT,
    '{log_record}',
    'Log records dropped on purpose by the sampling stage, by reason.',
    ATTR_SIGHTLINE_SAMPLING_REASON,
    sources.sampledOut,
  );
  add(
    METRIC_SIGHTLINE_PIPELINE_STAGE_ERRORS,
    '{error}',
    'Calls to a pipeline stage that threw, by stage; the record went on to the next stage.',
    ATTR_SIGHTLINE_PIPELINE_STAGE,
    sources.stageErrors,
  );
  const sanitized = 'where the record entered the pipeline, by reason; the record was kept.';
  add(METRIC_SIGHTLINE_LOG_SANITIZED, '{field}', `Log record fields and arguments coerced or dropped ${sanitized}`, ATTR_SIGHTLINE_SANITIZE_REASON, sources.logsSanitized);
  add(METRIC_SIGHTLINE_SPAN_SANITIZED, '{field}', `Span fields and arguments coerced or dropped ${sanitized}`, ATTR_SIGHTLINE_SANITIZE_REASON, sources.spansSanitized);
  add(METRIC_SIGHTLINE_AUDIT_DROPPED, '{entry}', 'Audit trail entries lost, by reason.', ATTR_ERROR_TYPE, sources.auditDropped);
  add(
    METRIC_SIGHTLINE_EXPORT_ENCODER_FALLBACKS,
    '{request}',
    "OTLP requests encoded by upstream's serializer because Sightline's did not cover them (same bytes), by export stage.",
    ATTR_SIGHTLINE_PIPELINE_STAGE,
    sources.encoderFallbacks,
  );
  if (feeds.length === 0) return () => {};

  const callback: BatchObservableCallback = (result) => {
    for (const feed of feeds) {
      let counts: Record<string, number>;
      try {
        counts = feed.read();
      } catch (error) {
        if (!feed.failed) diag.error(`sightline: the source of ${feed.name} threw (reported once): ${error instanceof Error ? error.message : String(error)}`);
        feed.failed = true;
        continue;
      }
      for (const [key, value] of bounded(counts)) result.observe(feed.counter, value, attributesOf(feed, key));
    }
  };
  const observables = feeds.map((feed) => feed.counter);
  meter.addBatchObservableCallback(callback, observables);
  return () => meter.removeBatchObservableCallback(callback, observables);
}

/** The positive finite counts, the first {@link MAX_SOURCE_KEYS} keys apart and the rest summed as `other`. */
function bounded(counts: Record<string, number>): Array<[string, number]> {
  const result: Array<[string, number]> = [];
  let other = 0;
  if (typeof counts !== 'object' || counts === null) return result;
  for (const [key, value] of Object.entries(counts)) {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) continue;
    if (result.length < MAX_SOURCE_KEYS && key !== OTHER) result.push([key, value]);
    else other += value;
  }
  if (other > 0) result.push([OTHER, other]);
  return result;
}

function attributesOf(feed: Feed, key: string): Attributes {
  let attributes = feed.attributes.get(key);
  if (attributes === undefined) {
    attributes = { [feed.attribute]: key };
    feed.attributes.set(key, attributes);
  }
  return attributes;
}
