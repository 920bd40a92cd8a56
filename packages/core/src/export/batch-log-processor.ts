import type { LogRecordProcessor, ReadableLogRecord, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { BatchExportStage } from './batch-export-stage.js';
import type { BatchQueueOptions } from './queue/types.js';
import { LOG_RECORD_TRAITS } from './record-traits.js';
import { LOG_SIGNAL } from './drop-counter.js';

/** Options of {@link BatchLogExportProcessor}; the SDK's `LogRecordExporter` fits `exporter`. */
export type BatchLogExportProcessorOptions = BatchQueueOptions<ReadableLogRecord>;

/**
 * The batching export stage for log records: a burst-sized, bounded queue that counts every drop.
 *
 * Defaults: `maxQueueBytes` 64 MiB of estimated heap (no count bound unless `maxQueueSize` is set),
 * `maxExportBatchSize` 2048, `scheduledDelayMillis` 1000, `exportTimeoutMillis` 30000,
 * `maxConcurrentExports` 4. A full batch is exported on the next `setImmediate`, a partial one after
 * `scheduledDelayMillis`, with tracing suppressed. ERROR+ records, exceptions and security events go first and
 * have a reserve of 1/8 of the memory that routine records cannot use.
 *
 * Memory bound: everything held — waiting, in flight, waiting for a retry — stays within `maxQueueBytes`.
 * Records past that are dropped and counted (`queue_full`), as are records the receiver rejected or
 * that could not be sent for 5 minutes (`export_failed`) and records emitted after shutdown or unsent at the
 * shutdown deadline with no spool (`shutdown`); see {@link getDropCounts} and {@link getStats}.
 * With a MeterProvider it reports `otel.sdk.processor.log.processed` (with `error.type` = the drop
 * reason), `otel.sdk.processor.log.queue.capacity` and `otel.sdk.processor.log.queue.size`, with
 * `otel.component.type` = `batching_log_processor`.
 */
export class BatchLogExportProcessor extends BatchExportStage<ReadableLogRecord> implements LogRecordProcessor {
  constructor(options: BatchLogExportProcessorOptions) {
    super(options, LOG_SIGNAL, LOG_RECORD_TRAITS);
  }

  onEmit(logRecord: ReadWriteLogRecord): void {
    this.queue.add(logRecord);
  }
}
