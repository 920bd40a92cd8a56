import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { ExportResultCode } from '@opentelemetry/core';
import { BatchQueue, type BatchQueueOptions, type ResourceBearing } from '../../src/export/batch-queue.js';
import { LOG_SIGNAL } from '../../src/export/drop-counter.js';
import {
  DEFAULT_EXPORT_TIMEOUT_MILLIS,
  DEFAULT_MAX_CONCURRENT_EXPORTS,
  DEFAULT_MAX_EXPORT_BATCH_SIZE,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_SCHEDULED_DELAY_MILLIS,
  RETRY_MAX_ELAPSED_MILLIS,
} from '../../src/export/queue-defaults.js';
import { UnsentExportError } from '../../src/export/transport/export-control.js';
import { nextImmediate, TestExporter, useDiagCapture } from './helpers.js';

type Item = { id: number; bytes?: number; priority?: boolean } & ResourceBearing;

/** Every record weighs `bytes` (default 100) in the memory bound; `priority` marks ERROR+ records. */
const TRAITS = { estimateBytes: (item: Item) => item.bytes ?? 100, isPriority: (item: Item) => item.priority === true };

function setup(options: Omit<BatchQueueOptions<Item>, 'exporter'> = {}) {
  const exporter = new TestExporter<Item>();
  const queue = new BatchQueue<Item>({ exporter, ...options }, LOG_SIGNAL, TRAITS);
  let next = 0;
  const add = (n: number, extra: Partial<Item> = {}): void => {
    for (let i = 0; i < n; i++) queue.add({ id: next++, ...extra });
  };
  return { exporter, queue, add, added: () => next };
}

/** exported + dropped + spooled + held: every record ever passed to `add`. */
function accounted(queue: BatchQueue<Item>): number {
  const { exported, dropped, spooled, queued } = queue.getStats();
  return exported + dropped.queue_full + dropped.export_failed + dropped.shutdown + spooled + queued;
}

const capture = useDiagCapture();
afterEach(() => {
  vi.useRealTimers();
});

