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
import { startViewer, type RunningViewer } from '../../src/index.js';

const RESOURCE = resourceFromAttributes({ 'service.name': 'receiver-test' });

const VARIANTS = [
  { format: 'protobuf', compression: CompressionAlgorithm.NONE, exporters: { logs: ProtoLogExporter, traces: ProtoTraceExporter, metrics: ProtoMetricExporter } },
  { format: 'protobuf', compression: CompressionAlgorithm.GZIP, exporters: { logs: ProtoLogExporter, traces: ProtoTraceExporter, metrics: ProtoMetricExporter } },
  { format: 'json', compression: CompressionAlgorithm.NONE, exporters: { logs: JsonLogExporter, traces: JsonTraceExporter, metrics: JsonMetricExporter } },
  { format: 'json', compression: CompressionAlgorithm.GZIP, exporters: { logs: JsonLogExporter, traces: JsonTraceExporter, metrics: JsonMetricExporter } },
] as const;

let viewer: RunningViewer;

/** Resolves once `done()` holds, polling every 10 ms for at most 10 s (then the assertions below say what is missing). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeEach(async () => {
  viewer = await startViewer({ port: 0, otlpPort: 0 });
});

afterEach(async () => {
  await viewer.close();
});

describe.each(VARIANTS)('real $format exporters, compression $compression', ({ exporters, compression }) => {
  it('receives spans, their logs and histogram points into the store', async () => {
    const tracerProvider = new TracerProvider({
      resource: RESOURCE,
      spanProcessors: [new SimpleSpanProcessor({ exporter: new exporters.traces({ url: `${viewer.otlpUrl}/v1/traces`, compression }) })],
    });
    const loggerProvider = new LoggerProvider({
      resource: RESOURCE,
      processors: [new SimpleLogRecordProcessor({ exporter: new exporters.logs({ url: `${viewer.otlpUrl}/v1/logs`, compression }) })],
    });
    const reader = new PeriodicExportingMetricReader({
      exporter: new exporters.metrics({ url: `${viewer.otlpUrl}/v1/metrics`, compression }),
      exportIntervalMillis: 60_000,
    });
    const meterProvider = new MeterProvider({ resource: RESOURCE, readers: [reader] });
    const tracer = tracerProvider.getTracer('t');
    let traceId = '';
    tracer.startActiveSpan('chat gpt-x', { kind: SpanKind.CLIENT, attributes: { 'gen_ai.request.model': 'gpt-x', 'gen_ai.usage.input_tokens': 12 } }, (span) => {
      traceId = span.spanContext().traceId;
      loggerProvider.getLogger('l').emit({ severityNumber: SeverityNumber.WARN, body: 'inside', attributes: { n: 1 }, context: trace.setSpan(ROOT_CONTEXT, span) });
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      span.end();
    });
    const histogram = meterProvider.getMeter('m').createHistogram('gen_ai.client.operation.duration', { unit: 's', valueType: ValueType.DOUBLE });
    histogram.record(0.3, { 'gen_ai.request.model': 'gpt-x' });
    await Promise.all([tracerProvider.forceFlush(), loggerProvider.forceFlush(), meterProvider.forceFlush()]);
    // The simple processors' forceFlush does not wait for an export already sent (sdk-logs tracks only those
    // held for async resource attributes): wait for the receiver to have stored all three, then check them.
    await until(() => viewer.store.trace(traceId)?.spans.length === 1 && viewer.store.trace(traceId)?.logs.length === 1 && viewer.store.metrics.view().latency.length === 1);

    const detail = viewer.store.trace(traceId);
    expect(detail?.spans.map((s) => [s.name, s.kind, s.statusCode, s.statusMessage, s.service, s.attributes['gen_ai.usage.input_tokens']])).toEqual([
      ['chat gpt-x', 3, 2, 'boom', 'receiver-test', 12],
    ]);
    expect(detail?.logs.map((l) => [l.body, l.severityNumber, l.spanId === detail.spans[0].spanId, l.attributes.n])).toEqual([['inside', 13, true, 1]]);
    const [row] = viewer.store.list();
    expect(row).toMatchObject({ traceId, rootName: 'chat gpt-x', error: true, llmCalls: 1, inputTokens: 12, models: ['gpt-x'] });
    const latency = viewer.store.metrics.view().latency;
    expect(latency).toHaveLength(1);
    expect(latency[0]).toMatchObject({ metric: 'gen_ai.client.operation.duration', key: 'gpt-x', count: 1 });
    await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown(), meterProvider.shutdown()]);
  });
});

describe('what the receiver refuses', () => {
  const post = (path: string, headers: Record<string, string>, body: string | ArrayBuffer) =>
    fetch(`${viewer.otlpUrl}${path}`, { method: 'POST', headers, body });

  it('answers 404, 405, 415 and 400 and counts them, keeping nothing', async () => {
    expect((await post('/v1/nope', { 'content-type': 'application/json' }, '{}')).status).toBe(404);
    expect((await fetch(`${viewer.otlpUrl}/v1/traces`)).status).toBe(405);
    expect((await post('/v1/traces', { 'content-type': 'text/plain' }, '{}')).status).toBe(415);
    expect((await post('/v1/traces', { 'content-type': 'application/json' }, '{"resourceSpans":')).status).toBe(400);
    expect((await post('/v1/traces', { 'content-type': 'application/x-protobuf' }, new Uint8Array([0xff, 0xff, 0xff]).buffer)).status).toBe(400);
    expect((await post('/v1/traces', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'not gzip')).status).toBe(400);
    expect((await post('/v1/traces', { 'content-type': 'application/json', 'content-encoding': 'br' }, '{}')).status).toBe(415);
    expect(viewer.store.counts().spans).toBe(0);
    const status = (await (await fetch(`${viewer.pageUrl}api/status`)).json()) as { receiver: { rejected: number } };
    expect(status.receiver.rejected).toBe(7);
  });
});
