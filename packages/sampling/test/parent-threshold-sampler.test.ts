import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { ParentThresholdSampler } from '../src/parent-threshold-sampler.js';
import { parentContext } from './fixtures/pipelines.js';

describe('ParentThresholdSampler', () => {
  const sampler = new ParentThresholdSampler();
  const decide = (traceId: string, traceState?: string) =>
    sampler.shouldSample(parentContext(traceId, { traceState }), traceId);
  const highR = '0000000000000000008fffffffffffff'; // R >= 2^55: consistent with th:8
  const lowR = '00000000000000000000000000000001';

  it('samples and propagates a consistent parent threshold unchanged', () => {
    const result = decide(highR, 'ot=th:8,vendor=v');
    expect(result.decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(result.traceState?.serialize()).toBe('ot=th:8,vendor=v');
  });

  it('erases an inconsistent or invalid threshold but still follows the parent', () => {
    const inconsistent = decide(lowR, 'ot=th:8;rv:00000000000001');
    expect(inconsistent.decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(inconsistent.traceState?.serialize()).toBe('ot=rv:00000000000001');
    expect(decide(highR, 'ot=th:XYZ').traceState?.serialize()).toBe('');
  });

  it('judges consistency with rv when present', () => {
    expect(decide(lowR, 'ot=th:8;rv:ffffffffffffff').traceState?.get('ot')).toBe('th:8;rv:ffffffffffffff');
  });

  it('leaves a parent without threshold as it is', () => {
    expect(decide(lowR, 'vendor=v').traceState?.serialize()).toBe('vendor=v');
    expect(decide(lowR).traceState).toBeUndefined();
  });
});
