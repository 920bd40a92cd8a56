import { diag, type MeterProvider } from '@opentelemetry/api';
import { describeError } from '@sightline/metrics';
import type { DropReason } from '../types.js';
import { DropCounter, nextComponentName, type SignalDescriptor } from './drop-counter.js';
import { TYPICAL_RECORD_BYTES } from './queue-defaults.js';
import { abandonBatches } from './queue/abandon.js';
import { Batch, Lane } from './queue/batch.js';
import { exportOnce, flushExporter, inExportContext, type ExportOutcome } from './queue/export-call.js';
import { MemoryBudget } from './queue/memory-budget.js';
import { PumpTimers } from './queue/pump-timers.js';
import { resolveQueueLimits } from './queue/queue-limits.js';
import { RetryBackoff } from './queue/retry-backoff.js';
import { SettleWaiters } from './queue/settle-waiters.js';
import type {
  AbandonSink,
  BatchExporter,
  BatchQueueOptions,
  ExportStats,
  RecordTraits,
  ResourceBearing,
} from './queue/types.js';
import { isUnsent } from './transport/export-control.js';

export type { AbandonSink, BatchExporter, BatchQueueOptions, ExportStats, RecordTraits, ResourceBearing };

const NO_TRAITS: RecordTraits<unknown> = { estimateBytes: () => TYPICAL_RECORD_BYTES, isPriority: () => false };

/**
 * The queue and export engine behind the batching log and span processors.
 *
 * **Memory, not count.** Records are held up to `maxQueueBytes` of estimated heap (64 MiB by default),
 * whatever their size, so a burst of small records is kept whole; `maxQueueSize` adds a count bound when
 * set. Bytes stay charged until the receiver has the batch, so the bound covers exports in flight and
 * batches waiting for a retry too ({@link MemoryBudget}).
 *
 * **The records that matter most get out first.** ERROR and above, exceptions and security events
 * (`isPriority`) have their own lane, exported before routine records, and a reserve (1/8 of the memory)
 * that routine records cannot use: a flood of routine records never crowds out the FATAL that ends it.
 *
 * **Several exports at once.** Up to `maxConcurrentExports` (4) batches are in flight, as the Collector's
 * sending queue does, so a slow receiver does not throttle the process to one batch per round trip.
 * A full batch is exported on the next `setImmediate` (never inside `add`); a partial one
 * `scheduledDelayMillis` after its first record.
 *
 * **Retry, then spool.** A batch that could not be sent (receiver down, 429/503, timeout: the transport
 * already retried for the OTLP timeout) goes back to the head of its lane and the stage pauses (5 s,
 * doubling to 30 s, or the receiver's `Retry-After`: {@link RetryBackoff}); after 5 minutes of failures
 * it is dropped and counted. At shutdown nothing is retried: what is still held when the deadline passes
 * is handed to `abandon()`, which writes it to the spool (sent by the next start) or counts it dropped.
 *
 * **Every record accounted for**: exported + dropped (by reason) + spooled + held = every record ever
 * passed to `add`. Reasons: `queue_full`, `export_failed` (rejected by the receiver, or unsent for the
 * whole retry time), `shutdown` (added after shutdown, or unsent at the deadline with the spool off).
 */
export class BatchQueue<T extends ResourceBearing> {
  /** `maxQueueSize`, or `undefined` when only memory bounds the queue. */
  readonly maxCount: number | undefined;
  readonly maxBytes: number;
  readonly maxExportBatchSize: number;
  readonly scheduledDelayMillis: number;
  readonly exportTimeoutMillis: number;
  readonly maxConcurrentExports: number;

  private readonly exporter: BatchExporter<T>;
  private readonly traits: RecordTraits<T>;
  private readonly counter: DropCounter;
  private readonly budget: MemoryBudget;
  private readonly backoff = new RetryBackoff();
  private readonly timers: PumpTimers;
  private readonly settleWaiters = new SettleWaiters();

  private readonly priorityLane: Lane<T>;
  private readonly routineLane: Lane<T>;
  private readonly inFlight = new Set<Batch<T>>();
  /** Batches that could not be sent after shutdown began, waiting for `abandon()`. */
  private unsent: Batch<T>[] = [];

  /** The scheduled delay elapsed: partial batches are due. */
  private partialDue = false;
  /** While > 0, a `flush()` runs: it ignores the pause and takes partial batches. */
  private forcing = 0;
  private flushGeneration = 0;
  private pumping = false;
  private closed = false;
  /** Shutdown has begun: what cannot be sent is kept for `abandon()`, not retried. */
  private draining = false;
  private shutdownPromise: Promise<void> | undefined;
  /** Where `shutdown()` hands what it could not send (the spool); set by the SDK. */
  private abandonSink: AbandonSink<T> | undefined;
  /** `options.finalSink`: wins over any other sink. */
  private readonly finalSink: AbandonSink<T> | undefined;

