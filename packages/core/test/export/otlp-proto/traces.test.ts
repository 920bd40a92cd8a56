import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestTypes } from '../../../../../test/fixtures/otlp/proto-root.js';
import { encodeTraceProto } from '../../../src/export/otlp-proto/traces.js';
import { UnencodableError } from '../../../src/export/otlp-proto/proto-encoder.js';
import { OTLP_PROTO_SERIALIZERS, protoFallbacks } from '../../../src/export/otlp-proto/serializers.js';
import { attributes, double, hex, hrTime, integer, optional, resource, scope, text } from './arbitraries.js';

const upstream = (spans: ReadableSpan[]): Buffer => Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);

const decoded = (bytes: Uint8Array): unknown =>
  requestTypes.spans.toObject(requestTypes.spans.decode(bytes), { longs: String, bytes: String, defaults: false });

function expectSameBytes(spans: ReadableSpan[]): void {
  const ours = Buffer.from(encodeTraceProto(spans));
  const theirs = upstream(spans);
  if (!ours.equals(theirs)) {
    expect(decoded(ours)).toEqual(decoded(theirs));
    expect(ours.toString('hex')).toBe(theirs.toString('hex'));
  }
}

const traceState = optional(
  fc.oneof(
    fc.constant(new TraceState('')),
    fc.constant(new TraceState('vendor=value,other=1')),
    fc.constant(new TraceState('rojo=00f067aa0ba902b7')),
  ),
);
const flags = fc.oneof(fc.constantFrom(TraceFlags.NONE, TraceFlags.SAMPLED, 255), integer);
/** `isRemote` and the events' and links' dropped counts are read as upstream reads them: truthy or not. */
const isRemote = optional(fc.oneof(fc.boolean(), fc.constantFrom<unknown>(0, 1, '', 'yes', null)));
const context = fc.record({ traceId: hex(32), spanId: hex(16), traceFlags: flags, isRemote, traceState });
const count = fc.oneof(fc.nat(), integer, double);
const falsyOrCount = fc.oneof(count, fc.constantFrom<unknown>(null, false, ''));

const spanFields = fc.record({
  context,
  parent: optional(fc.record({ traceId: hex(32), spanId: hex(16), traceFlags: flags, isRemote })),
  name: text,
  kind: optional(fc.oneof(fc.constantFrom(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER), integer)),
  startTime: hrTime,
  endTime: hrTime,
  attributes: fc.oneof(attributes, fc.constant(undefined)),
  droppedAttributesCount: count,
  events: fc.array(
    fc.record({ time: hrTime, name: text, attributes: optional(attributes), droppedAttributesCount: optional(falsyOrCount) }, { requiredKeys: ['time', 'name'] }),
    { maxLength: 3 },
  ),
  droppedEventsCount: count,
  links: fc.array(fc.record({ context, attributes: optional(attributes), droppedAttributesCount: optional(falsyOrCount) }, { requiredKeys: ['context'] }), {
    maxLength: 3,
  }),
  droppedLinksCount: count,
  status: fc.record({ code: fc.oneof(fc.constantFrom(SpanStatusCode.UNSET, SpanStatusCode.OK, SpanStatusCode.ERROR), integer), message: optional(text) }),
  resource: fc.nat(),
  scope: fc.nat(),
});

const batch = fc
  .tuple(fc.array(resource, { minLength: 1, maxLength: 3 }), fc.array(scope, { minLength: 1, maxLength: 3 }), fc.array(spanFields, { maxLength: 8 }))
  .map(([resources, scopes, spans]) =>
    spans.map(
      ({ context: ctx, parent, resource: r, scope: s, ...fields }) =>
        ({
          ...fields,
          spanContext: () => ctx,
          parentSpanContext: parent,
          resource: resources[r % resources.length],
          instrumentationScope: scopes[s % scopes.length],
        }) as unknown as ReadableSpan,
    ),
  );

describe('OTLP protobuf encoding of spans', () => {
  it('writes exactly the bytes of otlp-transformer for arbitrary spans (events, links, trace state, status, flags)', () => {
    fc.assert(
      fc.property(batch, (spans) => expectSameBytes(spans)),
      { numRuns: 400 },
    );
  });

  it('writes exactly the bytes of otlp-transformer for spans made by the SDK', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'proto-test' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    const tracer = provider.getTracer('scope.a', '2.0.0');
    const remote = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
      traceState: new TraceState('vendor=x'),
    });
    for (let i = 0; i < 200; i++) {
      const span = tracer.startSpan(
        `chat model-${i}`,
        { kind: i % 2 === 0 ? SpanKind.CLIENT : SpanKind.INTERNAL, attributes: { 'gen_ai.request.model': 'gpt-x', tokens: i, ratio: i / 7 } },
        i % 3 === 0 ? remote : ROOT_CONTEXT,
      );
      span.addEvent('chunk', { index: i, text: 'é😀' });
      span.addLink({ context: { traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: TraceFlags.NONE }, attributes: { why: 'retry' } });
      if (i % 5 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      span.end();
    }
    await provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(200);
    expectSameBytes(spans);
  });

  it('falls back to the upstream serializer, counted, for what it does not cover, with the same bytes', () => {
    const span = {
      spanContext: () => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 }),
      name: 'x',
      kind: 'client',
      startTime: [1, 0],
      endTime: [2, 0],
      attributes: {},
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: 0 },
      resource: resourceFromAttributes({}),
      instrumentationScope: { name: 's' },
    } as unknown as ReadableSpan;
    expect(() => encodeTraceProto([span])).toThrow(UnencodableError);
    const before = protoFallbacks.traces;
    const bytes = Buffer.from(OTLP_PROTO_SERIALIZERS.traces.serializeRequest([span])!);
    expect(protoFallbacks.traces).toBe(before + 1);
    expect(bytes.equals(upstream([span]))).toBe(true);
  });
});
