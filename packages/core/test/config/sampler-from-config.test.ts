import { AlwaysOnSampler } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { SAMPLER_NAMES } from '../../src/config/env-table.js';
import { samplerOption, samplerSettingFromEnv } from '../../src/config/sampler-from-config.js';

function settingFor(env: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  return { setting: samplerSettingFromEnv(env, problems), problems };
}

describe('OTEL_TRACES_SAMPLER', () => {
  it('is left to the sampling package when unset', () => {
    expect(settingFor({})).toEqual({ setting: undefined, problems: [] });
  });

  it('covers every accepted name, case-insensitively and trimmed', () => {
    for (const name of SAMPLER_NAMES) {
      expect(settingFor({ OTEL_TRACES_SAMPLER: ` ${name.toUpperCase()} ` }).setting?.name).toBe(name);
    }
  });

  it('uses OTEL_TRACES_SAMPLER_ARG as the ratio of the ratio samplers', () => {
    expect(settingFor({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).setting).toEqual({
      name: 'traceidratio',
      ratio: 0.25,
    });
    expect(settingFor({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' }).setting?.ratio).toBe(1);
  });

  it('ignores OTEL_TRACES_SAMPLER_ARG for samplers without a ratio', () => {
    expect(settingFor({ OTEL_TRACES_SAMPLER: 'always_off', OTEL_TRACES_SAMPLER_ARG: 'junk' })).toEqual({
      setting: { name: 'always_off', ratio: 1 },
      problems: [],
    });
  });

  it('reports an invalid ratio once and uses 1.0', () => {
    const { setting, problems } = settingFor({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' });
    expect(setting?.ratio).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('OTEL_TRACES_SAMPLER_ARG');
  });

  it('reports an unknown sampler once and leaves the default', () => {
    const { setting, problems } = settingFor({ OTEL_TRACES_SAMPLER: 'jaeger_remote' });
    expect(setting).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/OTEL_TRACES_SAMPLER="jaeger_remote".*always_on\|always_off/);
  });

  it('reaches the sampling settings through resolveConfig', () => {
    const { config } = resolveConfig({}, { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' });
    expect(config.features.sampling.tracesSampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.1 });
  });
});

describe('SIGHTLINE_SAMPLING_RATIO and SIGHTLINE_LOG_RATE_LIMIT', () => {
  it('are read, and options win', () => {
    const env = { SIGHTLINE_SAMPLING_RATIO: '0.1', SIGHTLINE_LOG_RATE_LIMIT: '1000' };
    expect(resolveConfig({}, env).config.features.sampling).toEqual({ samplingRatio: 0.1, logRateLimit: 1000 });
    expect(resolveConfig({ samplingRatio: 0.5 }, env).config.features.sampling.samplingRatio).toBe(0.5);
  });

  it.each([
    ['SIGHTLINE_SAMPLING_RATIO', '1.5'],
    ['SIGHTLINE_SAMPLING_RATIO', 'half'],
    ['SIGHTLINE_LOG_RATE_LIMIT', '-1'],
    ['SIGHTLINE_LOG_RATE_LIMIT', 'fast'],
  ])('%s=%s gives one problem line and no setting', (name, value) => {
    const { config, problems } = resolveConfig({}, { [name]: value });
    expect(config.features.sampling).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });
});

describe('options.sampler', () => {
  it('is used when it is a sampler', () => {
    const sampler = new AlwaysOnSampler();
    expect(samplerOption(sampler, [])).toBe(sampler);
  });

  it('reports a non-sampler', () => {
    const problems: string[] = [];
    expect(samplerOption({ not: 'a sampler' }, problems)).toBeUndefined();
    expect(problems).toHaveLength(1);
  });
});
