import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { hrTime } from '@opentelemetry/core';
import { boundedValue, DROP, kindOf, Walk } from './bounded-value.js';
import { safeString } from './describe-value.js';
import type { AttributeLimits } from './limits.js';
import type { SafetyCounters } from './safety-counters.js';
import { isValidHrTime } from './time-input.js';

/** Bodies have no OpenTelemetry length limit; only the nesting and the per-call budget bound them. */
const BODY_LIMITS: AttributeLimits = { countLimit: Number.POSITIVE_INFINITY, valueLengthLimit: Number.POSITIVE_INFINITY };

/** Highest OTLP `SeverityNumber` (FATAL4). */
const MAX_SEVERITY = 24;

/**
 * The first log stage: makes every record encodable where it enters the pipeline, so that one bad record
 * never fails an export batch. The SDK validates attributes but takes the other fields as they come:
 *
 * - a body that is an object is replaced by a bounded, encodable copy (a fake typed array, a cycle, a getter
 *   that throws are left out); a bigint, symbol or function body becomes a string;
 * - a severity number that is not an integer from 0 to 24 is clamped (or 0, unspecified, if not a number);
 * - a severity text or event name that is not a string becomes one (an event name `null` is removed);
 * - a timestamp that is not finite becomes the observed timestamp (itself now, if not finite).
 *
 * Each repair is counted (`logs` sanitized counts, by reason). A record with nothing to repair costs a few
 * type checks.
 */
export class SanitizeLogRecordProcessor implements LogRecordProcessor {
  constructor(private readonly _counters: SafetyCounters) {}

  onEmit(record: ReadWriteLogRecord): void {
    const body = record.body as unknown;
    if (body !== null && typeof body === 'object') this._body(record, body);
    else if (typeof body === 'bigint' || typeof body === 'symbol' || typeof body === 'function') {
      record.setBody(safeString(body));
      this._counters.sanitized('logs', 'coerced', `log body (${typeof body})`);
    }
    const severity = record.severityNumber as unknown;
    if (severity !== undefined && !(Number.isInteger(severity) && (severity as number) >= 0 && (severity as number) <= MAX_SEVERITY)) {
      const n = typeof severity === 'number' && !Number.isNaN(severity) ? Math.min(Math.max(Math.trunc(severity), 0), MAX_SEVERITY) : 0;
      record.setSeverityNumber(n);
      this._counters.sanitized('logs', 'coerced', `log severityNumber (${typeof severity === 'number' ? 'out of range' : kindOf(severity)})`);
    }
    const text = record.severityText as unknown;
    if (text !== undefined && typeof text !== 'string') {
      record.setSeverityText(safeString(text));
      this._counters.sanitized('logs', 'coerced', `log severityText (${kindOf(text)})`);
    }
    const eventName = record.eventName as unknown;
    if (eventName !== undefined && typeof eventName !== 'string') {
      record.setEventName((eventName === null ? undefined : safeString(eventName)) as string);
      this._counters.sanitized('logs', 'coerced', `log eventName (${kindOf(eventName)})`);
    }
    if (!isValidHrTime(record.hrTimeObserved)) {
      record.hrTimeObserved = hrTime();
      this._counters.sanitized('logs', 'coerced', 'log observed timestamp (not finite)');
    }
    if (!isValidHrTime(record.hrTime)) {
      record.hrTime = record.hrTimeObserved;
      this._counters.sanitized('logs', 'coerced', 'log timestamp (not finite)');
    }
  }

  private _body(record: ReadWriteLogRecord, body: object): void {
    const walk = new Walk();
    const copied = boundedValue(body, BODY_LIMITS, walk);
    // Always the copy: what the encoders read later is what was checked now (a Proxy or a getter answers once).
    record.setBody((copied === DROP ? safeString(body) : copied) as ReadWriteLogRecord['body']);
    if (copied === DROP) this._counters.sanitized('logs', 'coerced', `log body (${kindOf(body)})`);
    if (walk.invalid > 0) this._counters.sanitized('logs', 'invalid_value', 'log body parts', walk.invalid);
    if (walk.cut > 0) this._counters.sanitized('logs', 'nested_limit', 'log body', walk.cut);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
