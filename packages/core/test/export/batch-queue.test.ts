import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportResultCode } from '@opentelemetry/core';
import {
  BatchQueue,
  DEFAULT_EXPORT_TIMEOUT_MILLIS,
  DEFAULT_MAX_EXPORT_BATCH_SIZE,
  DEFAULT_MAX_QUEUE_SIZE,
  DEFAULT_SCHEDULED_DELAY_MILLIS,
  type BatchQueueOptions,
  type ResourceBearing,
} from '../../src/export/batch-queue.js';
import { LOG_SIGNAL } from '../../src/export/drop-counter.js';
import { captureDiag, nextImmediate, TestExporter } from './helpers.js';

type Item = { id: number } & ResourceBearing;

function setup(options: Omit<BatchQueueOptions<Item>, 'exporter'> = {}) {
  const exporter = new TestExporter<Item>();
  const queue = new BatchQueue<Item>({ exporter, ...options }, LOG_SIGNAL);
  let next = 0;
  const add = (n: number): void => {
    for (let i = 0; i < n; i++) queue.add({ id: next++ });
  };
  return { exporter, queue, add };
}

let diagCapture: ReturnType<typeof captureDiag> | undefined;
function capture(): ReturnType<typeof captureDiag> {
  diagCapture = captureDiag();
  return diagCapture;
}
afterEach(() => {
  diagCapture?.restore();
  diagCapture = undefined;
});

describe('BatchQueue options', () => {
  it('uses the burst-sized defaults', () => {
    const { queue } = setup();
    expect(queue.capacity).toBe(DEFAULT_MAX_QUEUE_SIZE);
    expect(queue.maxExportBatchSize).toBe(DEFAULT_MAX_EXPORT_BATCH_SIZE);
    expect(queue.scheduledDelayMillis).toBe(DEFAULT_SCHEDULED_DELAY_MILLIS);
    expect(queue.exportTimeoutMillis).toBe(DEFAULT_EXPORT_TIMEOUT_MILLIS);
    expect(DEFAULT_MAX_QUEUE_SIZE).toBe(65_536);
    expect(DEFAULT_MAX_EXPORT_BATCH_SIZE).toBe(2_048);
  });

  it('replaces non-positive and NaN values by the default, with one diag line naming the option', () => {
    const d = capture();
    const { queue } = setup({ maxQueueSize: -1, maxExportBatchSize: Number.NaN, scheduledDelayMillis: 0, exportTimeoutMillis: -5 });
    expect(queue.capacity).toBe(DEFAULT_MAX_QUEUE_SIZE);
    expect(queue.maxExportBatchSize).toBe(DEFAULT_MAX_EXPORT_BATCH_SIZE);
    expect(queue.scheduledDelayMillis).toBe(DEFAULT_SCHEDULED_DELAY_MILLIS);
    expect(queue.exportTimeoutMillis).toBe(DEFAULT_EXPORT_TIMEOUT_MILLIS);
    expect(d.sightlineWarn()).toHaveLength(4);
    for (const name of ['maxQueueSize', 'maxExportBatchSize', 'scheduledDelayMillis', 'exportTimeoutMillis']) {
      expect(d.sightlineWarn().filter((m) => m.includes(name))).toHaveLength(1);
    }
  });

  it('clamps a batch size larger than the queue to the queue size', () => {
    const d = capture();
    const { queue } = setup({ maxQueueSize: 100, maxExportBatchSize: 500 });
    expect(queue.maxExportBatchSize).toBe(100);
    expect(d.sightlineWarn()).toEqual([expect.stringContaining('maxExportBatchSize (500) exceeds maxQueueSize (100)')]);
  });

  it('leaves valid options alone, without diag lines', () => {
    const d = capture();
    const { queue } = setup({ maxQueueSize: 10, maxExportBatchSize: 5, scheduledDelayMillis: 7, exportTimeoutMillis: 9 });
    expect([queue.capacity, queue.maxExportBatchSize, queue.scheduledDelayMillis, queue.exportTimeoutMillis]).toEqual([10, 5, 7, 9]);
    expect(d.warn).toEqual([]);
  });
});