  constructor(options: BatchQueueOptions<T>, descriptor: SignalDescriptor, traits?: RecordTraits<T>) {
    this.exporter = options.exporter;
    this.finalSink = options.finalSink;
    this.traits = traits ?? (NO_TRAITS as RecordTraits<T>);
    const limits = resolveQueueLimits(options, descriptor);
    this.maxCount = limits.maxCount;
    this.maxBytes = limits.maxBytes;
    this.maxExportBatchSize = limits.maxExportBatchSize;
    this.scheduledDelayMillis = limits.scheduledDelayMillis;
    this.exportTimeoutMillis = limits.exportTimeoutMillis;
    this.maxConcurrentExports = limits.maxConcurrentExports;
    this.budget = new MemoryBudget(this.maxBytes, this.maxCount);
    this.timers = new PumpTimers(this.scheduledDelayMillis, this.onWake, this.onDelay);
    this.priorityLane = new Lane<T>(this.maxExportBatchSize, true);
    this.routineLane = new Lane<T>(this.maxExportBatchSize, false);
    this.counter = new DropCounter(
      descriptor,
      () => this.capacity,
      options.componentName ?? nextComponentName(descriptor.componentType),
      () => this.budget.heldCount,
    );
    if (options.meterProvider !== undefined) this.counter.setMeterProvider(options.meterProvider);
  }

  /** Records the queue holds at most: `maxQueueSize`, else what `maxQueueBytes` holds at the average record size seen. */
  get capacity(): number {
    return this.budget.capacity;
  }

  /** Hot path: queues one record, or counts it dropped. Never throws, never exports synchronously. */
  add(item: T): void {
    if (this.closed) {
      this.counter.dropAfterShutdown();
      return;
    }
    let bytes: number;
    let priority: boolean;
    try {
      bytes = this.traits.estimateBytes(item);
      priority = this.traits.isPriority(item);
    } catch {
      bytes = TYPICAL_RECORD_BYTES;
      priority = false;
    }
    if (!this.budget.tryCharge(bytes, priority)) {
      this.counter.dropQueueFull(priority);
      return;
    }
    const lane = priority ? this.priorityLane : this.routineLane;
    if (lane.add(item, bytes)) {
      if (!this.timers.immediateArmed && this.canDispatch()) this.timers.armImmediate();
    } else {
      this.timers.armDelay();
    }
  }

  /**
   * Exports everything held at call time (ignoring a retry pause), at most `maxConcurrentExports` at
   * once, and resolves when each of those batches has been attempted once; then flushes the exporter.
   * Never rejects. After `shutdown()` it returns the shutdown promise.
   */
  forceFlush(): Promise<void> {
    return this.shutdownPromise ?? this.flush();
  }

  /**
   * Stops accepting records (later ones are counted as `shutdown`), flushes without retrying, then shuts
   * the exporter down. Runs once; every call returns the same promise, which never rejects. What could
   * not be sent stays held for {@link abandon}.
   */
  shutdown(): Promise<void> {
    return (this.shutdownPromise ??= this.runShutdown());
  }

  /**
   * Gives up on everything still held — waiting, in flight (its late outcome is ignored) or unsent at
   * shutdown — synchronously: each batch goes to `sink` (the spool), else is counted dropped as
   * `shutdown`; with a `finalSink` option, there instead (counted exported). Closes the queue.
   * For the shutdown deadline and the process's `exit` event.
   */
  abandon(spool?: AbandonSink<T>): { spooled: number; dropped: number } {
    const sink = this.finalSink ?? spool;
    this.closed = true;
    this.timers.clear();
    const batches = [...this.unsent, ...this.inFlight, ...this.priorityLane.drain(), ...this.routineLane.drain()];
    this.unsent = [];
    this.inFlight.clear();
    const { spooled, dropped } = abandonBatches(batches, sink, this.budget);
    if (this.finalSink !== undefined) this.counter.exported(spooled);
    else this.counter.spooled(spooled);
    this.counter.dropUnsentAtShutdown(dropped);
    this.settleWaiters.wake();
    return { spooled, dropped };
  }

  /** Shutdown has begun (the SDK's flush before the stages shut down): batches that cannot be sent are not retried. */
  startDraining(): void {
    this.draining = true;
  }

  /** Where records that could not be sent by the end of `shutdown()` go (the spool); without one they are counted dropped. */
  setAbandonSink(sink: AbandonSink<T> | undefined): void {
    this.abandonSink = sink;
  }

  /** Reports the SDK self-observability metrics through `meterProvider` (counts since the stage started). */
  setMeterProvider(meterProvider: MeterProvider | undefined): void {
    this.counter.setMeterProvider(meterProvider);
  }

