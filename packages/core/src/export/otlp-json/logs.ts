import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { anyValue, attributes, groupByResourceAndScope, hrTimeNanos, resource, scope } from './common.js';

/** An `ExportLogsServiceRequest` in the OTLP/JSON mapping (see common.ts). */
export function logsRequest(records: readonly ReadableLogRecord[]): object {
  const resourceLogs: object[] = [];
  for (const [res, byScope] of groupByResourceAndScope(records, (r) => r.resource, (r) => r.instrumentationScope)) {
    const scopeLogs: object[] = [];
    for (const list of byScope.values()) {
      const first = list[0].instrumentationScope;
      scopeLogs.push({ scope: scope(first), logRecords: list.map(logRecord), schemaUrl: first.schemaUrl });
    }
    const encoded = resource(res);
    resourceLogs.push({ resource: encoded, scopeLogs, schemaUrl: encoded.schemaUrl });
  }
  return { resourceLogs };
}

function logRecord(record: ReadableLogRecord): object {
  const context = record.spanContext;
  return {
    timeUnixNano: hrTimeNanos(record.hrTime),
    observedTimeUnixNano: hrTimeNanos(record.hrTimeObserved),
    severityNumber: record.severityNumber,
    severityText: record.severityText,
    body: record.body === undefined ? undefined : anyValue(record.body),
    eventName: record.eventName,
    attributes: attributes(record.attributes),
    droppedAttributesCount: record.droppedAttributesCount,
    flags: context?.traceFlags,
    traceId: context?.traceId,
    spanId: context?.spanId,
  };
}
