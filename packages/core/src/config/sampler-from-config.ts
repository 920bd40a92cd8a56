import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { enumParser, fromEnv, isRecord, pick, ratioParser, report, show } from './env-readers.js';

/** The `OTEL_TRACES_SAMPLER` values we build. */
export const SAMPLER_NAMES = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

export type SamplerName = (typeof SAMPLER_NAMES)[number];

export const DEFAULT_SAMPLER: SamplerName = 'parentbased_always_on';
export const DEFAULT_SAMPLER_RATIO = 1;

/** Which sampler the configuration asks for. */
export interface SamplerSetting {
  readonly name: SamplerName;
  /** Used by the ratio samplers only. */
  readonly ratio: number;
}

/** Builds the sampler for a setting. The ratio samplers are the one place a later sampler plugs in. */
export function createSampler(setting: SamplerSetting): Sampler {
  switch (setting.name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(setting.ratio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(setting.ratio) });
  }
}

const samplerNameParser = enumParser(SAMPLER_NAMES);

/**
 * `OTEL_TRACES_SAMPLER` and, for the ratio samplers only, `OTEL_TRACES_SAMPLER_ARG`
 * (unset means 1.0, as the specification says).
 */
export function samplerSettingFromEnv(env: NodeJS.ProcessEnv, problems: string[]): SamplerSetting {
  const name = pick([fromEnv(env, 'OTEL_TRACES_SAMPLER', samplerNameParser)], DEFAULT_SAMPLER, problems);
  if (name !== 'traceidratio' && name !== 'parentbased_traceidratio') return { name, ratio: DEFAULT_SAMPLER_RATIO };
  const ratio = pick([fromEnv(env, 'OTEL_TRACES_SAMPLER_ARG', ratioParser)], DEFAULT_SAMPLER_RATIO, problems, (r) =>
    r === 1 ? '1.0' : String(r),
  );
  return { name, ratio };
}

function isSampler(value: unknown): value is Sampler {
  return isRecord(value) && typeof value.shouldSample === 'function';
}

/** `options.sampler` when it is a sampler, else the one the environment asks for. */
export function samplerFromConfig(option: unknown, env: NodeJS.ProcessEnv, problems: string[]): Sampler {
  if (option !== undefined) {
    if (isSampler(option)) return option;
    report(
      problems,
      `options.sampler=${show(option)} is not valid: expected a Sampler (an object with shouldSample()); using the sampler from OTEL_TRACES_SAMPLER`,
    );
  }
  return createSampler(samplerSettingFromEnv(env, problems));
}
