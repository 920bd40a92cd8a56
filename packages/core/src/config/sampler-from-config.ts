import type { Sampler } from '@opentelemetry/sdk-trace';
import { enumParser, fromEnv, isRecord, pick, ratioParser, report, show } from './env-readers.js';

/** The `OTEL_TRACES_SAMPLER` values honoured. */
export const SAMPLER_NAMES = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

export type SamplerName = (typeof SAMPLER_NAMES)[number];

export const DEFAULT_SAMPLER_RATIO = 1;

/** Which sampler the environment asks for; `@sightline/sampling` builds it (consistent probability sampling). */
export interface SamplerSetting {
  readonly name: SamplerName;
  /** `OTEL_TRACES_SAMPLER_ARG`; used by the ratio samplers only. */
  readonly ratio: number;
}

const samplerNameParser = enumParser(SAMPLER_NAMES);

/**
 * `OTEL_TRACES_SAMPLER` and, for the ratio samplers only, `OTEL_TRACES_SAMPLER_ARG` (unset means 1.0, as
 * the specification says). `undefined` when the variable is unset or invalid: the sampling package's
 * default (parent-based, the `SIGHTLINE_SAMPLING_RATIO` ratio) then applies.
 */
export function samplerSettingFromEnv(env: NodeJS.ProcessEnv, problems: string[]): SamplerSetting | undefined {
  const name = pick<SamplerName | undefined>(
    [fromEnv(env, 'OTEL_TRACES_SAMPLER', samplerNameParser)],
    undefined,
    problems,
    () => 'parentbased_always_on',
  );
  if (name === undefined) return undefined;
  if (name !== 'traceidratio' && name !== 'parentbased_traceidratio') return { name, ratio: DEFAULT_SAMPLER_RATIO };
  const ratio = pick([fromEnv(env, 'OTEL_TRACES_SAMPLER_ARG', ratioParser)], DEFAULT_SAMPLER_RATIO, problems, (r) =>
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
