import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { sizeAnyValue, sizeAttributes, sizeHexId, varintOf, writeAnyValue, writeAttributes } from './common.js';
import { lenTag, UnencodableError, type ProtoEncoder } from './proto-encoder.js';
import { encodeRequest, type ItemEncoding } from './request.js';

/**
 * An `ExportLogsServiceRequest` in protobuf, byte for byte what `@opentelemetry/otlp-transformer`'s
 * `ProtobufLogsSerializer` writes. Throws {@link UnencodableError} for what it does not cover (the
 * caller then uses the upstream serializer).
 */
export function encodeLogsProto(records: readonly ReadableLogRecord[]): Uint8Array {
  return encodeRequest(records, LOG_RECORD);
}

/** `LogRecord` fields, in the order upstream writes them (not field-number order: 11 and 12 come last). */
function sizeLogRecord(e: ProtoEncoder, record: ReadableLogRecord): number {
  let size = 9; // 1 time_unix_nano (fixed64)
  const severity = record.severityNumber;
  if (severity !== undefined && severity !== 0) size += 1 + varintOf(severity); // 2
  if (record.severityText) size += e.sizeString(record.severityText); // 3
  const body = record.body;
  if (body !== undefined) size += e.setLength(e.reserve(), sizeAnyValue(e, body, 0)); // 5
  if (record.attributes) size += sizeAttributes(e, record.attributes); // 6
  size += 1 + varintOf(record.droppedAttributesCount); // 7
  const context = record.spanContext;
  if (context?.traceFlags) {
    if (typeof context.traceFlags !== 'number') throw new UnencodableError(`a ${typeof context.traceFlags} as trace flags`);
    size += 5; // 8 flags (fixed32)
  }
  if (context?.traceId) size += sizeHexId(context.traceId); // 9
  if (context?.spanId) size += sizeHexId(context.spanId); // 10
  size += 9; // 11 observed_time_unix_nano (fixed64)
  if (record.eventName) size += e.sizeString(record.eventName); // 12
  return size;
}

function writeLogRecord(e: ProtoEncoder, record: ReadableLogRecord): void {
  e.byte((1 << 3) | 1);
  e.hrTime(record.hrTime);
  const severity = record.severityNumber;
  if (severity !== undefined && severity !== 0) {
    e.byte((2 << 3) | 0);
    e.varint(severity);
  }
  if (record.severityText) {
    e.byte(lenTag(3));
    e.string(record.severityText);
  }
  const body = record.body;
  if (body !== undefined) {
    e.byte(lenTag(5));
    const end = e.begin();
    writeAnyValue(e, body);
    e.end(end);
  }
  if (record.attributes) writeAttributes(e, record.attributes, 6);
  e.byte((7 << 3) | 0);
  e.varint(record.droppedAttributesCount);
  const context = record.spanContext;
  if (context?.traceFlags) {
    e.byte((8 << 3) | 5);
    e.fixed32(context.traceFlags);
  }
  if (context?.traceId) {
    e.byte(lenTag(9));
    e.hexBytes(context.traceId);
  }
  if (context?.spanId) {
    e.byte(lenTag(10));
    e.hexBytes(context.spanId);
  }
  e.byte((11 << 3) | 1);
  e.hrTime(record.hrTimeObserved);
  if (record.eventName) {
    e.byte(lenTag(12));
    e.string(record.eventName);
  }
}

const LOG_RECORD: ItemEncoding<ReadableLogRecord> = { size: sizeLogRecord, write: writeLogRecord };
