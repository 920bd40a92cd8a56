/**
 * Issue 12, item 10: the long cases of the fault suite, run by `npm run test:reliability`
 * (`RELIABILITY_SCALE` ≥ 10), each a real child process under the `--import` preload:
 * - the backend down for a minute while the app logs steadily: memory stays bounded (the queue is bounded
 *   by memory and drops are counted as `queue_full`), and export resumes when the backend comes back;
 * - a million records with the backend up and a graceful exit: every one arrives, once.
 */
import { describe, expect, it } from 'vitest';
import { startCountingReceiver, type CountingReceiver } from '../fixtures/counting-receiver.js';
import { parseSummary, summaryLines } from '../fixtures/export-summary.js';
import { startNode } from '../fixtures/run-node.js';
import { REGISTER } from '../fixtures/use-otlp-receiver.js';
import { SCALE } from './fuzz-harness.js';

interface SteadyRun {
  code: number | null;
  stderr: string;
  emitted: number;
  /** RSS samples in MiB, one a second, in order. */
  rss: number[];
  wallMs: number;
}

function runSteady(
  receiver: CountingReceiver,
  env: Record<string, string>,
  onSample: (second: number) => void = () => {},
): Promise<SteadyRun> {
  const started = performance.now();
  const { child, result } = startNode(['--import', REGISTER, 'apps/steady-app.mjs'], {
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_SERVICE_NAME: 'steady-app',
      ...env,
    },
    timeoutMs: 600_000,
  });
  const rss: number[] = [];
  let emitted = 0;
  let buffered = '';
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const sample = /^RSS ([\d.]+) (\d+)$/.exec(line);
      if (sample !== null) {
        rss.push(Number(sample[1]));
        onSample(rss.length);
      }
      const done = /^EMITTED (\d+)$/.exec(line);
      if (done !== null) emitted = Number(done[1]);
    }
  });
  return result.then((run) => ({ code: run.code, stderr: run.stderr, emitted, rss, wallMs: performance.now() - started }));
}

describe.runIf(SCALE >= 10)('long runs (npm run test:reliability)', () => {
  it('backend down for a minute: memory stays bounded, drops are counted, export resumes when it returns', async () => {
    const DOWN_S = 60;
    const receiver = await startCountingReceiver({ startDown: true });
    try {
      let receivedWhenUp = 0;
      const run = await runSteady(
        receiver,
        { RATE: '2500', DURATION_S: String(DOWN_S + 30), BODY_BYTES: '200', SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '30000' },
        (second) => {
          if (second === DOWN_S) {
            receivedWhenUp = receiver.records();
            void receiver.up();
          }
        },
      );
      const summaries = summaryLines(run.stderr);
      const summary = parseSummary(summaries[0] ?? '');
      const baseline = run.rss[0];
      const peak = Math.max(...run.rss);
      console.log(
        `backend down ${DOWN_S} s: emitted ${run.emitted}, received ${receiver.records()} (${receiver.distinctBodies()} distinct), ` +
          `exported ${summary.logs.exported}, dropped ${JSON.stringify(summary.logs.reasons)}, spooled ${summary.logs.spooled}; ` +
          `export resumed ${((receiver.resumedAfterMs() ?? NaN) / 1000).toFixed(1)} s after the backend returned; ` +
          `RSS ${baseline} → peak ${peak} MiB (at ${DOWN_S} s: ${run.rss[DOWN_S - 1]} MiB), wall ${(run.wallMs / 1000).toFixed(1)} s`,
      );
      expect(run.code).toBe(0);
      expect(run.emitted).toBe(2500 * (DOWN_S + 30));
      expect(receivedWhenUp).toBe(0);
      // The bound engaged: what did not fit in the queue was counted, not kept.
      expect(summaries).toHaveLength(1);
      expect(summary.logs.reasons.queue_full ?? 0).toBeGreaterThan(0);
      // Every record is accounted for: sent once, or counted.
      expect(summary.logs.exported + summary.logs.dropped + summary.logs.spooled).toBe(run.emitted);
      expect(receiver.records()).toBe(summary.logs.exported);
      expect(receiver.distinctBodies()).toBe(receiver.records());
      // Export resumed: at least the 30 s logged after the backend returned arrived.
      // Export resumed within the longest retry pause (30 s, as the Collector's exporters back off).
      expect(receiver.resumedAfterMs()).toBeLessThanOrEqual(31_000);
      expect(receiver.records()).toBeGreaterThan(0);
      // Memory bounded: the 64 MiB queue (by estimate) plus the heap's slack, not 225 000 records' worth of growth.
      expect(peak - baseline).toBeLessThan(200);
    } finally {
      await receiver.close();
    }
  }, 300_000);

  it('a million records with the backend up and a graceful exit: every one arrives, once', async () => {
    const RECORDS = 1_000_000;
    const receiver = await startCountingReceiver();
    try {
      const run = await runSteady(receiver, { RATE: '20000', DURATION_S: String(RECORDS / 20_000), SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '60000' });
      console.log(
        `1 M records: emitted ${run.emitted}, received ${receiver.records()} (${receiver.distinctBodies()} distinct), ` +
          `RSS ${run.rss[0]} → peak ${Math.max(...run.rss)} MiB, wall ${(run.wallMs / 1000).toFixed(1)} s; ${summaryLines(run.stderr).join(' ') || 'no drop summary'}`,
      );
      expect(run.code).toBe(0);
      expect(run.emitted).toBe(RECORDS);
      expect(summaryLines(run.stderr)).toEqual([]);
      expect(receiver.records()).toBe(RECORDS);
      expect(receiver.distinctBodies()).toBe(RECORDS);
    } finally {
      await receiver.close();
    }
  }, 300_000);
});
