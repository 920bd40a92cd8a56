/**
 * Issue 4 benchmark: ns per log sampling decision, against the built `@sightline/sampling`.
 *
 * (a) The decision: the sampling stage's `onEmit` on records made by the real Logs SDK (5 attributes),
 *     forwarding to a no-op processor. The keep path includes writing `sampling.threshold`, and is also
 *     measured without it.
 * (b) The retention buffer: a record dropped by the ratio and held for its trace — then dropped when its
 *     trace's root span ends (the usual life of a held record), or with the buffer full and never released
 *     (every hold also evicts the oldest) — against the same drop path without retention; and the heap
 *     the buffer really holds against its bound.
 *
 * Whole `logger.emit` calls are not compared here: on a shared 2-core VM their run-to-run noise (about a
 * microsecond) hides differences of tens of nanoseconds.
 */
import { ROOT_CONTEXT, SeverityNumber, TraceFlags, trace, type Context } from '@opentelemetry/api';
import { LoggerProvider, type LogRecordProcessor, type ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { AlwaysOnSampler, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { createSampling, type SamplingOptions } from '@sightline/sampling';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { report, runGroup } from './harness.ts';

const PER_CALL = 1_024;

/** The retention bound of every buffer here; the other bounds keep their defaults. */
const retentionBound = { maxRecords: 10_000 };

const noop: LogRecordProcessor = {
  onEmit() {},
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** A trace id whose rightmost 56 bits are kept at ratio 0.5 (`kept`) or dropped at ratio 0.01. */
function traceId(i: number, kept: boolean): string {
  const random = (i * 2_654_435_761) % 0x8000000;
  const hi = (kept ? 0x8000000 + random : random % 0x100000).toString(16).padStart(7, '0');
  return `${i.toString(16).padStart(18, '0')}${hi}${random.toString(16).padStart(7, '0')}`;
}

function traceContext(id: string): Context {
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: id, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.NONE, isRemote: true });
}

const attributes = { 'user.id': 'u-123', 'order.id': 'o-456', amount: 42.5, items: 3, express: true };

/**
 * Records made by the real SDK, as a processor receives them: still writable, as they are during
 * `onEmit` (the SDK makes a record read-only once every processor has seen it; `_isReadonly` is its
 * private flag, reset here so that the keep path's attribute write costs what it costs in real use).
 */
function sdkRecords(
  contexts: Array<Context | undefined>,
  extra: Record<string, string> = {},
  writable = true,
): ReadWriteLogRecord[] {
  const records: ReadWriteLogRecord[] = [];
  const capture: LogRecordProcessor = { ...noop, onEmit: (record) => void records.push(record) };
  const logger = new LoggerProvider({ processors: [capture] }).getLogger('bench.app');
  for (const context of contexts) {
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'order placed', attributes: { ...attributes, ...extra }, context });
  }
  if (writable) for (const record of records) (record as unknown as { _isReadonly: boolean })._isReadonly = false;
  return records;
}

const indexes = Array.from({ length: PER_CALL }, (_, i) => i);
const droppedInTrace = sdkRecords(indexes.map((i) => traceContext(traceId(i, false))));
const keptInTrace = sdkRecords(indexes.map((i) => traceContext(traceId(i, true))));
const keptReadOnly = sdkRecords(indexes.map((i) => traceContext(traceId(i, true))), {}, false);
const noTrace = sdkRecords(indexes.map(() => undefined));
const keyed = indexes.map((i) => sdkRecords([undefined], { 'request.id': `req-${i}` })[0]!);

function stage(options: SamplingOptions): LogRecordProcessor {
  return createSampling(options).logStage(noop);
}

function decide(processor: LogRecordProcessor, records: ReadWriteLogRecord[]) {
  return () => {
    for (let i = 0; i < records.length; i++) processor.onEmit(records[i]!);
  };
}

