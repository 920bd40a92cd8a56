/**
 * Issue 12, item 1: every exit path ends within the shutdown timeout plus 200 ms, whatever the receiver
 * does, and what could not be sent is accounted for in one summary line. Each case is a real child
 * process under the `--import` preload, exporting to a loopback receiver that misbehaves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, startFaultyReceiver, type Fault, type FaultyReceiver } from '../fixtures/faulty-receiver.js';
import { parseSummary, summaryLines } from '../fixtures/export-summary.js';
import { startNode } from '../fixtures/run-node.js';
import { REGISTER } from '../fixtures/use-otlp-receiver.js';

const SHUTDOWN_TIMEOUT_MS = 1_000;
/** What the issue allows on top of the shutdown timeout. */
const SLACK_MS = 200;
const RECORDS = 200;

const EXIT_PATHS = ['natural', 'before-exit', 'sigterm', 'sigint', 'uncaught', 'rejection', 'exit'] as const;
type ExitPath = (typeof EXIT_PATHS)[number];

/** How the process must end: exactly as it would without Sightline. */
const EXPECTED_END: Record<ExitPath, { code: number | null; signal: NodeJS.Signals | null }> = {
  natural: { code: 0, signal: null },
  'before-exit': { code: 0, signal: null },
  sigterm: { code: null, signal: 'SIGTERM' },
  sigint: { code: null, signal: 'SIGINT' },
  uncaught: { code: 1, signal: null },
  rejection: { code: 1, signal: null },
  exit: { code: 0, signal: null },
};

/** Log records in the OTLP JSON lines of a spool folder (all services). */
function spooledLogRecords(dir: string): number {
  let count = 0;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.startsWith('logs-')) {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          if (line === '') continue;
          const request = JSON.parse(line) as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: unknown[] }> }> };
          for (const r of request.resourceLogs) for (const s of r.scopeLogs) count += s.logRecords.length;
        }
      }
    }
  };
  try {
    walk(dir);
  } catch {
    return 0;
  }
  return count;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** From the app's "LAST" line to the end of the process. */
  afterLastMs: number;
  spoolDir: string;
}

async function runExitPath(receiver: FaultyReceiver, path: ExitPath): Promise<Run> {
  const spoolDir = mkdtempSync(join(tmpdir(), 'sightline-exit-spool-'));
  const { child, result } = startNode(['--import', REGISTER, 'apps/exit-path-app.mjs'], {
    env: {
      EXIT_PATH: path,
      RECORDS: String(RECORDS),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_SERVICE_NAME: 'exit-path-app',
      SIGHTLINE_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      SIGHTLINE_SPOOL_DIR: spoolDir,
    },
    timeoutMs: 20_000,
  });
  let lastAt: number | undefined;
  child.stdout?.on('data', (chunk: string) => {
    if (lastAt === undefined && chunk.includes('LAST')) lastAt = performance.now();
  });
  const run = await result;
  const endedAt = performance.now();
  return { ...run, afterLastMs: endedAt - (lastAt ?? endedAt), spoolDir };
}

/** Exit time and accounting of each case, printed as a Markdown table with `RELIABILITY_REPORT=1` (docs/reliability.md). */
const report = new Map<string, string>();
afterAll(() => {
  if (process.env.RELIABILITY_REPORT !== '1') return;
  const header = `| receiver | ${EXIT_PATHS.join(' | ')} |\n|---|${EXIT_PATHS.map(() => '---').join('|')}|`;
  const rows = FAULTS.map((fault) => `| ${fault} | ${EXIT_PATHS.map((path) => report.get(`${fault} ${path}`) ?? '–').join(' | ')} |`);
  console.log(`exit time after the app's last line (ms); exported / dropped / spooled log records\n${header}\n${rows.join('\n')}`);
});

for (const fault of FAULTS) {
  describe(`receiver ${fault}`, () => {
    let receiver: FaultyReceiver;
    beforeAll(async () => {
      receiver = await startFaultyReceiver(fault);
    });
    afterAll(() => receiver.close());

    it.each(EXIT_PATHS)(`exit path %s ends within the shutdown timeout + ${SLACK_MS} ms, as it would without us`, async (path) => {
      const run = await runExitPath(receiver, path);
      expect({ code: run.code, signal: run.signal }).toEqual(EXPECTED_END[path]);
      expect(run.afterLastMs).toBeLessThanOrEqual(SHUTDOWN_TIMEOUT_MS + SLACK_MS);

      const lines = run.stderr.split('\n');
      expect(lines.filter((l) => l.startsWith('{"stack"'))).toEqual([]);
      const summaries = summaryLines(run.stderr);
      expect(summaries.length).toBeLessThanOrEqual(1);

      const emittedAtLeast = RECORDS + 1;
      const accounted = summaries.length === 0 ? undefined : parseSummary(summaries[0]).logs;
      report.set(
        `${fault} ${path}`,
        `${Math.round(run.afterLastMs)}: ${accounted === undefined ? 'all sent' : `${accounted.exported}/${accounted.dropped}/${accounted.spooled}`}`,
      );
      if (summaries.length === 0) {
        // Nothing dropped or spooled: everything reached a receiver that accepts.
        expect(fault).toBe('ok' satisfies Fault);
        expect(receiver.otlp?.logs.length ?? 0).toBeGreaterThanOrEqual(emittedAtLeast);
        return;
      }
      const summary = parseSummary(summaries[0]);
      // Every record is accounted for, and what the summary says was spooled is in the spool.
      expect(summary.logs.exported + summary.logs.dropped + summary.logs.spooled).toBeGreaterThanOrEqual(emittedAtLeast);
      expect(spooledLogRecords(run.spoolDir)).toBe(summary.logs.spooled);
      // Refused for good: counted as failed, not kept (unless the app exited before any attempt).
      if (fault === 'status-400' && path !== 'exit') expect(summary.logs.spooled).toBe(0);
    });
  });
}
