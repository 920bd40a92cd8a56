import type { AlertOptions, AuditTrailOptions, BreadcrumbsOptions } from '@sightline/audit';
import type { BootstrapOptions } from '../types.js';
import { booleanParser, enumParser, fromEnv, fromOption, isRecord, nonEmptyStringParser, pick, report, show } from './env-readers.js';

/** The settings of the features the other Sightline packages bring, resolved once. */
export interface ResolvedFeatures {
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
  return {
    hmacKey: pick<string | undefined>(
      [fromOption('hmacKey', options.hmacKey, nonEmptyStringParser), fromEnv(env, 'SIGHTLINE_HMAC_KEY', nonEmptyStringParser)],
      undefined,
      problems,
      () => 'a random per-process key',
    ),
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
