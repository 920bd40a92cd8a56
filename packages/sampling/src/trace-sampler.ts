import { AlwaysOffSampler, createAlwaysRecordSampler, ParentBasedSampler, type Sampler } from '@opentelemetry/sdk-trace';
import { ParentThresholdSampler } from './parent-threshold-sampler.js';
import { ProbabilitySampler } from './probability-sampler.js';
import type { SettingsStore } from './settings-store.js';

/** How the trace sampler is put together; fixed at creation. */
export interface TraceSamplerShape {
  /** ParentBased around the ProbabilitySampler, or the ProbabilitySampler for every span. */
  readonly parentBased: boolean;
  /** Record (without sampling) the local roots of dropped traces, so retention sees them end. */
  readonly recordDroppedLocalRoots: boolean;
}

/**
 * The trace sampler: `ParentBased{root=ProbabilitySampler}` (the specification's recommended head
 * sampling), where a sampled remote parent's threshold is checked before it is propagated, and a local
 * sampled parent's trace state is inherited unchanged.
 */
export function createTraceSampler(store: SettingsStore, shape: TraceSamplerShape): Sampler {
  const root = new ProbabilitySampler(store, shape.recordDroppedLocalRoots);
  if (!shape.parentBased) return root;
  return new ParentBasedSampler({
    root,
    remoteParentSampled: new ParentThresholdSampler(),
    remoteParentNotSampled: shape.recordDroppedLocalRoots
      ? createAlwaysRecordSampler(new AlwaysOffSampler())
      : new AlwaysOffSampler(),
  });
}