describe('BatchQueue scheduling', () => {
  it('exports a full batch on the next immediate, never synchronously inside add', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 10, scheduledDelayMillis: 60_000 });
    add(10);
    expect(exporter.batches).toHaveLength(0);
    expect(queue.getStats().queued).toBe(10);
    await nextImmediate();
    expect(exporter.batches.map((b) => b.length)).toEqual([10]);
    expect(queue.getStats()).toMatchObject({ queued: 0, exported: 10 });
  });

  it('exports a partial batch after scheduledDelayMillis', async () => {
    const { exporter, add } = setup({ maxExportBatchSize: 10, scheduledDelayMillis: 20 });
    add(3);
    await nextImmediate();
    expect(exporter.batches).toHaveLength(0);
    await vi.waitFor(() => expect(exporter.items).toHaveLength(3));
  });

  it('keeps one export in flight and sends the next full batch as soon as it settles', async () => {
    const { exporter, queue, add } = setup({ maxQueueSize: 100, maxExportBatchSize: 10, scheduledDelayMillis: 60_000 });
    exporter.mode = 'manual';
    add(30);
    await nextImmediate();
    expect(exporter.held).toHaveLength(1);
    await nextImmediate();
    expect(exporter.held).toHaveLength(1);
    exporter.release();
    await nextImmediate();
    expect(exporter.held).toHaveLength(1);
    expect(exporter.batches).toHaveLength(2);
    exporter.release();
    await nextImmediate();
    exporter.release();
    await nextImmediate();
    expect(exporter.items.map((i) => i.id)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(queue.getStats()).toMatchObject({ queued: 0, exported: 30 });
  });

  it('holds at most maxQueueSize queued plus one batch in flight, and counts the rest', async () => {
    const d = capture();
    const { exporter, queue, add } = setup({ maxQueueSize: 100, maxExportBatchSize: 10, scheduledDelayMillis: 60_000 });
    exporter.mode = 'manual';
    add(100);
    await nextImmediate();
    expect(exporter.held).toHaveLength(1); // 10 in flight, 90 queued
    add(20);
    expect(queue.getStats()).toMatchObject({ queued: 100, dropped: { queue_full: 10, export_failed: 0, shutdown: 0 } });
    exporter.mode = 'ok';
    exporter.release();
    await queue.forceFlush();
    const stats = queue.getStats();
    expect(stats.exported).toBe(110);
    expect(stats.exported + stats.dropped.queue_full).toBe(120);
    expect(d.sightlineWarn().filter((m) => m.includes('queue full'))).toHaveLength(1);
  });

  it('keeps FIFO order through many small batches', async () => {
    const { exporter, queue, add } = setup({ maxQueueSize: 5_000, maxExportBatchSize: 1, scheduledDelayMillis: 60_000 });
    add(5_000);
    await queue.forceFlush();
    expect(exporter.batches).toHaveLength(5_000);
    expect(exporter.items.map((i) => i.id)).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
  });

  it('waits for pending async resource attributes before exporting', async () => {
    const exporter = new TestExporter<Item>();
    const queue = new BatchQueue<Item>({ exporter, maxExportBatchSize: 2 }, LOG_SIGNAL);
    let resolveAttributes!: () => void;
    const settled = new Promise<void>((resolve) => (resolveAttributes = resolve));
    const resource = { asyncAttributesPending: true, waitForAsyncAttributes: () => settled };
    queue.add({ id: 0, resource });
    queue.add({ id: 1, resource });
    await nextImmediate();
    await nextImmediate();
    expect(exporter.batches).toHaveLength(0);
    resolveAttributes();
    await vi.waitFor(() => expect(exporter.items).toHaveLength(2));
  });
});

