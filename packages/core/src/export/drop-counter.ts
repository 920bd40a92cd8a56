import {
  diag,
  type Attributes,
  type BatchObservableCallback,
  type Meter,
  type MeterProvider,
  type Observable,
} from '@opentelemetry/api';
import { describeError, MeterBinding } from '@sightline/metrics';
import { globalState } from '../internal/global-state.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_OTEL_COMPONENT_NAME,
  ATTR_OTEL_COMPONENT_TYPE,
  METRIC_OTEL_SDK_PROCESSOR_LOG_PROCESSED,
  METRIC_OTEL_SDK_PROCESSOR_LOG_QUEUE_CAPACITY,
  METRIC_OTEL_SDK_PROCESSOR_LOG_QUEUE_SIZE,
  METRIC_OTEL_SDK_PROCESSOR_SPAN_PROCESSED,
  METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_CAPACITY,
  METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_SIZE,
  OTEL_COMPONENT_TYPE_VALUE_BATCHING_LOG_PROCESSOR,
  OTEL_COMPONENT_TYPE_VALUE_BATCHING_SPAN_PROCESSOR,
} from '../semconv.js';
import type { DropReason } from '../types.js';


/** Instrumentation scope of the self-observability meter. */
const METER_NAME = '@sightline/core';

/** What differs between the log and the span export stage: names in diag lines and in metrics. */
export interface SignalDescriptor {
  /** `log` or `span`, as in `otel.sdk.processor.<signal>.processed`. */
  readonly signal: 'log' | 'span';
  /** Plural used in diag lines: `records`, `spans`. */
  readonly noun: string;
  /** UCUM annotation of the metrics: `{log_record}`, `{span}`. */
  readonly unit: string;
  /** `otel.component.type` value. */
  readonly componentType: string;
  readonly processedMetric: string;
  readonly queueCapacityMetric: string;
  readonly queueSizeMetric: string;
}

export const LOG_SIGNAL: SignalDescriptor = {
  signal: 'log',
  noun: 'records',
  unit: '{log_record}',
  componentType: OTEL_COMPONENT_TYPE_VALUE_BATCHING_LOG_PROCESSOR,
  processedMetric: METRIC_OTEL_SDK_PROCESSOR_LOG_PROCESSED,
  queueCapacityMetric: METRIC_OTEL_SDK_PROCESSOR_LOG_QUEUE_CAPACITY,
  queueSizeMetric: METRIC_OTEL_SDK_PROCESSOR_LOG_QUEUE_SIZE,
};

export const SPAN_SIGNAL: SignalDescriptor = {
  signal: 'span',
  noun: 'spans',
  unit: '{span}',
  componentType: OTEL_COMPONENT_TYPE_VALUE_BATCHING_SPAN_PROCESSOR,
  processedMetric: METRIC_OTEL_SDK_PROCESSOR_SPAN_PROCESSED,
  queueCapacityMetric: METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_CAPACITY,
  queueSizeMetric: METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_SIZE,
};

/**
 * The default `otel.component.name` of the next instance of a component type: `batching_log_processor/0`, …
 * Numbered per process (as the SDK does), not per copy of this code: the `register` preload's bundle and an
 * app's `@sightline/core` may both make processors that report to one MeterProvider.
 */
export function nextComponentName(componentType: string): string {
  const componentInstances = (globalState().componentInstances ??= new Map());
  const n = componentInstances.get(componentType) ?? 0;
  componentInstances.set(componentType, n + 1);
  return `${componentType}/${n}`;
}

/** Diag lines must not throw into the host application, whatever logger it installed. */
function warn(message: string): void {
  try {
    diag.warn(message);
  } catch {
    // The application's diag logger failed; nothing better to do with the message.
  }
}

function debug(message: string): void {
  try {
    diag.debug(message);
  } catch {
    // as above
  }
}


/**
 * Counts what an export stage did with every record it accepted or refused: exported, spooled, or
 * dropped by reason. Reports the first drop of each reason as one `diag.warn` line (the SDK's shutdown
 * prints the totals in one line), and, once a MeterProvider is set, the SDK self-observability metrics
 * (`otel.sdk.processor.<signal>.processed`, `.queue.capacity`, `.queue.size`).
 *
 * The metrics are observable instruments read at collection time, so counting on the hot path is an
 * integer increment; the data points they produce (a monotonic sum, two non-monotonic sums) are those
 * of the SDK's own processors. They stay registered after shutdown, so the MeterProvider's final
 * collection, which runs after the processors shut down, still carries the final counts.
 */
export class DropCounter {
  private exportedCount = 0;
  private spooledCount = 0;
  private queueFull = 0;
  private priorityQueueFull = 0;
  private exportFailed = 0;
  private afterShutdown = 0;
  private retries = 0;
  private warnedAfterShutdown = false;
  private readonly standardAttrs: Attributes;
  private readonly dropAttrs: Readonly<Record<DropReason, Attributes>>;
  private readonly binding: MeterBinding;

