import { afterEach, describe, expect, it, vi } from 'vitest';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { DropCounter, LOG_SIGNAL, nextComponentName, SPAN_SIGNAL } from '../../src/export/drop-counter.js';
import { pointsOf, TestMetricReader, useDiagCapture, valueFor } from './helpers.js';

const capture = useDiagCapture();
afterEach(() => {
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

  it('numbers them per process, across copies of the code (the preload bundle and the package)', async () => {
    vi.resetModules();
    const copy = (await import('../../src/export/drop-counter.js')) as typeof import('../../src/export/drop-counter.js');
    expect(copy.nextComponentName).not.toBe(nextComponentName);
    expect(nextComponentName('shared_component')).toBe('shared_component/0');
    expect(copy.nextComponentName('shared_component')).toBe('shared_component/1');
  });

  it('counts by reason and warns once per reason', () => {
    const d = capture();
    const counter = new DropCounter(SPAN_SIGNAL, () => 8, 'c', () => 0);
    for (let i = 0; i < 1_000; i++) counter.dropQueueFull(false);
    counter.dropQueueFull(true);
    counter.dropUnsentAtShutdown(4);
    counter.spooled(6);
    for (let i = 0; i < 3; i++) counter.dropAfterShutdown();
    counter.dropExportFailed(10, new Error('503'));
    counter.dropExportFailed(5, new Error('503'));
    counter.exported(7);
    expect(counter.getDropCounts()).toEqual({ queue_full: 1_001, export_failed: 15, shutdown: 7 });
    expect(counter.spooledTotal).toBe(6);
    expect(counter.exportedTotal).toBe(7);
    expect(counter.droppedTotal).toBe(1_023);
    expect(d.sightlineWarn()).toEqual([
      'sightline: span export queue full; dropping and counting further spans',
      'sightline: span export queue full even for ERROR+ spans, exceptions and security events (their reserve is used up)',
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
    const counter = new DropCounter(LOG_SIGNAL, () => 1, 'c', () => 0);
    expect(() => counter.dropQueueFull(true)).not.toThrow();
    expect(() => counter.dropAfterShutdown()).not.toThrow();
  });

  it('moves its metrics to a new MeterProvider and stops reporting to the old one', async () => {
    const counter = new DropCounter(LOG_SIGNAL, () => 8, 'moving', () => 3);
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

  it('says once that it keeps unsent records, and logs later retries at debug level', () => {
    const d = capture();
    const counter = new DropCounter(LOG_SIGNAL, () => 8, 'c', () => 0);
    counter.retrying(3, new Error('connect ECONNREFUSED'));
    counter.retrying(3, new Error('connect ECONNREFUSED'));
    expect(d.sightlineWarn()).toEqual([expect.stringContaining('could not be sent (3 records: connect ECONNREFUSED); keeping them and retrying')]);
    expect(d.debug.filter((m) => m.startsWith('sightline:'))).toHaveLength(1);
  });
});