describe('BatchQueue failures', () => {
  it('counts a batch the exporter reports FAILED as export_failed, with one warn line', async () => {
    const d = capture();
    const { exporter, queue, add } = setup({ maxExportBatchSize: 10 });
    exporter.mode = 'fail';
    add(25);
    await queue.forceFlush();
    expect(queue.getDropCounts()).toEqual({ queue_full: 0, export_failed: 25, shutdown: 0 });
    expect(d.sightlineWarn()).toEqual([expect.stringContaining('log export failed (10 records: collector said no)')]);
  });

  it('counts an exporter that throws as export_failed, and add never throws', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 4 });
    exporter.mode = 'throw';
    expect(() => add(6)).not.toThrow();
    await queue.forceFlush();
    expect(queue.getDropCounts().export_failed).toBe(6);
  });

  it('counts a timed-out export as export_failed and ignores its late answer', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 5, exportTimeoutMillis: 20 });
    exporter.mode = 'manual';
    add(5);
    await queue.forceFlush();
    expect(queue.getStats()).toMatchObject({ exported: 0, dropped: { export_failed: 5 } });
    exporter.release(ExportResultCode.SUCCESS);
    expect(queue.getStats()).toMatchObject({ exported: 0, dropped: { export_failed: 5 } });
  });

  it('never rejects forceFlush or shutdown when the exporter rejects', async () => {
    const d = capture();
    const exporter = new TestExporter<Item>();
    exporter.forceFlush = () => Promise.reject(new Error('flush broke'));
    exporter.shutdown = () => Promise.reject(new Error('shutdown broke'));
    const queue = new BatchQueue<Item>({ exporter }, LOG_SIGNAL);
    queue.add({ id: 1 });
    await expect(queue.forceFlush()).resolves.toBeUndefined();
    await expect(queue.shutdown()).resolves.toBeUndefined();
    expect(d.error).toEqual([expect.stringContaining('flush broke'), expect.stringContaining('flush broke'), expect.stringContaining('shutdown broke')]);
    expect(exporter.items).toHaveLength(1);
  });
});

describe('BatchQueue forceFlush and shutdown', () => {
  it('forceFlush exports a partial batch and flushes the exporter', async () => {
    const { exporter, queue, add } = setup();
    add(5);
    await queue.forceFlush();
    expect(exporter.items).toHaveLength(5);
    expect(exporter.forceFlushCalls).toBe(1);
  });

  it('forceFlush waits for records queued at call time, not for later ones', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 10, scheduledDelayMillis: 60_000 });
    exporter.mode = 'manual';
    add(5);
    let flushed = false;
    const flush = queue.forceFlush().then(() => (flushed = true));
    await nextImmediate();
    expect(exporter.held).toHaveLength(1);
    add(10); // a full batch queued after the call
    exporter.release();
    await flush;
    expect(flushed).toBe(true);
    expect(exporter.held).toHaveLength(1); // the later batch is still in flight
    exporter.release();
  });

  it('shutdown is idempotent, flushes, then shuts the exporter down once', async () => {
    const { exporter, queue, add } = setup();
    add(3);
    const first = queue.shutdown();
    const second = queue.shutdown();
    expect(second).toBe(first);
    expect(queue.forceFlush()).toBe(first);
    await first;
    expect(exporter.items).toHaveLength(3);
    expect(exporter.shutdownCalls).toBe(1);
  });

  it('counts records added after shutdown, warns once, and summarises drops at shutdown', async () => {
    const d = capture();
    const { queue, add } = setup({ maxQueueSize: 2, maxExportBatchSize: 2, scheduledDelayMillis: 60_000 });
    add(5); // 3 dropped: queue_full
    await queue.shutdown();
    add(4);
    expect(queue.getDropCounts()).toEqual({ queue_full: 3, export_failed: 0, shutdown: 4 });
    expect(queue.getStats()).toMatchObject({ queued: 0, exported: 2, capacity: 2 });
    const warns = d.sightlineWarn();
    expect(warns).toHaveLength(3);
    expect(warns[0]).toContain('queue full');
    expect(warns[1]).toBe('sightline: log export dropped 3 records (queue_full=3, export_failed=0, shutdown=0); exported 2');
    expect(warns[2]).toContain('shut down');
  });

  it('does not summarise at shutdown when nothing was dropped', async () => {
    const d = capture();
    const { queue, add } = setup();
    add(3);
    await queue.shutdown();
    expect(d.sightlineWarn()).toEqual([]);
  });
});
