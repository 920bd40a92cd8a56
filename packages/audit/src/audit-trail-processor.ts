import { diag, type Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadableLogRecord, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { createChainHasher } from './internal/chain.js';
import { recordContent } from './internal/record-json.js';
import { isSecurityEvent } from './internal/record-view.js';
import { TrailWriter } from './internal/trail-writer.js';
import type { AuditTrailOptions, AuditTrailStats } from './types.js';

const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
const DEFAULT_FLUSH_INTERVAL_MILLIS = 100;
const DEFAULT_MAX_QUEUE_BYTES = 8 * 1024 * 1024;

/**
 * Writes security events (and the records `select` picks) to a tamper-evident, append-only JSONL trail:
 * every line carries the SHA-256 (HMAC-SHA256 with `key`) hash of its content and of the previous line's
 * hash. Lines are written in batches off the event loop; see `docs/audit.md` for the format, the fsync
 * policy, rotation and recovery. Verify a trail with `npx sightline audit verify <file…>`.
 * Place it after redaction: the trail keeps what it is given.
 */
export class AuditTrailProcessor implements LogRecordProcessor {
  private readonly _writer: TrailWriter;
  private readonly _select: ((record: ReadableLogRecord) => boolean) | undefined;
  private _shutdown: Promise<void> | undefined;
  private _failureReported = false;

  constructor(options: AuditTrailOptions) {
    this._select = options.select;
    this._writer = new TrailWriter({
      file: options.file,
      hasher: createChainHasher(options.key),
      maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      fsync: options.fsync === 'none' ? 'none' : 'batch',
      flushIntervalMillis: options.flushIntervalMillis ?? DEFAULT_FLUSH_INTERVAL_MILLIS,
      maxQueueBytes: options.maxQueueBytes ?? DEFAULT_MAX_QUEUE_BYTES,
    });
  }

  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    if (this._shutdown !== undefined) return;
    try {
      if (isSecurityEvent(record) || this._selects(record)) this._writer.append(recordContent(record));
    } catch (error) {
      if (this._failureReported) return;
      this._failureReported = true;
      diag.error(`sightline: audit trail could not take a record (reported once): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Writes and syncs everything accepted so far. Never rejects. */
  forceFlush(): Promise<void> {
    return this._writer.flush();
  }

  /** Flushes and closes the file, once. */
  shutdown(): Promise<void> {
    this._shutdown ??= this._writer.close();
    return this._shutdown;
  }

  /** Lines written and entries lost, by reason. */
  getStats(): AuditTrailStats {
    return this._writer.stats();
  }

  private _selects(record: ReadableLogRecord): boolean {
    if (this._select === undefined) return false;
    try {
      return this._select(record) === true;
    } catch {
      return false;
    }
  }
}
