import type { Context } from '@opentelemetry/api';
import type { ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { warnInvalid } from './internal/diagnostics.js';
import { estimateRecordBytes } from './internal/record-size.js';
import type { SampledOutCounter } from './sampled-out-counter.js';
import type { DropReason, RetentionOptions, RetentionStats } from './types.js';

/** Retention bounds with every default applied. */
export type RetentionLimits = Readonly<Required<RetentionOptions>>;

export const DEFAULT_RETENTION: RetentionLimits = {
  maxRecordsPerTrace: 100,
  maxRecords: 10_000,
  maxBytes: 8 * 1024 * 1024,
  maxAgeMillis: 30_000,
};

/** Bytes counted for each trace's entry (map slot, key string, bookkeeping), held or not. */
export const TRACE_OVERHEAD_BYTES = 200;

/** `options.retention` validated: `undefined` when retention is off. */
export function resolveRetention(option: boolean | RetentionOptions | undefined): RetentionLimits | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return DEFAULT_RETENTION;
  if (typeof option !== 'object' || option === null) {
    warnInvalid('retention', option, 'true|false or an object of bounds', 'false (retention off)');
    return undefined;
  }
  const bound = (key: keyof RetentionOptions): number => {
    const value = option[key];
    if (value === undefined) return DEFAULT_RETENTION[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    warnInvalid(`retention.${key}`, value, 'a positive integer', String(DEFAULT_RETENTION[key]));
    return DEFAULT_RETENTION[key];
  };
  return {
    maxRecordsPerTrace: bound('maxRecordsPerTrace'),
    maxRecords: bound('maxRecords'),
    maxBytes: bound('maxBytes'),
    maxAgeMillis: bound('maxAgeMillis'),
  };
}

/** Why a held record was dropped: what it is counted as if its trace does not fail. */
export type HeldReason = Extract<DropReason, 'ratio' | 'rate_limit'>;

/** A record waiting for its trace's outcome. */
interface Held {
  readonly record: ReadWriteLogRecord;
  readonly context: Context | undefined;
  readonly bytes: number;
  readonly reason: HeldReason;
}

interface TraceEntry {
  readonly traceId: string;
  /** Oldest first. */
  held: Held[];
  /** An error arrived: what was held has been released, later records pass straight through. */
  failed: boolean;
  readonly createdAt: number;
  /** Neighbours in creation order. */
  older: TraceEntry | undefined;
  newer: TraceEntry | undefined;
}

/**
 * Error-triggered retention: per trace, the records the ratio dropped wait here. If the trace fails before
 * it ends, they are all released (forwarded to export); when it ends without failing (or waited longer
 * than `maxAgeMillis`), they are dropped and counted under the reason they were dropped for.
 *
 * Bounds: `maxRecordsPerTrace` per trace, `maxRecords` and `maxBytes` (estimated) in total. Reaching one
 * evicts the oldest record — of that trace for the per-trace bound, of all traces otherwise — counted as
 * `retention_evicted`. Traces are also linked in creation order, so the globally oldest record is the
 * first record of the oldest trace, and eviction and expiry only look at that end: O(1) per record.
 */
export class RetentionBuffer {
  private readonly _traces = new Map<string, TraceEntry>();
  private _oldest: TraceEntry | undefined;
  private _newest: TraceEntry | undefined;
  private _records = 0;
  private _bytes = 0;

  constructor(
    private readonly _limits: RetentionLimits,
    private readonly _release: (record: ReadWriteLogRecord, context: Context | undefined) => void,
    private readonly _drops: SampledOutCounter,
  ) {}

  /** Whether an error already arrived in the trace (then its records are kept without a decision). */
  hasFailed(traceId: string): boolean {
    return this._traces.size > 0 && this._traces.get(traceId)?.failed === true;
  }

  /** Records held for the trace. */
  pending(traceId: string): number {
    return this._traces.size > 0 ? (this._traces.get(traceId)?.held.length ?? 0) : 0;
  }

  /**
   * Holds a record the ratio dropped (for `reason`) until its trace's outcome is known. Returns false, and
   * holds nothing, when the trace already failed: then the caller keeps the record.
   */
  hold(traceId: string, record: ReadWriteLogRecord, context: Context | undefined, reason: HeldReason, now: number): boolean {
    const entry = this._entry(traceId, now);
    if (entry.failed) return false;
    if (entry.held.length >= this._limits.maxRecordsPerTrace) this._evictFrom(entry);
    const bytes = estimateRecordBytes(record);
    entry.held.push({ record, context, bytes, reason });
    this._records++;
    this._bytes += bytes;
    while (this._records > this._limits.maxRecords || this._bytes > this._limits.maxBytes) {
      if (!this._evictOldest()) break;
    }
    return true;
  }

  /** The trace failed: releases what it holds, oldest first, and lets its later records through. */
  fail(traceId: string, now: number): void {
    const entry = this._entry(traceId, now);
    const held = entry.held;
    entry.held = [];
    entry.failed = true;
    this._forget(held);
    for (const { record, context } of held) this._release(record, context);
  }

  /** The trace's local root span ended: what it holds is dropped (counted) and its entry removed. */
  end(traceId: string): void {
    const entry = this._traces.get(traceId);
    if (entry !== undefined) this._end(entry);
  }

  /** Ends every trace whose entry is older than `maxAgeMillis` at `now`. */
  expire(now: number): void {
    const limit = now - this._limits.maxAgeMillis;
    while (this._oldest !== undefined && this._oldest.createdAt <= limit) this._end(this._oldest);
  }

  /** Ends every trace (shutdown). */
  clear(): void {
    while (this._oldest !== undefined) this._end(this._oldest);
  }

  stats(): RetentionStats {
    return { traces: this._traces.size, records: this._records, bytes: this._bytes };
  }

  private _entry(traceId: string, now: number): TraceEntry {
    let entry = this._traces.get(traceId);
    if (entry === undefined) {
      entry = { traceId, held: [], failed: false, createdAt: now, older: this._newest, newer: undefined };
      if (this._newest === undefined) this._oldest = entry;
      else this._newest.newer = entry;
      this._newest = entry;
      this._traces.set(traceId, entry);
      this._bytes += TRACE_OVERHEAD_BYTES;
    }
    return entry;
  }

  /** Removes an entry, dropping (and counting) what it holds. */
  private _end(entry: TraceEntry): void {
    this._unlink(entry);
    const held = entry.held;
    if (held.length === 0) return;
    this._forget(held);
    // Counted in bulk: held records are almost all dropped for one reason.
    let ratio = 0;
    for (const { reason } of held) if (reason === 'ratio') ratio++;
    if (ratio > 0) this._drops.add('ratio', ratio);
    if (ratio < held.length) this._drops.add('rate_limit', held.length - ratio);
  }

  /** Takes an entry out of the map, the creation order and the totals. */
  private _unlink(entry: TraceEntry): void {
    this._traces.delete(entry.traceId);
    if (entry.older === undefined) this._oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === undefined) this._newest = entry.older;
    else entry.newer.older = entry.older;
    this._bytes -= TRACE_OVERHEAD_BYTES;
  }

  /** Takes held records out of the totals. */
  private _forget(held: readonly Held[]): void {
    for (const { bytes } of held) this._bytes -= bytes;
    this._records -= held.length;
  }

  private _evictFrom(entry: TraceEntry): void {
    const evicted = entry.held.shift();
    if (evicted === undefined) return;
    this._records--;
    this._bytes -= evicted.bytes;
    this._drops.add('retention_evicted');
  }

  /** Evicts the oldest record of all, or the oldest entry when it holds none. False when nothing is left. */
  private _evictOldest(): boolean {
    const entry = this._oldest;
    if (entry === undefined) return false;
    if (entry.held.length > 0) this._evictFrom(entry);
    if (entry.held.length === 0) this._unlink(entry);
    return true;
  }
}
