import { describe, expect, it } from 'vitest';
import { subtractLogCounts } from '../../src/internal/log-counts.js';
import type { LogCounts } from '../../src/types.js';

const levels = (info: number, error: number) => ({ trace: 0, debug: 0, info, warn: 0, error, fatal: 0, unspecified: 0 });

describe('subtractLogCounts', () => {
  it('gives the counts since the baseline, leaving out keys that did not grow', () => {
    const before: LogCounts = { total: 3, byLevel: levels(2, 1), byCategory: { app: 3 }, byComponent: { e: 1 }, folded: 0 };
    const after: LogCounts = { total: 6, byLevel: levels(4, 2), byCategory: { app: 3, llm: 3 }, byComponent: { e: 1, f: 2 }, folded: 1 };
    expect(subtractLogCounts(after, before)).toEqual({ total: 3, byLevel: levels(2, 1), byCategory: { llm: 3 }, byComponent: { f: 2 }, folded: 1 });
    expect(subtractLogCounts(after, undefined)).toBe(after);
  });
});
