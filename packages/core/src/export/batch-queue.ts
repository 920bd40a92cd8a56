import { context, diag, ROOT_CONTEXT, type MeterProvider } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing, TimeoutError, type ExportResult } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { DropReason, ExportQueueOptions } from '../types.js';
import { DropCounter, nextComponentName, type SignalDescriptor } from './drop-counter.js';

/** Default of {@link ExportQueueOptions.maxQueueSize}: sized for bursts (the SDK's 2048 drops most of one). */
export const DEFAULT_MAX_QUEUE_SIZE = 65_536;
/** Default of {@link ExportQueueOptions.maxExportBatchSize}. */
export const DEFAULT_MAX_EXPORT_BATCH_SIZE = 2_048;
/** Default of {@link ExportQueueOptions.scheduledDelayMillis}. */
export const DEFAULT_SCHEDULED_DELAY_MILLIS = 1_000;
/** Default of {@link ExportQueueOptions.exportTimeoutMillis}. */
export const DEFAULT_EXPORT_TIMEOUT_MILLIS = 30_000;

/** Longest delay `setTimeout` honours; Node turns anything longer into 1 ms. */
const MAX_TIMER_MILLIS = 2_147_483_647;

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
}

/** What an export stage has done so far. */
export interface ExportStats {
  /** Records waiting in the queue now (not counting a batch being exported). */
  queued: number;
  /** Records the exporter reported exported. */
  exported: number;
  /** Records dropped, by reason. */
  dropped: Record<DropReason, number>;
  /** `maxQueueSize`. */
  capacity: number;
}

/** An item that may carry a resource whose attributes are still being detected. */
export interface ResourceBearing {
  readonly resource?: Pick<Resource, 'asyncAttributesPending' | 'waitForAsyncAttributes'>;
}

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

/**
 * The queue and export engine behind the batching log and span processors.
 *
 * Records wait in a bounded FIFO of batches: full batches plus the one being filled, so adding is a
 * bounds check and a store into a pre-sized array (O(1), no per-item shifting), and a batch leaves the
 * queue as one array. When a batch fills up, its export is scheduled with `setImmediate` (never inside
 * `add`); otherwise the partial batch goes out `scheduledDelayMillis` after its first record. One export
 * is in flight at a time; when it settles, the next full batch goes out at once.
 *
 * **Memory bound**: at most `maxQueueSize` records are held in the queue, plus the one batch
 * (≤ `maxExportBatchSize` records) being exported. A batch whose export timed out is released by this
 * stage; what the exporter itself still holds of it is the exporter's to bound (the OTLP exporters
 * time out their requests).
 *
 * **Every drop is counted**: `queue_full` (queue at capacity), `export_failed` (the exporter reported
 * FAILED, threw, or did not answer within `exportTimeoutMillis`; the OTLP exporters retry internally, so
 * this stage does not), `shutdown` (records added after `shutdown()`). At any moment, exported +
 * dropped + queued + in flight = every record ever passed to `add`.
 */
export class BatchQueue<T extends ResourceBearing> {
  /** `maxQueueSize`: most records held while waiting. */
  readonly capacity: number;
  readonly maxExportBatchSize: number;
  readonly scheduledDelayMillis: number;
  readonly exportTimeoutMillis: number;

  private readonly exporter: BatchExporter<T>;
  private readonly counter: DropCounter;

  /** Full batches waiting, oldest at `fullHead`. */
  private full: (T[] | undefined)[] = [];
  private fullHead = 0;
  /**
   * The batch being filled, pre-sized to `maxExportBatchSize` (filling a pre-sized array is several
   * times cheaper than growing one by `push`); `tailLength` slots are used, always fewer than all.
   */
  private tail: T[];
  private tailLength = 0;
  /** Records ever accepted into the queue. */
  private enqueued = 0;
  /** Records ever taken out of the queue for export. `enqueued - removed` is the queue size. */
  private removed = 0;

  /** The export in flight (settles after its bookkeeping), and the sequence number of its first record. */
  private inFlight: Promise<void> | undefined;
  private inFlightFirst = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** The scheduled delay elapsed: the partial batch is due as soon as no export is in flight. */
  private partialDue = false;
  private closed = false;
  private shutdownPromise: Promise<void> | undefined;

  constructor(options: BatchQueueOptions<T>, descriptor: SignalDescriptor) {
    this.exporter = options.exporter;
    const capacity = validPositive(descriptor, 'maxQueueSize', options.maxQueueSize, DEFAULT_MAX_QUEUE_SIZE, true);
    let batchSize = validPositive(
      descriptor,
      'maxExportBatchSize',
      options.maxExportBatchSize,
      DEFAULT_MAX_EXPORT_BATCH_SIZE,
      true,
    );
    if (batchSize > capacity) {
      diag.warn(
        `sightline: ${descriptor.signal} export option maxExportBatchSize (${batchSize}) exceeds maxQueueSize (${capacity}); using ${capacity}`,
      );
      batchSize = capacity;
    }
    this.capacity = capacity;
    this.maxExportBatchSize = batchSize;
    this.tail = new Array<T>(batchSize);
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
    this.counter = new DropCounter(
      descriptor,
      capacity,
      options.componentName ?? nextComponentName(descriptor.componentType),
      () => this.enqueued - this.removed,
    );
    if (options.meterProvider !== undefined) this.counter.setMeterProvider(options.meterProvider);
  }

