import { context, diag, ROOT_CONTEXT, type MeterProvider } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing, TimeoutError, type ExportResult } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { DropReason, ExportQueueOptions } from '../types.js';
import { DropCounter, nextComponentName, type SignalDescriptor } from './drop-counter.js';
import {
  DEFAULT_EXPORT_TIMEOUT_MILLIS,
  DEFAULT_MAX_CONCURRENT_EXPORTS,
  DEFAULT_MAX_EXPORT_BATCH_SIZE,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_SCHEDULED_DELAY_MILLIS,
  MAX_TIMER_MILLIS,
  PRIORITY_RESERVE_SHARE,
  RETRY_INITIAL_MILLIS,
  RETRY_MAX_ELAPSED_MILLIS,
  RETRY_MAX_MILLIS,
  TYPICAL_RECORD_BYTES,
} from './queue-defaults.js';
import { Batch, Lane } from './queue/batch.js';
import { isUnsent } from './transport/export-control.js';

/** Context of every exporter call: no active span, tracing suppressed, so our own HTTP calls make no spans. */
const EXPORT_CONTEXT = suppressTracing(ROOT_CONTEXT);

/** What the export stage needs of an exporter; the SDK's `LogRecordExporter` and `SpanExporter` fit. */
export interface BatchExporter<T> {
  export(items: T[], resultCallback: (result: ExportResult) => void): void;
  forceFlush?(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Options of a batching export stage. */
export interface BatchQueueOptions<T> extends ExportQueueOptions {
  /** Where batches go. */
  exporter: BatchExporter<T>;
  /** Reports the SDK self-observability metrics; can be set later with `setMeterProvider`. */
  meterProvider?: MeterProvider;
  /** `otel.component.name` of the metrics. Default: `<component type>/<instance number>`, as the SDK does. */
  componentName?: string;
  /**
   * Where records still held at the shutdown deadline or at exit go, in place of the spool the SDK sets:
   * an exporter that can write synchronously (the file exporters) keeps them itself. What it keeps is
   * counted exported.
   */
  finalSink?: AbandonSink<T>;
}

/** What the signal-specific stage tells the queue about its records. */
export interface RecordTraits<T> {
  /** Estimated heap held by one record, in bytes (charged against `maxQueueBytes`). */
  estimateBytes(item: T): number;
  /** Records that matter most (ERROR+, exceptions, security events): exported first, with their own reserve. */
  isPriority(item: T): boolean;
}

/** What an export stage has done so far. */
export interface ExportStats {
  /** Records held now: waiting, being exported or waiting for a retry. */
  queued: number;
  /** Estimated bytes of the records held now. */
  queuedBytes: number;
  /** Records the exporter reported exported. */
  exported: number;
  /** Records dropped, by reason. */
  dropped: Record<DropReason, number>;
  /** Records written to the spool at shutdown or exit, to be sent by the next start. */
  spooled: number;
  /** Records held at most: `maxQueueSize` when set, else what `maxQueueBytes` holds of the records seen so far. */
  capacity: number;
  /** `maxQueueBytes`. */
  capacityBytes: number;
}

/** An item that may carry a resource whose attributes are still being detected. */
export interface ResourceBearing {
  readonly resource?: Pick<Resource, 'asyncAttributesPending' | 'waitForAsyncAttributes'>;
}

/** Receives records abandoned at shutdown or exit; returns whether it kept them (written to the spool). */
export type AbandonSink<T> = (items: T[]) => boolean;

function validPositive(
  descriptor: SignalDescriptor,
  name: keyof ExportQueueOptions,
  value: number | undefined,
  fallback: number,
  integer: boolean,
): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' && integer ? Math.floor(value) : value;
  if (typeof n !== 'number' || !(n > 0) || !Number.isFinite(n)) {
    diag.warn(
      `sightline: ${descriptor.signal} export option ${name} must be a positive number (got ${String(value)}); using ${fallback}`,
    );
    return fallback;
  }
  if (!integer && n > MAX_TIMER_MILLIS) {
    diag.warn(
      `sightline: ${descriptor.signal} export option ${name} (${n}) exceeds ${MAX_TIMER_MILLIS} ms; using ${MAX_TIMER_MILLIS}`,
    );
    return MAX_TIMER_MILLIS;
  }
  return n;
}

/** Waits for resources whose async attributes are still pending, like the SDK's batch processors do. */
function waitForAsyncResources(items: readonly ResourceBearing[]): Promise<unknown> | undefined {
  let pending: Set<NonNullable<ResourceBearing['resource']>> | undefined;
  let last: ResourceBearing['resource'];
  for (let i = 0; i < items.length; i++) {
    const resource = items[i].resource;
    if (resource === last || resource === undefined) continue;
    last = resource;
    if (resource.asyncAttributesPending && resource.waitForAsyncAttributes) (pending ??= new Set()).add(resource);
  }
  if (pending === undefined) return undefined;
  return Promise.all(Array.from(pending, (resource) => resource.waitForAsyncAttributes?.()));
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

const NO_TRAITS: RecordTraits<unknown> = { estimateBytes: () => TYPICAL_RECORD_BYTES, isPriority: () => false };

/**
 * The queue and export engine behind the batching log and span processors.
 *
 * **Memory, not count.** Records are held up to `maxQueueBytes` of estimated heap (64 MiB by default),
 * whatever their size, so a burst of small records is kept whole; `maxQueueSize` adds a count bound when
 * set. Bytes stay charged until the receiver has the batch, so the bound covers exports in flight and
 * batches waiting for a retry too.
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
 * doubling to 30 s, or the receiver's `Retry-After`); after 5 minutes of failures it is dropped and
 * counted. At shutdown nothing is retried: what is still held when the deadline passes is handed to
 * `abandon()`, which writes it to the spool (sent by the next start) or counts it dropped.
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
  /** Routine records cannot use the last `reserveBytes`. */
  private readonly routineLimit: number;

  private readonly priorityLane: Lane<T>;
  private readonly routineLane: Lane<T>;
  private readonly inFlight = new Set<Batch<T>>();
  /** Batches that could not be sent after shutdown began, waiting for `abandon()`. */
  private unsent: Batch<T>[] = [];

  private heldCount = 0;
  private heldBytes = 0;
  /** Bytes and records ever accepted, for the capacity estimate. */
  private acceptedBytes = 0;
  private acceptedCount = 0;

  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  /** The scheduled delay elapsed: partial batches are due. */
  private partialDue = false;
  /** Exports pause until this time (ms since epoch) after a batch could not be sent. */
  private pausedUntil = 0;
  private consecutiveUnsent = 0;
  /** While > 0, a `flush()` runs: it ignores the pause and takes partial batches. */
  private forcing = 0;
  private flushGeneration = 0;
  private settleWaiters: Array<() => void> = [];
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
    this.maxCount =
      options.maxQueueSize === undefined
        ? undefined
        : validPositive(descriptor, 'maxQueueSize', options.maxQueueSize, Number.MAX_SAFE_INTEGER, true);
    this.maxBytes = validPositive(descriptor, 'maxQueueBytes', options.maxQueueBytes, DEFAULT_MAX_QUEUE_BYTES, true);
    let batchSize = validPositive(
      descriptor,
      'maxExportBatchSize',
      options.maxExportBatchSize,
      DEFAULT_MAX_EXPORT_BATCH_SIZE,
      true,
    );
    if (this.maxCount !== undefined && batchSize > this.maxCount) {
      diag.warn(
        `sightline: ${descriptor.signal} export option maxExportBatchSize (${batchSize}) exceeds maxQueueSize (${this.maxCount}); using ${this.maxCount}`,
      );
      batchSize = this.maxCount;
    }
    this.maxExportBatchSize = batchSize;
    this.scheduledDelayMillis = validPositive(
      descriptor,
      'scheduledDelayMillis',
      options.scheduledDelayMillis,
      DEFAULT_SCHEDULED_DELAY_MILLIS,
      false,
    );
    this.exportTimeoutMillis = validPositive(
      descriptor,
      'exportTimeoutMillis',
      options.exportTimeoutMillis,
      DEFAULT_EXPORT_TIMEOUT_MILLIS,
      false,
    );
    this.maxConcurrentExports = validPositive(
      descriptor,
      'maxConcurrentExports',
      options.maxConcurrentExports,
      DEFAULT_MAX_CONCURRENT_EXPORTS,
      true,
    );
    this.routineLimit = Math.floor(this.maxBytes * (1 - PRIORITY_RESERVE_SHARE));
    this.priorityLane = new Lane<T>(batchSize, true);
    this.routineLane = new Lane<T>(batchSize, false);
    this.counter = new DropCounter(
      descriptor,
      () => this.capacity,
      options.componentName ?? nextComponentName(descriptor.componentType),
      () => this.heldCount,
    );
    if (options.meterProvider !== undefined) this.counter.setMeterProvider(options.meterProvider);
  }

