import { describe, expect, it } from 'vitest';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  SamplingDecision,
  TracerProvider,
  type ReadableSpan,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { BatchSpanExportProcessor, type BatchSpanExportProcessorOptions } from '../../src/export/batch-span-processor.js';
import { nextImmediate, pointsOf, TestExporter, TestMetricReader, useAsyncContextManager, useDiagCapture, valueFor } from './helpers.js';

/** Records every span; samples (exports) only those whose name does not start with `unsampled`. */
const recordAllSampleSome: Sampler = {
  shouldSample: (_context, _traceId, name) => ({
    decision: name.startsWith('unsampled') ? SamplingDecision.RECORD : SamplingDecision.RECORD_AND_SAMPLED,
  }),
  toString: () => 'RecordAllSampleSome',
};

function setup(options: Partial<BatchSpanExportProcessorOptions> = {}) {
  const exporter = new TestExporter<ReadableSpan>();
  const processor = new BatchSpanExportProcessor({ exporter, ...options });
  const provider = new TracerProvider({ spanProcessors: [processor], sampler: recordAllSampleSome });
  const tracer = provider.getTracer('test');
  const end = (n: number, name = 'span'): void => {
    for (let i = 0; i < n; i++) tracer.startSpan(`${name} ${i}`).end();
  };
  return { exporter, processor, provider, end };
}

const capture = useDiagCapture();

describe('BatchSpanExportProcessor with the SDK TracerProvider', () => {
  it('exports all of a 50 000-span synchronous burst with the defaults, dropping nothing', async () => {
    const exporter = new InMemorySpanExporter();
    const processor = new BatchSpanExportProcessor({ exporter });
    const provider = new TracerProvider({ spanProcessors: [processor] });
    const tracer = provider.getTracer('burst');
    for (let i = 0; i < 50_000; i++) tracer.startSpan(`s${i}`).end();
    await provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(50_000);
    expect(spans[49_999].name).toBe('s49999');
    expect(processor.getStats()).toMatchObject({
      queued: 0,
      queuedBytes: 0,
      exported: 50_000,
      dropped: { queue_full: 0, export_failed: 0, shutdown: 0 },
    });
    await provider.shutdown();
  });

  it('exports sampled spans only, without counting unsampled ones as drops', async () => {
    const { exporter, processor, provider, end } = setup();
    end(3, 'sampled');
    end(4, 'unsampled');
    await provider.forceFlush();
    expect(exporter.items.map((s) => s.name)).toEqual(['sampled 0', 'sampled 1', 'sampled 2']);
    expect(processor.getStats()).toMatchObject({ exported: 3, dropped: { queue_full: 0, export_failed: 0, shutdown: 0 } });
  });

  it('counts a burst beyond a tiny queue exactly, with one diag warn line', async () => {
    const d = capture();
    const { exporter, processor, provider, end } = setup({ maxQueueSize: 100, maxExportBatchSize: 10 });
    end(1_000);
    await provider.forceFlush();
    const { exported, dropped } = processor.getStats();
    expect(exporter.items).toHaveLength(100);
    expect(exported + dropped.queue_full).toBe(1_000);
    expect(d.sightlineWarn()).toEqual(['sightline: span export queue full; dropping and counting further spans']);
  });

  it('counts the exact number of spans a failing exporter lost', async () => {
    const { exporter, processor, provider, end } = setup({ maxExportBatchSize: 64 });
    exporter.mode = 'fail';
    end(300);
    await provider.forceFlush();
    expect(processor.getDropCounts()).toEqual({ queue_full: 0, export_failed: 300, shutdown: 0 });
  });

  it('counts a hanging export as export_failed once it times out', async () => {
    const { exporter, processor, provider, end } = setup({ exportTimeoutMillis: 30 });
    exporter.mode = 'hang';
    end(7);
    await provider.forceFlush();
    expect(processor.getDropCounts().export_failed).toBe(7);
  });

  it('counts spans ended after the processor shut down', async () => {
    const { exporter, processor, end } = setup();
    end(2);
    await processor.shutdown();
    end(5);
    expect(exporter.items).toHaveLength(2);
    expect(processor.getDropCounts()).toEqual({ queue_full: 0, export_failed: 0, shutdown: 5 });
  });

  it('shuts down once: the same promise twice, the exporter shut down once', async () => {
    const { exporter, processor, provider } = setup();
    const first = processor.shutdown();
    expect(processor.shutdown()).toBe(first);
    await provider.shutdown();
    expect(exporter.shutdownCalls).toBe(1);
  });

  it('forceFlush exports a partial batch', async () => {
    const { exporter, provider, end } = setup({ scheduledDelayMillis: 60_000 });
    end(3);
    await nextImmediate();
    expect(exporter.items).toHaveLength(0);
    await provider.forceFlush();
    expect(exporter.items).toHaveLength(3);
  });

  describe('with a context manager', () => {
    useAsyncContextManager();

    it('exports with tracing suppressed and outside the ending span', async () => {
      const { exporter, provider } = setup({ maxExportBatchSize: 2 });
      const tracer = provider.getTracer('app');
      tracer.startActiveSpan('request', (request) => {
        tracer.startSpan('child 1').end();
        tracer.startSpan('child 2').end();
        request.end();
      });
      await provider.forceFlush();
      expect(exporter.suppressed).toEqual([true, true]);
      expect(exporter.activeSpans).toEqual([false, false]);
    });
  });

  it('reports the span processor self-observability metrics', async () => {
    const reader = new TestMetricReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const { processor, provider, end } = setup({ maxQueueSize: 20, maxExportBatchSize: 5 });
    processor.setMeterProvider(meterProvider);
    end(25);
    end(3, 'unsampled');
    await provider.forceFlush();
    const metrics = await reader.metrics();
    const processed = pointsOf(metrics, 'otel.sdk.processor.span.processed');
    expect(valueFor(processed, undefined)).toBe(20);
    expect(valueFor(processed, 'queue_full')).toBe(5);
    expect(processed[0].attributes['otel.component.type']).toBe('batching_span_processor');
    expect(valueFor(pointsOf(metrics, 'otel.sdk.processor.span.queue.capacity'), undefined)).toBe(20);
    expect(valueFor(pointsOf(metrics, 'otel.sdk.processor.span.queue.size'), undefined)).toBe(0);
    await meterProvider.shutdown();
  });
});