describe('BatchQueue options', () => {
  it('is bounded by memory by default, with no count bound', () => {
    const { queue } = setup();
    expect(queue.maxBytes).toBe(DEFAULT_MAX_QUEUE_BYTES);
    expect(DEFAULT_MAX_QUEUE_BYTES).toBe(64 * 1024 * 1024);
    expect(queue.maxCount).toBeUndefined();
    expect(queue.maxExportBatchSize).toBe(DEFAULT_MAX_EXPORT_BATCH_SIZE);
    expect(queue.scheduledDelayMillis).toBe(DEFAULT_SCHEDULED_DELAY_MILLIS);
    expect(queue.exportTimeoutMillis).toBe(DEFAULT_EXPORT_TIMEOUT_MILLIS);
    expect(queue.maxConcurrentExports).toBe(DEFAULT_MAX_CONCURRENT_EXPORTS);
    expect(DEFAULT_MAX_CONCURRENT_EXPORTS).toBe(4);
  });

  it('replaces non-positive and NaN values by the default, with one diag line naming the option', () => {
    const d = capture();
    const { queue } = setup({
      maxQueueBytes: 0,
      maxExportBatchSize: Number.NaN,
      scheduledDelayMillis: 0,
      exportTimeoutMillis: -5,
      maxConcurrentExports: -1,
    });
    expect(queue.maxBytes).toBe(DEFAULT_MAX_QUEUE_BYTES);
    expect(queue.maxExportBatchSize).toBe(DEFAULT_MAX_EXPORT_BATCH_SIZE);
    expect(queue.scheduledDelayMillis).toBe(DEFAULT_SCHEDULED_DELAY_MILLIS);
    expect(queue.exportTimeoutMillis).toBe(DEFAULT_EXPORT_TIMEOUT_MILLIS);
    expect(queue.maxConcurrentExports).toBe(DEFAULT_MAX_CONCURRENT_EXPORTS);
    for (const name of ['maxQueueBytes', 'maxExportBatchSize', 'scheduledDelayMillis', 'exportTimeoutMillis', 'maxConcurrentExports']) {
      expect(d.sightlineWarn().filter((m) => m.includes(name))).toHaveLength(1);
    }
  });

  it('clamps a batch size larger than a count bound to it', () => {
    const d = capture();
    const { queue } = setup({ maxQueueSize: 100, maxExportBatchSize: 500 });
    expect(queue.maxExportBatchSize).toBe(100);
    expect(d.sightlineWarn()).toEqual([expect.stringContaining('maxExportBatchSize (500) exceeds maxQueueSize (100)')]);
  });

  it('estimates its capacity in records from the average record seen', () => {
    const { queue, add } = setup({ maxQueueBytes: 100_000 });
    add(10, { bytes: 500 });
    expect(queue.getStats()).toMatchObject({ capacity: 200, capacityBytes: 100_000, queuedBytes: 5_000 });
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
    expect(queue.getStats()).toMatchObject({ queued: 0, exported: 10, queuedBytes: 0 });
  });

  it('exports a partial batch after scheduledDelayMillis', async () => {
    const { exporter, add } = setup({ maxExportBatchSize: 10, scheduledDelayMillis: 20 });
    add(3);
    await nextImmediate();
    expect(exporter.batches).toHaveLength(0);
    await vi.waitFor(() => expect(exporter.items).toHaveLength(3));
  });

  it('keeps up to maxConcurrentExports exports in flight and starts the next as one settles', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 10, scheduledDelayMillis: 60_000, maxConcurrentExports: 3 });
    exporter.mode = 'manual';
    add(50);
    await nextImmediate();
    expect(exporter.held).toHaveLength(3);
    exporter.release();
    await nextImmediate();
    expect(exporter.held).toHaveLength(3);
    expect(exporter.batches).toHaveLength(4);
    while (exporter.held.length > 0) {
      exporter.release();
      await nextImmediate();
    }
    expect(exporter.items.map((i) => i.id)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(queue.getStats()).toMatchObject({ queued: 0, exported: 50 });
  });

  it('keeps FIFO order through many small batches', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 1, scheduledDelayMillis: 60_000, maxConcurrentExports: 1 });
    add(5_000);
    await queue.forceFlush();
    expect(exporter.batches).toHaveLength(5_000);
    expect(exporter.items.map((i) => i.id)).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
  });

  it('exports priority batches before routine batches queued earlier', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 10, scheduledDelayMillis: 60_000, maxConcurrentExports: 1 });
    add(10);
    add(10, { priority: true });
    await queue.forceFlush();
    expect(exporter.batches.map((batch) => batch[0].priority === true)).toEqual([true, false]);
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

describe('BatchQueue memory bound', () => {
  it('holds records up to maxQueueBytes less the priority reserve, in flight included, and counts the rest', async () => {
    const d = capture();
    // 8 000 bytes: routine records may use 7 000 (70 records of 100 bytes); the last 1 000 are the reserve.
    const { exporter, queue, add } = setup({ maxQueueBytes: 8_000, maxExportBatchSize: 10, scheduledDelayMillis: 60_000 });
    exporter.mode = 'manual';
    add(100);
    await nextImmediate();
    expect(exporter.held.length).toBeGreaterThan(0); // in flight, still charged
    expect(queue.getStats()).toMatchObject({ queued: 70, queuedBytes: 7_000, dropped: { queue_full: 30 } });
    expect(d.sightlineWarn().filter((m) => m.includes('queue full'))).toHaveLength(1);
    exporter.mode = 'ok';
    while (exporter.held.length > 0) {
      exporter.release();
      await nextImmediate();
    }
    await queue.forceFlush();
    expect(queue.getStats()).toMatchObject({ exported: 70, queued: 0, queuedBytes: 0 });
  });

  it('keeps a burst of small records that a count bound of the same memory would have dropped', async () => {
    const { queue, add } = setup({ maxQueueBytes: 1_000_000, scheduledDelayMillis: 60_000 });
    add(20_000, { bytes: 40 }); // 800 000 bytes
    expect(queue.getStats()).toMatchObject({ queued: 20_000, dropped: { queue_full: 0 } });
    await queue.forceFlush();
    expect(queue.getStats().exported).toBe(20_000);
  });

  it('keeps ERROR+ records when routine records have filled the queue', async () => {
    const d = capture();
    const { exporter, queue, add } = setup({ maxQueueBytes: 8_000, maxExportBatchSize: 10, scheduledDelayMillis: 60_000 });
    exporter.mode = 'hang';
    add(200); // 70 kept, 130 dropped
    add(10, { priority: true }); // the reserve holds them
    expect(queue.getStats()).toMatchObject({ queued: 80, dropped: { queue_full: 130 } });
    add(1, { priority: true }); // the reserve is full too
    expect(queue.getStats().dropped.queue_full).toBe(131);
    expect(d.sightlineWarn().filter((m) => m.includes('even for ERROR+'))).toHaveLength(1);
  });

  it('applies a count bound when one is set', () => {
    const { queue, add } = setup({ maxQueueSize: 5, maxExportBatchSize: 5, scheduledDelayMillis: 60_000 });
    add(8);
    expect(queue.getStats()).toMatchObject({ queued: 5, capacity: 5, dropped: { queue_full: 3 } });
  });
});

