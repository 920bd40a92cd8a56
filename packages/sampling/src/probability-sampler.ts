import { diag, isSpanContextValid, trace, type Attributes, type Context, type SpanKind, type TraceState } from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';
import { explicitRandomness, otValue, withThreshold } from './internal/ot-trace-state.js';
import { isValidRandomness, traceKept } from './internal/randomness.js';
import { OT_THRESHOLD_SUBKEY, TRACE_FLAG_RANDOM } from './semconv.js';
import type { SettingsStore } from './settings-store.js';
import { matchSpanRule } from './span-rules.js';

/**
 * The specification's `ProbabilitySampler` (trace/sdk.md): keeps a span when its trace's randomness R
 * (`rv` of the parent's `ot` trace state, else the trace id's rightmost 56 bits) is at least the
 * threshold T = 2^56 - round(p * 2^56), and then writes `ot=th:T` into the trace state; a dropped span
 * has `th` erased. It ignores the parent's sampled flag (wrap it in `ParentBasedSampler` to follow it).
 *
 * p is the first matching span rule's ratio, else the settings' root probability; it is read from the
 * settings store at every decision, so run-time updates apply to the next span.
 */
export class ProbabilitySampler implements Sampler {
  private _warnedNotRandom = false;
  /** The trace state of the last sampled root span: roots sampled at one probability share it. */
  private _rootState: TraceState | undefined;

  /**
   * @param recordDroppedLocalRoots return RECORD instead of NOT_RECORD for a dropped span without a local
   *   parent, so span processors still see the trace's local root start and end (error-triggered
   *   retention needs it); exporters skip spans that are not sampled.
   */
  constructor(
    private readonly _store: SettingsStore,
    private readonly _recordDroppedLocalRoots: boolean,
  ) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    _spanKind: SpanKind,
    attributes: Attributes,
  ): SamplingResult {
    const settings = this._store.current;
    const parent = trace.getSpanContext(context);
    const hasParent = parent !== undefined && isSpanContextValid(parent);
    const state: TraceState | undefined = hasParent ? parent.traceState : undefined;
    const chosen =
      (settings.enabled && settings.compiledSpanRules.length > 0 && matchSpanRule(settings.compiledSpanRules, spanName, attributes)) ||
      settings.rootProbability;
    const rv = explicitRandomness(state);
    if (hasParent && parent.isRemote && (parent.traceFlags & TRACE_FLAG_RANDOM) === 0 && !(rv !== undefined && isValidRandomness(rv))) {
      this._warnPresumedRandom();
    }
    if (traceKept(traceId, rv, chosen)) {
      return { decision: SamplingDecision.RECORD_AND_SAMPLED, traceState: this._sampledState(state, chosen.th) };
    }
    const localRoot = !hasParent || parent.isRemote === true;
    return {
      decision: this._recordDroppedLocalRoots && localRoot ? SamplingDecision.RECORD : SamplingDecision.NOT_RECORD,
      traceState: withThreshold(state, undefined),
    };
  }

  toString(): string {
    return `ProbabilitySampler{${this._store.current.rootProbability.value}}`;
  }

  /** `state` with `th` set; for a root span (no state), one immutable trace state per `th` is reused. */
  private _sampledState(state: TraceState | undefined, th: string | undefined): TraceState | undefined {
    if (state !== undefined) return withThreshold(state, th);
    if (this._rootState === undefined || otValue(this._rootState) !== `${OT_THRESHOLD_SUBKEY}:${th}`) {
      this._rootState = withThreshold(undefined, th);
    }
    return this._rootState;
  }

  /** The compatibility warning the specification asks for, once per sampler. */
  private _warnPresumedRandom(): void {
    if (this._warnedNotRandom) return;
    this._warnedNotRandom = true;
    diag.warn(
      'sightline: the ProbabilitySampler sampler is presuming TraceIDs are random and expects the Trace random flag to be set in confirmation. Please upgrade your caller(s) to use W3C Trace Context Level 2.',
    );
  }
}
