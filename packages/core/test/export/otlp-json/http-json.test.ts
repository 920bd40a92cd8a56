/**
 * The OTLP/HTTP exporters with `http/json` send, byte for byte, what `@opentelemetry/otlp-transformer`'s
 * `Json*Serializer` writes for the same records (arbitrary records and spans made by the SDK, sent to a
 * loopback receiver). When they differ, the decoded JSON shows where.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, ValueType } from '@opentelemetry/api';
import { JsonLogsSerializer, JsonMetricsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { LoggerProvider, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { TracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedOtlpSignal } from '../../../src/config/resolved-config.js';
import { createOtlpLogExporter, createOtlpMetricExporter, createOtlpSpanExporter } from '../../../src/export/otlp-exporters.js';
import { ExportControl } from '../../../src/export/transport/export-control.js';
import { anyValue, attributes, double, hrTime, integer, key, optional, sdkResource, spanContext, text } from '../otlp-proto/arbitraries.js';

let server: Server;
let endpoint: string;
const bodies: Buffer[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

const signal = (path: string): ResolvedOtlpSignal => ({ endpoint: `${endpoint}${path}`, protocol: 'http/json', headers: {}, timeoutMillis: 5_000, compression: 'none' });

/** What the exporter sent for `items`. */
async function sent<T>(exporter: { export(items: T, done: (result: { code: number; error?: Error }) => void): void }, items: T): Promise<Buffer> {
  bodies.length = 0;
  const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(items, resolve));
  expect(result.error).toBeUndefined();
  expect(bodies).toHaveLength(1);
  return bodies[0]!;
}

function expectSameBytes(ours: Buffer, upstream: Uint8Array | undefined): void {
  const theirs = Buffer.from(upstream!);
  if (!ours.equals(theirs)) {
    expect(JSON.parse(ours.toString())).toEqual(JSON.parse(theirs.toString()));
    expect(ours.toString()).toBe(theirs.toString());
  }
}

/**
 * Finite times: upstream's JSON serializers throw on a NaN or infinite time (BigInt), and so did ours; the
 * default pipeline's sanitize stage replaces such log timestamps before export.
 */
const time = hrTime.filter(([seconds, nanos]) => Number.isFinite(seconds) && Number.isFinite(nanos));

/**
 * Whether a value holds a `__proto__` key: the SDK copies log attributes by assignment, which makes such a
 * value the prototype of the copy (a map that is `instanceof Uint8Array`), and upstream's serializer throws
 * on that. Left out: there are no bytes to compare.
 */
function hasProtoKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return false;
  if (Object.hasOwn(value, '__proto__')) return true;
  return Object.values(value).some(hasProtoKey);
}

/** Records as the SDK makes them from arbitrary `emit` calls, on arbitrary resources. */
const logBatch = fc.tuple(
  sdkResource,
  fc.array(
    fc.record({
      timestamp: time,
      observedTimestamp: time,
      severityNumber: optional(fc.integer({ min: 0, max: 24 })),
      severityText: optional(text),
      body: fc.oneof(anyValue, fc.constant(undefined)),
      attributes: optional(attributes),
      eventName: optional(text),
      spanContext,
      scope: fc.nat({ max: 2 }),
    }),
    { maxLength: 8 },
  ),
).filter(([, calls]) => !calls.some((call) => hasProtoKey(call.body) || hasProtoKey(call.attributes)));

function emitted([res, calls]: fc.Value<typeof logBatch>): ReadableLogRecord[] {
  const records: ReadableLogRecord[] = [];
  const provider = new LoggerProvider({
    resource: res,
    processors: [{ onEmit: (record) => void records.push(record), forceFlush: async () => {}, shutdown: async () => {} }],
  });
  for (const { scope, spanContext: ctx, ...call } of calls) {
    const context = ctx === undefined ? undefined : trace.setSpanContext(ROOT_CONTEXT, ctx as never);
    provider.getLogger(`scope.${scope}`, scope === 1 ? '1.0.0' : undefined).emit({ ...call, context } as never);
  }
  return records;
}

/** What the span API takes as attribute values: primitives and arrays of them. */
const primitive = fc.oneof(text, fc.boolean(), integer, double);
const spanAttributes = fc.dictionary(key, fc.oneof(primitive, fc.array(primitive, { maxLength: 4 })), { maxKeys: 8 });

