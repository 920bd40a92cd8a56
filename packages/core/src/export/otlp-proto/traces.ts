import type { SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import { sizeAttributes, sizeHexId, varintOf, writeAttributes } from './common.js';
import { lenTag, UnencodableError, type ProtoEncoder } from './proto-encoder.js';
import { encodeRequest, type ItemEncoding } from './request.js';

/**
 * An `ExportTraceServiceRequest` in protobuf, byte for byte what `@opentelemetry/otlp-transformer`'s
 * `ProtobufTraceSerializer` writes. Throws {@link UnencodableError} for what it does not cover (the
 * caller then uses the upstream serializer).
 */
export function encodeTraceProto(spans: readonly ReadableSpan[]): Uint8Array {
  return encodeRequest(spans, SPAN);
}

/** `SpanFlags`: the W3C trace flags, bit 8 "whether bit 9 is known", bit 9 "the parent or link is remote". */
function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 255) | 256 | (isRemote ? 512 : 0);
}

/** `Span.flags` is field 16: its tag takes two bytes. */
const FLAGS_TAG = [(16 << 3) | 5, 1] as const;

/** Upstream's `span.kind == null ? 0 : span.kind + 1` (the API's kinds start at INTERNAL = 0, OTLP's at UNSPECIFIED = 0). */
function kindOf(span: ReadableSpan): number {
  const kind = span.kind as unknown;
  if (kind == null) return 0;
  if (typeof kind !== 'number') throw new UnencodableError(`a ${typeof kind} as span kind`);
  return kind + 1;
}

/** `dropped_attributes_count` of events and links: upstream writes `count || 0`. */
function countOrZero(count: unknown): number {
  return count ? (count as number) : 0;
}

function sizeSpan(e: ProtoEncoder, span: ReadableSpan): number {
  const context = span.spanContext();
  let size = sizeHexId(context.traceId) + sizeHexId(context.spanId); // 1, 2
  const traceState = context.traceState?.serialize();
  if (traceState) size += e.sizeString(traceState); // 3
  const parentSpanId = span.parentSpanContext?.spanId;
  if (parentSpanId) size += sizeHexId(parentSpanId); // 4
  size += e.sizeString(span.name); // 5
  const kind = kindOf(span);
  if (kind !== 0) size += 1 + varintOf(kind); // 6
  size += 18; // 7, 8 start and end time (fixed64)
  if (span.attributes) size += sizeAttributes(e, span.attributes); // 9
  size += 1 + varintOf(span.droppedAttributesCount); // 10
  for (const event of span.events) size += e.setLength(e.reserve(), sizeEvent(e, event)); // 11
  size += 1 + varintOf(span.droppedEventsCount); // 12
  for (const link of span.links) size += e.setLength(e.reserve(), sizeLink(e, link)); // 13
  size += 1 + varintOf(span.droppedLinksCount); // 14
  size += e.setLength(e.reserve(), sizeStatus(e, span.status)); // 15
  return size + 6; // 16 flags: two-byte tag, fixed32
}

function writeSpan(e: ProtoEncoder, span: ReadableSpan): void {
  const context = span.spanContext();
  e.byte(lenTag(1));
  e.hexBytes(context.traceId);
  e.byte(lenTag(2));
  e.hexBytes(context.spanId);
  const traceState = context.traceState?.serialize();
  if (traceState) {
    e.byte(lenTag(3));
    e.string(traceState);
  }
  const parentSpanId = span.parentSpanContext?.spanId;
  if (parentSpanId) {
    e.byte(lenTag(4));
    e.hexBytes(parentSpanId);
  }
  e.byte(lenTag(5));
  e.string(span.name);
  const kind = kindOf(span);
  if (kind !== 0) {
    e.byte((6 << 3) | 0);
    e.varint(kind);
  }
  e.byte((7 << 3) | 1);
  e.hrTime(span.startTime);
  e.byte((8 << 3) | 1);
  e.hrTime(span.endTime);
  if (span.attributes) writeAttributes(e, span.attributes, 9);
  e.byte((10 << 3) | 0);
  e.varint(span.droppedAttributesCount);
  for (const event of span.events) {
    e.byte(lenTag(11));
    const end = e.begin();
    writeEvent(e, event);
    e.end(end);
  }
  e.byte((12 << 3) | 0);
  e.varint(span.droppedEventsCount);
  for (const link of span.links) {
    e.byte(lenTag(13));
    const end = e.begin();
    writeLink(e, link);
    e.end(end);
  }
  e.byte((14 << 3) | 0);
  e.varint(span.droppedLinksCount);
  e.byte(lenTag(15));
  const end = e.begin();
  writeStatus(e, span.status);
  e.end(end);
  e.byte(FLAGS_TAG[0]);
  e.byte(FLAGS_TAG[1]);
  e.fixed32(spanFlags(context.traceFlags, span.parentSpanContext?.isRemote));
}

function sizeEvent(e: ProtoEncoder, event: TimedEvent): number {
  let size = 9 + e.sizeString(event.name); // 1 time (fixed64), 2 name
  if (event.attributes) size += sizeAttributes(e, event.attributes); // 3
  return size + 1 + varintOf(countOrZero(event.droppedAttributesCount)); // 4
}

function writeEvent(e: ProtoEncoder, event: TimedEvent): void {
  e.byte((1 << 3) | 1);
  e.hrTime(event.time);
  e.byte(lenTag(2));
  e.string(event.name);
  if (event.attributes) writeAttributes(e, event.attributes, 3);
  e.byte((4 << 3) | 0);
  e.varint(countOrZero(event.droppedAttributesCount));
}

type Link = ReadableSpan['links'][number];

function sizeLink(e: ProtoEncoder, link: Link): number {
  const context: SpanContext = link.context;
  let size = sizeHexId(context.traceId) + sizeHexId(context.spanId); // 1, 2
  const traceState = context.traceState?.serialize();
  if (traceState) size += e.sizeString(traceState); // 3
  if (link.attributes) size += sizeAttributes(e, link.attributes); // 4
  size += 1 + varintOf(countOrZero(link.droppedAttributesCount)); // 5
  return size + 5; // 6 flags (fixed32): never 0, bit 8 is always set
}

function writeLink(e: ProtoEncoder, link: Link): void {
  const context: SpanContext = link.context;
  e.byte(lenTag(1));
  e.hexBytes(context.traceId);
  e.byte(lenTag(2));
  e.hexBytes(context.spanId);
  const traceState = context.traceState?.serialize();
  if (traceState) {
    e.byte(lenTag(3));
    e.string(traceState);
  }
  if (link.attributes) writeAttributes(e, link.attributes, 4);
  e.byte((5 << 3) | 0);
  e.varint(countOrZero(link.droppedAttributesCount));
  e.byte((6 << 3) | 5);
  e.fixed32(spanFlags(context.traceFlags, context.isRemote));
}

function sizeStatus(e: ProtoEncoder, status: ReadableSpan['status']): number {
  return (status.message ? e.sizeString(status.message) : 0) + 1 + varintOf(status.code); // 2 message, 3 code
}

function writeStatus(e: ProtoEncoder, status: ReadableSpan['status']): void {
  if (status.message) {
    e.byte(lenTag(2));
    e.string(status.message);
  }
  e.byte((3 << 3) | 0);
  e.varint(status.code);
}

const SPAN: ItemEncoding<ReadableSpan> = { size: sizeSpan, write: writeSpan };
