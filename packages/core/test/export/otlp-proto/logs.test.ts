import { ROOT_CONTEXT, SeverityNumber, trace, TraceFlags } from '@opentelemetry/api';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestTypes } from '../../../../../test/fixtures/otlp/proto-root.js';
import { anyValue, attributes, hrTime, integer, double, optional, resource, scope, spanContext, text } from './arbitraries.js';
import { encodeLogsProto } from '../../../src/export/otlp-proto/logs.js';
import { UnencodableError } from '../../../src/export/otlp-proto/proto-encoder.js';
import { OTLP_PROTO_SERIALIZERS, protoFallbacks } from '../../../src/export/otlp-proto/serializers.js';

const upstream = (records: ReadableLogRecord[]): Buffer => Buffer.from(ProtobufLogsSerializer.serializeRequest(records)!);

/** Both encodings decoded by the official .proto definitions (protobufjs), for a readable difference. */
const decoded = (bytes: Uint8Array): unknown =>
  requestTypes.logs.toObject(requestTypes.logs.decode(bytes), { longs: String, bytes: String, defaults: false });

/** Sightline's bytes equal upstream's; when they do not, the decoded messages show where. */
function expectSameBytes(records: ReadableLogRecord[]): void {
  const ours = Buffer.from(encodeLogsProto(records));
  const theirs = upstream(records);
  if (!ours.equals(theirs)) {
    expect(decoded(ours)).toEqual(decoded(theirs));
    expect(ours.toString('hex')).toBe(theirs.toString('hex'));
  }
}

const recordFields = fc.record({
  hrTime,
  hrTimeObserved: hrTime,
  severityNumber: optional(fc.oneof(fc.integer({ min: 0, max: 24 }), integer, double)),
  severityText: optional(text),
  body: fc.oneof(anyValue, fc.constant(undefined)),
  attributes: fc.oneof(attributes, fc.constant(undefined)),
  droppedAttributesCount: fc.oneof(fc.nat(), integer, double),
  spanContext,
  eventName: optional(text),
  resource: fc.nat(),
  scope: fc.nat(),
});

/** A batch: a few resources and scopes, shared by records in any order (so grouping is exercised). */
const batch = fc
  .tuple(fc.array(resource, { minLength: 1, maxLength: 3 }), fc.array(scope, { minLength: 1, maxLength: 3 }), fc.array(recordFields, { maxLength: 12 }))
  .map(([resources, scopes, records]) =>
    records.map(
      ({ resource: r, scope: s, ...fields }) =>
        ({ ...fields, resource: resources[r % resources.length], instrumentationScope: scopes[s % scopes.length] }) as unknown as ReadableLogRecord,
    ),
  );

describe('OTLP protobuf encoding of logs', () => {
  it('writes exactly the bytes of otlp-transformer for arbitrary records (every AnyValue kind, odd times, ids, counts)', () => {
    fc.assert(
      fc.property(batch, (records) => expectSameBytes(records)),
      { numRuns: 600 },
    );
  });

  it('writes exactly the bytes of otlp-transformer for records made by the SDK', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const res = resourceFromAttributes({ 'service.name': 'proto-test', 'process.pid': 4242, ratio: 0.5 }, { schemaUrl: 'https://opentelemetry.io/schemas/1.37.0' });
    const provider = new LoggerProvider({ resource: res, processors: [new SimpleLogRecordProcessor({ exporter })] });
    const context = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED });
    const a = provider.getLogger('scope.a', '1.0.0', { schemaUrl: 'https://example.com/s' });
    const b = provider.getLogger('scope.b');
    for (let i = 0; i < 300; i++) {
      const logger = i % 3 === 0 ? b : a;
      logger.emit({
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        body: `order ${i} placed by customer u-123 for 42.50 EUR — ünïcode ${'😀'.repeat(i % 3)}`,
        attributes: { 'user.id': `u-${i}`, amount: 42.5, items: i, express: i % 2 === 0, tags: ['a', 'b'], nested: { deep: [1, { x: null }] } },
        context: i % 2 === 0 ? context : undefined,
        eventName: i % 5 === 0 ? 'order.placed' : undefined,
        exception: i % 7 === 0 ? new TypeError('boom') : undefined,
      });
    }
    await provider.forceFlush();
    const records = exporter.getFinishedLogRecords() as ReadableLogRecord[];
    expect(records).toHaveLength(300);
    expectSameBytes(records);
    expectSameBytes([]);
  });

  it('falls back to the upstream serializer, counted, for what it does not cover, with the same bytes', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 70; i++) deep = [deep];
    const base = {
      hrTime: [1_700_000_000, 5] as [number, number],
      hrTimeObserved: [1_700_000_000, 6] as [number, number],
      attributes: {},
      droppedAttributesCount: 0,
      resource: resourceFromAttributes({ 'service.name': 'x' }),
      instrumentationScope: { name: 's' },
    };
    const cases = [
      { ...base, body: deep },
      { ...base, severityNumber: '9' },
      { ...base, droppedAttributesCount: undefined },
      { ...base, instrumentationScope: { name: 's', version: 2 } },
    ] as unknown as ReadableLogRecord[];
    for (const record of cases) {
      expect(() => encodeLogsProto([record])).toThrow(UnencodableError);
      const before = protoFallbacks.logs;
      const bytes = Buffer.from(OTLP_PROTO_SERIALIZERS.logs.serializeRequest([record])!);
      expect(protoFallbacks.logs).toBe(before + 1);
      expect(bytes.equals(upstream([record]))).toBe(true);
    }
  });

  it('falls back rather than write wrong bytes when a value changes between its two passes', () => {
    let reads = 0;
    const record = {
      hrTime: [1, 2],
      hrTimeObserved: [3, 4],
      droppedAttributesCount: 0,
      resource: resourceFromAttributes({}),
      instrumentationScope: { name: 's' },
      attributes: {
        get grows() {
          return 'x'.repeat(++reads * 10);
        },
      },
    } as unknown as ReadableLogRecord;
    expect(() => encodeLogsProto([record])).toThrow(UnencodableError);
    const before = protoFallbacks.logs;
    const bytes = OTLP_PROTO_SERIALIZERS.logs.serializeRequest([record])!;
    expect(protoFallbacks.logs).toBe(before + 1);
    expect(decoded(bytes)).toMatchObject({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ attributes: [{ key: 'grows' }] }] }] }] });
  });

  it('uses its own encoder for ordinary records (no fallback)', () => {
    const before = protoFallbacks.logs;
    const record = {
      hrTime: [1_700_000_000, 1],
      hrTimeObserved: [1_700_000_000, 2],
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      body: 'hello',
      attributes: { a: 1 },
      droppedAttributesCount: 0,
      resource: resourceFromAttributes({ 'service.name': 'x' }),
      instrumentationScope: { name: 's', version: '1' },
    } as unknown as ReadableLogRecord;
    const bytes = Buffer.from(OTLP_PROTO_SERIALIZERS.logs.serializeRequest([record])!);
    expect(protoFallbacks.logs).toBe(before);
    expect(bytes.equals(upstream([record]))).toBe(true);
  });
});
