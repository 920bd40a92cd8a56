import { diag } from '@opentelemetry/api';
import type { ExportQueueOptions } from '../../types.js';
import type { SignalDescriptor } from '../drop-counter.js';
import {
  DEFAULT_EXPORT_TIMEOUT_MILLIS,
  DEFAULT_MAX_CONCURRENT_EXPORTS,
  DEFAULT_MAX_EXPORT_BATCH_SIZE,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_SCHEDULED_DELAY_MILLIS,
  MAX_TIMER_MILLIS,
} from '../queue-defaults.js';

/** The bounds and delays of one export queue, validated, with the defaults applied. */
export interface QueueLimits {
  /** `maxQueueSize`, or `undefined` when only memory bounds the queue. */
  readonly maxCount: number | undefined;
  readonly maxBytes: number;
  /** At most `maxCount`. */
  readonly maxExportBatchSize: number;
  readonly scheduledDelayMillis: number;
  readonly exportTimeoutMillis: number;
  readonly maxConcurrentExports: number;
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

/** Applies the defaults; a bad value gets one `diag` line naming the option and the default used instead. */
export function resolveQueueLimits(options: ExportQueueOptions, descriptor: SignalDescriptor): QueueLimits {
  const maxCount =
    options.maxQueueSize === undefined
      ? undefined
      : validPositive(descriptor, 'maxQueueSize', options.maxQueueSize, Number.MAX_SAFE_INTEGER, true);
  const maxBytes = validPositive(descriptor, 'maxQueueBytes', options.maxQueueBytes, DEFAULT_MAX_QUEUE_BYTES, true);
  let maxExportBatchSize = validPositive(
    descriptor,
    'maxExportBatchSize',
    options.maxExportBatchSize,
    DEFAULT_MAX_EXPORT_BATCH_SIZE,
    true,
  );
  if (maxCount !== undefined && maxExportBatchSize > maxCount) {
    diag.warn(
      `sightline: ${descriptor.signal} export option maxExportBatchSize (${maxExportBatchSize}) exceeds maxQueueSize (${maxCount}); using ${maxCount}`,
    );
    maxExportBatchSize = maxCount;
  }
  const scheduledDelayMillis = validPositive(
    descriptor,
    'scheduledDelayMillis',
    options.scheduledDelayMillis,
    DEFAULT_SCHEDULED_DELAY_MILLIS,
    false,
  );
  const exportTimeoutMillis = validPositive(
    descriptor,
    'exportTimeoutMillis',
    options.exportTimeoutMillis,
    DEFAULT_EXPORT_TIMEOUT_MILLIS,
    false,
  );
  const maxConcurrentExports = validPositive(
    descriptor,
    'maxConcurrentExports',
    options.maxConcurrentExports,
    DEFAULT_MAX_CONCURRENT_EXPORTS,
    true,
  );
  return { maxCount, maxBytes, maxExportBatchSize, scheduledDelayMillis, exportTimeoutMillis, maxConcurrentExports };
}
