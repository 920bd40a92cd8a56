import { ROOT_CONTEXT, SeverityNumber, trace, TraceFlags } from '@opentelemetry/api';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestTypes } from '../../../../../test/fixtures/otlp/proto-root.js';
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

// ---- arbitraries: every AnyValue kind and every LogRecord field, odd values included ----

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }), // lone surrogates, non-BMP
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', minLength: 17, maxLength: 300 }),
  fc.constantFrom('', '\uD800', 'a\uDC00b', 'x\uD83D', '\uDC00\uD800', '😀', '\uDBFF\uDFFF', 'é'.repeat(70), 'a'.repeat(200)),
);
const integer = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(Number),
  fc.constantFrom(0, -0, -1, 127, 128, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53, 2 ** 63, -(2 ** 63), 2 ** 64, -(2 ** 64)),
);
const double = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, -0, Infinity, -Infinity, 0.1, 2 ** 63 + 2 ** 11));
const bytes = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)));
const leaf = fc.oneof(text, fc.boolean(), integer, double, bytes, fc.constantFrom(undefined, null), fc.bigInt());
const key = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'constructor', '0', '10', 'user.id'));

const { value: anyValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('map')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  map: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));
const attributes = fc.dictionary(key, anyValue, { maxKeys: 8 });

const hrTime = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 2 ** 34 }), fc.integer({ min: 0, max: 999_999_999 })),
  fc.tuple(fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }), fc.integer({ min: 0, max: 999_999_999 })),
  fc.tuple(fc.oneof(integer, double), fc.oneof(integer, double)),
  fc.constantFrom<[number, number]>([0, 0], [0, 999_999_999], [2 ** 32, 0], [4294, 967_295_999], [-1, 0], [1, 1e9]),
);
const hex = (length: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length }),
    fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), minLength: length, maxLength: length }),
    fc.string({ maxLength: length + 3 }), // not hex, odd lengths: upstream's hexToBinary converts them anyway
  );
const spanContext = fc.option(
  fc.record({ traceId: hex(32), spanId: hex(16), traceFlags: fc.oneof(fc.constantFrom(0, 1, 2, 255), integer) }),
  { nil: undefined },
);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const resource = fc.oneof(
  fc.record({ attributes: optional(attributes), schemaUrl: optional(text) }),
  fc
    .tuple(fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(text, fc.boolean(), integer, double)), optional(text))
    .map(([attrs, schemaUrl]) => resourceFromAttributes(attrs, { schemaUrl })),
);
const scope = fc.record(
  {
    name: text,
    version: optional(text),
    schemaUrl: optional(text),
    attributes: optional(attributes),
    droppedAttributesCount: optional(fc.oneof(fc.nat(), integer)),
  },
  { requiredKeys: ['name'] },
);

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
