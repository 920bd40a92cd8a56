import type { SpanContext } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { attributes, groupByResourceAndScope, hrTimeNanos, resource, scope } from './common.js';

/** `SpanFlags`: bit 8 says whether bit 9 (the parent or link is remote) is known. */
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

function flags(context: SpanContext, isRemote: boolean | undefined): number {
  return (context.traceFlags & 0xff) | HAS_IS_REMOTE | (isRemote === true ? IS_REMOTE : 0);
}

/** An `ExportTraceServiceRequest` in the OTLP/JSON mapping (see common.ts). */
export function traceRequest(spans: readonly ReadableSpan[]): object {
  const resourceSpans: object[] = [];
  for (const [res, byScope] of groupByResourceAndScope(spans, (s) => s.resource, (s) => s.instrumentationScope)) {
    const scopeSpans: object[] = [];
    for (const list of byScope.values()) {
      const first = list[0].instrumentationScope;
      scopeSpans.push({ scope: scope(first), spans: list.map(span), schemaUrl: first.schemaUrl });
    }
    const encoded = resource(res);
    resourceSpans.push({ resource: encoded, scopeSpans, schemaUrl: encoded.schemaUrl });
  }
  return { resourceSpans };
}

function span(span: ReadableSpan): object {
  const context = span.spanContext();
  const parent = span.parentSpanContext;
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: parent?.spanId || undefined,
    traceState: context.traceState?.serialize(),
    name: span.name,
    // SpanKind in the API starts at INTERNAL = 0; in OTLP 0 is UNSPECIFIED.
    kind: span.kind == null ? 0 : span.kind + 1,
    startTimeUnixNano: hrTimeNanos(span.startTime),
    endTimeUnixNano: hrTimeNanos(span.endTime),
    attributes: attributes(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((event) => ({
      timeUnixNano: hrTimeNanos(event.time),
      name: event.name,
      attributes: attributes(event.attributes),
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: span.droppedEventsCount,
    status: { code: span.status.code, message: span.status.message },
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      traceState: link.context.traceState?.serialize(),
      attributes: attributes(link.attributes),
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
      flags: flags(link.context, link.context.isRemote),
    })),
    droppedLinksCount: span.droppedLinksCount,
    flags: flags(context, parent?.isRemote),
  };
}
