import type { MeterProvider } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { DropReason, ExportQueueOptions } from '../../types.js';

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
