import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ROOT_CONTEXT, SeverityNumber, SpanKind, SpanStatusCode, trace, ValueType } from '@opentelemetry/api';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from './fixtures/otlp-receiver.js';

const RESOURCE = { 'service.name': 'receiver-test', 'service.version': '1.0.0', 'test.run': 7, 'test.flag': true };
const SCOPE = { name: 'receiver-test-scope', version: '1.2.3' };
const HEADERS = { 'x-sightline-test': 'header-arrived' };
const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

const VARIANTS = [
  {
    format: 'protobuf',
    contentType: 'application/x-protobuf',
    compression: CompressionAlgorithm.NONE,
    exporters: { logs: ProtoLogExporter, spans: ProtoTraceExporter, metrics: ProtoMetricExporter },
  },
  {
    format: 'protobuf',
    contentType: 'application/x-protobuf',
    compression: CompressionAlgorithm.GZIP,
    exporters: { logs: ProtoLogExporter, spans: ProtoTraceExporter, metrics: ProtoMetricExporter },
  },
  {
    format: 'json',
    contentType: 'application/json',
    compression: CompressionAlgorithm.NONE,
    exporters: { logs: JsonLogExporter, spans: JsonTraceExporter, metrics: JsonMetricExporter },
  },
  {
    format: 'json',
    contentType: 'application/json',
    compression: CompressionAlgorithm.GZIP,
    exporters: { logs: JsonLogExporter, spans: JsonTraceExporter, metrics: JsonMetricExporter },
  },
] as const;

let receiver: OtlpReceiver;

afterEach(async () => {
  await receiver.close();
});

