import { diag, SeverityNumber, TraceFlags, type Context, type SpanContext, type TraceState } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { SampledOutCounter } from './sampled-out-counter.js';
import { otSubkey } from './internal/ot-trace-state.js';
import { hashInto, hexKept, isValidRandomness, randomInto, TRACE_ID_RANDOM_OFFSET, type RandomnessSlot } from './internal/randomness.js';
import { isKept, parseThreshold, probability, type Probability } from './internal/threshold.js';
import { matchLogRule } from './log-rules.js';
import type { RateBudget } from './rate-budget.js';
import { RetentionBuffer, type RetentionLimits } from './retention-buffer.js';
import {
  ATTR_SAMPLING_THRESHOLD,
  OT_RANDOMNESS_SUBKEY,
  OT_THRESHOLD_SUBKEY,
  OT_TRACE_STATE_KEY,
  SECURITY_EVENT_PREFIX,
} from './semconv.js';
import type { SettingsStore } from './settings-store.js';
import type { TraceListener } from './trace-lifecycle-processor.js';
import type { RetentionStats } from './types.js';

/** What a log stage shares with the rest of its sampling setup. */
export interface LogStageDeps {
  readonly store: SettingsStore;
  /** Budget of the sampled records. */
  readonly budget: RateBudget;
  /** Budget of the always-keep-errors path. */
  readonly errorBudget: RateBudget;
  readonly drops: SampledOutCounter;
  /** Coarse clock (ms) for the retention buffer's ages. */
  readonly clock: { readonly now: number };
  readonly correlationKeys: readonly string[];
  /** Retention bounds; `undefined` when retention is off. */
  readonly retention: RetentionLimits | undefined;
  /** Called once, when the stage shuts down. */
  readonly onShutdown: () => void;
}

/** Most distinct scaled probabilities remembered (a budget's factor changes every 100 ms). */
const SCALED_CACHE_SIZE = 64;

const ALWAYS = probability(1);
const ERROR = SeverityNumber.ERROR;
const UNSPECIFIED = SeverityNumber.UNSPECIFIED;
const SAMPLED = TraceFlags.SAMPLED;

/**
 * The log sampling stage. It wraps the processors after it (metrics, export) and forwards only the
 * records it keeps:
 *
 * 1. severity ERROR and above: always kept (error-path budget aside); releases the trace's held records;
 * 2. events named `security.*`: always kept;
 * 3. otherwise the first matching rule's ratio (1 = always kept), else the configured ratio — raised to
 *    the probability the record's trace was kept with when that trace is sampled, so a kept trace keeps
 *    its logs;
 * 4. that probability times the rate budget's factor is compared with the randomness of the record's
 *    trace (`rv` or the trace id's rightmost 56 bits: the very test the trace sampler makes), else of a
 *    hash of its correlation key, else of `Math.random`. A record kept with probability below 1 gets
 *    `sampling.threshold`. A dropped record of a trace waits in the retention buffer when that is on.
 */
export class LogSamplingProcessor implements LogRecordProcessor, TraceListener {
  private readonly _slot: RandomnessSlot = { hi: 0, lo: 0 };
  private readonly _retention: RetentionBuffer | undefined;
  private readonly _scaledCache = new Map<number, Probability>();
  /** The last `ot` trace-state value seen, and what it says. */
  private _otValue: string | undefined;
  private _otProbability: Probability = ALWAYS;
  private _otRandomness: string | undefined;
  private _failureReported = false;
  private _shutdown: Promise<void> | undefined;

  constructor(
    private readonly _downstream: LogRecordProcessor,
    private readonly _deps: LogStageDeps,
  ) {
    this._retention =
      _deps.retention === undefined
        ? undefined
        : new RetentionBuffer(_deps.retention, (record, context) => _downstream.onEmit(record, context), _deps.drops);
  }

