import { TraceFlags, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { BatchExportStage } from './batch-export-stage.js';
import type { BatchQueueOptions } from './queue/types.js';
import { SPAN_TRAITS } from './record-traits.js';
import { SPAN_SIGNAL } from './drop-counter.js';

/** Options of {@link BatchSpanExportProcessor}; the SDK's `SpanExporter` fits `exporter`. */
export type BatchSpanExportProcessorOptions = BatchQueueOptions<ReadableSpan>;

/**
 * The batching export stage for spans: a burst-sized, bounded queue that counts every drop.
 * Only sampled spans are exported, as the SDK's `BatchSpanProcessor` does; recorded-but-unsampled
 * spans are not telemetry to export and are not counted as drops.
 *
 * Defaults: `maxQueueBytes` 64 MiB of estimated heap (no count bound unless `maxQueueSize` is set),
 * `maxExportBatchSize` 2048, `scheduledDelayMillis` 1000, `exportTimeoutMillis` 30000,
 * `maxConcurrentExports` 4. A full batch is exported on the next `setImmediate`, a partial one after
 * `scheduledDelayMillis`, with tracing suppressed. Spans with status ERROR go first and
 * have a reserve of 1/8 of the memory that routine spans cannot use.
 *
 * Memory bound: everything held — waiting, in flight, waiting for a retry — stays within `maxQueueBytes`.
 * Spans past that are dropped and counted (`queue_full`), as are spans the receiver rejected or
 * that could not be sent for 5 minutes (`export_failed`) and spans emitted after shutdown or unsent at the
 * shutdown deadline with no spool (`shutdown`); see {@link getDropCounts} and {@link getStats}.
 * With a MeterProvider it reports `otel.sdk.processor.span.processed` (with `error.type` = the drop
 * reason), `otel.sdk.processor.span.queue.capacity` and `otel.sdk.processor.span.queue.size`, with
 * `otel.component.type` = `batching_span_processor`.
 */
export class BatchSpanExportProcessor extends BatchExportStage<ReadableSpan> implements SpanProcessor {
  constructor(options: BatchSpanExportProcessorOptions) {
    super(options, SPAN_SIGNAL, SPAN_TRAITS);
  }

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    this.queue.add(span);
  }
}
