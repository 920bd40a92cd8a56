import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { createSampler, samplerFromConfig, SAMPLER_NAMES } from '../../src/config/sampler-from-config.js';

const PARENT_BASED_TAIL =
  'remoteParentSampled=AlwaysOnSampler, remoteParentNotSampled=AlwaysOffSampler, localParentSampled=AlwaysOnSampler, localParentNotSampled=AlwaysOffSampler}';

function samplerFor(env: NodeJS.ProcessEnv): { sampler: Sampler; problems: string[] } {
  const problems: string[] = [];
  return { sampler: samplerFromConfig(undefined, env, problems), problems };
}

describe('sampler from OTEL_TRACES_SAMPLER', () => {
  it('defaults to parent-based always-on', () => {
    const { sampler, problems } = samplerFor({});
    expect(sampler).toBeInstanceOf(ParentBasedSampler);
    expect(sampler.toString()).toBe(`ParentBased{root=AlwaysOnSampler, ${PARENT_BASED_TAIL}`);
    expect(problems).toEqual([]);
  });

  it.each([
    ['always_on', AlwaysOnSampler, 'AlwaysOnSampler'],
    ['always_off', AlwaysOffSampler, 'AlwaysOffSampler'],
    ['traceidratio', TraceIdRatioBasedSampler, 'TraceIdRatioBased{1}'],
    ['parentbased_always_on', ParentBasedSampler, `ParentBased{root=AlwaysOnSampler, ${PARENT_BASED_TAIL}`],
    ['parentbased_always_off', ParentBasedSampler, `ParentBased{root=AlwaysOffSampler, ${PARENT_BASED_TAIL}`],
    ['parentbased_traceidratio', ParentBasedSampler, `ParentBased{root=TraceIdRatioBased{1}, ${PARENT_BASED_TAIL}`],
  ])('%s builds the real SDK sampler', (name, cls, text) => {
    const { sampler, problems } = samplerFor({ OTEL_TRACES_SAMPLER: name });
    expect(sampler).toBeInstanceOf(cls);
    expect(sampler.toString()).toBe(text);
    expect(problems).toEqual([]);
  });

  it('covers every accepted name', () => {
    expect([...SAMPLER_NAMES]).toEqual([
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ]);
  });

  it('is case-insensitive and trimmed', () => {
    expect(samplerFor({ OTEL_TRACES_SAMPLER: '  Always_Off ' }).sampler).toBeInstanceOf(AlwaysOffSampler);
  });

  it('uses OTEL_TRACES_SAMPLER_ARG as the ratio', () => {
    expect(samplerFor({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).sampler.toString()).toBe(
      'TraceIdRatioBased{0.25}',
    );
    expect(
      samplerFor({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: ' 0 ' }).sampler.toString(),
    ).toBe(`ParentBased{root=TraceIdRatioBased{0}, ${PARENT_BASED_TAIL}`);
  });

  it.each(['1.5', '-0.1', 'half', 'NaN', '0x1'])('reports OTEL_TRACES_SAMPLER_ARG=%j and uses 1.0', (arg) => {
    const { sampler, problems } = samplerFor({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: arg });
    expect(sampler.toString()).toBe('TraceIdRatioBased{1}');
    expect(problems).toEqual([
      `OTEL_TRACES_SAMPLER_ARG=${JSON.stringify(arg)} is not valid: expected a number from 0 to 1; using 1.0`,
    ]);
  });

  it('ignores OTEL_TRACES_SAMPLER_ARG for samplers without a ratio', () => {
    const { sampler, problems } = samplerFor({ OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_SAMPLER_ARG: 'garbage' });
    expect(sampler).toBeInstanceOf(AlwaysOnSampler);
    expect(problems).toEqual([]);
  });

  it('reports an unknown sampler once and uses the default', () => {
    const { sampler, problems } = samplerFor({ OTEL_TRACES_SAMPLER: 'jaeger_remote', OTEL_TRACES_SAMPLER_ARG: '0.5' });
    expect(sampler.toString()).toBe(`ParentBased{root=AlwaysOnSampler, ${PARENT_BASED_TAIL}`);
    expect(problems).toEqual([
      'OTEL_TRACES_SAMPLER="jaeger_remote" is not valid: expected always_on|always_off|traceidratio|parentbased_always_on|parentbased_always_off|parentbased_traceidratio; using "parentbased_always_on"',
    ]);
  });
});

describe('options.sampler', () => {
  it('wins over the environment, which is then not read', () => {
    const mine = new AlwaysOffSampler();
    const problems: string[] = [];
    expect(samplerFromConfig(mine, { OTEL_TRACES_SAMPLER: 'nonsense' }, problems)).toBe(mine);
    expect(problems).toEqual([]);
  });

  it('reports a non-sampler and falls back to the environment', () => {
    const problems: string[] = [];
    const sampler = samplerFromConfig({ sample: true }, { OTEL_TRACES_SAMPLER: 'always_off' }, problems);
    expect(sampler).toBeInstanceOf(AlwaysOffSampler);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^options\.sampler=.* is not valid: expected a Sampler/);
  });

  it('is what resolveConfig returns', () => {
    const mine = new AlwaysOnSampler();
    expect(resolveConfig({ sampler: mine }, {}).config.sampler).toBe(mine);
    expect(resolveConfig({}, { OTEL_TRACES_SAMPLER: 'always_off' }).config.sampler).toBeInstanceOf(AlwaysOffSampler);
  });
});

describe('createSampler', () => {
  it('builds a ratio sampler from a setting', () => {
    expect(createSampler({ name: 'traceidratio', ratio: 0.1 }).toString()).toBe('TraceIdRatioBased{0.1}');
  });
});