  getDropCounts(): Record<DropReason, number> {
    return this.counter.getDropCounts();
  }

  getStats(): ExportStats {
    return {
      queued: this.budget.heldCount,
      queuedBytes: this.budget.heldBytes,
      exported: this.counter.exportedTotal,
      dropped: this.counter.getDropCounts(),
      spooled: this.counter.spooledTotal,
      capacity: this.capacity,
      capacityBytes: this.maxBytes,
    };
  }

  private readonly onWake = (): void => {
    this.pump();
  };

  private readonly onDelay = (): void => {
    this.partialDue = true;
    this.pump();
  };

  private canDispatch(): boolean {
    return this.inFlight.size < this.maxConcurrentExports && (this.forcing > 0 || !this.backoff.paused());
  }

  /**
   * The next batch to send: priority before routine, sealed before partial (partial ones only when due).
   * While paused after a failed send, only a running flush takes batches, and only those it has not
   * attempted yet.
   */
  private take(): Batch<T> | undefined {
    if (this.backoff.paused()) {
      const due = (batch: Batch<T>): boolean => batch.flushGeneration !== 0;
      return this.forcing > 0 ? (this.priorityLane.takeFirst(due) ?? this.routineLane.takeFirst(due)) : undefined;
    }
    if (!this.priorityLane.hasQueued && !this.routineLane.hasQueued && (this.partialDue || this.forcing > 0)) {
      this.partialDue = false;
      this.priorityLane.sealFilling();
      this.routineLane.sealFilling();
    }
    return this.priorityLane.shift() ?? this.routineLane.shift();
  }

  /** Starts as many exports as allowed now; re-arms the timers for what stays. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.canDispatch()) {
        const batch = this.take();
        if (batch === undefined) break;
        this.dispatch(batch);
      }
    } finally {
      this.pumping = false;
    }
    if (this.closed) return;
    if (this.backoff.paused() && this.forcing === 0) {
      this.timers.armResume(this.backoff.remainingMillis());
      return;
    }
    if ((this.priorityLane.hasPartial || this.routineLane.hasPartial) && !this.partialDue) this.timers.armDelay();
  }

  private dispatch(batch: Batch<T>): void {
    batch.state = 'in_flight';
    if (batch.firstAttemptAt === 0) batch.firstAttemptAt = Date.now();
    batch.flushGeneration = 0;
    this.inFlight.add(batch);
    void exportOnce(this.exporter, batch.items, this.exportTimeoutMillis).then((outcome) => this.settle(batch, outcome));
  }

  /** Bookkeeping of one export attempt. */
  private settle(batch: Batch<T>, outcome: ExportOutcome): void {
    if (batch.abandoned) return;
    this.inFlight.delete(batch);
    if (outcome.ok) {
      batch.state = 'settled';
      this.backoff.succeeded();
      this.budget.release(batch);
      this.counter.exported(batch.length);
    } else if (isUnsent(outcome.error) && (this.closed || this.draining)) {
      // Shutdown does not retry: held for abandon(), which spools it.
      batch.state = 'settled';
      this.unsent.push(batch);
    } else if (isUnsent(outcome.error) && this.backoff.mayRetry(batch.firstAttemptAt)) {
      (batch.priority ? this.priorityLane : this.routineLane).unshift(batch);
      this.backoff.pauseAfterUnsent(outcome.error.retryAfterMillis);
      this.counter.retrying(batch.length, outcome.error);
    } else {
      batch.state = 'settled';
      this.budget.release(batch);
      this.counter.dropExportFailed(batch.length, outcome.error);
    }
    this.settleWaiters.wake();
    this.pump();
  }

  private async flush(): Promise<void> {
    this.priorityLane.sealFilling();
    this.routineLane.sealFilling();
    const generation = ++this.flushGeneration;
    const targets = [...this.inFlight, ...this.priorityLane.queued(), ...this.routineLane.queued()];
    for (const batch of targets) if (batch.state === 'queued') batch.flushGeneration = generation;
    this.forcing++;
    try {
      for (const batch of targets) {
        // Until attempted once: dispatched by the pump, then settled (or abandoned).
        while (batch.state === 'queued' && batch.flushGeneration !== 0) {
          this.pump();
          if (batch.state === 'queued' && batch.flushGeneration !== 0) await this.settleWaiters.next();
        }
        while (batch.state === 'in_flight') await this.settleWaiters.next();
      }
    } finally {
      this.forcing--;
    }
    await flushExporter(this.exporter);
  }

  private async runShutdown(): Promise<void> {
    this.closed = true;
    this.draining = true;
    try {
      await this.flush();
      this.timers.clear();
      await inExportContext(() => this.exporter.shutdown());
    } catch (error) {
      diag.error(`sightline: exporter shutdown failed: ${describeError(error)}`);
    }
    this.abandon(this.abandonSink);
  }
}
