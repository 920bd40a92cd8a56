import { trace, type Context } from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';
import { otSubkey, otValue, withThreshold } from './internal/ot-trace-state.js';
import { traceKept } from './internal/randomness.js';
import { parseThreshold } from './internal/threshold.js';
import { OT_RANDOMNESS_SUBKEY, OT_THRESHOLD_SUBKEY } from './semconv.js';

/**
 * For a span whose remote parent is sampled: samples it too and propagates the parent's `th`, unless that
 * threshold is apparently inconsistent (randomness below it, or not a valid value) — then `th` is erased,
 * as the specification's parent-based threshold rules require.
 */
export class ParentThresholdSampler implements Sampler {
  shouldSample(context: Context, traceId: string): SamplingResult {
    const state = trace.getSpanContext(context)?.traceState;
    const ot = otValue(state);
    const th = ot === undefined ? undefined : otSubkey(ot, OT_THRESHOLD_SUBKEY);
    if (ot === undefined || th === undefined) return { decision: SamplingDecision.RECORD_AND_SAMPLED, traceState: state };
    const threshold = parseThreshold(th);
    const consistent = threshold !== undefined && traceKept(traceId, otSubkey(ot, OT_RANDOMNESS_SUBKEY), threshold);
    return {
      decision: SamplingDecision.RECORD_AND_SAMPLED,
      traceState: consistent ? state : withThreshold(state, undefined),
    };
  }

  toString(): string {
    return 'ParentThresholdSampler';
  }
}
