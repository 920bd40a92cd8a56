import { context, createContextKey, logs, metrics, propagation, ROOT_CONTEXT, trace, type TextMapSetter } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { AlwaysOnSampler, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../src/engine/engine.js';
import type { PropagatorName } from '../../src/engine/propagators.js';
import { startProviders } from '../../src/engine/provider-engine.js';

const setter: TextMapSetter<Record<string, string>> = { set: (carrier, key, value) => void (carrier[key] = value) };

function setup(propagators: PropagatorName[] = ['tracecontext', 'baggage']) {
  const spans = new InMemorySpanExporter();
  const records = new InMemoryLogRecordExporter();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const options: EngineOptions = {
    resource: resourceFromAttributes({ 'service.name': 'engine-test' }),
    sampler: new AlwaysOnSampler(),
    spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
    logRecordProcessors: [new SimpleLogRecordProcessor({ exporter: records })],
    metricReaders: [new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 })],
    views: [],
    instrumentations: [],
    propagators,
  };
  return { options, spans, records, metricExporter };
}

afterEach(() => {
  for (const api of [logs, trace, metrics, propagation, context]) api.disable();
});

describe('startProviders', () => {
  it('registers the three providers with the resource, the sampler and the processors, and shuts them down', async () => {
    const { options, spans, records, metricExporter } = setup();
    const engine = startProviders(options, {});
    expect(engine.kind).toBe('providers');
    trace.getTracer('t').startSpan('op').end();
    logs.getLogger('l').emit({ body: 'hello' });
    metrics.getMeter('m').createCounter('c').add(2);
    expect(spans.getFinishedSpans().map((s) => [s.name, s.resource.attributes['service.name']])).toEqual([['op', 'engine-test']]);
    expect(records.getFinishedLogRecords().map((r) => r.body)).toEqual(['hello']);
    await engine.shutdown();
    // The reader's final collection on shutdown exported the counter.
    const points = metricExporter.getMetrics().flatMap((m) => m.scopeMetrics.flatMap((s) => s.metrics.map((x) => x.dataPoints[0]?.value)));
    expect(points).toContain(2);
  });

  it('keeps the active context across await (AsyncLocalStorage context manager)', async () => {
    startProviders(setup().options, {});
    const key = createContextKey('k');
    const seen = await context.with(context.active().setValue(key, 'v'), async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return context.active().getValue(key);
    });
    expect(seen).toBe('v');
  });

  it.each([
    [['tracecontext', 'baggage'] as PropagatorName[], ['traceparent', 'baggage']],
    [['tracecontext'] as PropagatorName[], ['traceparent']],
    [['baggage'] as PropagatorName[], ['baggage']],
    [[] as PropagatorName[], []],
  ])('propagators %j write the headers %j', (names, headers) => {
    startProviders(setup(names).options, {});
    const span = trace.getTracer('t').startSpan('parent');
    let ctx = trace.setSpan(ROOT_CONTEXT, span);
    ctx = propagation.setBaggage(ctx, propagation.createBaggage({ user: { value: 'u1' } }));
    const carrier: Record<string, string> = {};
    propagation.inject(ctx, carrier, setter);
    expect(Object.keys(carrier).sort()).toEqual([...headers].sort());
    span.end();
  });

  it('applies the span limits of the environment, as NodeSDK reads them', () => {
    const { options, spans } = setup();
    startProviders(options, { OTEL_ATTRIBUTE_COUNT_LIMIT: '3', OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '2', OTEL_SPAN_EVENT_COUNT_LIMIT: 'x', OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '4' });
    const span = trace.getTracer('t').startSpan('limited', { attributes: { a: 'abcdefgh', b: 2, c: 3 } });
    for (let i = 0; i < 3; i++) span.addEvent(`e${i}`);
    span.end();
    const [finished] = spans.getFinishedSpans();
    expect(finished!.attributes).toEqual({ a: 'abcd', b: 2 });
    // A value that is not a positive number leaves the SDK's default (128 events).
    expect(finished!.events).toHaveLength(3);
  });

  it('applies the log record limits of the environment', () => {
    const { options, records } = setup();
    startProviders(options, { OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT: '1', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '2' });
    logs.getLogger('l').emit({ body: 'b', attributes: { x: 'long', y: 'z' } });
    expect(records.getFinishedLogRecords()[0]!.attributes).toEqual({ x: 'lo' });
  });

  it("records the SDK's own metrics only with OTEL_NODE_EXPERIMENTAL_SDK_METRICS=true", async () => {
    const names = async (env: NodeJS.ProcessEnv): Promise<string[]> => {
      const { options, metricExporter } = setup();
      const engine = startProviders(options, env);
      trace.getTracer('t').startSpan('op').end();
      await engine.shutdown();
      for (const api of [logs, trace, metrics, propagation, context]) api.disable();
      return metricExporter.getMetrics().flatMap((m) => m.scopeMetrics.flatMap((s) => s.metrics.map((x) => x.descriptor.name)));
    };
    expect(await names({})).not.toContain('otel.sdk.span.started');
    expect(await names({ OTEL_NODE_EXPERIMENTAL_SDK_METRICS: 'true' })).toContain('otel.sdk.span.started');
  });
});
