/**
 * The names this package reads and writes, pinned in one place.
 *
 * None of them is in `@opentelemetry/semantic-conventions`: the OpenTelemetry TraceState keys come from
 * the specification (`trace/tracestate-handling.md`), and the log-record attribute is the one the
 * OpenTelemetry Collector's probabilistic sampler reads and writes on log records (there is no semantic
 * convention for a log record's sampling probability).
 */

/** The W3C `tracestate` entry that holds the OpenTelemetry sub-keys. */
export const OT_TRACE_STATE_KEY = 'ot';

/** `ot` sub-key: the rejection threshold `T` a sampled context was kept with (1 to 14 lowercase hex digits). */
export const OT_THRESHOLD_SUBKEY = 'th';

/** `ot` sub-key: explicit randomness `R` that replaces the trace id's rightmost 56 bits (14 lowercase hex digits). */
export const OT_RANDOMNESS_SUBKEY = 'rv';

/** Longest `ot` value the specification allows. */
export const OT_MAX_VALUE_LENGTH = 256;

/**
 * Log-record attribute: the rejection threshold, encoded like `ot` `th`, that a kept record was sampled
 * with. Probability = 1 - T / 2^56; adjusted count = 1 / probability. Absent means "kept with certainty".
 */
export const ATTR_SAMPLING_THRESHOLD = 'sampling.threshold';

/** W3C Trace Context Level 2 `random` trace flag: the trace id's rightmost 56 bits are random. */
export const TRACE_FLAG_RANDOM = 0x02;

/** Event names of security events start with this (defined by `@sightline/audit`); they are always kept. */
export { SECURITY_EVENT_PREFIX } from '@sightline/audit';

/** Default attributes whose value makes the decision for a record outside any trace stable. */
export const DEFAULT_CORRELATION_KEYS: readonly string[] = ['correlation.id', 'request.id', 'session.id'];