/** Spans as the SDK makes them from arbitrary calls. */
const spanBatch = fc.array(
  fc.record({
    name: text,
    kind: fc.constantFrom(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER),
    start: time,
    end: time,
    attributes: spanAttributes,
    events: fc.array(fc.record({ name: text, attributes: optional(spanAttributes), time: time }), { maxLength: 3 }),
    links: fc.array(fc.record({ traceId: fc.constant('0af7651916cd43dd8448eb211c80319c'), spanId: fc.constant('b7ad6b7169203331'), isRemote: fc.boolean(), attributes: optional(spanAttributes) }), { maxLength: 2 }),
    status: fc.record({ code: fc.constantFrom(SpanStatusCode.UNSET, SpanStatusCode.OK, SpanStatusCode.ERROR), message: optional(text) }),
    remoteParent: fc.option(fc.boolean(), { nil: undefined }),
  }),
  { maxLength: 6 },
);

function ended(calls: fc.Value<typeof spanBatch>): ReadableSpan[] {
  const spans: ReadableSpan[] = [];
  const processor: SpanProcessor = { onStart: () => {}, onEnd: (span) => void spans.push(span), forceFlush: async () => {}, shutdown: async () => {} };
  const tracer = new TracerProvider({ spanProcessors: [processor] }).getTracer('test.spans', '2.0.0');
  for (const call of calls) {
    const parent =
      call.remoteParent === undefined
        ? ROOT_CONTEXT
        : trace.setSpanContext(ROOT_CONTEXT, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED, isRemote: call.remoteParent });
    const links = call.links.map(({ traceId, spanId, isRemote, attributes: linkAttributes }) => ({ context: { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote }, attributes: linkAttributes as never }));
    const span = tracer.startSpan(call.name, { kind: call.kind, startTime: call.start, attributes: call.attributes as never, links }, parent);
    for (const event of call.events) span.addEvent(event.name, event.attributes as never, event.time);
    span.setStatus(call.status);
    span.end(call.end);
  }
  return spans;
}

describe('http/json export: the bytes of upstream’s JSON serializers', () => {
  const control = new ExportControl();

  it('logs: arbitrary records made by the SDK', async () => {
    const exporter = createOtlpLogExporter(signal('/v1/logs'), { control });
    await fc.assert(
      fc.asyncProperty(logBatch, async (batch) => {
        const records = emitted(batch);
        expectSameBytes(await sent(exporter, records), JsonLogsSerializer.serializeRequest(records));
      }),
      { numRuns: 60 },
    );
  });

  it('logs: int64 attributes past 2^53 and NaN are sent as upstream writes them (numbers, null)', async () => {
    const exporter = createOtlpLogExporter(signal('/v1/logs'), { control });
    const records = emitted([{ attributes: {} } as never, [{ timestamp: [1, 0], observedTimestamp: [1, 0], body: 'b', attributes: { big: 2 ** 60, nan: Number.NaN }, scope: 0 } as never]]);
    const body = (await sent(exporter, records)).toString();
    expect(body).toContain('{"key":"big","value":{"intValue":1152921504606847000}}');
    expect(body).toContain('{"key":"nan","value":{"doubleValue":null}}');
  });

  it('spans: arbitrary spans made by the SDK', async () => {
    const exporter = createOtlpSpanExporter(signal('/v1/traces'), { control });
    await fc.assert(
      fc.asyncProperty(spanBatch, async (calls) => {
        const spans = ended(calls);
        expectSameBytes(await sent(exporter, spans), JsonTraceSerializer.serializeRequest(spans));
      }),
      { numRuns: 60 },
    );
  });

  it('metrics: sums, gauges and histograms collected by the SDK', async () => {
    const exporter = createOtlpMetricExporter(signal('/v1/metrics'), { control });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 })), { minLength: 1, maxLength: 10 }), async (values) => {
        const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
        const reader = new PeriodicExportingMetricReader({ exporter: memory, exportIntervalMillis: 60_000 });
        const meter = new MeterProvider({ readers: [reader] }).getMeter('test.metrics');
        const counter = meter.createUpDownCounter('count', { valueType: ValueType.INT });
        const histogram = meter.createHistogram('duration');
        const gauge = meter.createGauge('level');
        for (const [n, x] of values) {
          counter.add(n, { kind: n % 2 === 0 ? 'even' : 'odd' });
          histogram.record(Math.abs(x));
          gauge.record(x);
        }
        await reader.forceFlush();
        const [metrics] = memory.getMetrics();
        await reader.shutdown();
        expectSameBytes(await sent(exporter, metrics!), JsonMetricsSerializer.serializeRequest(metrics!));
      }),
      { numRuns: 20 },
    );
  });
});
