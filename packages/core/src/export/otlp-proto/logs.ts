import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  sizeAnyValue,
  sizeAttributes,
  sizeResource,
  sizeScope,
  varintOf,
  writeAnyValue,
  writeAttributes,
  writeResource,
  writeScope,
  type ResourceParts,
  type ScopeParts,
} from './common.js';
import { hexBytesLength, lenTag, ProtoEncoder, UnencodableError, varintSize } from './proto-encoder.js';

/** Records of one resource, by instrumentation scope (by identity, in first-seen order, as upstream groups them). */
interface ResourceGroup {
  resource: ResourceParts;
  scopes: Map<ScopeParts, ReadableLogRecord[]>;
}

/** Groups records by resource and then by scope object, in first-seen order, like upstream's `createResourceMap`. */
function group(records: readonly ReadableLogRecord[]): ResourceGroup[] {
  const byResource = new Map<object, ResourceGroup>();
  const out: ResourceGroup[] = [];
  let lastResource: object | undefined;
  let lastScope: object | undefined;
  let lastList: ReadableLogRecord[] | undefined;
  for (const record of records) {
    const resource = record.resource;
    const scope = record.instrumentationScope;
    if (resource === lastResource && scope === lastScope && lastList !== undefined) {
      lastList.push(record);
      continue;
    }
    let entry = byResource.get(resource);
    if (entry === undefined) {
      entry = { resource: { attributes: resource.attributes, schemaUrl: resource.schemaUrl }, scopes: new Map() };
      byResource.set(resource, entry);
      out.push(entry);
    }
    let list = entry.scopes.get(scope);
    if (list === undefined) entry.scopes.set(scope, (list = []));
    list.push(record);
    lastResource = resource;
    lastScope = scope;
    lastList = list;
  }
  return out;
}

/** One encoder reused by every call that does not overlap another (encoding is synchronous). */
let shared: ProtoEncoder | undefined = new ProtoEncoder();

/**
 * An `ExportLogsServiceRequest` in protobuf, byte for byte what `@opentelemetry/otlp-transformer`'s
 * `ProtobufLogsSerializer` writes. Throws {@link UnencodableError} for what it does not cover (the
 * caller then uses the upstream serializer).
 */
export function encodeLogsProto(records: readonly ReadableLogRecord[]): Uint8Array {
  const e = shared ?? new ProtoEncoder();
  shared = undefined;
  try {
    e.reset();
    const groups = group(records);
    let size = 0;
    for (const g of groups) {
      const at = e.reserve();
      size += e.setLength(at, sizeResourceLogs(e, g));
    }
    e.startWriting(size);
    for (const g of groups) {
      e.byte(lenTag(1));
      const end = e.begin();
      writeResourceLogs(e, g);
      e.end(end);
    }
    return e.finish();
  } finally {
    e.reset();
    shared = e;
  }
}

function schemaUrlSize(e: ProtoEncoder, schemaUrl: unknown): number {
  return schemaUrl ? e.sizeString(schemaUrl) : 0;
}

function sizeResourceLogs(e: ProtoEncoder, g: ResourceGroup): number {
  let size = e.setLength(e.reserve(), sizeResource(e, g.resource));
  for (const [scope, records] of g.scopes) size += e.setLength(e.reserve(), sizeScopeLogs(e, scope, records));
  return size + schemaUrlSize(e, g.resource.schemaUrl);
}

function writeResourceLogs(e: ProtoEncoder, g: ResourceGroup): void {
  e.byte(lenTag(1));
  let end = e.begin();
  writeResource(e, g.resource);
  e.end(end);
  for (const [scope, records] of g.scopes) {
    e.byte(lenTag(2));
    end = e.begin();
    writeScopeLogs(e, scope, records);
    e.end(end);
  }
  if (g.resource.schemaUrl) {
    e.byte(lenTag(3));
    e.string(g.resource.schemaUrl);
  }
}

function sizeScopeLogs(e: ProtoEncoder, scope: ScopeParts, records: readonly ReadableLogRecord[]): number {
  let size = e.setLength(e.reserve(), sizeScope(e, scope));
  for (const record of records) size += e.setLength(e.reserve(), sizeLogRecord(e, record));
  return size + schemaUrlSize(e, scope.schemaUrl);
}

function writeScopeLogs(e: ProtoEncoder, scope: ScopeParts, records: readonly ReadableLogRecord[]): void {
  e.byte(lenTag(1));
  let end = e.begin();
  writeScope(e, scope);
  e.end(end);
  for (const record of records) {
    e.byte(lenTag(2));
    end = e.begin();
    writeLogRecord(e, record);
    e.end(end);
  }
  if (scope.schemaUrl) {
    e.byte(lenTag(3));
    e.string(scope.schemaUrl);
  }
}

function hexSize(id: unknown): number {
  if (typeof id !== 'string') throw new UnencodableError(`a ${typeof id} where a trace or span id is encoded`);
  const length = hexBytesLength(id);
  return 1 + varintSize(length) + length;
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
  if (context?.traceId) size += hexSize(context.traceId); // 9
  if (context?.spanId) size += hexSize(context.spanId); // 10
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