describe('BatchQueue failures', () => {
  it('counts a batch the receiver rejected as export_failed, with one warn line', async () => {
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

  it('keeps a batch that could not be sent and pauses before retrying it', async () => {
    const d = capture();
    const { exporter, queue, add } = setup({ maxExportBatchSize: 5, scheduledDelayMillis: 60_000 });
    exporter.mode = 'unsent';
    add(5);
    await queue.forceFlush();
    expect(queue.getStats()).toMatchObject({ queued: 5, exported: 0, dropped: { export_failed: 0 } });
    expect(d.sightlineWarn()).toEqual([expect.stringContaining('could not be sent (5 records: connect ECONNREFUSED); keeping them')]);
    add(5); // a full batch: not sent while paused (5 s)
    await nextImmediate();
    await nextImmediate();
    expect(exporter.unsentCalls).toBe(1);
    exporter.mode = 'ok';
    await queue.forceFlush(); // a flush does not wait for the pause
    expect(exporter.items.map((i) => i.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(queue.getStats()).toMatchObject({ queued: 0, exported: 10 });
  });

  it("retries after the receiver's Retry-After", async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 5, scheduledDelayMillis: 60_000 });
    exporter.mode = 'unsent';
    exporter.retryAfterMillis = 30;
    add(5);
    await nextImmediate();
    expect(exporter.unsentCalls).toBe(1);
    exporter.mode = 'ok';
    await vi.waitFor(() => expect(queue.getStats().exported).toBe(5));
  });

  it('drops and counts a batch that could not be sent for the whole retry time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { exporter, queue, add } = setup({ maxExportBatchSize: 5, scheduledDelayMillis: 60_000 });
    exporter.mode = 'unsent';
    add(5);
    await queue.forceFlush();
    expect(queue.getStats().queued).toBe(5);
    vi.setSystemTime(Date.now() + RETRY_MAX_ELAPSED_MILLIS + 1);
    await queue.forceFlush();
    expect(queue.getStats()).toMatchObject({ queued: 0, dropped: { export_failed: 5 } });
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

describe('BatchQueue forceFlush, shutdown and abandon', () => {
  it('forceFlush exports a partial batch and flushes the exporter', async () => {
    const { exporter, queue, add } = setup();
    add(5);
    await queue.forceFlush();
    expect(exporter.items).toHaveLength(5);
    expect(exporter.forceFlushCalls).toBe(1);
  });

  it('forceFlush waits for records held at call time, not for later ones', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 10, scheduledDelayMillis: 60_000 });
    exporter.mode = 'manual';
    add(5);
    let flushed = false;
    const flush = queue.forceFlush().then(() => (flushed = true));
    await nextImmediate();
    expect(exporter.held).toHaveLength(1);
    add(10); // a full batch queued after the call
    await nextImmediate();
    expect(exporter.held).toHaveLength(2);
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

  it('counts records added after shutdown and warns once', async () => {
    const d = capture();
    const { queue, add } = setup();
    add(2);
    await queue.shutdown();
    add(4);
    expect(queue.getDropCounts()).toEqual({ queue_full: 0, export_failed: 0, shutdown: 4 });
    expect(d.sightlineWarn()).toEqual([expect.stringContaining('is shut down')]);
  });

  it('does not retry at shutdown: what could not be sent goes to the abandon sink once', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 4 });
    const spooled: number[][] = [];
    queue.setAbandonSink((items) => {
      spooled.push(items.map((i) => i.id));
      return true;
    });
    exporter.mode = 'unsent';
    add(10);
    await queue.shutdown();
    expect(exporter.unsentCalls).toBe(3); // each batch tried once
    expect(spooled.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(queue.getStats()).toMatchObject({ queued: 0, spooled: 10, dropped: { shutdown: 0 } });
  });

  it('without a sink, counts what could not be sent at shutdown as shutdown drops', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 4 });
    exporter.mode = 'unsent';
    add(10);
    await queue.shutdown();
    expect(queue.getStats()).toMatchObject({ queued: 0, spooled: 0, dropped: { shutdown: 10 } });
  });

  it('abandon() is synchronous, takes in-flight batches too, and ignores their late outcome', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 4, scheduledDelayMillis: 60_000 });
    exporter.mode = 'manual';
    add(10);
    await nextImmediate();
    expect(exporter.held).toHaveLength(2);
    const seen: number[] = [];
    const result = queue.abandon((items) => {
      seen.push(...items.map((i) => i.id));
      return items.length !== 2; // the 2-record partial batch "fails to write"
    });
    expect(result).toEqual({ spooled: 8, dropped: 2 });
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    exporter.release();
    exporter.release();
    await nextImmediate();
    expect(queue.getStats()).toMatchObject({ queued: 0, exported: 0, spooled: 8, dropped: { shutdown: 2 } });
    add(1);
    expect(queue.getStats().dropped.shutdown).toBe(3);
  });

  it('a flush waiting on an abandoned batch settles', async () => {
    const { exporter, queue, add } = setup({ maxExportBatchSize: 4 });
    exporter.mode = 'hang';
    add(4);
    const flushed = queue.forceFlush();
    await nextImmediate();
    queue.abandon();
    await expect(flushed).resolves.toBeUndefined();
  });
});

