import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { EVENT_EXCEPTION, SECURITY_EVENT_PREFIX } from '@sightline/audit';
import { estimateLogRecordBytes, estimateValueBytes } from '@sightline/sampling';
import type { RecordTraits } from './queue/types.js';

/** `SeverityNumber.ERROR`: ERROR, FATAL and their sub-levels are priority records. */
const SEVERITY_ERROR = 17;

/** The span object with its timestamps, context, status and attribute map; resource and scope are shared. */
const SPAN_OVERHEAD_BYTES = 600;
const EVENT_OVERHEAD_BYTES = 120;
const LINK_OVERHEAD_BYTES = 160;

function attributesBytes(attributes: Record<string, unknown> | undefined): number {
  let bytes = 0;
  for (const key in attributes) bytes += 8 + 2 * key.length + estimateValueBytes(attributes[key]);
  return bytes;
}

/** Log records: ERROR and above, exceptions and security events first. */
export const LOG_RECORD_TRAITS: RecordTraits<ReadableLogRecord> = {
  estimateBytes: (record) => estimateLogRecordBytes(record as Parameters<typeof estimateLogRecordBytes>[0]),
  isPriority: (record) =>
    (record.severityNumber ?? 0) >= SEVERITY_ERROR ||
    record.eventName === EVENT_EXCEPTION ||
    (record.eventName?.startsWith(SECURITY_EVENT_PREFIX) ?? false),
};

/** Spans: those with status ERROR first. */
export const SPAN_TRAITS: RecordTraits<ReadableSpan> = {
  estimateBytes(span) {
    let bytes = SPAN_OVERHEAD_BYTES + 2 * span.name.length + attributesBytes(span.attributes);
    for (const event of span.events) bytes += EVENT_OVERHEAD_BYTES + 2 * event.name.length + attributesBytes(event.attributes);
    for (const link of span.links) bytes += LINK_OVERHEAD_BYTES + attributesBytes(link.attributes);
    return bytes;
  },
  isPriority: (span) => span.status.code === SpanStatusCode.ERROR,
};
