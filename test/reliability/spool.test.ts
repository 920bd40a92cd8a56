/**
 * Issue 12, items 6 and 7: `process.exit()` loses nothing — what is still queued is spooled
 * synchronously and sent by the next start of the same service with its original timestamps — and the
 * record that matters most (the FATAL exception that ends a burst) is never dropped for routine records.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSummary, summaryLines } from '../fixtures/export-summary.js';
import { runNode } from '../fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from '../fixtures/use-otlp-receiver.js';

const fixture = useOtlpReceiver();

function spoolFiles(root: string): string[] {
  const out: string[] = [];
  for (const service of readdirSync(root)) for (const file of readdirSync(join(root, service))) out.push(join(root, service, file));
  return out;
}

describe('the spool', () => {
  it('keeps every record queued at process.exit(), and the next start sends them with their original timestamps', async () => {
    const spool = mkdtempSync(join(tmpdir(), 'sightline-spool-e2e-'));
    const first = await runNode(['--import', REGISTER, 'apps/burst-exit-app.mjs'], {
      env: fixture.env({ END: 'exit', BURST: '5000', OTEL_SERVICE_NAME: 'spool-e2e', SIGHTLINE_SPOOL_DIR: spool, OTEL_METRICS_EXPORTER: 'none' }),
    });
    expect(first.code).toBe(0);
    const summary = summaryLines(first.stderr);
    expect(summary).toHaveLength(1);
    const firstRun = parseSummary(summary[0]).logs;
    expect(firstRun.dropped).toBe(0);
    expect(firstRun.spooled).toBeGreaterThan(0);
    expect(firstRun.exported + firstRun.spooled).toBe(5_000);
    const files = spoolFiles(spool);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(files[0]).toContain(join(spool, 'spool-e2e', 'logs-'));

    const firstArrived = fixture.receiver.logs.length;
    expect(firstArrived).toBe(firstRun.exported);
    // A spool file younger than 2 s may still be being written by an exiting process: wait past that.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const second = await runNode(['--import', REGISTER, 'apps/burst-exit-app.mjs'], {
      env: fixture.env({ END: 'natural', BURST: '0', OTEL_SERVICE_NAME: 'spool-e2e', SIGHTLINE_SPOOL_DIR: spool, OTEL_METRICS_EXPORTER: 'none' }),
    });
    expect(second.code).toBe(0);
    const logs = await fixture.receiver.waitForCount('logs', 5_000);
    const bodies = new Set(logs.map((l) => l.attributes.i));
    expect(bodies.size).toBe(5_000); // every record once
    const times = logs.map((l) => BigInt(l.timeUnixNano));
    const newest = times.reduce((a, b) => (a > b ? a : b));
    expect(Number(newest / 1_000_000n)).toBeLessThan(Date.now() - 2_000); // stamped by the first run
    expect(spoolFiles(spool)).toEqual([]);
  });

  it('a service with the spool off counts what process.exit() lost, in one line', async () => {
    const run = await runNode(['--import', REGISTER, 'apps/burst-exit-app.mjs'], {
      env: fixture.env({ END: 'exit', BURST: '3000', SIGHTLINE_SPOOL_DIR: 'off', OTEL_METRICS_EXPORTER: 'none' }),
    });
    const summary = summaryLines(run.stderr);
    expect(summary).toHaveLength(1);
    const { logs } = parseSummary(summary[0]);
    expect(logs.reasons.shutdown).toBe(logs.dropped);
    expect(logs.exported + logs.dropped).toBe(3_000);
    expect(summary[0]).not.toContain('spooled');
  });
});

describe('the records that matter most get out first', () => {
  it('a 200 000-record burst that ends in an uncaught exception: the FATAL record is exported, the drops summarized', async () => {
    const run = await runNode(['--import', REGISTER, 'apps/burst-exit-app.mjs'], {
      env: fixture.env({ END: 'crash', BURST: '200000', SIGHTLINE_EXPORT_QUEUE_MIB: '16', OTEL_METRICS_EXPORTER: 'none' }),
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('crash after the burst');
    const fatal = fixture.receiver.logs.filter((l) => l.severityNumber >= 21);
    expect(fatal.map((l) => l.eventName)).toEqual(['exception']);
    const summary = summaryLines(run.stderr);
    expect(summary).toHaveLength(1);
    const { logs } = parseSummary(summary[0]);
    expect(logs.reasons.queue_full).toBeGreaterThan(0);
    console.log(`200 000-record burst then a crash: ${summary[0]}`);
    // Every record of the burst, plus the FATAL exception record, is accounted for.
    expect(logs.exported + logs.dropped + logs.spooled).toBe(200_001);
  });
});
