import { diag, isValidTraceId, type Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { bodyText, hrTimeToMillis, isError } from './internal/record-view.js';
import { ATTR_BREADCRUMBS } from './semconv.js';
import type { BreadcrumbsOptions } from './types.js';

const DEFAULT_MAX_BREADCRUMBS = 100;
const DEFAULT_MAX_BYTES = 16_384;
const DEFAULT_MAX_MESSAGE_LENGTH = 200;
const DEFAULT_MAX_TRACES = 1000;

/** One breadcrumb, kept raw: it is serialized only if an error record of its trace comes. */
interface Crumb {
  readonly millis: number;
  readonly sev: string;
  readonly logger: string;
  readonly msg: string;
}

/** The breadcrumbs of one trace, oldest first, with their approximate JSON size. */
interface Trail {
  crumbs: Crumb[];
  bytes: number;
}

/** JSON bytes of one entry besides its texts: braces, keys, quotes, the ISO time, the comma. */
const ENTRY_OVERHEAD = 60;

/**
 * Attaches to every error record (ERROR and above, or carrying an exception) the records of the same
 * trace that came before it, as `sightline.breadcrumbs`: a JSON array string of
 * `{"t":ISO time,"sev":severity text,"logger":scope name,"msg":body}`, oldest first, at most `maxBreadcrumbs`
 * entries and `maxBytes` bytes. Records outside any trace neither get nor leave breadcrumbs, so records of
 * other traces never appear. Place it after redaction: breadcrumbs copy already-redacted bodies.
 */
export class BreadcrumbsProcessor implements LogRecordProcessor {
  private readonly _maxBreadcrumbs: number;
  private readonly _maxBytes: number;
  private readonly _maxMessageLength: number;
  private readonly _maxTraces: number;
  /** By trace id, least recently active first. */
  private readonly _trails = new Map<string, Trail>();
  private _failureReported = false;

  constructor(options: BreadcrumbsOptions = {}) {
    this._maxBreadcrumbs = Math.max(1, options.maxBreadcrumbs ?? DEFAULT_MAX_BREADCRUMBS);
    this._maxBytes = Math.max(64, options.maxBytes ?? DEFAULT_MAX_BYTES);
    this._maxMessageLength = Math.max(16, options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH);
    this._maxTraces = Math.max(1, options.maxTraces ?? DEFAULT_MAX_TRACES);
  }

  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    try {
      const traceId = record.spanContext?.traceId;
      if (traceId === undefined || !isValidTraceId(traceId)) return;
      let trail = this._trails.get(traceId);
      if (trail !== undefined) {
        this._trails.delete(traceId);
        if (isError(record) && trail.crumbs.length > 0) record.setAttribute(ATTR_BREADCRUMBS, this._serialize(trail));
      } else {
        trail = { crumbs: [], bytes: 0 };
        if (this._trails.size >= this._maxTraces) this._trails.delete(this._trails.keys().next().value!);
      }
      this._trails.set(traceId, trail);
      this._append(trail, record);
    } catch (error) {
      if (this._failureReported) return;
      this._failureReported = true;
      diag.error(`sightline: breadcrumbs failed (reported once): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this._trails.clear();
    return Promise.resolve();
  }

  private _append(trail: Trail, record: ReadWriteLogRecord): void {
    const crumb: Crumb = {
      millis: hrTimeToMillis(record.hrTime),
      sev: record.severityText ?? String(record.severityNumber ?? ''),
      logger: record.instrumentationScope.name,
      msg: bodyText(record.body, this._maxMessageLength) || (record.eventName ?? ''),
    };
    trail.crumbs.push(crumb);
    trail.bytes += sizeOf(crumb);
    while (trail.crumbs.length > this._maxBreadcrumbs || (trail.bytes > this._maxBytes && trail.crumbs.length > 1)) {
      trail.bytes -= sizeOf(trail.crumbs.shift()!);
    }
  }

  /** The JSON array of the newest breadcrumbs that fit in `maxBytes` exactly. */
  private _serialize(trail: Trail): string {
    const entries: string[] = [];
    let bytes = 2;
    for (let i = trail.crumbs.length - 1; i >= 0; i--) {
      const { millis, sev, logger, msg } = trail.crumbs[i]!;
      const entry = JSON.stringify({ t: new Date(millis).toISOString(), sev, logger, msg });
      const size = Buffer.byteLength(entry) + (entries.length > 0 ? 1 : 0);
      if (bytes + size > this._maxBytes && entries.length > 0) break;
      entries.push(entry);
      bytes += size;
    }
    return `[${entries.reverse().join(',')}]`;
  }
}

/** Approximate JSON size of a breadcrumb (characters, not bytes: exactness comes at serialization). */
function sizeOf(crumb: Crumb): number {
  return ENTRY_OVERHEAD + crumb.sev.length + crumb.logger.length + crumb.msg.length;
}
