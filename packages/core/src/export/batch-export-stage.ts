import type { MeterProvider } from '@opentelemetry/api';
import type { DropReason } from '../types.js';
import { BatchQueue, type BatchQueueOptions, type ExportStats, type ResourceBearing } from './batch-queue.js';
import type { SignalDescriptor } from './drop-counter.js';

/** What the log and span export stages share: everything but how an item enters the queue. */
export abstract class BatchExportStage<T extends ResourceBearing> {
  protected readonly queue: BatchQueue<T>;

  protected constructor(options: BatchQueueOptions<T>, signal: SignalDescriptor) {
    this.queue = new BatchQueue(options, signal);
  }

  /** Exports every item queued at call time; never rejects. */
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

  /** Items dropped so far, by reason. */
  getDropCounts(): Record<DropReason, number> {
    return this.queue.getDropCounts();
  }

  /** Queued, exported and dropped items, and the queue capacity. */
  getStats(): ExportStats {
    return this.queue.getStats();
  }
}
