import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatIsoTime, hrDurationToMs, hrTimeToEpochMs } from '../../src/console/time.js';

describe('time helpers', () => {
  it('converts HrTime to epoch milliseconds and durations to 3-decimal ms', () => {
    expect(hrTimeToEpochMs([1, 500_000_000])).toBe(1500);
    expect(hrDurationToMs([0, 12_345_678])).toBe(12.346);
    expect(hrDurationToMs([2, 0])).toBe(2000);
  });

  it('formats ISO time with milliseconds and never throws on absurd input', () => {
    expect(formatIsoTime(Date.UTC(2025, 0, 2, 3, 4, 5, 678))).toBe('2025-01-02T03:04:05.678Z');
    expect(formatIsoTime(1e20)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatIsoTime(Number.NaN)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('stays correct across seconds, before the epoch and past year 9999 (the per-second cache)', () => {
    const t = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    expect([t, t + 1, t + 322, t + 1000, t].map(formatIsoTime)).toEqual([
      '2025-01-02T03:04:05.678Z',
      '2025-01-02T03:04:05.679Z',
      '2025-01-02T03:04:06.000Z',
      '2025-01-02T03:04:06.678Z',
      '2025-01-02T03:04:05.678Z',
    ]);
    expect(formatIsoTime(-1)).toBe('1969-12-31T23:59:59.999Z');
    expect(formatIsoTime(Date.UTC(10000, 0, 1, 0, 0, 0, 5))).toBe('+010000-01-01T00:00:00.005Z');
    const d = new Date(2025, 0, 2, 3, 4, 59, 999);
    expect([d.getTime(), d.getTime() + 1].map(formatClock)).toEqual(['03:04:59.999', '03:05:00.000']);
  });

  it('formats the local clock as HH:MM:SS.mmm', () => {
    const d = new Date(2025, 0, 2, 3, 4, 5, 7);
    expect(formatClock(d.getTime())).toBe('03:04:05.007');
    expect(formatClock(Number.NaN)).toBe('--:--:--.---');
  });

  it('formats durations with about three significant digits', () => {
    expect(formatDuration(0.0421)).toBe('0.042ms');
    expect(formatDuration(3.214)).toBe('3.21ms');
    expect(formatDuration(12.34)).toBe('12.3ms');
    expect(formatDuration(812.2)).toBe('812ms');
    expect(formatDuration(1020)).toBe('1.02s');
    expect(formatDuration(12_500)).toBe('12.5s');
    expect(formatDuration(125_000)).toBe('2m05s');
    expect(formatDuration(-1)).toBe('?ms');
  });
});