describe.each(VARIANTS)('real $format exporters, compression $compression', (variant) => {
  const { exporters, compression } = variant;
  const expectedEncoding = compression === CompressionAlgorithm.GZIP ? 'gzip' : 'identity';

  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });

  function exporterConfig(signal: 'logs' | 'spans' | 'metrics') {
    return { url: receiver.endpoint(signal), headers: HEADERS, compression };
  }

  it('decodes log records with resource, scope, severity, body, attributes and trace context', async () => {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes(RESOURCE),
      processors: [new SimpleLogRecordProcessor({ exporter: new exporters.logs(exporterConfig('logs')) })],
    });
    const spanContext = { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 };
    provider.getLogger(SCOPE.name, SCOPE.version).emit({
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      body: { message: 'disk almost full', free: 3, parts: ['a', 2, false] },
      attributes: { 'user.id': 42, ratio: 0.25, ok: true, tags: ['x', 'y'] },
      eventName: 'disk.warning',
      timestamp: 1_700_000_000_123,
      context: trace.setSpanContext(ROOT_CONTEXT, spanContext),
    });
    provider.getLogger(SCOPE.name, SCOPE.version).emit({ body: 'plain' });
    await provider.forceFlush();

    const logs = await receiver.waitForCount('logs', 2);
    await provider.shutdown();

    expect(logs).toHaveLength(2);
    // Each record is its own export, so the two requests may arrive in either order.
    const event = logs.find((log) => log.eventName !== '');
    const plain = logs.find((log) => log.eventName === '');
    expect(event).toMatchObject({
      resource: RESOURCE,
      scope: SCOPE,
      severityNumber: 13,
      severityText: 'WARN',
      body: { message: 'disk almost full', free: 3, parts: ['a', 2, false] },
      attributes: { 'user.id': 42, ratio: 0.25, ok: true, tags: ['x', 'y'] },
      eventName: 'disk.warning',
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      timeUnixNano: '1700000000123000000',
    });
    expect(plain).toMatchObject({ body: 'plain', severityNumber: 0, severityText: '', traceId: '', spanId: '' });
    expect(receiver.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/logs',
      signal: 'logs',
      format: variant.format,
      contentEncoding: expectedEncoding,
      recordCount: 1,
      status: 200,
    });
    expect(receiver.requests[0].contentType).toContain(variant.contentType);
    expect(receiver.requests[0].headers['x-sightline-test']).toBe('header-arrived');
    expect(receiver.errors).toEqual([]);
  });

  it('decodes spans with ids, parent, kind, status, events and attributes', async () => {
    const provider = new TracerProvider({
      resource: resourceFromAttributes(RESOURCE),
      spanProcessors: [new SimpleSpanProcessor({ exporter: new exporters.spans(exporterConfig('spans')) })],
    });
    const tracer = provider.getTracer(SCOPE.name, SCOPE.version);
    const parent = tracer.startSpan('GET /things', { kind: SpanKind.SERVER, attributes: { 'http.route': '/things' } });
    const child = tracer.startSpan(
      'call backend',
      { kind: SpanKind.CLIENT, attributes: { attempt: 2, 'peer.ok': false } },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    child.addEvent('retry', { 'retry.delay_ms': 150, reason: 'timeout' });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'backend down' });
    child.end();
    parent.setStatus({ code: SpanStatusCode.OK });
    parent.end();
    await provider.forceFlush();

    const spans = await receiver.waitForCount('spans', 2);
    await provider.shutdown();

    const received = Object.fromEntries(spans.map((span) => [span.name, span]));
    const server = received['GET /things'];
    const client = received['call backend'];
    expect(server).toMatchObject({
      resource: RESOURCE,
      scope: SCOPE,
      traceId: parent.spanContext().traceId,
      spanId: parent.spanContext().spanId,
      parentSpanId: '',
      kind: 2,
      attributes: { 'http.route': '/things' },
      events: [],
      status: { code: 1, message: '' },
    });
    expect(client).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: child.spanContext().spanId,
      parentSpanId: parent.spanContext().spanId,
      kind: 3,
      attributes: { attempt: 2, 'peer.ok': false },
      events: [{ name: 'retry', attributes: { 'retry.delay_ms': 150, reason: 'timeout' } }],
      status: { code: 2, message: 'backend down' },
    });
    expect(client.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(BigInt(client.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(client.startTimeUnixNano));
    expect(receiver.requests.every((r) => r.headers['x-sightline-test'] === 'header-arrived')).toBe(true);
    expect(receiver.requests.map((r) => r.contentEncoding)).toEqual([expectedEncoding, expectedEncoding]);
  });

  it('decodes an int counter and a histogram', async () => {
    const exporter = new exporters.metrics(exporterConfig('metrics'));
    const provider = new MeterProvider({
      resource: resourceFromAttributes(RESOURCE),
      readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 })],
    });
    const meter = provider.getMeter(SCOPE.name, SCOPE.version);
    const counter = meter.createCounter('jobs.done', {
      unit: '{job}',
      description: 'Jobs done',
      valueType: ValueType.INT,
    });
    counter.add(5, { queue: 'fast' });
    counter.add(2, { queue: 'fast' });
    const histogram = meter.createHistogram('job.duration', {
      unit: 'ms',
      advice: { explicitBucketBoundaries: [10, 100] },
    });
    histogram.record(3, { queue: 'fast' });
    histogram.record(30.5, { queue: 'fast' });
    await provider.forceFlush();

    const metrics = await receiver.waitFor('metrics', (items) => items.some((m) => m.name === 'job.duration'));
    await provider.shutdown();

    const byName = Object.fromEntries(metrics.map((metric) => [metric.name, metric]));
    expect(byName['jobs.done']).toMatchObject({
      resource: RESOURCE,
      scope: SCOPE,
      unit: '{job}',
      description: 'Jobs done',
      type: 'sum',
      isMonotonic: true,
      aggregationTemporality: 2,
      dataPoints: [{ attributes: { queue: 'fast' }, value: 7 }],
    });
    expect(byName['job.duration']).toMatchObject({
      unit: 'ms',
      type: 'histogram',
      aggregationTemporality: 2,
      dataPoints: [
        {
          attributes: { queue: 'fast' },
          count: 2,
          sum: 33.5,
          min: 3,
          max: 30.5,
          bucketCounts: [1, 1, 0],
          explicitBounds: [10, 100],
        },
      ],
    });
    expect(receiver.requests[0]).toMatchObject({ path: '/v1/metrics', format: variant.format, status: 200 });
  });
});

