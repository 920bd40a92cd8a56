import { diag, DiagLogLevel, ROOT_CONTEXT, SeverityNumber, SpanKind, SpanStatusCode, ValueType, trace, TraceFlags } from '@opentelemetry/api';
import { JsonLogsSerializer, JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  AggregationType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { resourceFromAttributes } from '@opentelemetry/resources';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalOtlpJson } from '../../../../../test/fixtures/otlp/conformance.js';
import { encodeLogsJson, encodeMetricsJson, encodeTraceJson } from '../../../src/export/otlp-json/serializers.js';

const resource = resourceFromAttributes({ 'service.name': 'otlp-json-test', 'process.pid': 4242 });

async function logRecords(emit: (logger: ReturnType<LoggerProvider['getLogger']>) => void): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter })] });
  emit(provider.getLogger('test.logs', '1.2.3'));
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}

async function finishedSpans(run: (tracer: ReturnType<TracerProvider['getTracer']>) => void): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  run(provider.getTracer('test.spans'));
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

async function collectedMetrics(record: (meter: ReturnType<MeterProvider['getMeter']>) => void): Promise<ResourceMetrics> {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({
    resource,
    readers: [reader],
    views: [{ instrumentName: 'exp.histogram', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  record(provider.getMeter('test.metrics'));
  await reader.forceFlush();
  const [metrics] = exporter.getMetrics();
  await provider.shutdown();
  return metrics;
}

/** The line decoded by the official protobuf definitions and written back canonically equals the line. */
function expectConformant(signal: 'logs' | 'spans' | 'metrics', line: string): Record<string, unknown> {
  const { original, canonical } = canonicalOtlpJson(signal, line);
  expect(canonical).toEqual(original);
  return original as Record<string, unknown>;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('OTLP/JSON encoding', () => {
  it('logs: int64 as decimal strings (also past 2^53), doubles, bytes as base64, hex ids, severity as a number', async () => {
    const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
    const records = await logRecords((logger) =>
      logger.emit({
        body: { text: 'hello', nested: [1, 2.5, true, null] },
        severityNumber: SeverityNumber.WARN,
        severityText: 'WARN',
        eventName: 'test.event',
        context: trace.setSpanContext(ROOT_CONTEXT, spanContext),
        attributes: { big: 2 ** 60, negative: -7, ratio: 0.25, nan: Number.NaN, inf: -Infinity, bytes: new Uint8Array([1, 2, 255]), ok: true },
      }),
    );
    const line = encodeLogsJson(records);
    const request = expectConformant('logs', line) as Json;
    const record = request.resourceLogs[0].scopeLogs[0].logRecords[0];
    expect(request.resourceLogs[0].resource.attributes).toContainEqual({ key: 'process.pid', value: { intValue: '4242' } });
    expect(request.resourceLogs[0].scopeLogs[0].scope).toEqual({ name: 'test.logs', version: '1.2.3' });
    expect(record.severityNumber).toBe(13);
    expect(record.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(record.spanId).toBe('b7ad6b7169203331');
    expect(record.flags).toBe(1);
    expect(record.timeUnixNano).toMatch(/^\d{19}$/);
    const attrs = Object.fromEntries(record.attributes.map((kv: Json) => [kv.key, kv.value]));
    expect(attrs).toEqual({
      big: { intValue: '1152921504606846976' },
      negative: { intValue: '-7' },
      ratio: { doubleValue: 0.25 },
      nan: { doubleValue: 'NaN' },
      inf: { doubleValue: '-Infinity' },
      bytes: { bytesValue: 'AQL/' },
      ok: { boolValue: true },
    });
    expect(record.body.kvlistValue.values[1].value.arrayValue.values).toEqual([{ intValue: '1' }, { doubleValue: 2.5 }, { boolValue: true }, {}]);
  });

  it('a resource whose detectors are still running: its settled attributes, and no SDK error line (records written at exit)', async () => {
    const errors: string[] = [];
    diag.setLogger({ error: (m: string) => errors.push(m), warn: () => {}, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.ERROR);
    try {
      const pending = resourceFromAttributes({ 'service.name': 'early', 'host.id': new Promise<string>(() => {}) });
      const records = (await logRecords((logger) => logger.emit({ body: 'at exit' }))).map((r) => Object.defineProperty(Object.create(r), 'resource', { value: pending }) as ReadableLogRecord);
      expect(pending.asyncAttributesPending).toBe(true);
      const request = expectConformant('logs', encodeLogsJson(records)) as Json;
      expect(request.resourceLogs[0].resource.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'early' } }]);
      expect(errors).toEqual([]);
    } finally {
      diag.disable();
    }
  });

  it('upstream JsonLogsSerializer (otlp-transformer 0.301) writes intValue as a JSON number: not canonical', async () => {
    const records = await logRecords((logger) => logger.emit({ body: 'x', attributes: { n: 3 } }));
    const upstream = new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records));
    const { original, canonical } = canonicalOtlpJson('logs', upstream);
    expect(canonical).not.toEqual(original);
    expect(upstream).toContain('"intValue":3');
  });

  it('spans: kind and status as numbers, parent and links as hex, events, flags', async () => {
    const spans = await finishedSpans((tracer) => {
      const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER });
      const ctx = trace.setSpan(ROOT_CONTEXT, parent);
      const child = tracer.startSpan(
        'child',
        {
          kind: SpanKind.CLIENT,
          links: [{ context: { traceId: 'ffffffffffffffffffffffffffffffff'.replace(/^f/, '1'), spanId: '00000000000000aa', traceFlags: 1, isRemote: true }, attributes: { l: 1 } }],
        },
        ctx,
      );
      child.addEvent('evt', { 'e.count': 9 });
      child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      child.end();
      parent.end();
    });
    const request = expectConformant('spans', encodeTraceJson(spans)) as Json;
    const [child, parent] = request.resourceSpans[0].scopeSpans[0].spans;
    expect(parent.kind).toBe(2);
    expect(child.kind).toBe(3);
    expect(child.parentSpanId).toBe(parent.spanId);
    expect(parent.parentSpanId).toBeUndefined();
    expect(child.status).toEqual({ code: 2, message: 'boom' });
    expect(child.links[0].traceId).toBe('1fffffffffffffffffffffffffffffff');
    expect(child.links[0].flags).toBe(0x301);
    expect(child.events[0].attributes).toEqual([{ key: 'e.count', value: { intValue: '9' } }]);
    expect(child.flags).toBe(0x101);
  });

  it('metrics: asInt, counts and bucket counts as decimal strings, temporality as a number', async () => {
    const metrics = await collectedMetrics((meter) => {
      meter.createCounter('int.counter', { valueType: ValueType.INT }).add(5, { a: 'x' });
      meter.createUpDownCounter('double.updown').add(1.5);
      meter.createGauge('int.gauge', { valueType: ValueType.INT }).record(-3);
      const histogram = meter.createHistogram('ms.histogram', { advice: { explicitBucketBoundaries: [10, 100] } });
      for (const v of [1, 50, 500, 5]) histogram.record(v);
      const exponential = meter.createHistogram('exp.histogram');
      for (const v of [0, 1, 2, 4]) exponential.record(v);
    });
    const line = encodeMetricsJson(metrics);
    const request = expectConformant('metrics', line) as Json;
    const byName = Object.fromEntries(request.resourceMetrics[0].scopeMetrics[0].metrics.map((m: Json) => [m.name, m]));
    expect(byName['int.counter'].sum).toMatchObject({ aggregationTemporality: 2, isMonotonic: true });
    expect(byName['int.counter'].sum.dataPoints[0].asInt).toBe('5');
    expect(byName['double.updown'].sum.dataPoints[0].asDouble).toBe(1.5);
    expect(byName['int.gauge'].gauge.dataPoints[0].asInt).toBe('-3');
    expect(byName['ms.histogram'].histogram.dataPoints[0]).toMatchObject({ count: '4', sum: 556, bucketCounts: ['2', '1', '1'], explicitBounds: [10, 100], min: 1, max: 500 });
    expect(byName['exp.histogram'].exponentialHistogram.dataPoints[0]).toMatchObject({ count: '4', zeroCount: '1' });
    // upstream writes the same counts as numbers
    expect(new TextDecoder().decode(JsonMetricsSerializer.serializeRequest(metrics))).toContain('"asInt":5');
  });

  it('any attribute value encodes canonically and decodes back to the value', async () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.boolean(),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
      fc.double(),
      fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }).map((b) => Number(b)),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }))), async (attributes) => {
        const records = await logRecords((logger) => logger.emit({ body: 'p', attributes }));
        const request = expectConformant('logs', encodeLogsJson(records)) as Json;
        const decoded = request.resourceLogs[0].scopeLogs[0].logRecords[0].attributes ?? [];
        for (const { key, value } of decoded as Json[]) expect(unwrap(value)).toEqual(expected(attributes[key]));
      }),
      { numRuns: 150 },
    );
  });
});

/** What a value becomes in OTLP/JSON, written from the mapping's rules (not from the encoder). */
function expected(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expected);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return { int: BigInt(value).toString() };
    return { double: Number.isFinite(value) ? value : String(value) };
  }
  return value;
}

function unwrap(value: Json): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return { int: value.intValue };
  if ('doubleValue' in value) return { double: value.doubleValue };
  if ('arrayValue' in value) return (value.arrayValue.values ?? []).map(unwrap);
  return value;
}
