import { SeverityNumber, SpanStatusCode } from '@opentelemetry/api';
import {
  AggregationTemporality,
  AggregationType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { formatLogJson, formatMetricJson, formatSpanJson } from '../../src/console/format-json.js';
import { RAW_UNSAFE } from './fixtures/collect-stream.js';
import { SPAN_CONTEXT, T0, captureLogs, captureMetrics, captureSpans, within, withContext } from './fixtures/sdk.js';

describe('formatLogJson', () => {
  it('writes one line with the stable keys in order', async () => {
    const records = await captureLogs((logger) => {
      logger.emit({
        timestamp: T0,
        severityNumber: SeverityNumber.WARN,
        body: 'disk almost full',
        attributes: { 'disk.free': 12, nested: { a: [1, 'b'] } },
        context: withContext(SPAN_CONTEXT),
      });
    });
    const line = formatLogJson(records[0]);
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual([
      'time', 'type', 'severity', 'severityNumber', 'scope', 'body', 'traceId', 'spanId', 'attributes', 'resource',
    ]);
    expect(parsed).toEqual({
      time: '2025-01-02T03:04:05.678Z',
      type: 'log',
      severity: 'WARN',
      severityNumber: 13,
      scope: 'test.scope',
      body: 'disk almost full',
      traceId: SPAN_CONTEXT.traceId,
      spanId: SPAN_CONTEXT.spanId,
      attributes: { 'disk.free': 12, nested: { a: [1, 'b'] } },
      resource: { 'service.name': 'weather-mcp' },
    });
  });

  it('has null ids and body without context or body, eventName only for events', async () => {
    const records = await captureLogs((logger) => {
      logger.emit({ eventName: 'gen_ai.client.inference', severityText: 'info' });
      logger.emit({ body: { structured: true } });
    });
    const event = JSON.parse(formatLogJson(records[0]));
    expect(event).toMatchObject({ severity: 'info', severityNumber: 0, body: null, traceId: null, spanId: null, eventName: 'gen_ai.client.inference' });
    const plain = JSON.parse(formatLogJson(records[1]));
    expect(plain).not.toHaveProperty('eventName');
    expect(plain.body).toEqual({ structured: true });
    expect(plain.severity).toBe('UNSPECIFIED');
  });

  it('serializes hostile bodies and attributes without throwing', async () => {
    const circular: Record<string, unknown> = { a: 1, big: 2n };
    circular.self = circular;
    const records = await captureLogs((logger) => {
      logger.emit({ body: circular, attributes: { bytes: new Uint8Array([1, 2]), long: 'x'.repeat(20_000) } });
    });
    const parsed = JSON.parse(formatLogJson(records[0]));
    expect(parsed.body).toEqual({ a: 1, big: '2', self: '[Circular]' });
    expect(parsed.attributes.bytes).toBe('AQI=');
    expect(parsed.attributes.long).toMatch(/…\[truncated 11808 chars\]$/);
  });

  it('escapes separators and bidi controls that JSON.stringify leaves raw', async () => {
    const records = await captureLogs((logger) => {
      logger.emit({ body: 'a\u2028b\u202ec\u007f', attributes: { 'k\u2029': 'v\u0085' } });
    });
    const line = formatLogJson(records[0]);
    expect(line).not.toMatch(RAW_UNSAFE);
    const parsed = JSON.parse(line);
    expect(parsed.body).toBe('a\u2028b\u202ec\u007f');
    expect(parsed.attributes['k\u2029']).toBe('v\u0085');
  });
});

describe('formatSpanJson', () => {
  it('writes the span keys, a 3-decimal duration and the parent only for children', async () => {
    const spans = await captureSpans((tracer) => {
      const root = tracer.startSpan('parent', { kind: 1, startTime: T0, attributes: { 'http.route': '/x' } });
      const child = tracer.startSpan('child', { startTime: T0 + 1 }, within(root));
      child.addEvent('retry', { attempt: 2 }, T0 + 2);
      child.addEvent('bare', T0 + 3);
      child.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      child.end(T0 + 13.3456);
      root.setStatus({ code: SpanStatusCode.OK });
      root.end(T0 + 20);
    });
    const [child, root] = spans.map((span) => JSON.parse(formatSpanJson(span)));
    expect(Object.keys(root)).toEqual([
      'type', 'time', 'name', 'kind', 'scope', 'traceId', 'spanId', 'durationMs', 'status', 'attributes',
    ]);
    expect(root).toMatchObject({
      type: 'span',
      time: '2025-01-02T03:04:05.678Z',
      name: 'parent',
      kind: 'SERVER',
      durationMs: 20,
      status: { code: 'OK' },
      attributes: { 'http.route': '/x' },
    });
    expect(Object.keys(child)).toEqual([
      'type', 'time', 'name', 'kind', 'scope', 'traceId', 'spanId', 'parentSpanId', 'durationMs', 'status', 'attributes', 'events',
    ]);
    expect(child.parentSpanId).toBe(root.spanId);
    expect(child.traceId).toBe(root.traceId);
    expect(child.durationMs).toBe(12.346);
    expect(child.status).toEqual({ code: 'ERROR', message: 'boom' });
    expect(child.events).toEqual([
      { time: '2025-01-02T03:04:05.680Z', name: 'retry', attributes: { attempt: 2 } },
      { time: '2025-01-02T03:04:05.681Z', name: 'bare' },
    ]);
  });
});

describe('formatMetricJson', () => {
  it('writes one line per metric with all its points', async () => {
    const metrics = await captureMetrics((meter) => {
      const counter = meter.createCounter('mcp.requests', { unit: '{request}' });
      counter.add(2, { method: 'tools/call' });
      counter.add(1, { method: 'tools/list' });
      const histogram = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's' });
      histogram.record(0.5);
      histogram.record(1.5);
    });
    const scopeMetrics = metrics.scopeMetrics[0];
    const lines = scopeMetrics.metrics.map((metric) => formatMetricJson(metric, scopeMetrics.scope));
    expect(lines).toHaveLength(2);
    const [sum, histogram] = lines.map((line) => JSON.parse(line));
    expect(Object.keys(sum)).toEqual(['type', 'time', 'name', 'unit', 'kind', 'temporality', 'monotonic', 'scope', 'points']);
    expect(sum).toMatchObject({ type: 'metric', name: 'mcp.requests', unit: '{request}', kind: 'sum', temporality: 'cumulative', monotonic: true, scope: 'test.meter' });
    expect(sum.points).toEqual([
      { attributes: { method: 'tools/call' }, value: 2 },
      { attributes: { method: 'tools/list' }, value: 1 },
    ]);
    expect(histogram).toMatchObject({ name: 'gen_ai.client.operation.duration', unit: 's', kind: 'histogram' });
    expect(histogram).not.toHaveProperty('monotonic');
    expect(histogram.points[0]).toMatchObject({ attributes: {}, count: 2, sum: 2, min: 0.5, max: 1.5 });
    expect(histogram.points[0].buckets.boundaries.length + 1).toBe(histogram.points[0].buckets.counts.length);
  });

  it('writes an exponential histogram point with its scale and buckets', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const provider = new MeterProvider({
      views: [{ instrumentName: 'latency', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
      readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
    });
    const histogram = provider.getMeter('test.meter').createHistogram('latency', { unit: 's' });
    histogram.record(0.5, { route: '/a' });
    histogram.record(2);
    await provider.forceFlush();
    const scopeMetrics = exporter.getMetrics()[0].scopeMetrics[0];
    await provider.shutdown();
    const parsed = JSON.parse(formatMetricJson(scopeMetrics.metrics[0], scopeMetrics.scope));
    expect(parsed).toMatchObject({ name: 'latency', kind: 'exponential_histogram' });
    const [a, b] = parsed.points;
    expect(Object.keys(a)).toEqual(['attributes', 'count', 'sum', 'min', 'max', 'scale', 'zeroCount', 'positive', 'negative']);
    expect(a).toMatchObject({ attributes: { route: '/a' }, count: 1, sum: 0.5, min: 0.5, max: 0.5, zeroCount: 0 });
    expect(b).toMatchObject({ attributes: {}, count: 1, sum: 2, min: 2, max: 2 });
    expect(a.positive.bucketCounts.reduce((x: number, y: number) => x + y, 0)).toBe(1);
  });
});
