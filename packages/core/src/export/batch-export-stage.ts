import type { MeterProvider } from '@opentelemetry/api';
import type { DropReason } from '../types.js';
import { BatchQueue } from './batch-queue.js';
import type { AbandonSink, BatchQueueOptions, ExportStats, RecordTraits, ResourceBearing } from './queue/types.js';
import type { SignalDescriptor } from './drop-counter.js';

/** What the log and span export stages share: everything but how an item enters the queue. */
export abstract class BatchExportStage<T extends ResourceBearing> {
  protected readonly queue: BatchQueue<T>;

  protected constructor(options: BatchQueueOptions<T>, signal: SignalDescriptor, traits: RecordTraits<T>) {
    this.queue = new BatchQueue(options, signal, traits);
  }

  /** Exports every item held at call time; never rejects. */
  forceFlush(): Promise<void> {
    return this.queue.forceFlush();
  }

  /** Flushes without retrying, then shuts the exporter down; once, every call returns the same promise; never rejects. */
  shutdown(): Promise<void> {
    return this.queue.shutdown();
  }

  /**
   * Gives up on everything still held, synchronously: to `sink` (the spool) or counted dropped as
   * `shutdown`. For the shutdown deadline and the process's `exit` event.
   */
  abandon(sink?: AbandonSink<T>): { spooled: number; dropped: number } {
    return this.queue.abandon(sink);
  }

  /** Shutdown has begun: batches that cannot be sent are kept for {@link abandon} instead of retried. */
  startDraining(): void {
    this.queue.startDraining();
  }

  /** Where what `shutdown()` could not send goes (the spool); without one it is counted dropped. */
  setAbandonSink(sink: AbandonSink<T> | undefined): void {
    this.queue.setAbandonSink(sink);
  }

  /** Reports the self-observability metrics through `meterProvider` (the MeterProvider is built after us). */
  setMeterProvider(meterProvider: MeterProvider | undefined): void {
    this.queue.setMeterProvider(meterProvider);
  }

  /** Items dropped so far, by reason. */
  getDropCounts(): Record<DropReason, number> {
    return this.queue.getDropCounts();
  }

  /** Held, exported, spooled and dropped items, and the queue's capacity. */
  getStats(): ExportStats {
    return this.queue.getStats();
  }
}
