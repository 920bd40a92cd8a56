import { diag, metrics, type Context, type Counter } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { computeFingerprint } from './fingerprint.js';
import { hasException, stringAttribute } from './internal/record-view.js';
import {
  ATTR_EXCEPTION_FINGERPRINT,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  METRIC_EXCEPTIONS,
  OTHER,
} from './semconv.js';
import type { GroupingOptions } from './types.js';

const DEFAULT_MAX_FINGERPRINTS = 200;
const METER_NAME = '@sightline/audit';

/**
 * Gives every record that carries an exception its `sightline.exception.fingerprint` (a value already set
 * by the user is kept) and counts it in the `sightline.exceptions` counter by `exception.type` and
 * fingerprint. Past `maxFingerprints` distinct fingerprints, new ones are counted as `other`.
 * Runs after redaction and before the processors that read the fingerprint (breadcrumbs, alerts, trail).
 */
export class ExceptionGroupingProcessor implements LogRecordProcessor {
  private readonly _maxFingerprints: number;
  private readonly _seen = new Set<string>();
  private _counter: Counter | undefined;
  private _failureReported = false;

  constructor(private readonly _options: GroupingOptions = {}) {
    this._maxFingerprints = _options.maxFingerprints ?? DEFAULT_MAX_FINGERPRINTS;
  }

  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    try {
      if (!hasException(record)) return;
      const given = record.attributes[ATTR_EXCEPTION_FINGERPRINT];
      let fingerprint = Array.isArray(given) ? given.join('|') : typeof given === 'string' ? given : '';
      if (fingerprint === '') {
        fingerprint = computeFingerprint({
          type: stringAttribute(record, ATTR_EXCEPTION_TYPE),
          message: stringAttribute(record, ATTR_EXCEPTION_MESSAGE),
          stacktrace: stringAttribute(record, ATTR_EXCEPTION_STACKTRACE),
        });
      }
      record.setAttribute(ATTR_EXCEPTION_FINGERPRINT, fingerprint);
      this._count(stringAttribute(record, ATTR_EXCEPTION_TYPE) ?? OTHER, fingerprint);
    } catch (error) {
      if (this._failureReported) return;
      this._failureReported = true;
      diag.error(`sightline: exception grouping failed (reported once): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private _count(type: string, fingerprint: string): void {
    // The global meter provider is set once the SDK starts, which is before any record reaches us.
    this._counter ??= (this._options.meterProvider ?? metrics.getMeterProvider())
      .getMeter(METER_NAME)
      .createCounter(METRIC_EXCEPTIONS, { description: 'Exception records, by type and fingerprint', unit: '{exception}' });
    let known = this._seen.has(fingerprint);
    if (!known && this._seen.size < this._maxFingerprints) {
      this._seen.add(fingerprint);
      known = true;
    }
    this._counter.add(
      1,
      known
        ? { [ATTR_EXCEPTION_TYPE]: type, [ATTR_EXCEPTION_FINGERPRINT]: fingerprint }
        : { [ATTR_EXCEPTION_TYPE]: OTHER, [ATTR_EXCEPTION_FINGERPRINT]: OTHER },
    );
  }
}
