import { invalidValue, report } from './problem-lines.js';

/** Whether `value` is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own enumerable property, so that even a key like `__proto__` is kept as data. */
export function setOwn<V>(target: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An array option (`options.<path>`), copied; anything else is reported once and replaced by `[]`. */
export function arrayOption<T>(path: string, raw: unknown, problems: string[]): T[] {
  if (raw === undefined) return [];
  if (Array.isArray(raw)) return [...raw] as T[];
  report(problems, invalidValue(`options.${path}`, raw, 'an array', '[]'));
  return [];
}

/** An object option (`options.<path>`), copied; anything else is reported once and replaced by `{}`. */
export function recordOption<T extends object>(path: string, raw: unknown, problems: string[]): T {
  if (raw === undefined) return {} as T;
  if (isRecord(raw)) return { ...raw } as T;
  report(problems, invalidValue(`options.${path}`, raw, 'an object', '{}'));
  return {} as T;
}