  /** Records the queue holds at most: `maxQueueSize`, else what `maxQueueBytes` holds at the average record size seen. */
  get capacity(): number {
    const average = this.acceptedCount === 0 ? TYPICAL_RECORD_BYTES : this.acceptedBytes / this.acceptedCount;
    const byBytes = Math.floor(this.maxBytes / Math.max(1, average));
    return this.maxCount === undefined ? byBytes : Math.min(this.maxCount, byBytes);
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
    if (
      this.heldBytes + bytes > (priority ? this.maxBytes : this.routineLimit) ||
      (this.maxCount !== undefined && this.heldCount >= this.maxCount)
    ) {
      this.counter.dropQueueFull(priority);
      return;
    }
    this.heldBytes += bytes;
    this.heldCount++;
    this.acceptedBytes += bytes;
    this.acceptedCount++;
    const lane = priority ? this.priorityLane : this.routineLane;
    if (lane.add(item, bytes)) {
      if (this.immediate === undefined && this.canDispatch()) this.immediate = setImmediate(this.onImmediate).unref();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(this.onTimer, this.scheduledDelayMillis).unref();
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
    this.clearTimers();
    const batches = [...this.unsent, ...this.inFlight, ...this.priorityLane.drain(), ...this.routineLane.drain()];
    this.unsent = [];
    this.inFlight.clear();
    let spooled = 0;
    let dropped = 0;
    for (const batch of batches) {
      batch.abandoned = true;
      batch.state = 'settled';
      this.release(batch);
      let kept = false;
      if (sink !== undefined) {
        try {
          kept = sink(batch.items.length === batch.length ? batch.items : batch.items.slice(0, batch.length));
        } catch {
          kept = false;
        }
      }
      if (kept) spooled += batch.length;
      else dropped += batch.length;
    }
    if (this.finalSink !== undefined) this.counter.exported(spooled);
    else this.counter.spooled(spooled);
    this.counter.dropUnsentAtShutdown(dropped);
    this.wakeSettleWaiters();
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
      queued: this.heldCount,
      queuedBytes: this.heldBytes,
      exported: this.counter.exportedTotal,
      dropped: this.counter.getDropCounts(),
      spooled: this.counter.spooledTotal,
      capacity: this.capacity,
      capacityBytes: this.maxBytes,
    };
  }