  constructor(
    private readonly descriptor: SignalDescriptor,
    private readonly capacity: () => number,
    componentName: string,
    private readonly getQueueSize: () => number,
  ) {
    this.standardAttrs = {
      [ATTR_OTEL_COMPONENT_TYPE]: descriptor.componentType,
      [ATTR_OTEL_COMPONENT_NAME]: componentName,
    };
    this.dropAttrs = {
      queue_full: { ...this.standardAttrs, [ATTR_ERROR_TYPE]: 'queue_full' },
      export_failed: { ...this.standardAttrs, [ATTR_ERROR_TYPE]: 'export_failed' },
      shutdown: { ...this.standardAttrs, [ATTR_ERROR_TYPE]: 'shutdown' },
    };
    this.binding = new MeterBinding(METER_NAME, `${descriptor.signal} export metrics`, (meter) => this.register(meter));
  }

  /** Hot path: one record refused because the queue is at its memory (or count) bound. */
  dropQueueFull(priority: boolean): void {
    if (this.queueFull++ === 0) {
      const { signal, noun } = this.descriptor;
      warn(`sightline: ${signal} export queue full; dropping and counting further ${noun}`);
    }
    if (priority && this.priorityQueueFull++ === 0) {
      const { signal, noun } = this.descriptor;
      warn(`sightline: ${signal} export queue full even for ERROR+ ${noun}, exceptions and security events (their reserve is used up)`);
    }
  }

  /** Hot path: one record refused because the stage is shut down. */
  dropAfterShutdown(): void {
    this.afterShutdown++;
    if (!this.warnedAfterShutdown) {
      this.warnedAfterShutdown = true;
      const { signal, noun } = this.descriptor;
      warn(`sightline: ${signal} export stage is shut down; dropping and counting ${noun} emitted after shutdown`);
    }
  }

  /** Records still unsent when shutdown gave up on them, with no spool to keep them. */
  dropUnsentAtShutdown(count: number): void {
    this.afterShutdown += count;
  }

  /** Records written to the spool, for the next start to send. */
  spooled(count: number): void {
    this.spooledCount += count;
  }

  /** A batch the receiver rejected, or that could not be sent for the whole retry time. */
  dropExportFailed(count: number, error: unknown): void {
    const { signal, noun } = this.descriptor;
    const first = this.exportFailed === 0;
    this.exportFailed += count;
    if (first) {
      warn(
        `sightline: ${signal} export failed (${count} ${noun}: ${describeError(error)}); counting failed ${noun}, further failures are logged at debug level`,
      );
    } else {
      debug(`sightline: ${signal} export failed (${count} ${noun}: ${describeError(error)})`);
    }
  }

  /** A batch that could not be sent and is kept for a later attempt. */
  retrying(count: number, error: unknown): void {
    const { signal, noun } = this.descriptor;
    const line = `sightline: ${signal} export could not be sent (${count} ${noun}: ${describeError(error)}); keeping them and retrying`;
    if (this.retries++ === 0) warn(`${line}; further retries are logged at debug level`);
    else debug(line);
  }

  /** A batch the exporter reported SUCCESS for. */
  exported(count: number): void {
    this.exportedCount += count;
  }

  get exportedTotal(): number {
    return this.exportedCount;
  }

  get spooledTotal(): number {
    return this.spooledCount;
  }

  get droppedTotal(): number {
    return this.queueFull + this.exportFailed + this.afterShutdown;
  }

  /** A fresh object with the counts by reason. */
  getDropCounts(): Record<DropReason, number> {
    return { queue_full: this.queueFull, export_failed: this.exportFailed, shutdown: this.afterShutdown };
  }

  /**
   * Reports the self-observability metrics through `meterProvider` from now on (counts since the stage
   * started). Setting another provider moves the instruments to it; `undefined` stops reporting.
   */
  setMeterProvider(meterProvider: MeterProvider | undefined): void {
    this.binding.bind(meterProvider);
  }

  private register(meter: Meter): () => void {
    const { unit, signal, noun } = this.descriptor;
    const processed = meter.createObservableCounter(this.descriptor.processedMetric, {
      unit,
      description: `The number of ${noun} for which the processing has finished, either successful or failed.`,
    });
    const capacity = meter.createObservableUpDownCounter(this.descriptor.queueCapacityMetric, {
      unit,
      description: `The maximum number of ${noun} the queue of a given instance of an SDK ${signal} processor can hold.`,
    });
    const size = meter.createObservableUpDownCounter(this.descriptor.queueSizeMetric, {
      unit,
      description: `The number of ${noun} in the queue of a given instance of an SDK ${signal} processor.`,
    });
    const observables: Observable[] = [processed, capacity, size];
    const callback: BatchObservableCallback = (result) => {
      result.observe(processed, this.exportedCount, this.standardAttrs);
      if (this.queueFull > 0) result.observe(processed, this.queueFull, this.dropAttrs.queue_full);
      if (this.exportFailed > 0) result.observe(processed, this.exportFailed, this.dropAttrs.export_failed);
      if (this.afterShutdown > 0) result.observe(processed, this.afterShutdown, this.dropAttrs.shutdown);
      result.observe(capacity, this.capacity(), this.standardAttrs);
      result.observe(size, this.getQueueSize(), this.standardAttrs);
    };
    meter.addBatchObservableCallback(callback, observables);
    return () => meter.removeBatchObservableCallback(callback, observables);
  }
}