describe('BatchQueue accounting (property)', () => {
  type Op =
    | { kind: 'add'; n: number; priority: boolean; bytes: number }
    | { kind: 'mode'; mode: 'ok' | 'fail' | 'unsent' | 'hang' | 'throw' }
    | { kind: 'tick' }
    | { kind: 'flush' };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), n: fc.integer({ min: 1, max: 40 }), priority: fc.boolean(), bytes: fc.integer({ min: 1, max: 3_000 }) }),
    fc.record({ kind: fc.constant('mode' as const), mode: fc.constantFrom('ok' as const, 'fail' as const, 'unsent' as const, 'hang' as const, 'throw' as const) }),
    fc.record({ kind: fc.constant('tick' as const) }),
    fc.record({ kind: fc.constant('flush' as const) }),
  );

  it('exported + dropped + spooled + held always equals every record added, and abandon leaves nothing held', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), fc.boolean(), async (ops, withSink) => {
        const { exporter, queue, add, added } = setup({
          maxQueueBytes: 20_000,
          maxExportBatchSize: 7,
          scheduledDelayMillis: 60_000,
          exportTimeoutMillis: 50,
          maxConcurrentExports: 2,
        });
        for (const step of ops) {
          if (step.kind === 'add') add(step.n, { priority: step.priority, bytes: step.bytes });
          else if (step.kind === 'mode') exporter.mode = step.mode;
          else if (step.kind === 'tick') await nextImmediate();
          else await queue.forceFlush();
          expect(accounted(queue)).toBe(added());
          expect(queue.getStats().queuedBytes).toBeLessThanOrEqual(20_000);
        }
        queue.abandon(withSink ? () => true : undefined);
        expect(queue.getStats()).toMatchObject({ queued: 0, queuedBytes: 0 });
        expect(accounted(queue)).toBe(added());
      }),
      { numRuns: 150 },
    );
  });
});

describe('UnsentExportError', () => {
  it('carries the receiver’s Retry-After', () => {
    expect(new UnsentExportError('x', { retryAfterMillis: 1200 }).retryAfterMillis).toBe(1200);
  });
});
