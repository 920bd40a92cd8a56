import type { HrTime } from '@opentelemetry/api';
import { types } from 'node:util';

const dateTime = Date.prototype.getTime;

/** Whether `value` is a `[seconds, nanoseconds]` pair of finite, non-negative numbers. */
export function isValidHrTime(value: unknown): value is HrTime {
  if (!Array.isArray(value) || types.isProxy(value) || value.length !== 2) return false;
  let seconds: unknown;
  let nanos: unknown;
  try {
    seconds = (value as unknown[])[0];
    nanos = (value as unknown[])[1];
  } catch {
    return false;
  }
  return typeof seconds === 'number' && typeof nanos === 'number' && Number.isFinite(seconds) && Number.isFinite(nanos) && seconds >= 0 && nanos >= 0;
}

/**
 * What the SDK makes of a `TimeInput` argument: `'none'` (undefined), `'valid'` (a finite number, a Date with
 * a finite time, a finite `[seconds, nanoseconds]` pair: the SDK turns it into a finite timestamp), `'invalid'`
 * (a time the SDK would take but turn into NaN, which makes an OTLP/JSON export of the batch fail), or
 * `'other'` (not a time input at all). Never throws, reads no user getter.
 */
export function classifyTime(value: unknown): 'none' | 'valid' | 'invalid' | 'other' {
  if (value === undefined) return 'none';
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? 'valid' : 'invalid';
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return 'other';
  if (types.isDate(value)) return Number.isFinite(dateTime.call(value)) ? 'valid' : 'invalid';
  try {
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
      return isValidHrTime(value) ? 'valid' : 'invalid';
    }
  } catch {
    // An array with a throwing index getter: the SDK would throw on it too.
    return 'invalid';
  }
  return 'other';
}
