import type { LogCounts, SeverityClass } from '../types.js';

/** Sets an own property, so that a key like `__proto__` is kept as data. */
function setOwn(into: Record<string, number>, key: string, value: number): void {
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
}

function subtractRecord(current: Record<string, number>, baseline: Record<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [key, value] of Object.entries(current)) {
    const delta = value - (Object.hasOwn(baseline, key) ? baseline[key] : 0);
    if (delta > 0) setOwn(result, key, delta);
  }
  return result;
}

/** The counts between two readings of the same counter (`baseline` taken first). */
export function subtractLogCounts(current: LogCounts, baseline: LogCounts | undefined): LogCounts {
  if (baseline === undefined) return current;
  const byLevel = { ...current.byLevel };
  for (const level of Object.keys(byLevel) as SeverityClass[]) byLevel[level] -= baseline.byLevel[level];
  return {
    total: current.total - baseline.total,
    byLevel,
    byCategory: subtractRecord(current.byCategory, baseline.byCategory),
    byComponent: subtractRecord(current.byComponent, baseline.byComponent),
    folded: current.folded - baseline.folded,
  };
}
