import { SeverityNumber } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { BatchLogExportProcessor, type BatchLogExportProcessorOptions } from '../../src/export/batch-log-processor.js';
import { nextImmediate, pointsOf, TestExporter, TestMetricReader, useAsyncContextManager, useDiagCapture, valueFor } from './helpers.js';

function setup(options: Partial<BatchLogExportProcessorOptions> = {}, resource = resourceFromAttributes({ 'service.name': 'test' })) {
  const exporter = new TestExporter<ReadableLogRecord>();
  const processor = new BatchLogExportProcessor({ exporter, ...options });
  const provider = new LoggerProvider({ processors: [processor], resource });
  const logger = provider.getLogger('test');
  const emit = (n: number): void => {
    for (let i = 0; i < n; i++) logger.emit({ body: `record ${i}` });
  };
  return { exporter, processor, provider, emit };
}

const capture = useDiagCapture();

describe('BatchLogExportProcessor with the SDK LoggerProvider', () => {
  it('exports all of a 50 000-record synchronous burst with the defaults, dropping nothing', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const processor = new BatchLogExportProcessor({ exporter });
    const provider = new LoggerProvider({ processors: [processor] });
    const logger = provider.getLogger('burst');
    for (let i = 0; i < 50_000; i++) logger.emit({ body: i });
    expect(processor.getStats()).toMatchObject({ queued: 50_000, dropped: { queue_full: 0 } });
    await provider.forceFlush();
    const records = exporter.getFinishedLogRecords();
    expect(records).toHaveLength(50_000);
    expect(records[0].body).toBe(0);
    expect(records[49_999].body).toBe(49_999);
    expect(processor.getStats()).toMatchObject({
      queued: 0,
      queuedBytes: 0,
      exported: 50_000,
      spooled: 0,
      dropped: { queue_full: 0, export_failed: 0, shutdown: 0 },
      capacityBytes: 64 * 1024 * 1024,
    });
    await provider.shutdown();
  });

  it('keeps the FATAL record that ends a 200 000-record burst, exporting it first', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const processor = new BatchLogExportProcessor({ exporter, maxQueueBytes: 4 * 1024 * 1024, maxConcurrentExports: 1 });
    const provider = new LoggerProvider({ processors: [processor] });
    const logger = provider.getLogger('burst');
    for (let i = 0; i < 200_000; i++) logger.emit({ body: `routine ${i}`, severityNumber: SeverityNumber.INFO });
    logger.emit({ body: 'crash', severityNumber: SeverityNumber.FATAL, eventName: 'exception' });
    logger.emit({ body: 'denied', severityNumber: SeverityNumber.WARN, eventName: 'security.permission.denied' });
    const stats = processor.getStats();
    expect(stats.dropped.queue_full).toBeGreaterThan(100_000);
    await provider.forceFlush();
    const records = exporter.getFinishedLogRecords();
    expect(records[0].body).toBe('crash');
    expect(records[1].body).toBe('denied');
    expect(records.length + processor.getStats().dropped.queue_full).toBe(200_002);
    await provider.shutdown();
  });

  it('counts a burst beyond a tiny queue exactly, with one diag warn line', async () => {
    const d = capture();
    const { exporter, processor, provider, emit } = setup({ maxQueueSize: 100, maxExportBatchSize: 10 });
    emit(1_000);
    await provider.forceFlush();
    const { exported, dropped } = processor.getStats();
    expect(exporter.items).toHaveLength(exported);
    expect(exported).toBe(100);
    expect(dropped.queue_full).toBe(900);
    expect(exported + dropped.queue_full).toBe(1_000);
    expect(d.sightlineWarn()).toEqual(['sightline: log export queue full; dropping and counting further records']);
  });

  it('counts the exact number of records a failing exporter lost', async () => {
    const { exporter, processor, provider, emit } = setup({ maxExportBatchSize: 64 });
    exporter.mode = 'fail';
    emit(1_000);
    await provider.forceFlush();
    expect(processor.getDropCounts()).toEqual({ queue_full: 0, export_failed: 1_000, shutdown: 0 });
    expect(processor.getStats().exported).toBe(0);
  });

  it('counts a hanging export as export_failed once it times out', async () => {
    const d = capture();
    const { exporter, processor, provider, emit } = setup({ maxExportBatchSize: 8, exportTimeoutMillis: 30 });
    exporter.mode = 'hang';
    emit(20);
    await provider.forceFlush();
    expect(processor.getDropCounts().export_failed).toBe(20);
    expect(d.sightlineWarn()).toEqual([expect.stringContaining('timed out after 30 ms')]);
  });

  it('counts records emitted after the processor shut down', async () => {
    const { exporter, processor, emit } = setup();
    emit(2);
    await processor.shutdown();
    emit(7);
    expect(exporter.items).toHaveLength(2);
    expect(processor.getDropCounts()).toEqual({ queue_full: 0, export_failed: 0, shutdown: 7 });
  });

  it('shuts down once: the same promise twice, the exporter shut down once', async () => {
    const { exporter, processor, provider } = setup();
    const first = processor.shutdown();
    expect(processor.shutdown()).toBe(first);
    await first;
    await provider.shutdown();
    expect(exporter.shutdownCalls).toBe(1);
  });

  it('forceFlush exports a partial batch', async () => {
    const { exporter, provider, emit } = setup({ scheduledDelayMillis: 60_000 });
    emit(5);
    await nextImmediate();
    expect(exporter.items).toHaveLength(0);
    await provider.forceFlush();
    expect(exporter.items.map((r) => r.body)).toEqual(['record 0', 'record 1', 'record 2', 'record 3', 'record 4']);
  });

  it('waits for async resource attributes before exporting', async () => {
    let resolveHost!: (value: string) => void;
    const host = new Promise<string>((resolve) => (resolveHost = resolve));
    const { exporter, provider, emit } = setup({ maxExportBatchSize: 2 }, resourceFromAttributes({ 'host.id': host }));
    emit(2);
    await nextImmediate();
    await nextImmediate();
    expect(exporter.items).toHaveLength(0);
    resolveHost('h-1');
    await provider.forceFlush();
    expect(exporter.items).toHaveLength(2);
    expect(exporter.items[0].resource.asyncAttributesPending).toBe(false);
    expect(exporter.items[0].resource.attributes['host.id']).toBe('h-1');
  });

  describe('with a context manager', () => {
    useAsyncContextManager();

    it('exports with tracing suppressed and outside the emitting span', async () => {
      const { exporter, provider, emit } = setup({ maxExportBatchSize: 3 });
      const tracer = new TracerProvider().getTracer('app');
      tracer.startActiveSpan('request', (span) => {
        emit(3); // a full batch, exported from an immediate scheduled inside the span
        emit(1); // flushed from forceFlush, also inside the span
        span.end();
      });
      await nextImmediate();
      await context.with(trace.setSpan(context.active(), trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '1'.repeat(16), traceFlags: 1 })), () =>
        provider.forceFlush(),
      );
      expect(exporter.suppressed).toEqual([true, true]);
      expect(exporter.activeSpans).toEqual([false, false]);
    });
  });

  describe('self-observability metrics', () => {
    it('reports processed (with error.type), queue capacity and queue size by the semantic-convention names', async () => {
      const reader = new TestMetricReader();
      const meterProvider = new MeterProvider({ readers: [reader] });
      const { exporter, processor, provider, emit } = setup({
        maxQueueSize: 50,
        maxExportBatchSize: 10,
        meterProvider,
        componentName: 'logs-main',
      });
      emit(60); // 10 dropped: queue_full
      let metrics = await reader.metrics();
      expect(valueFor(pointsOf(metrics, 'otel.sdk.processor.log.queue.size'), undefined)).toBe(50);
      expect(valueFor(pointsOf(metrics, 'otel.sdk.processor.log.queue.capacity'), undefined)).toBe(50);

      await provider.forceFlush();
      exporter.mode = 'fail';
      emit(5);
      await provider.forceFlush();
      await processor.shutdown();
      emit(2);

      metrics = await reader.metrics();
      const processed = pointsOf(metrics, 'otel.sdk.processor.log.processed');
      expect(valueFor(processed, undefined)).toBe(50);
      expect(valueFor(processed, 'queue_full')).toBe(10);
      expect(valueFor(processed, 'export_failed')).toBe(5);
      expect(valueFor(processed, 'shutdown')).toBe(2);
      for (const point of processed) {
        expect(point.attributes['otel.component.type']).toBe('batching_log_processor');
        expect(point.attributes['otel.component.name']).toBe('logs-main');
      }
      expect(valueFor(pointsOf(metrics, 'otel.sdk.processor.log.queue.size'), undefined)).toBe(0);
      const processedMetric = metrics.find((m) => m.descriptor.name === 'otel.sdk.processor.log.processed');
      expect(processedMetric?.descriptor.unit).toBe('{log_record}');
      await meterProvider.shutdown();
    });

    it('accepts the MeterProvider after construction, with counts since the start', async () => {
      const { processor, provider, emit } = setup({ maxQueueSize: 4, maxExportBatchSize: 4 });
      emit(6);
      await provider.forceFlush();
      const reader = new TestMetricReader();
      const meterProvider = new MeterProvider({ readers: [reader] });
      processor.setMeterProvider(meterProvider);
      const processed = pointsOf(await reader.metrics(), 'otel.sdk.processor.log.processed');
      expect(valueFor(processed, undefined)).toBe(4);
      expect(valueFor(processed, 'queue_full')).toBe(2);
      expect(processed[0].attributes['otel.component.name']).toMatch(/^batching_log_processor\/\d+$/);
      await meterProvider.shutdown();
    });
  });
});
