import type { LogRecordProcessor, ReadableLogRecord, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { BatchExportStage } from './batch-export-stage.js';
import type { BatchQueueOptions } from './batch-queue.js';
import { LOG_SIGNAL } from './drop-counter.js';

/** Options of {@link BatchLogExportProcessor}; the SDK's `LogRecordExporter` fits `exporter`. */
export type BatchLogExportProcessorOptions = BatchQueueOptions<ReadableLogRecord>;

/**
 * The batching export stage for log records: a burst-sized, bounded queue that counts every drop.
 *
 * Defaults: `maxQueueSize` 65536, `maxExportBatchSize` 2048, `scheduledDelayMillis` 1000,
 * `exportTimeoutMillis` 30000. A full batch is exported on the next `setImmediate`, a partial one after
 * `scheduledDelayMillis`; one export in flight at a time, with tracing suppressed.
 *
 * Memory bound: at most `maxQueueSize` records queued plus one batch (≤ `maxExportBatchSize`) in flight.
 * Records past that are dropped and counted (`queue_full`), as are records in failed or timed-out
 * exports (`export_failed`) and records emitted after shutdown (`shutdown`); see {@link getDropCounts}.
 * With a MeterProvider it reports `otel.sdk.processor.log.processed` (with `error.type` = the drop
 * reason), `otel.sdk.processor.log.queue.capacity` and `otel.sdk.processor.log.queue.size`, with
 * `otel.component.type` = `batching_log_processor`.
 */
export class BatchLogExportProcessor extends BatchExportStage<ReadableLogRecord> implements LogRecordProcessor {
  constructor(options: BatchLogExportProcessorOptions) {
    super(options, LOG_SIGNAL);
  }

  onEmit(logRecord: ReadWriteLogRecord): void {
    this.queue.add(logRecord);
  }
}
