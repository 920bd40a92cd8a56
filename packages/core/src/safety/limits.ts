import { ENV_VARS } from '../config/env-table.js';
/** The attribute limits that bound the work done for one API call. */
export interface AttributeLimits {
  /** Most attributes kept per record; the rest are left out (and counted) before any work is done on them. */
  readonly countLimit: number;
  /** Longest string (in UTF-16 units) or byte array kept as an attribute value; longer ones are cut. */
  readonly valueLengthLimit: number;
}

/** The OpenTelemetry defaults: 128 attributes, no length limit. */
export const DEFAULT_ATTRIBUTE_LIMITS: AttributeLimits = { countLimit: 128, valueLengthLimit: Number.POSITIVE_INFINITY };

/**
 * Most values visited inside nested attribute values (array elements, map entries, at every depth) by one
 * API call, all its attributes together; past it the rest of the value is cut and counted (`nested_limit`).
 * The OpenTelemetry SDK has no such bound: it walks a whole nested value before applying any limit.
 */
export const MAX_NESTED_VALUES = 10_000;

/** Deepest nesting kept inside one attribute value; deeper parts are cut and counted (`nested_limit`). */
export const MAX_NESTING_DEPTH = 32;

/** Longest span name, event name or security event name kept; longer ones are cut and counted (`coerced`). */
export const MAX_NAME_LENGTH = 1024;

/** A variable's value when it is a positive number (the way `@opentelemetry/sdk-node` reads limits), else `undefined`. */
export function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * The log record limits the OpenTelemetry SDK applies (`OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT`, else
 * `OTEL_ATTRIBUTE_COUNT_LIMIT`, else 128; `OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT`, else
 * `OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`, else none), read the way `@opentelemetry/sdk-node` reads them (a value
 * that is not a positive number is ignored), so that the logger facade applies them before the SDK's work.
 */
export function logRecordLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): AttributeLimits {
  return {
    countLimit:
      positive(env, 'OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT') ?? positive(env, 'OTEL_ATTRIBUTE_COUNT_LIMIT') ?? ENV_VARS.OTEL_ATTRIBUTE_COUNT_LIMIT.default,
    valueLengthLimit:
      positive(env, 'OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT') ??
      positive(env, 'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT') ??
      DEFAULT_ATTRIBUTE_LIMITS.valueLengthLimit,
  };
}
