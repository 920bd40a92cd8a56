import type { AlertOptions, AuditTrailOptions, BreadcrumbsOptions } from '@sightline/audit';
import type { RedactorOptions } from '@sightline/redaction';
import { fromOption, fromVar, pick, pickVar, type ConfigSources } from './candidates.js';
import { ENV_VARS } from './env-table.js';
import { isRecord } from './option-values.js';
import { report, show } from './problem-lines.js';
import { samplerSettingFromEnv, type SamplerSetting } from './sampler-from-config.js';
import { booleanParser } from './value-parsers.js';

/** Sampling settings as `@sightline/sampling`'s `samplingOptionsFromConfig` takes them. */
export interface ResolvedSampling {
  /** `SIGHTLINE_SAMPLING_RATIO` or `options.samplingRatio`: both signals. Unset: keep everything. */
  samplingRatio?: number;
  /** `SIGHTLINE_LOG_RATE_LIMIT` or `options.logRateLimit`: kept log records per second. Unset: no budget. */
  logRateLimit?: number;
  /** `OTEL_TRACES_SAMPLER` / `_ARG`, only when the variable is set. */
  tracesSampler?: SamplerSetting;
}

/** The settings of the features the other Sightline packages bring, resolved once. */
export interface ResolvedFeatures {
  sampling: ResolvedSampling;
  /** Redactor options (`mode` from `SIGHTLINE_REDACTION`, `hashKey` from `hmacKey`), or `false` for off. */
  redaction: RedactorOptions | false;
  /** Key of every keyed hash (audit-trail HMAC, API-key digests, pseudonyms); `SIGHTLINE_HMAC_KEY`. Unset: a random key per process. */
  hmacKey: string | undefined;
  /** The audit trail's file; `SIGHTLINE_AUDIT_FILE` or `options.auditTrail.file`. Unset: no trail. */
  auditFile: string | undefined;
  /** The audit trail's other options (rotation size, fsync policy, selection), as given. */
  auditTrail: Partial<Omit<AuditTrailOptions, 'key' | 'file'>>;
  /** `logs` (default) or `logs/dup` (also span exception events), from `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN`. */
  exceptionSignal: 'logs' | 'logs/dup';
  /** Record uncaught exceptions and unhandled rejections, flushed before the process goes down. Default true. */
  captureCrashes: boolean;
  /** Breadcrumbs on error records, or `false`. Default on with the package's bounds. */
  breadcrumbs: BreadcrumbsOptions | false;
  /** The alert hook, when configured. */
  alert: AlertOptions | undefined;
}

function objectOrFalse<T>(path: string, raw: unknown, problems: string[]): T | false | undefined {
  if (raw === undefined || raw === false) return raw;
  if (raw === true) return {} as T;
  if (isRecord(raw)) return raw as T;
  report(problems, `options.${path}=${show(raw)} is not valid: expected an options object, true or false; using the default`);
  return undefined;
}

/** Resolves {@link ResolvedFeatures} from the options over the environment. Never throws. */
export function resolveFeatures(sources: ConfigSources, problems: string[]): ResolvedFeatures {
  const { options, env } = sources;
  const trail = isRecord(options.auditTrail) ? options.auditTrail : undefined;
  const alert = objectOrFalse<AlertOptions>('alert', options.alert, problems);
  const samplingRatio = pickVar('SIGHTLINE_SAMPLING_RATIO', sources, problems, () => '1 (keep everything)');
  const logRateLimit = pickVar('SIGHTLINE_LOG_RATE_LIMIT', sources, problems, () => 'no rate limit');
  const tracesSampler = samplerSettingFromEnv(env, problems);
  const hmacKey = pickVar('SIGHTLINE_HMAC_KEY', sources, problems, () => 'a random per-process key');
  return {
    redaction: resolveRedaction(options.redaction, env, hmacKey, problems),
    sampling: {
      ...(samplingRatio !== undefined && { samplingRatio }),
      ...(logRateLimit !== undefined && { logRateLimit }),
      ...(tracesSampler !== undefined && { tracesSampler }),
    },
    hmacKey,
    auditFile: pickVar('SIGHTLINE_AUDIT_FILE', sources, problems, () => 'no audit trail'),
    auditTrail: (trail ?? {}) as ResolvedFeatures['auditTrail'],
    exceptionSignal: pickVar('OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN', sources, problems),
    captureCrashes: pick([fromOption('captureCrashes', options.captureCrashes, booleanParser)], true, problems),
    breadcrumbs: objectOrFalse<BreadcrumbsOptions>('breadcrumbs', options.breadcrumbs, problems) ?? {},
    alert: alert === false ? undefined : alert,
  };
}

/** `options.redaction` (an options object or `false`) over `SIGHTLINE_REDACTION=mask|hash|off`. */
function resolveRedaction(
  option: unknown,
  env: NodeJS.ProcessEnv,
  hmacKey: string | undefined,
  problems: string[],
): RedactorOptions | false {
  const given = objectOrFalse<RedactorOptions>('redaction', option, problems);
  if (given === false) return false;
  const mode = pick([fromVar(env, 'SIGHTLINE_REDACTION')], ENV_VARS.SIGHTLINE_REDACTION.default, problems);
  if (given === undefined && mode === 'off') return false;
  const fromEnvMode: RedactorOptions = mode === 'hash' ? { mode: 'hash' } : {};
  const merged: RedactorOptions = { ...fromEnvMode, ...given };
  return merged.mode === 'hash' && merged.hashKey === undefined && hmacKey !== undefined ? { ...merged, hashKey: hmacKey } : merged;
}
