import { describe, expect, it } from 'vitest';
import { samplingOptionsFromConfig, type OtelSamplerName } from '../src/options-from-config.js';

describe('samplingOptionsFromConfig', () => {
  it('leaves everything at its default when nothing is set', () => {
    expect(samplingOptionsFromConfig({})).toEqual({});
  });

  it('takes SIGHTLINE_SAMPLING_RATIO for both signals and SIGHTLINE_LOG_RATE_LIMIT for logs', () => {
    expect(samplingOptionsFromConfig({ samplingRatio: 0.1, logRateLimit: 1000 })).toEqual({ ratio: 0.1, rateLimit: 1000 });
  });

  it('maps OTEL_TRACES_SAMPLER, with traceidratio as the consistent ProbabilitySampler', () => {
    const map = (name: OtelSamplerName, ratio = 1) => samplingOptionsFromConfig({ tracesSampler: { name, ratio } });
    expect(map('parentbased_traceidratio', 0.25)).toEqual({ parentBased: true, ratio: 0.25 });
    expect(map('traceidratio', 0.25)).toEqual({ parentBased: false, ratio: 0.25 });
    expect(map('parentbased_always_on')).toEqual({ parentBased: true, traceRatio: 1, ratio: 1 });
    expect(map('always_on')).toEqual({ parentBased: false, traceRatio: 1, ratio: 1 });
    expect(map('parentbased_always_off')).toEqual({ parentBased: true, traceRatio: 0, ratio: 1 });
    expect(map('always_off')).toEqual({ parentBased: false, traceRatio: 0, ratio: 1 });
  });

  it('lets the more specific setting win: the sampler argument for traces, SIGHTLINE_SAMPLING_RATIO for logs', () => {
    expect(samplingOptionsFromConfig({ samplingRatio: 0.1, tracesSampler: { name: 'parentbased_traceidratio', ratio: 0.5 } })).toEqual({
      parentBased: true,
      ratio: 0.1,
      traceRatio: 0.5,
    });
    expect(samplingOptionsFromConfig({ samplingRatio: 0.5, tracesSampler: { name: 'parentbased_traceidratio', ratio: 0.5 } })).toEqual({
      parentBased: true,
      ratio: 0.5,
    });
    expect(samplingOptionsFromConfig({ samplingRatio: 0.1, tracesSampler: { name: 'always_on', ratio: 1 } })).toEqual({
      parentBased: false,
      ratio: 0.1,
      traceRatio: 1,
    });
  });
});
