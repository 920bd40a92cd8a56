import type { MeterProvider } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadableLogRecord, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { DropReason } from '../types.js';
import { BatchQueue, type BatchQueueOptions, type ExportStats } from './batch-queue.js';
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
export class BatchLogExportProcessor implements LogRecordProcessor {
  private readonly queue: BatchQueue<ReadableLogRecord>;

  constructor(options: BatchLogExportProcessorOptions) {
    this.queue = new BatchQueue(options, LOG_SIGNAL);
  }

  onEmit(logRecord: ReadWriteLogRecord): void {
    this.queue.add(logRecord);
  }

  /** Exports every record queued at call time; never rejects. */
  forceFlush(): Promise<void> {
    return this.queue.forceFlush();
  }

  /** Flushes, then shuts the exporter down; once, every call returns the same promise; never rejects. */
  shutdown(): Promise<void> {
    return this.queue.shutdown();
  }

  /** Reports the self-observability metrics through `meterProvider` (the MeterProvider is built after us). */
  setMeterProvider(meterProvider: MeterProvider | undefined): void {
    this.queue.setMeterProvider(meterProvider);
  }

  /** Records dropped so far, by reason. */
  getDropCounts(): Record<DropReason, number> {
    return this.queue.getDropCounts();
  }

  /** Queued, exported and dropped records, and the queue capacity. */
  getStats(): ExportStats {
    return this.queue.getStats();
  }
}
