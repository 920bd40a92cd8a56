import { SeverityNumber, type AnyValue } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_TYPE, SECURITY_EVENT_PREFIX } from '../semconv.js';

/** Whether the record carries an exception (`exception.type` or `exception.message`). */
export function hasException(record: ReadableLogRecord): boolean {
  const attrs = record.attributes;
  return attrs[ATTR_EXCEPTION_TYPE] !== undefined || attrs[ATTR_EXCEPTION_MESSAGE] !== undefined;
}

/** Whether the record is a security event (`security.*` event name). */
export function isSecurityEvent(record: ReadableLogRecord): boolean {
  return record.eventName !== undefined && record.eventName.startsWith(SECURITY_EVENT_PREFIX);
}

/** Whether the record is FATAL or above. */
export function isFatal(record: ReadableLogRecord): boolean {
  return (record.severityNumber ?? SeverityNumber.UNSPECIFIED) >= SeverityNumber.FATAL;
}

/** Whether the record is ERROR or above, or carries an exception. */
export function isError(record: ReadableLogRecord): boolean {
  return (record.severityNumber ?? SeverityNumber.UNSPECIFIED) >= SeverityNumber.ERROR || hasException(record);
}

/** A string attribute, or undefined. */
export function stringAttribute(record: ReadableLogRecord, key: string): string | undefined {
  const value = record.attributes[key];
  return typeof value === 'string' ? value : undefined;
}

/** The body as text, cut to `max` characters. */
export function bodyText(body: AnyValue | undefined, max: number): string {
  let text: string;
  if (body === undefined || body === null) text = '';
  else if (typeof body === 'string') text = body;
  else if (typeof body === 'number' || typeof body === 'boolean') text = String(body);
  else {
    try {
      text = JSON.stringify(body, (_key, value: unknown) => (value instanceof Uint8Array ? `<${value.length} bytes>` : value)) ?? '';
    } catch {
      text = String(body);
    }
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Milliseconds since the epoch of an `HrTime`. */
export function hrTimeToMillis(hrTime: readonly [number, number]): number {
  return hrTime[0] * 1000 + Math.floor(hrTime[1] / 1e6);
}
