import type { Sampler } from '@opentelemetry/sdk-trace';
import { fromVar, pick } from './candidates.js';
import { ENV_VARS, type SAMPLER_NAMES } from './env-table.js';
import { isRecord } from './option-values.js';
import { report, show } from './problem-lines.js';

export type SamplerName = (typeof SAMPLER_NAMES)[number];

const DEFAULT_SAMPLER_RATIO = ENV_VARS.OTEL_TRACES_SAMPLER_ARG.default;

/** Which sampler the environment asks for; `@sightline/sampling` builds it (consistent probability sampling). */
export interface SamplerSetting {
  readonly name: SamplerName;
  /** `OTEL_TRACES_SAMPLER_ARG`; used by the ratio samplers only. */
  readonly ratio: number;
}

/**
 * `OTEL_TRACES_SAMPLER` and, for the ratio samplers only, `OTEL_TRACES_SAMPLER_ARG` (unset means 1.0, as
 * the specification says). `undefined` when the variable is unset or invalid: the sampling package's
 * default (parent-based, the `SIGHTLINE_SAMPLING_RATIO` ratio) then applies.
 */
export function samplerSettingFromEnv(env: NodeJS.ProcessEnv, problems: string[]): SamplerSetting | undefined {
  const name = pick<SamplerName | undefined>(
    [fromVar(env, 'OTEL_TRACES_SAMPLER')],
    undefined,
    problems,
    () => 'parentbased_always_on',
  );
  if (name === undefined) return undefined;
  if (name !== 'traceidratio' && name !== 'parentbased_traceidratio') return { name, ratio: DEFAULT_SAMPLER_RATIO };
  const ratio = pick([fromVar(env, 'OTEL_TRACES_SAMPLER_ARG')], DEFAULT_SAMPLER_RATIO, problems, (r) =>
    r === 1 ? '1.0' : String(r),
  );
  return { name, ratio };
}

function isSampler(value: unknown): value is Sampler {
  return isRecord(value) && typeof value.shouldSample === 'function';
}

/** `options.sampler` when it is a sampler; it then replaces the sampling package's trace sampler. */
export function samplerOption(option: unknown, problems: string[]): Sampler | undefined {
  if (option === undefined || isSampler(option)) return option;
  report(
    problems,
    `options.sampler=${show(option)} is not valid: expected a Sampler (an object with shouldSample()); using the consistent probability sampler`,
  );
  return undefined;
}