  /** Hot path: queues one record, or counts it dropped. Never throws, never exports synchronously. */
  add(item: T): void {
    if (this.closed) {
      this.counter.dropAfterShutdown();
      return;
    }
    if (this.enqueued - this.removed >= this.capacity) {
      this.counter.dropQueueFull();
      return;
    }
    const tail = this.tail;
    tail[this.tailLength++] = item;
    this.enqueued++;
    if (this.tailLength >= this.maxExportBatchSize) {
      this.full.push(tail);
      this.tail = new Array<T>(this.maxExportBatchSize);
      this.tailLength = 0;
      if (this.inFlight === undefined && this.immediate === undefined) {
        this.immediate = setImmediate(this.onImmediate).unref();
      }
    } else if (this.timer === undefined && this.inFlight === undefined) {
      this.startTimer();
    }
  }

  /**
   * Exports everything queued at call time, in batches, and resolves when those exports have settled
   * (then flushes the exporter). Never rejects: failures are counted as `export_failed`.
   * After `shutdown()` it returns the shutdown promise.
   */
  forceFlush(): Promise<void> {
    return this.shutdownPromise ?? this.flush();
  }

  /**
   * Stops accepting records (later ones are counted as `shutdown`), flushes, then shuts the exporter
   * down. Runs once; every call returns the same promise, which never rejects.
   */
  shutdown(): Promise<void> {
    return (this.shutdownPromise ??= this.runShutdown());
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
      queued: this.enqueued - this.removed,
      exported: this.counter.exportedTotal,
      dropped: this.counter.getDropCounts(),
      capacity: this.capacity,
    };
  }

  private readonly onImmediate = (): void => {
    this.immediate = undefined;
    if (this.inFlight === undefined) this.exportNext();
  };

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.partialDue = true;
    if (this.inFlight === undefined) this.exportNext();
  };

  private readonly afterExport = (): void => {
    this.inFlight = undefined;
    if (this.exportNext()) return;
    if (!this.closed && this.timer === undefined && this.enqueued > this.removed) this.startTimer();
  };

  private startTimer(): void {
    this.timer = setTimeout(this.onTimer, this.scheduledDelayMillis).unref();
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  /** Takes the oldest full batch, else (if `partial`) the batch being filled. */
  private takeBatch(partial: boolean): T[] | undefined {
    const full = this.full;
    if (this.fullHead < full.length) {
      const batch = full[this.fullHead] as T[];
      full[this.fullHead++] = undefined;
      if (this.fullHead === full.length) {
        full.length = 0;
        this.fullHead = 0;
      } else if (this.fullHead >= 1024 && this.fullHead * 2 >= full.length) {
        full.splice(0, this.fullHead);
        this.fullHead = 0;
      }
      return batch;
    }
    if (this.tailLength === 0) {
      this.partialDue = false;
      return undefined;
    }
    if (!partial) return undefined;
    const batch = this.tail;
    batch.length = this.tailLength; // drop the unused slots
    this.tail = new Array<T>(this.maxExportBatchSize);
    this.tailLength = 0;
    this.partialDue = false;
    return batch;
  }

  /** Starts exporting the next batch if there is one to send now; the caller checked nothing is in flight. */
  private exportNext(partial = this.partialDue): boolean {
    const batch = this.takeBatch(partial);
    if (batch === undefined) return false;
    this.inFlightFirst = this.removed;
    this.removed += batch.length;
    this.inFlight = this.exportBatch(batch).then(this.afterExport);
    return true;
  }

  /** Exports one batch within `exportTimeoutMillis`, counting the outcome. Never rejects. */
  private exportBatch(batch: T[]): Promise<void> {
    return new Promise<void>((resolve) => {
      let settled = false;
      const settle = (ok: boolean, error?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(); // first: `afterExport` runs on a later tick, after the counting below, even if a diag logger throws
        if (ok) this.counter.exported(batch.length);
        else this.counter.dropExportFailed(batch.length, error);
      };
      const timer = setTimeout(
        () => settle(false, new TimeoutError(`export timed out after ${this.exportTimeoutMillis} ms`)),
        this.exportTimeoutMillis,
      ).unref();
      const send = (): void => {
        if (settled) return;
        try {
          context.with(EXPORT_CONTEXT, () => {
            this.exporter.export(batch, (result) => {
              if (result.code === ExportResultCode.SUCCESS) settle(true);
              else settle(false, result.error ?? new Error('the exporter reported FAILED'));
            });
          });
        } catch (error) {
          settle(false, error);
        }
      };
      try {
        const resources = waitForAsyncResources(batch);
        if (resources === undefined) send();
        else resources.then(send, (error: unknown) => settle(false, error));
      } catch (error) {
        settle(false, error);
      }
    });
  }

  private async flush(): Promise<void> {
    const mark = this.enqueued;
    for (;;) {
      const inFlight = this.inFlight;
      if (inFlight !== undefined) {
        // Only wait for an export that carries records queued before the call.
        if (this.inFlightFirst >= mark) break;
        await inFlight;
        continue;
      }
      if (this.removed >= mark || !this.exportNext(true)) break;
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
    try {
      await this.flush();
      this.clearTimers();
      await context.with(EXPORT_CONTEXT, () => this.exporter.shutdown());
    } catch (error) {
      diag.error(`sightline: exporter shutdown failed: ${describeError(error)}`);
    }
    this.counter.reportSummary();
  }
}
