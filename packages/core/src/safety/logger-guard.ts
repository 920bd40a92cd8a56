import type { Attributes } from '@opentelemetry/api';
import type { LogRecord } from '@opentelemetry/api';
import { globalState } from '../internal/global-state.js';
import { boundedValue, DROP, isPlainObject, Walk } from './bounded-value.js';
import { safeErrorType, safeGet, safeString } from './describe-value.js';
import { exceptionEventAttributes } from './exception-event.js';
import { DEFAULT_ATTRIBUTE_LIMITS, type AttributeLimits } from './limits.js';
import { currentSafetyCounters } from './safety-counters.js';
import { classifyTime } from './time-input.js';
import { ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_TYPE } from '../semconv.js';

const GUARDED = Symbol.for('sightline.loggerGuard.v1');

type Emit = (this: unknown, record: LogRecord) => void;

const NO_LENGTH_LIMIT: AttributeLimits = { countLimit: Number.POSITIVE_INFINITY, valueLengthLimit: Number.POSITIVE_INFINITY };

function bounded(value: unknown, limits: AttributeLimits, walk: Walk): unknown {
  const copied = boundedValue(value, limits, walk);
  return copied === DROP ? safeString(value) : copied;
}

/**
 * A copy of `record` the SDK cannot throw on: every field read once and guarded, the body and the attributes
 * bounded and encodable, times that are not valid left out (the SDK then uses now), an `exception` recorded as
 * its safely read `exception.*` attributes.
 */
function safeRecord(record: unknown, limits: AttributeLimits): LogRecord {
  if (record === null || typeof record !== 'object') return { body: safeString(record) };
  const walk = new Walk();
  const out: LogRecord = {};
  const body = safeGet(record, 'body');
  if (body !== undefined) out.body = bounded(body, NO_LENGTH_LIMIT, walk) as LogRecord['body'];
  const severityNumber = safeGet(record, 'severityNumber');
  if (typeof severityNumber === 'number') out.severityNumber = severityNumber;
  for (const key of ['severityText', 'eventName'] as const) {
    const value = safeGet(record, key);
    if (value !== undefined && value !== null) out[key] = typeof value === 'string' ? value : safeString(value);
  }
  for (const key of ['timestamp', 'observedTimestamp'] as const) {
    const value = safeGet(record, key);
    if (classifyTime(value) === 'valid') out[key] = value as LogRecord['timestamp'];
  }
  const context = safeGet(record, 'context');
  if (context !== null && typeof context === 'object' && typeof safeGet(context, 'getValue') === 'function') out.context = context as LogRecord['context'];
  const attributes: Attributes = {};
  const source = safeGet(record, 'attributes');
  if (source !== null && typeof source === 'object') {
    try {
      if (isPlainObject(source)) {
        let n = 0;
        for (const key in source) {
          if (n >= limits.countLimit) break;
          const copied = boundedValue(safeGet(source, key), limits, walk);
          if (copied === DROP || copied === undefined) continue;
          attributes[key] = copied as Attributes[string];
          n++;
        }
      }
    } catch {
      walk.invalid++;
    }
  }
  const exception = safeGet(record, 'exception');
  if (exception !== undefined && exception !== null) Object.assign(attributes, exceptionAttributesOf(exception));
  out.attributes = attributes;
  return out;
}

/** The `exception.*` attributes of a log record's `exception` field, as the SDK makes them, read safely. */
function exceptionAttributesOf(exception: unknown): Attributes {
  if (typeof exception === 'number') return { [ATTR_EXCEPTION_MESSAGE]: String(exception) };
  return exceptionEventAttributes(exception) ?? { [ATTR_EXCEPTION_TYPE]: safeErrorType(exception) };
}

/**
 * `record` with an object `exception` turned into its attributes here (the SDK reads its getters, walks its
 * values whole and makes a string of it for a warning: unbounded work, or a throw), the record's own attributes
 * winning as in the SDK. Other records are returned as they are.
 */
function withSafeException(record: LogRecord): LogRecord {
  if (record === null || typeof record !== 'object') return record;
  const exception = record.exception;
  if (exception === null || typeof exception !== 'object') return record;
  return { ...record, exception: undefined, attributes: { ...exceptionAttributesOf(exception), ...record.attributes } };
}

/**
 * Guards `emit` of a logger class (that of `@opentelemetry/sdk-logs`, which every OpenTelemetry logs API call
 * reaches) once: when the SDK throws on the record it was given (a timestamp it cannot read, an attribute whose
 * getter throws, a fake typed array), the record is emitted again as a safe copy, counted; the caller never
 * sees a throw. An `exception` object is turned into its `exception.*` attributes first (see `withSafeException`);
 * any other record is passed unchanged (the sanitize stage makes it encodable).
 */
export function guardLoggerPrototype(proto: object | null): void {
  if (proto === null || proto === Object.prototype || Object.hasOwn(proto, GUARDED)) return;
  const original = (proto as { emit?: unknown }).emit;
  if (typeof original !== 'function') return;
  const emit = original as Emit;
  Object.defineProperty(proto, GUARDED, { value: true });
  Object.defineProperty(proto, 'emit', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function (this: unknown, record: LogRecord): void {
      try {
        emit.call(this, withSafeException(record));
        return;
      } catch {
        currentSafetyCounters().sanitized('logs', 'api_error', 'logger.emit (OpenTelemetry logs API)');
      }
      try {
        emit.call(this, safeRecord(record, globalState().logLimits ?? DEFAULT_ATTRIBUTE_LIMITS));
      } catch {
        // Nothing of ours reaches the caller; the count above says a record was refused.
      }
    },
  });
}