  private readonly onImmediate = (): void => {
    this.immediate = undefined;
    this.pump();
  };

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.partialDue = true;
    this.pump();
  };

  private readonly onResume = (): void => {
    this.resumeTimer = undefined;
    this.pump();
  };

  private canDispatch(): boolean {
    return this.inFlight.size < this.maxConcurrentExports && (this.forcing > 0 || !this.paused());
  }

  private paused(): boolean {
    return this.pausedUntil !== 0 && Date.now() < this.pausedUntil;
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    if (this.resumeTimer !== undefined) clearTimeout(this.resumeTimer);
    this.timer = undefined;
    this.immediate = undefined;
    this.resumeTimer = undefined;
  }

  /**
   * The next batch to send: priority before routine, sealed before partial (partial ones only when due).
   * While paused after a failed send, only a running flush takes batches, and only those it has not
   * attempted yet.
   */
  private take(): Batch<T> | undefined {
    if (this.paused()) {
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
    if (this.paused() && this.forcing === 0) {
      if (this.resumeTimer === undefined) {
        this.resumeTimer = setTimeout(this.onResume, this.pausedUntil - Date.now()).unref();
      }
      return;
    }
    if (this.timer === undefined && (this.priorityLane.hasPartial || this.routineLane.hasPartial) && !this.partialDue) {
      this.timer = setTimeout(this.onTimer, this.scheduledDelayMillis).unref();
    }
  }

  private dispatch(batch: Batch<T>): void {
    batch.state = 'in_flight';
    if (batch.firstAttemptAt === 0) batch.firstAttemptAt = Date.now();
    batch.flushGeneration = 0;
    this.inFlight.add(batch);
    void this.exportBatch(batch).then((outcome) => this.settle(batch, outcome));
  }

  /** Bookkeeping of one export attempt. */
  private settle(batch: Batch<T>, outcome: { ok: boolean; error?: unknown }): void {
    if (batch.abandoned) return;
    this.inFlight.delete(batch);
    if (outcome.ok) {
      batch.state = 'settled';
      this.consecutiveUnsent = 0;
      this.release(batch);
      this.counter.exported(batch.length);
    } else if (isUnsent(outcome.error) && (this.closed || this.draining)) {
      // Shutdown does not retry: held for abandon(), which spools it.
      batch.state = 'settled';
      this.unsent.push(batch);
    } else if (isUnsent(outcome.error) && Date.now() - batch.firstAttemptAt < RETRY_MAX_ELAPSED_MILLIS) {
      (batch.priority ? this.priorityLane : this.routineLane).unshift(batch);
      this.pauseAfterUnsent(outcome.error.retryAfterMillis);
      this.counter.retrying(batch.length, outcome.error);
    } else {
      batch.state = 'settled';
      this.release(batch);
      this.counter.dropExportFailed(batch.length, outcome.error);
    }
    this.wakeSettleWaiters();
    this.pump();
  }

  private pauseAfterUnsent(retryAfterMillis: number | undefined): void {
    const backoff = Math.min(RETRY_INITIAL_MILLIS * 2 ** this.consecutiveUnsent, RETRY_MAX_MILLIS);
    this.consecutiveUnsent++;
    const wait = retryAfterMillis === undefined ? backoff : Math.min(Math.max(retryAfterMillis, 0), RETRY_MAX_ELAPSED_MILLIS);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
  }

  private release(batch: Batch<T>): void {
    this.heldBytes -= batch.bytes;
    this.heldCount -= batch.length;
  }

  private wakeSettleWaiters(): void {
    const waiters = this.settleWaiters;
    if (waiters.length === 0) return;
    this.settleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when any export in flight settles (or everything is abandoned). */
  private nextSettle(): Promise<void> {
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  /** Exports one batch within `exportTimeoutMillis`. Never rejects. */
  private exportBatch(batch: Batch<T>): Promise<{ ok: boolean; error?: unknown }> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (ok: boolean, error?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ok, error });
      };
      const timer = setTimeout(
        () => settle(false, new TimeoutError(`export timed out after ${this.exportTimeoutMillis} ms`)),
        this.exportTimeoutMillis,
      ).unref();
      const items = batch.items;
      const send = (): void => {
        if (settled) return;
        try {
          context.with(EXPORT_CONTEXT, () => {
            this.exporter.export(items, (result) => {
              if (result.code === ExportResultCode.SUCCESS) settle(true);
              else settle(false, result.error ?? new Error('the exporter reported FAILED'));
            });
          });
        } catch (error) {
          settle(false, error);
        }
      };
      try {
        const resources = waitForAsyncResources(items);
        if (resources === undefined) send();
        else resources.then(send, (error: unknown) => settle(false, error));
      } catch (error) {
        settle(false, error);
      }
    });
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
          if (batch.state === 'queued' && batch.flushGeneration !== 0) await this.nextSettle();
        }
        while (batch.state === 'in_flight') await this.nextSettle();
      }
    } finally {
      this.forcing--;
    }
    if (this.exporter.forceFlush === undefined) return;
    try {
      await context.with(EXPORT_CONTEXT, () => this.exporter.forceFlush?.());
    } catch (error) {
      diag.error(`sightline: exporter forceFlush failed: ${describeError(error)}`);
    }
  }

  private async runShutdown(): Promise<void> {
    this.closed = true;
    this.draining = true;
    try {
      await this.flush();
      this.clearTimers();
      await context.with(EXPORT_CONTEXT, () => this.exporter.shutdown());
    } catch (error) {
      diag.error(`sightline: exporter shutdown failed: ${describeError(error)}`);
    }
    this.abandon(this.abandonSink);
  }
}
