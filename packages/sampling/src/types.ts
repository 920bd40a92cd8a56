import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { Sampler, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Matches a string: an exact value (`http.access`), a prefix ending in `*` (`llm.*` matches `llm.openai`
 * but not `llm`), or a JavaScript regular expression `{ regex: '^GET /health' }` (compiled once).
 */
export type StringMatcher = string | { regex: string };

/**
 * Matches an attribute value: a number or boolean matches that very value; a {@link StringMatcher}
 * matches the text of a string, number or boolean value. Arrays and missing attributes never match.
 */
export type AttributeMatcher = StringMatcher | number | boolean;

/**
 * Sets the keep probability of the log records it matches. Every given condition must hold; the first
 * matching rule wins. Records of severity ERROR and above and security events are always kept and never
 * reach the rules.
 */
export interface LogSamplingRule {
  /** Lowest severity number matched, inclusive (e.g. 9 for INFO). Default: no lower bound. */
  minSeverity?: number;
  /** Highest severity number matched, inclusive (e.g. 8 for DEBUG4). Default: no upper bound. */
  maxSeverity?: number;
  /** The logger (instrumentation scope) name, e.g. `llm.*`. Default: any logger. */
  scope?: StringMatcher;
  /** The record's event name, e.g. `http.access`. Default: any record, with or without an event name. */
  eventName?: StringMatcher;
  /** Attribute values that must all match, by attribute key. Default: none. */
  attributes?: Record<string, AttributeMatcher>;
  /**
   * Probability (0..1) that a matching record is kept. Required. `1` means always kept, outside the rate
   * budget; below 1 the rate budget scales it like the default ratio.
   */
  ratio: number;
}

/** Sets the probability of root spans it matches (by name and start attributes); the first match wins. */
export interface SpanSamplingRule {
  /** The span name, e.g. `{ regex: '^GET /health' }`. Default: any name. */
  name?: StringMatcher;
  /** Attribute values known at span start that must all match, by attribute key. Default: none. */
  attributes?: Record<string, AttributeMatcher>;
  /** Probability (0..1) that a matching root span (and so its trace) is kept. Required. */
  ratio: number;
}

/**
 * Error-triggered retention: records of a trace that the ratio drops wait in memory; an ERROR record (or a
 * span ending with status ERROR) in that trace before it ends exports them all. Every bound is enforced
 * by evicting the oldest buffered record, counted as `retention_evicted`.
 */
export interface RetentionOptions {
  /** Most records buffered for one trace; past it the trace's oldest is evicted. Default 100. */
  maxRecordsPerTrace?: number;
  /** Most records buffered in total; past it the oldest record of all is evicted. Default 10000. */
  maxRecords?: number;
  /**
   * Most memory, in estimated bytes, held by buffered records (plus a fixed overhead per trace); past it
   * the oldest records are evicted. Default 8388608 (8 MiB).
   */
  maxBytes?: number;
  /**
   * Longest a trace's buffer waits for its local root span to end, in ms; then it is released as if the
   * trace had ended without error. Default 30000.
   */
  maxAgeMillis?: number;
}

/** What a log record was dropped for. */
export type DropReason =
  /** Dropped at its ratio (the default ratio, the trace's, or a rule's). */
  | 'ratio'
  /** Would have been kept at its ratio; dropped because the rate budget lowered it. */
  | 'rate_limit'
  /** An ERROR record dropped because the error path's own rate budget was exceeded. */
  | 'error_rate_limit'
  /** A record waiting in the retention buffer, evicted by one of its bounds. */
  | 'retention_evicted';

/** Dropped log records by reason, since start. */
export type SamplingDropCounts = Record<DropReason, number>;

/** What the retention buffers hold now (all log stages together). */
export interface RetentionStats {
  /** Traces with a buffer (including failed traces whose later records pass straight through). */
  readonly traces: number;
  /** Records waiting. */
  readonly records: number;
  /** Estimated bytes held, the quantity `maxBytes` bounds. */
  readonly bytes: number;
}

/** Options of {@link createSampling}. */
export interface SamplingOptions {
  /**
   * Sampling on. When false every log record is kept and every root span is sampled (parents are still
   * followed). Default true. Changeable at run time.
   */
  enabled?: boolean;
  /**
   * Probability (0..1) that a trace is kept, and with it the logs of traces. Both signals apply the same
   * threshold to the same trace-id randomness, so their decisions agree. Default 1 (keep everything).
   * Env (read by core): `SIGHTLINE_SAMPLING_RATIO`, else `OTEL_TRACES_SAMPLER_ARG` of the ratio samplers.
   * Changeable at run time.
   */
  ratio?: number;
  /**
   * Probability (0..1) of root spans when it must differ from `ratio` (`OTEL_TRACES_SAMPLER=always_on` is 1,
   * `always_off` is 0). Default `null`: follow `ratio`. Changeable at run time.
   */
  traceRatio?: number | null;
  /**
   * Follow the parent span's decision (the specification's `ParentBased` around `ProbabilitySampler`);
   * false decides every span afresh (`OTEL_TRACES_SAMPLER=traceidratio`). Default true.
   */
  parentBased?: boolean;
  /** Rules for root spans, first match wins. Default none. Changeable at run time. */
  spanRules?: SpanSamplingRule[];
  /** Rules for log records, first match wins. Default none. Changeable at run time. */
  logRules?: LogSamplingRule[];
  /**
   * Budget of sampled log records per second, per process: above it the effective ratio is lowered so the
   * kept rate stays near it, and recovers when traffic falls. Always-kept records are outside it.
   * `Infinity` means no budget. Default `Infinity`. Env (read by core): `SIGHTLINE_LOG_RATE_LIMIT`.
   * Changeable at run time.
   */
  rateLimit?: number;
  /**
   * Budget, per second, of the always-keep-errors path (ERROR records plus the buffered records an error
   * releases), so that an error storm cannot flood the backend. `Infinity` means no budget.
   * Default `Infinity`. Changeable at run time.
   */
  errorRateLimit?: number;
  /**
   * Attributes whose value, for a record outside any trace, makes its decision a stable hash of that
   * value; the first one present is used. Default `['correlation.id', 'request.id', 'session.id']`.
   */
  correlationKeys?: string[];
  /** Error-triggered retention: `true` for the defaults, or its bounds. Default false (off). */
  retention?: boolean | RetentionOptions;
  /**
   * Called as log records are dropped, with the reason and how many (for metrics). A throw is reported
   * once and ignored. Default none.
   */
  onDrop?: (reason: DropReason, count: number) => void;
}

/** The settings that can change at run time; a field left out stays as it is. */
export type SamplingUpdate = Pick<
  SamplingOptions,
  'enabled' | 'ratio' | 'traceRatio' | 'spanRules' | 'logRules' | 'rateLimit' | 'errorRateLimit'
>;

/** The settings in force (after validation). */
export interface SamplingSettings {
  readonly enabled: boolean;
  readonly ratio: number;
  /** `null` when root spans follow `ratio`. */
  readonly traceRatio: number | null;
  readonly spanRules: readonly SpanSamplingRule[];
  readonly logRules: readonly LogSamplingRule[];
  readonly rateLimit: number;
  readonly errorRateLimit: number;
}

/** Run-time control of a {@link Sampling}. */
export interface SamplingControls {
  /**
   * Applies changes at once, between two records (never in the middle of a decision). An invalid value
   * is reported in one diag line and the current value is kept.
   */
  update(changes: SamplingUpdate): void;
  /** The settings in force. */
  getSettings(): SamplingSettings;
  /** Dropped log records by reason, since start. */
  getDropCounts(): SamplingDropCounts;
  /** What the retention buffers hold now. */
  getRetentionStats(): RetentionStats;
}

/** The trace sampler, the log stage and their companion span processor, sharing one set of settings. */
export interface Sampling {
  /** The trace sampler, for `NodeSDK({ sampler })` / `TracerProvider({ sampler })`. */
  readonly sampler: Sampler;
  /**
   * Builds the log sampling stage around `downstream` (the processors that export): kept records are
   * forwarded to it, dropped ones reach nothing. Register the result with the LoggerProvider after every
   * processor that changes records.
   */
  logStage(downstream: LogRecordProcessor): LogRecordProcessor;
  /**
   * Tells the log stage when a trace's local root span ends and when a span fails. Register it with the
   * TracerProvider when retention is on; otherwise it does nothing.
   */
  readonly spanProcessor: SpanProcessor;
  readonly controls: SamplingControls;
}