  /** Whether this stage buffers records (and so needs the clock and the span processor's signals). */
  get retains(): boolean {
    return this._retention !== undefined && this._shutdown === undefined;
  }

  onEmit(record: ReadWriteLogRecord, context?: Context): void {
    // After shutdown nothing is held any more: the (shut down) downstream decides.
    if (this._shutdown !== undefined) return this._downstream.onEmit(record, context);
    try {
      this._sample(record, context);
    } catch (error) {
      this._reportFailure(error);
    }
  }

  /**
   * A span of the trace ended with status ERROR: its held records are released, within the error-path
   * budget.
   */
  traceFailed(spanContext: SpanContext): void {
    const retention = this._retention;
    if (retention === undefined || retention.hasFailed(spanContext.traceId)) return;
    if (!this._errorPathAdmits(spanContext, retention.pending(spanContext.traceId))) return;
    retention.fail(spanContext.traceId, this._deps.clock.now);
  }

  /** The trace's local root span ended: its held records are dropped (they were dropped by the ratio). */
  traceEnded(traceId: string): void {
    this._retention?.end(traceId);
  }

  /** Releases buffers older than their maximum age. */
  expire(now: number): void {
    this._retention?.expire(now);
  }

  retentionStats(): RetentionStats {
    return this._retention?.stats() ?? { traces: 0, records: 0, bytes: 0 };
  }

  forceFlush(): Promise<void> {
    return this._downstream.forceFlush();
  }

  shutdown(): Promise<void> {
    this._shutdown ??= this._doShutdown();
    return this._shutdown;
  }

  private async _doShutdown(): Promise<void> {
    this._retention?.clear();
    this._deps.onShutdown();
    await this._downstream.shutdown();
  }

  private _sample(record: ReadWriteLogRecord, context: Context | undefined): void {
    const settings = this._deps.store.current;
    if (settings.keepAllLogs) return this._downstream.onEmit(record, context);
    const severity = record.severityNumber ?? UNSPECIFIED;
    const span = record.spanContext;
    if (severity >= ERROR) return this._keepError(record, context, span);
    if (record.eventName?.startsWith(SECURITY_EVENT_PREFIX)) return this._downstream.onEmit(record, context);

    const rules = settings.compiledLogRules;
    const rule = rules.length === 0 ? undefined : matchLogRule(rules, record, severity);
    let base = rule === undefined ? settings.logProbability : rule.probability;
    if (rule !== undefined && base.value >= 1) return this._downstream.onEmit(record, context);
    // A sampled trace keeps its logs: at least the probability it was kept with (1 when unknown).
    if (span !== undefined && rule === undefined && base.value < 1 && (span.traceFlags & SAMPLED) !== 0) {
      this._readTraceState(span.traceState);
      if (this._otProbability.value > base.value) base = this._otProbability;
    }
    let effective = base;
    const budget = this._deps.budget;
    if (budget.active) {
      const scale = budget.offer(base.value);
      if (scale < 1) effective = this._scaled(base.value * scale);
    }
    if (effective.value >= 1) return this._downstream.onEmit(record, context);

    if (span === undefined) this._recordRandomness(record);
    else if (span.traceState !== undefined) this._readTraceState(span.traceState);
    if (this._kept(span, effective)) {
      record.setAttribute(ATTR_SAMPLING_THRESHOLD, effective.th);
      return this._downstream.onEmit(record, context);
    }
    const reason = effective !== base && this._kept(span, base) ? 'rate_limit' : 'ratio';
    if (span === undefined || this._retention === undefined) return this._deps.drops.add(reason);
    if (this._retention.hold(span.traceId, record, context, reason, this._deps.clock.now)) return;
    // The trace already failed: its records are kept, on the error path.
    this._deps.errorBudget.offer(1);
    this._downstream.onEmit(record, context);
  }

