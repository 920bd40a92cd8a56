/** Time conversions and the time and duration texts the console formats print. */
import type { HrTime } from '@opentelemetry/api';

/**
 * Milliseconds since the epoch (fractional) of an OpenTelemetry `[seconds, nanoseconds]` time.
 *
 * @param time an `HrTime`
 */
export function hrTimeToEpochMs(time: HrTime): number {
  return time[0] * 1000 + time[1] / 1e6;
}

/**
 * A duration in milliseconds rounded to 3 decimals (microsecond precision).
 *
 * @param duration an `HrTime` duration
 */
export function hrDurationToMs(duration: HrTime): number {
  return Math.round(duration[0] * 1e6 + duration[1] / 1e3) / 1000;
}

/**
 * ISO-8601 UTC text with milliseconds (`2025-01-02T03:04:05.678Z`). A time outside the range of
 * `Date` gives the epoch rather than throwing.
 *
 * @param epochMs milliseconds since the epoch
 */
export function formatIsoTime(epochMs: number): string {
  const ms = Math.floor(epochMs);
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    const date = new Date(second * 1000);
    if (Number.isNaN(date.getTime())) return '1970-01-01T00:00:00.000Z';
    isoPrefix = date.toISOString().slice(0, -4);
    isoSecond = second;
  }
  return `${isoPrefix}${pad3(ms - second * 1000)}Z`;
}

/** Records arrive in bursts within the same second: the text up to the seconds' dot is reused. */
let isoSecond = Number.NaN;
let isoPrefix = '';
let clockSecond = Number.NaN;
let clockPrefix = '';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

/**
 * Local wall-clock time `HH:MM:SS.mmm`, the first column of the human formats.
 *
 * @param epochMs milliseconds since the epoch
 */
export function formatClock(epochMs: number): string {
  const ms = Math.floor(epochMs);
  const second = Math.floor(ms / 1000);
  if (second !== clockSecond) {
    const date = new Date(second * 1000);
    if (Number.isNaN(date.getTime())) return '--:--:--.---';
    clockPrefix = `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}.`;
    clockSecond = second;
  }
  return `${clockPrefix}${pad3(ms - second * 1000)}`;
}

/**
 * A short duration text with about three significant digits: `0.042ms`, `3.21ms`, `12.3ms`,
 * `812ms`, `1.02s`, `12.5s`, `2m05s`.
 *
 * @param ms a duration in milliseconds
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?ms';
  if (ms < 1) return `${ms.toFixed(3)}ms`;
  if (ms < 10) return `${ms.toFixed(2)}ms`;
  if (ms < 100) return `${ms.toFixed(1)}ms`;
  if (ms < 999.5) return `${Math.round(ms)}ms`;
  if (ms < 9995) return `${(ms / 1000).toFixed(2)}s`;
  if (ms < 59950) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)}m${pad2(totalSeconds % 60)}s`;
}