// The heap the buffer really holds, against its bound: 20 000 distinct records (5 attributes each) of
// 2 000 traces go through a buffer bounded to 10 000 records. What it holds is the heap freed when its
// stage shuts down (which drops every held record).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}
const memory = createSampling({ ratio: 0, retention: retentionBound });
const memoryStage = memory.logStage(noop);
for (const record of sdkRecords(Array.from({ length: 20_000 }, (_, i) => traceContext(traceId(i % 2_000, false))))) {
  memoryStage.onEmit(record);
}
const stats = memory.controls.getRetentionStats();
const evicted = memory.controls.getDropCounts().retention_evicted;
const withBuffer = settledHeap();
await memoryStage.shutdown();
const held = withBuffer - settledHeap();
const memoryLine =
  `retention memory: ${stats.records} records of ${stats.traces} traces held (bound ${retentionBound.maxRecords}); ` +
  `estimated ${(stats.bytes / 1024).toFixed(0)} KiB, heap held ${(held / 1024).toFixed(0)} KiB ` +
  `(${(held / stats.records).toFixed(0)} B per record); evicted ${evicted}`;

const decision = await runGroup('(a) sampling decision per record: stage.onEmit, no-op downstream', [
  { name: 'ratio 1 (the default: nothing can drop, no decision)', perCall: PER_CALL, fn: decide(stage({}), droppedInTrace) },
  { name: 'drop path: ratio 0.01, record in a trace', perCall: PER_CALL, fn: decide(stage({ ratio: 0.01 }), droppedInTrace) },
  { name: 'keep path: ratio 0.5, record in a kept trace', perCall: PER_CALL, fn: decide(stage({ ratio: 0.5 }), keptInTrace) },
  {
    name: 'keep path, decision only (read-only record: the SDK skips the sampling.threshold write)',
    perCall: PER_CALL,
    fn: decide(stage({ ratio: 0.5 }), keptReadOnly),
  },
  {
    name: 'drop path with a rate budget (1e9/s: never reached)',
    perCall: PER_CALL,
    fn: decide(stage({ ratio: 0.01, rateLimit: 1e9 }), droppedInTrace),
  },
  {
    name: 'drop path with 3 log rules, none matching',
    perCall: PER_CALL,
    fn: decide(
      stage({
        ratio: 0.01,
        logRules: [{ scope: 'llm.*', ratio: 1 }, { eventName: 'http.access', ratio: 0.01 }, { attributes: { tenant: 'vip' }, ratio: 1 }],
      }),
      droppedInTrace,
    ),
  },
  { name: 'record outside any trace: hash of its correlation key', perCall: PER_CALL, fn: decide(stage({ ratio: 0.01 }), keyed) },
  { name: 'record outside any trace, no key: Math.random', perCall: PER_CALL, fn: decide(stage({ ratio: 0.01 }), noTrace) },
]);

/** Ended root spans of the traces 0..count-1 (real SDK spans, as the span processor receives them). */
function endedRoots(count: number): ReadableSpan[] {
  const queue = Array.from({ length: count }, (_, i) => traceId(i, false));
  const tracer = new TracerProvider({
    sampler: new AlwaysOnSampler(),
    idGenerator: { generateTraceId: () => queue.shift()!, generateSpanId: () => '00f067aa0ba902b7' },
  }).getTracer('bench');
  return queue.slice().map(() => {
    const span = tracer.startSpan('request');
    span.end();
    return span as unknown as ReadableSpan;
  });
}

// 128 traces of 8 records each; after the records, each trace's root span ends and releases its buffer.
const TRACES = 128;
const eightPerTrace = sdkRecords(indexes.map((i) => traceContext(traceId(i % TRACES, false))));
const roots = endedRoots(TRACES);
const released = createSampling({ ratio: 0.01, retention: retentionBound });
const releasedStage = released.logStage(noop);

const retentionGroup = await runGroup('(b) retention: a record dropped by the ratio, held for its trace', [
  { name: 'drop path without retention (ratio 0.01)', perCall: PER_CALL, fn: decide(stage({ ratio: 0.01 }), eightPerTrace) },
  {
    name: 'held, then dropped when its trace’s root span ends',
    perCall: PER_CALL,
    fn: () => {
      for (let i = 0; i < PER_CALL; i++) releasedStage.onEmit(eightPerTrace[i]!);
      for (const root of roots) released.spanProcessor.onEnd(root);
    },
  },
  {
    name: 'held, buffer full and never released: every hold evicts the oldest',
    perCall: PER_CALL,
    fn: decide(createSampling({ ratio: 0.01, retention: retentionBound }).logStage(noop), eightPerTrace),
  },
]);

report('sampling', [decision, retentionGroup]);
console.log(`\n${memoryLine}`);
