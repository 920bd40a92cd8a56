import type { DiagLogger } from '@opentelemetry/api';
import { formatDiagLine } from './format-diag-line.js';

/** Lines printed at most per window, all messages together; more are counted and summarized. */
const MAX_LINES_PER_WINDOW = 50;
/** Window of the rate limit and of the repeat counts. */
const WINDOW_MILLIS = 60_000;
/** Distinct messages remembered for de-duplication; past it the oldest are forgotten. */
const MAX_KEYS = 1_000;

type Level = 'error' | 'warn' | 'info' | 'debug' | 'verbose';

/** Where lines go: `console.error`/`warn`/`info`/`debug`, as the SDK's `DiagConsoleLogger` does. */
export type DiagSink = (level: Level, line: string) => void;

const consoleSink: DiagSink = (level, line) => {
  // eslint-disable-next-line no-console
  const write = level === 'error' ? console.error : level === 'warn' ? console.warn : level === 'info' ? console.info : console.debug;
  write(line);
};

interface Seen {
  /** Window in which it was last printed. */
  printedAt: number;
  /** Occurrences since, not printed. */
  repeats: number;
}

/**
 * The diagnostic logger Sightline installs for itself and the OpenTelemetry SDK: every message becomes
 * one line ({@link formatDiagLine}: no stacks, no multi-line JSON); a message repeated within a minute
 * is printed once, and its next line says how often it repeated (`… (repeated 37 times in the last
 * 60 s)`); at most 50 lines a minute in all, the rest counted and reported in one line. A message is
 * "the same" when it differs only in numbers. Never throws.
 */
export class OneLineDiagLogger implements DiagLogger {
  private readonly seen = new Map<string, Seen>();
  private windowStart = 0;
  private linesInWindow = 0;
  private suppressedInWindow = 0;

  constructor(
    private readonly sink: DiagSink = consoleSink,
    private readonly now: () => number = Date.now,
  ) {}

  error(message: string, ...args: unknown[]): void {
    this.log('error', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.log('warn', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.log('info', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.log('debug', message, args);
  }
  verbose(message: string, ...args: unknown[]): void {
    this.log('verbose', message, args);
  }

  /** Lines held back so far in this window (repeats and over the budget); for the exit summary. */
  flushSuppressed(): void {
    const repeated = [...this.seen.values()].reduce((sum, s) => sum + s.repeats, 0);
    const total = repeated + this.suppressedInWindow;
    if (total === 0) return;
    this.emit('warn', `sightline: ${total} repeated or rate-limited diagnostic lines were not printed`);
    for (const s of this.seen.values()) s.repeats = 0;
    this.suppressedInWindow = 0;
  }

  private log(level: Level, message: unknown, args: unknown[]): void {
    try {
      const line = formatDiagLine(message, args);
      const now = this.now();
      if (now - this.windowStart >= WINDOW_MILLIS) {
        if (this.suppressedInWindow > 0) {
          this.emit('warn', `sightline: ${this.suppressedInWindow} diagnostic lines over the limit of ${MAX_LINES_PER_WINDOW} a minute were not printed`);
        }
        this.windowStart = now;
        this.linesInWindow = 0;
        this.suppressedInWindow = 0;
      }
      const key = `${level}:${line.replace(/\d+/g, '#')}`;
      const seen = this.seen.get(key);
      if (seen !== undefined && now - seen.printedAt < WINDOW_MILLIS) {
        seen.repeats++;
        return;
      }
      if (this.linesInWindow >= MAX_LINES_PER_WINDOW) {
        this.suppressedInWindow++;
        return;
      }
      this.linesInWindow++;
      const repeats = seen?.repeats ?? 0;
      this.remember(key, now);
      const secs = seen === undefined ? 0 : Math.round((now - seen.printedAt) / 1000);
      this.emit(level, repeats > 0 ? `${line} (repeated ${repeats} times in the last ${secs} s)` : line);
    } catch {
      // a diagnostic must never hurt the application
    }
  }

  private remember(key: string, now: number): void {
    this.seen.delete(key);
    this.seen.set(key, { printedAt: now, repeats: 0 });
    if (this.seen.size > MAX_KEYS) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  private emit(level: Level, line: string): void {
    try {
      this.sink(level, line);
    } catch {
      // the console itself failed
    }
  }
}
