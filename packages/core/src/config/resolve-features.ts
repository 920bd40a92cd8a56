import type { AlertOptions, AuditTrailOptions, BreadcrumbsOptions } from '@sightline/audit';
import type { RedactorOptions } from '@sightline/redaction';
import type { BootstrapOptions } from '../types.js';
import {
  booleanParser,
  enumParser,
  fromEnv,
  fromOption,
  isRecord,
  nonEmptyStringParser,
  numberParser,
  pick,
  ratioParser,
  report,
  show,
} from './env-readers.js';
import { samplerSettingFromEnv, type SamplerSetting } from './sampler-from-config.js';

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

const EXCEPTION_SIGNALS = ['logs', 'logs/dup'] as const;
const REDACTION_MODES = ['mask', 'hash', 'off'] as const;

/** A rate in records per second: a finite number >= 0 (0 keeps only the always-kept records). */
const rateParser = numberParser(0, 1e9);

function objectOrFalse<T>(path: string, raw: unknown, problems: string[]): T | false | undefined {
  if (raw === undefined || raw === false) return raw;
  if (raw === true) return {} as T;
  if (isRecord(raw)) return raw as T;
  report(problems, `options.${path}=${show(raw)} is not valid: expected an options object, true or false; using the default`);
  return undefined;
}

/** Resolves {@link ResolvedFeatures} from the options over the environment. Never throws. */
export function resolveFeatures(options: BootstrapOptions, env: NodeJS.ProcessEnv, problems: string[]): ResolvedFeatures {
  const trail = isRecord(options.auditTrail) ? options.auditTrail : undefined;
  const alert = objectOrFalse<AlertOptions>('alert', options.alert, problems);
  const samplingRatio = pick<number | undefined>(
    [fromOption('samplingRatio', options.samplingRatio, ratioParser), fromEnv(env, 'SIGHTLINE_SAMPLING_RATIO', ratioParser)],
    undefined,
    problems,
    () => '1 (keep everything)',
  );
  const logRateLimit = pick<number | undefined>(
    [fromOption('logRateLimit', options.logRateLimit, rateParser), fromEnv(env, 'SIGHTLINE_LOG_RATE_LIMIT', rateParser)],
    undefined,
    problems,
    () => 'no rate limit',
  );
  const tracesSampler = samplerSettingFromEnv(env, problems);
  const hmacKey = pick<string | undefined>(
    [fromOption('hmacKey', options.hmacKey, nonEmptyStringParser), fromEnv(env, 'SIGHTLINE_HMAC_KEY', nonEmptyStringParser)],
    undefined,
    problems,
    () => 'a random per-process key',
  );
  return {
    redaction: resolveRedaction(options.redaction, env, hmacKey, problems),
    sampling: {
      ...(samplingRatio !== undefined && { samplingRatio }),
      ...(logRateLimit !== undefined && { logRateLimit }),
      ...(tracesSampler !== undefined && { tracesSampler }),
    },
    hmacKey,
    auditFile: pick<string | undefined>(
      [fromOption('auditTrail.file', trail?.file, nonEmptyStringParser), fromEnv(env, 'SIGHTLINE_AUDIT_FILE', nonEmptyStringParser)],
      undefined,
      problems,
      () => 'no audit trail',
    ),
    auditTrail: trail ?? {},
    exceptionSignal: pick([fromEnv(env, 'OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN', enumParser(EXCEPTION_SIGNALS))], 'logs', problems),
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
  const mode = pick([fromEnv(env, 'SIGHTLINE_REDACTION', enumParser(REDACTION_MODES))], 'mask', problems);
  if (given === undefined && mode === 'off') return false;
  const fromEnvMode: RedactorOptions = mode === 'hash' ? { mode: 'hash' } : {};
  const merged: RedactorOptions = { ...fromEnvMode, ...given };
  return merged.mode === 'hash' && merged.hashKey === undefined && hmacKey !== undefined ? { ...merged, hashKey: hmacKey } : merged;
}