describe('response behaviour', () => {
  it('answers the first requests with 503 and stores only the retried export', async () => {
    receiver = await startOtlpReceiver({ failFirst: 2, status: 503, retryAfterSeconds: 0 });
    const exporter = new ProtoLogExporter({ url: receiver.endpoint('logs') });
    const provider = new LoggerProvider({
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    provider.getLogger('retry').emit({ body: 'survives two 503s' });
    await provider.forceFlush();

    const logs = await receiver.waitForCount('logs', 1);
    await provider.shutdown();

    expect(logs.map((log) => log.body)).toEqual(['survives two 503s']);
    expect(receiver.requests.map((r) => [r.status, r.recordCount])).toEqual([
      [503, 1],
      [503, 1],
      [200, 1],
    ]);
    expect(receiver.errors).toEqual([]);
  });

  it('switches status at run time and answers in the request format', async () => {
    receiver = await startOtlpReceiver({ retryAfterSeconds: 2 });
    receiver.setResponseStatus(503);
    const down = await postJson(receiver, '/v1/logs', jsonLogsRequest('while down'));
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('2');
    expect(receiver.logs).toEqual([]);

    receiver.setResponseStatus(200);
    const up = await postJson(receiver, '/v1/logs', jsonLogsRequest('after recovery'));
    expect(up.status).toBe(200);
    expect(up.headers.get('content-type')).toBe('application/json');
    expect(await up.json()).toEqual({});
    expect(receiver.logs.map((log) => log.body)).toEqual(['after recovery']);
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 200]);

    const proto = await fetch(`${receiver.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: new Uint8Array(),
    });
    expect(proto.status).toBe(200);
    expect(proto.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await proto.arrayBuffer()).byteLength).toBe(0); // empty ExportTraceServiceResponse
  });

  it('reads hand-written OTLP/JSON: enum names, base64 ids, int64 strings, kvlist bodies', async () => {
    receiver = await startOtlpReceiver();
    const body = { kvlistValue: { values: [{ key: 'big', value: { intValue: '9007199254740991' } }] } };
    const request = jsonLogsRequest(body);
    const record = request.resourceLogs[0].scopeLogs[0].logRecords[0];
    Object.assign(record, {
      severityNumber: 'SEVERITY_NUMBER_ERROR',
      traceId: Buffer.from(TRACE_ID, 'hex').toString('base64'),
      spanId: SPAN_ID.toUpperCase(),
    });
    expect((await postJson(receiver, '/v1/logs', request)).status).toBe(200);
    expect(receiver.logs[0]).toMatchObject({
      resource: { 'service.name': 'hand-written' },
      scope: { name: 'raw', version: '' },
      severityNumber: 17,
      body: { big: 9007199254740991 },
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      timeUnixNano: '1700000000000000001',
    });
  });
});

describe('child processes', () => {
  it('receives what a separate Node process exports, configured only through OTEL_* variables', async () => {
    receiver = await startOtlpReceiver();
    const script = [
      "import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';",
      "import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';",
      'const provider = new TracerProvider({',
      '  spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter() })],',
      '});',
      "provider.getTracer('child-scope').startSpan('from the child').end();",
      'await provider.shutdown();',
    ].join('\n');
    await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: new URL('..', import.meta.url),
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_HEADERS: 'x-child=yes' },
      timeout: 20_000,
    });

    const [span] = await receiver.waitForCount('spans', 1);
    expect(span).toMatchObject({ name: 'from the child', scope: { name: 'child-scope', version: '' } });
    expect(receiver.requests[0]).toMatchObject({ path: '/v1/traces', format: 'protobuf', status: 200 });
    expect(receiver.requests[0].headers['x-child']).toBe('yes');
  });
});

describe('robustness', () => {
  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });

  it('rejects malformed and unsupported requests with 4xx, records them and keeps serving', async () => {
    const send = (path: string, contentType: string, body: Uint8Array | string, encoding?: string) =>
      fetch(`${receiver.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType, ...(encoding ? { 'content-encoding': encoding } : {}) },
        body,
      });

    expect((await send('/v1/logs', 'application/x-protobuf', 'not protobuf at all')).status).toBe(400);
    expect((await send('/v1/traces', 'application/json', '{"resourceSpans": [')).status).toBe(400);
    expect((await send('/v1/metrics', 'application/json', '[1, 2]')).status).toBe(400);
    expect((await send('/v1/logs', 'application/json', '{}', 'gzip')).status).toBe(400);
    expect((await send('/v1/logs', 'application/json', '{}', 'br')).status).toBe(415);
    expect((await send('/v1/logs', 'text/plain', 'hello')).status).toBe(415);
    expect((await send('/v1/log', 'application/json', '{}')).status).toBe(404);
    expect((await fetch(`${receiver.url}/v1/logs`)).status).toBe(405);

    expect(receiver.errors.map((e) => [e.status, e.path])).toEqual([
      [400, '/v1/logs'],
      [400, '/v1/traces'],
      [400, '/v1/metrics'],
      [400, '/v1/logs'],
      [415, '/v1/logs'],
      [415, '/v1/logs'],
      [404, '/v1/log'],
      [405, '/v1/logs'],
    ]);
    expect(receiver.errors[0].message).toMatch(/invalid protobuf body/);
    expect(receiver.errors[1].message).toMatch(/invalid json body/);
    expect(receiver.errors[2].message).toMatch(/expected a JSON object, got an array/);
    expect(receiver.errors[3].message).toMatch(/invalid gzip body/);
    expect(receiver.logs).toEqual([]);

    const gzipped = gzipSync(JSON.stringify(jsonLogsRequest('still alive')));
    expect((await send('/v1/logs', 'application/json; charset=utf-8', gzipped, 'gzip')).status).toBe(200);
    expect(receiver.logs.map((log) => log.body)).toEqual(['still alive']);
  });

  it('explains a waitFor timeout with what did arrive', async () => {
    await postJson(receiver, '/v1/logs', jsonLogsRequest('the only log'));
    const failing = receiver.waitFor('spans', (spans) => spans[0].name === 'never', 50);
    await expect(failing).rejects.toThrow(/waitFor\('spans'\) timed out after 50 ms; the predicate never held/);
    await expect(failing).rejects.toThrow(/\(it last threw: TypeError/);
    await expect(failing).rejects.toThrow(/Received 1 logs, 0 spans, 0 metrics in 1 requests/);
    await expect(failing).rejects.toThrow(/No spans arrived/);
    await expect(failing).rejects.toThrow(/POST \/v1\/logs application\/json identity → 200 \(1 records\)/);
  });

  it('resolves waitFor on later arrivals, resets, and rejects pending waits on close', async () => {
    const twoLogs = receiver.waitForCount('logs', 2);
    await postJson(receiver, '/v1/logs', jsonLogsRequest('one'));
    await postJson(receiver, '/v1/logs', jsonLogsRequest('two'));
    expect((await twoLogs).map((log) => log.body)).toEqual(['one', 'two']);

    receiver.reset();
    expect([receiver.logs.length, receiver.requests.length, receiver.errors.length]).toEqual([0, 0, 0]);

    const pending = receiver.waitForCount('metrics', 1);
    await receiver.close();
    await expect(pending).rejects.toThrow(/closed while waiting for metrics/);
    await receiver.close(); // idempotent
  });
});

function jsonLogsRequest(body: unknown) {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'hand-written' } }] },
        scopeLogs: [
          {
            scope: { name: 'raw' },
            logRecords: [
              {
                timeUnixNano: '1700000000000000001',
                severityNumber: 9,
                body: typeof body === 'string' ? { stringValue: body } : body,
              } as Record<string, unknown>,
            ],
          },
        ],
      },
    ],
  };
}

function postJson(target: OtlpReceiver, path: string, body: unknown): Promise<Response> {
  return fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
