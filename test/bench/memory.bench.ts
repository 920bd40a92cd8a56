/**
 * Issue 15 target 5: heap held per queued log record. A typical record (100-byte body that differs in
 * every record, 5 attributes) is emitted N times in one synchronous run — no export can start before the
 * run yields — into a batch queue whose exporter never finishes; the heap is measured after a full GC
 * before and after (the GCs are outside any timed sample: this file times nothing). Sightline's default
 * pipeline (`bootstrap()`: redaction, errors, sampling, counting, the batch export stage) against the bare
 * Logs SDK (`LoggerProvider` + `BatchLogRecordProcessor`). Median of 5 rounds; bytes per record.
 *
 *   npm run build && node test/bench/memory.bench.ts     (or: node test/bench/run.ts memory)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SeverityNumber } from '@opentelemetry/api';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { BatchLogExportProcessor, bootstrap, getLogger } from '@sightline/core';
import { report, type GroupResult } from './harness.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const N = 20_000;
const ROUNDS = 5;

/** Holds every batch it is given and never reports back: nothing leaves the queue while we measure. */
function stuckExporter(): LogRecordExporter {
  return { export: () => {}, shutdown: () => Promise.resolve(), forceFlush: () => Promise.resolve() };
}

const body = (i: number): string => `order ${String(100_000 + (i % 900_000))} placed by customer u-123 for 42.50 EUR; 3 items, express shipping, warehouse eu-west`;
const attributes = (i: number) => ({ 'user.id': `u-${(i * 7919) % 100_000}`, 'order.id': `o-${(i * 104_729) % 1_000_000}`, amount: 42.5, items: 3, express: true });

/** Heap growth per record of `emit` called N times, median of ROUNDS fresh pipelines. */
async function perRecord(make: () => { emit: (i: number) => void; shutdown: () => Promise<unknown> }): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const pipeline = make();
    for (let i = 0; i < 1_000; i++) pipeline.emit(i); // warm-up: the queue's first records and the JIT
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < N; i++) pipeline.emit(r * N + i);
    gc();
    samples.push((process.memoryUsage().heapUsed - before) / N);
    await pipeline.shutdown().catch(() => {});
  }
  samples.sort((a, b) => a - b);
  return samples[ROUNDS >> 1]!;
}

const bare = await perRecord(() => {
  const processor = new BatchLogRecordProcessor({ exporter: stuckExporter(), maxQueueSize: 10 * N, maxExportBatchSize: 10 * N, scheduledDelayMillis: 3_600_000 });
  const provider = new LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('bench.app');
  return {
    emit: (i) => logger.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: body(i), attributes: attributes(i) }),
    shutdown: () => Promise.race([provider.shutdown(), Promise.resolve()]),
  };
});

const sightline = await perRecord(() => {
  const handle = bootstrap({
    exporters: { logs: [], traces: [], metrics: [] },
    logRecordProcessors: [new BatchLogExportProcessor({ exporter: stuckExporter(), maxExportBatchSize: 10 * N, scheduledDelayMillis: 3_600_000 })],
    handleProcessExit: false,
    captureCrashes: false,
    logLevel: 'info',
  });
  const log = getLogger('bench.app');
  return { emit: (i) => log.info(body(i), attributes(i)), shutdown: () => Promise.race([handle.shutdown(), new Promise((r) => setTimeout(r, 100))]) };
});

const group: GroupResult = {
  group: `heap per queued typical record (100-byte body, 5 attributes), ${N} records held, median of ${ROUNDS} rounds`,
  unit: 'bytes',
  cases: [
    { name: 'bare OpenTelemetry SDK: LoggerProvider + BatchLogRecordProcessor', medianNs: bare, meanNs: bare, p99Ns: 0, samples: ROUNDS },
    { name: 'sightline: bootstrap() default pipeline + BatchLogExportProcessor', medianNs: sightline, meanNs: sightline, p99Ns: 0, samples: ROUNDS },
  ],
};
report('memory', [group], 'bytes of heap per record, median of rounds (no timing)');
process.exit(0);
