/**
 * Defaults of the batching export stages, defined once: the configuration, the stages and the docs
 * (docs/pipeline.md, docs/configuration.md) use these.
 */

/** Default of `maxQueueBytes`: 64 MiB of estimated heap per signal (about 90 000 typical log records). */
export const DEFAULT_MAX_QUEUE_BYTES = 64 * 1024 * 1024;
/** Default of `maxExportBatchSize`. */
export const DEFAULT_MAX_EXPORT_BATCH_SIZE = 2_048;
/** Default of `scheduledDelayMillis`. */
export const DEFAULT_SCHEDULED_DELAY_MILLIS = 1_000;
/** Default of `exportTimeoutMillis`. */
export const DEFAULT_EXPORT_TIMEOUT_MILLIS = 30_000;
/** Default of `maxConcurrentExports` (the Collector's sending queue uses 10 consumers; 4 keeps two cores calm). */
export const DEFAULT_MAX_CONCURRENT_EXPORTS = 4;

/** Share of `maxQueueBytes` that only ERROR+ records, exceptions and security events may use. */
export const PRIORITY_RESERVE_SHARE = 1 / 8;

/** Estimated bytes of a record whose size cannot be estimated; also the capacity estimate before any record. */
export const TYPICAL_RECORD_BYTES = 700;

/** Pause after a batch could not be sent, doubling per failure up to the maximum (the Collector's retry_on_failure). */
export const RETRY_INITIAL_MILLIS = 5_000;
export const RETRY_MAX_MILLIS = 30_000;
/** A batch that could not be sent for this long is dropped and counted `export_failed`. */
export const RETRY_MAX_ELAPSED_MILLIS = 300_000;

/**
 * Most time spent writing synchronously what is still held at exit or at the shutdown deadline (the spool,
 * the file exporters), when the shutdown timeout is longer; what is left after it is counted dropped.
 */
export const MAX_EXIT_WRITE_MILLIS = 2_000;

/** Longest delay `setTimeout` honours; Node turns anything longer into 1 ms. */
export const MAX_TIMER_MILLIS = 2_147_483_647;
