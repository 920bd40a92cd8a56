import { afterEach, describe, expect, it } from 'vitest';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { DropCounter, LOG_SIGNAL, nextComponentName, SPAN_SIGNAL } from '../../src/export/drop-counter.js';
import { captureDiag, pointsOf, TestMetricReader, valueFor } from './helpers.js';

let diagCapture: ReturnType<typeof captureDiag> | undefined;
function capture(): ReturnType<typeof captureDiag> {
  diagCapture = captureDiag();
  return diagCapture;
}
afterEach(() => {
  diagCapture?.restore();
  diagCapture = undefined;
  diag.disable();
});

describe('DropCounter', () => {
  it('numbers component instances per type, as the SDK does', () => {
    const a = nextComponentName('test_component');
    const b = nextComponentName('test_component');
    expect(a).toBe('test_component/0');
    expect(b).toBe('test_component/1');
    expect(nextComponentName('other_component')).toBe('other_component/0');
  });

  it('counts by reason and warns once per reason', () => {
    const d = capture();
    const counter = new DropCounter(SPAN_SIGNAL, 8, 'c', () => 0);
    for (let i = 0; i < 1_000; i++) counter.dropQueueFull();
    for (let i = 0; i < 3; i++) counter.dropAfterShutdown();
    counter.dropExportFailed(10, new Error('503'));
    counter.dropExportFailed(5, new Error('503'));
    counter.exported(7);
    expect(counter.getDropCounts()).toEqual({ queue_full: 1_000, export_failed: 15, shutdown: 3 });
    expect(counter.exportedTotal).toBe(7);
    expect(counter.droppedTotal).toBe(1_018);
    expect(d.sightlineWarn()).toEqual([
      'sightline: span export queue full (8 spans); dropping and counting further spans',
      'sightline: span export stage is shut down; dropping and counting spans emitted after shutdown',
      expect.stringContaining('sightline: span export failed (10 spans: 503)'),
    ]);
    expect(d.debug.filter((m) => m.startsWith('sightline:'))).toEqual(['sightline: span export failed (5 spans: 503)']);
  });

  it('does not let a throwing diag logger reach the caller on the hot path', () => {
    const boom = (): void => {
      throw new Error('logger broke');
    };
    diag.setLogger({ error: boom, warn: boom, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.ALL);
    const counter = new DropCounter(LOG_SIGNAL, 1, 'c', () => 0);
    expect(() => counter.dropQueueFull()).not.toThrow();
    expect(() => counter.dropAfterShutdown()).not.toThrow();
  });

  it('moves its metrics to a new MeterProvider and stops reporting to the old one', async () => {
    const counter = new DropCounter(LOG_SIGNAL, 8, 'moving', () => 3);
    counter.exported(4);
    const firstReader = new TestMetricReader();
    const first = new MeterProvider({ readers: [firstReader] });
    counter.setMeterProvider(first);
    counter.setMeterProvider(first); // the same provider again: no second registration
    let processed = pointsOf(await firstReader.metrics(), 'otel.sdk.processor.log.processed');
    expect(processed).toHaveLength(1);
    expect(valueFor(processed, undefined)).toBe(4);

    const secondReader = new TestMetricReader();
    const second = new MeterProvider({ readers: [secondReader] });
    counter.setMeterProvider(second);
    counter.exported(1);
    processed = pointsOf(await secondReader.metrics(), 'otel.sdk.processor.log.processed');
    expect(valueFor(processed, undefined)).toBe(5);
    expect(valueFor(pointsOf(await secondReader.metrics(), 'otel.sdk.processor.log.queue.size'), undefined)).toBe(3);
    // The old provider's last point stays at 4: its callback is gone.
    processed = pointsOf(await firstReader.metrics(), 'otel.sdk.processor.log.processed');
    expect(valueFor(processed, undefined) ?? 4).toBe(4);
    await Promise.all([first.shutdown(), second.shutdown()]);
  });

  it('summarises at shutdown only when something was dropped', () => {
    const d = capture();
    const counter = new DropCounter(LOG_SIGNAL, 8, 'c', () => 0);
    counter.exported(2);
    counter.reportSummary();
    expect(d.sightlineWarn()).toEqual([]);
    counter.dropExportFailed(3, new Error('x'));
    counter.reportSummary();
    expect(d.sightlineWarn().at(-1)).toBe(
      'sightline: log export dropped 3 records (queue_full=0, export_failed=3, shutdown=0); exported 2',
    );
  });
});
