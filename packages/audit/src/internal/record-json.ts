import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { hrTimeToMillis } from './record-view.js';
import { serviceNameOf } from './service-name.js';

/** Bytes become base64 text; everything else in an AnyValue is JSON already. */
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
}

/**
 * The trail-line content (JSON members without braces) of a log record: time, severity, event name, body,
 * attributes, trace and span ids, scope and `service.name`.
 */
export function recordContent(record: ReadableLogRecord): string {
  const service = serviceNameOf(record.resource);
  const entry = {
    time: new Date(hrTimeToMillis(record.hrTime)).toISOString(),
    severity_number: record.severityNumber,
    severity_text: record.severityText,
    event_name: record.eventName,
    body: record.body,
    attributes: record.attributes,
    trace_id: record.spanContext?.traceId,
    span_id: record.spanContext?.spanId,
    scope: record.instrumentationScope.name,
    service: typeof service === 'string' ? service : undefined,
  };
  return `"ts":"${entry.time}","type":"record","record":${JSON.stringify(entry, replacer)}`;
}
