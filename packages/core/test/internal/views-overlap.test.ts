import { AggregationType, InstrumentType } from '@opentelemetry/sdk-metrics';
import { sightlineViews } from '@sightline/metrics';
import { describe, expect, it } from 'vitest';
import { mayReselect } from '../../src/internal/views-overlap.js';

const ours = sightlineViews();

describe('mayReselect', () => {
  it('is false for no views and for views of other instruments or types', () => {
    expect(mayReselect([], ours)).toBe(false);
    expect(mayReselect([{ instrumentName: 'http.server.request.duration' }], ours)).toBe(false);
    expect(mayReselect([{ instrumentName: 'gen_ai.*', instrumentType: InstrumentType.COUNTER }], ours)).toBe(false);
    expect(mayReselect([{ instrumentName: 'gen_ai.client.operation.duration.extra' }], ours)).toBe(false);
  });

  it('is true for a view naming one of the histograms, a pattern matching one, or no name', () => {
    expect(mayReselect([{ instrumentName: 'gen_ai.client.token.usage', aggregation: { type: AggregationType.DROP } }], ours)).toBe(true);
    expect(mayReselect([{ instrumentName: 'mcp.*' }], ours)).toBe(true);
    expect(mayReselect([{ instrumentName: '*.operation.duration' }], ours)).toBe(true);
    expect(mayReselect([{ instrumentType: InstrumentType.HISTOGRAM, aggregation: { type: AggregationType.DROP } }], ours)).toBe(true);
    expect(mayReselect([{ meterName: '@sightline/instrumentation-llm' }], ours)).toBe(true);
  });

  it('reads regular-expression characters in a name literally', () => {
    expect(mayReselect([{ instrumentName: 'gen_ai.client.token.usag(e)' }], ours)).toBe(false);
    expect(mayReselect([{ instrumentName: 'gen_ai+client.token.usage' }], ours)).toBe(false);
  });
});
