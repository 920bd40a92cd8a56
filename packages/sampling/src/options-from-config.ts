import type { SamplingOptions } from './types.js';

/** The `OTEL_TRACES_SAMPLER` values. */
export type OtelSamplerName =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';

/** Configuration values, already read and validated by the caller (core owns the environment). */
export interface SamplingConfigValues {
  /** `SIGHTLINE_SAMPLING_RATIO` (0..1), when set. */
  samplingRatio?: number;
  /** `SIGHTLINE_LOG_RATE_LIMIT` (records per second), when set. */
  logRateLimit?: number;
  /**
   * `OTEL_TRACES_SAMPLER` when it is set (not its default), with `ratio` from `OTEL_TRACES_SAMPLER_ARG`
   * (1 when unset) — used by the two `traceidratio` samplers only.
   */
  tracesSampler?: { name: OtelSamplerName; ratio: number };
}

/**
 * The {@link SamplingOptions} that configuration values ask for. Precedence, most specific first:
 *
 * - `ratio` (both signals): `SIGHTLINE_SAMPLING_RATIO`, else the `traceidratio` samplers' argument, else 1;
 * - traces: `OTEL_TRACES_SAMPLER` chooses parent-based or not, `always_on` / `always_off` pin the trace
 *   ratio to 1 / 0, and a `traceidratio` argument that differs from `SIGHTLINE_SAMPLING_RATIO` pins the
 *   trace ratio to the argument (logs keep `SIGHTLINE_SAMPLING_RATIO`);
 * - `traceidratio` is the consistent ProbabilitySampler, as the specification now defines it.
 */
export function samplingOptionsFromConfig(values: SamplingConfigValues): SamplingOptions {
  const { samplingRatio, logRateLimit, tracesSampler } = values;
  const options: SamplingOptions = {};
  if (logRateLimit !== undefined) options.rateLimit = logRateLimit;
  if (tracesSampler === undefined) {
    if (samplingRatio !== undefined) options.ratio = samplingRatio;
    return options;
  }
  const { name, ratio: argument } = tracesSampler;
  options.parentBased = name.startsWith('parentbased_');
  if (name.endsWith('always_on')) options.traceRatio = 1;
  else if (name.endsWith('always_off')) options.traceRatio = 0;
  else if (samplingRatio !== undefined && samplingRatio !== argument) options.traceRatio = argument;
  options.ratio = samplingRatio ?? (name.endsWith('traceidratio') ? argument : 1);
  return options;
}