  private _keepError(record: ReadWriteLogRecord, context: Context | undefined, span: SpanContext | undefined): void {
    const traceId = span?.traceId;
    const retention = this._retention;
    const pending = retention !== undefined && traceId !== undefined ? retention.pending(traceId) : 0;
    const errorBudget = this._deps.errorBudget;
    if (errorBudget.active) {
      const scale = errorBudget.offer(1 + pending);
      if (scale < 1) {
        const effective = this._scaled(scale);
        if (span === undefined) randomInto(this._slot);
        else this._readTraceState(span.traceState);
        if (!this._kept(span, effective)) {
          this._deps.drops.add('error_rate_limit');
          return;
        }
        record.setAttribute(ATTR_SAMPLING_THRESHOLD, effective.th);
      }
    }
    // The held records are older than this one: they go first.
    if (retention !== undefined && traceId !== undefined) retention.fail(traceId, this._deps.clock.now);
    this._downstream.onEmit(record, context);
  }

  /** Whether the error path's budget admits a trace's failure that would release `pending` records. */
  private _errorPathAdmits(span: SpanContext, pending: number): boolean {
    const errorBudget = this._deps.errorBudget;
    if (!errorBudget.active) return true;
    const scale = errorBudget.offer(pending);
    if (scale >= 1) return true;
    this._readTraceState(span.traceState);
    return this._kept(span, this._scaled(scale));
  }

  /**
   * R >= T: for a record of a trace, on the trace's randomness (`rv` read by {@link _readTraceState}
   * beforehand when the span has a trace state, else its trace id) — the very test the trace sampler
   * makes; for a record outside any trace, on the halves {@link _recordRandomness} left in the slot.
   */
  private _kept(span: SpanContext | undefined, probability: Probability): boolean {
    if (span === undefined) return isKept(this._slot.hi, this._slot.lo, probability);
    const rv = span.traceState === undefined ? undefined : this._otRandomness;
    return rv === undefined ? hexKept(span.traceId, TRACE_ID_RANDOM_OFFSET, probability) : hexKept(rv, 0, probability);
  }

  /**
   * Reads an `ot` trace state into `_otProbability` (the probability its trace was kept with; 1 when
   * unknown) and `_otRandomness` (its valid explicit `rv`). The last value is remembered: consecutive
   * records usually share it.
   */
  private _readTraceState(state: TraceState | undefined): void {
    const ot = state?.get(OT_TRACE_STATE_KEY);
    if (ot === this._otValue) return;
    this._otValue = ot;
    this._otProbability = ALWAYS;
    this._otRandomness = undefined;
    if (ot === undefined) return;
    const th = otSubkey(ot, OT_THRESHOLD_SUBKEY);
    this._otProbability = (th === undefined ? undefined : parseThreshold(th)) ?? ALWAYS;
    const rv = otSubkey(ot, OT_RANDOMNESS_SUBKEY);
    if (rv !== undefined && isValidRandomness(rv)) this._otRandomness = rv;
  }

  /** Randomness of a record outside any trace: a stable hash of its correlation key, else random. */
  private _recordRandomness(record: ReadWriteLogRecord): void {
    const attributes = record.attributes;
    for (const key of this._deps.correlationKeys) {
      const value = attributes[key];
      if ((typeof value === 'string' && value !== '') || typeof value === 'number') {
        hashInto(String(value), this._slot);
        return;
      }
    }
    randomInto(this._slot);
  }

  /** The compiled probability `p` (a ratio scaled by a budget), remembered while the factor holds. */
  private _scaled(p: number): Probability {
    let compiled = this._scaledCache.get(p);
    if (compiled === undefined) {
      compiled = probability(p);
      if (this._scaledCache.size >= SCALED_CACHE_SIZE) this._scaledCache.clear();
      this._scaledCache.set(p, compiled);
    }
    return compiled;
  }

  private _reportFailure(error: unknown): void {
    if (this._failureReported) return;
    this._failureReported = true;
    diag.error(`sightline: log sampling failed (reported once): ${error instanceof Error ? error.stack : String(error)}`);
  }
}
