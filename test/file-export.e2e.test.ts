/**
 * The OTLP file exporter end to end: an app under the real preload with `OTEL_*_EXPORTER=file` writes
 * OTLP JSON Lines files, which are decoded here with the official protobuf definitions (protobufjs, via
 * fixtures/otlp/conformance.ts) — not with Sightline's reader — line by line: each line must come back
 * unchanged from the canonical proto3 JSON form (hex ids, int64 as strings, enums as numbers).
 */
import { mkdtempSync, readdirSync, readFileSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOtlpFiles } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { canonicalOtlpJson } from './fixtures/otlp/conformance.js';
import { normalizeRequest } from './fixtures/otlp/normalize.js';
import type { OtlpSignal, SignalItems } from './fixtures/otlp/types.js';
import { runNode, startNode } from './fixtures/run-node.js';
import { REGISTER } from './fixtures/use-otlp-receiver.js';

const FILE_SIGNAL: Record<string, OtlpSignal> = { logs: 'logs', traces: 'spans', metrics: 'metrics' };

interface Decoded {
  files: Record<OtlpSignal, string[]>;
  logs: SignalItems['logs'][];
  spans: SignalItems['spans'][];
  metrics: SignalItems['metrics'][];
  lines: number;
}

/** Every line of every file of `dir`, decoded by the protobuf definitions after a canonical-form check. */
function decodeFolder(dir: string): Decoded {
  const out: Decoded = { files: { logs: [], spans: [], metrics: [] }, logs: [], spans: [], metrics: [], lines: 0 };
  for (const name of readdirSync(dir).sort()) {
    const signal = FILE_SIGNAL[name.split('-')[0]];
    expect(signal, name).toBeDefined();
    out.files[signal].push(name);
    const text = readFileSync(join(dir, name), 'utf8');
    expect(text.endsWith('\n'), `${name} ends with a whole line`).toBe(true);
    for (const line of text.trimEnd().split('\n')) {
      const { original, canonical } = canonicalOtlpJson(signal, line);
      expect(canonical, `${name}: a line in the exact OTLP/JSON mapping`).toEqual(original);
      (out[signal] as unknown[]).push(...normalizeRequest(signal, canonical));
      out.lines++;
    }
  }
  return out;
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'sightline-file-e2e-'));
}

const FILE_ENV = { OTEL_LOGS_EXPORTER: 'file', OTEL_TRACES_EXPORTER: 'file', OTEL_METRICS_EXPORTER: 'file', OTEL_SERVICE_NAME: 'file-e2e' };

describe('OTEL_*_EXPORTER=file under the register preload', () => {
  it('writes logs, spans and metrics as OTLP JSON Lines, one file per signal, that the protobuf definitions decode', async () => {
    const dir = folder();
    const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], { env: { ...FILE_ENV, SIGHTLINE_FILE_DIR: dir, APP_RECORDS: '3000' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const decoded = decodeFolder(dir);
    expect(decoded.files.logs).toHaveLength(1);
    expect(decoded.files.spans).toHaveLength(1);
    expect(decoded.files.metrics).toHaveLength(1);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);

    // Every record, with the resource, hex ids and correlation intact.
    const bulk = decoded.logs.filter((l) => l.body === 'bulk');
    expect(bulk).toHaveLength(3000);
    expect(new Set(bulk.map((l) => l.attributes.i)).size).toBe(3000);
    expect(bulk[0].resource['service.name']).toBe('file-e2e');
    const root = decoded.spans.find((s) => s.name === 'board decision');
    expect(root?.traceId).toMatch(/^[0-9a-f]{32}$/);
    const steps = decoded.spans.filter((s) => s.name.startsWith('step '));
    expect(steps).toHaveLength(3);
    for (const step of steps) expect(step).toMatchObject({ traceId: root?.traceId, parentSpanId: root?.spanId });
    const failed = decoded.logs.find((l) => l.body === 'workflow failed once');
    expect(failed).toMatchObject({ traceId: root?.traceId, spanId: root?.spanId, severityNumber: 17 });
    // The pipeline's own metrics: nothing was dropped.
    const processed = decoded.metrics.filter((m) => m.name === 'otel.sdk.processor.log.processed');
    expect(processed.length).toBeGreaterThan(0);

    // The raw lines use the mapping's forms, which the canonical check above already required.
    const raw = readFileSync(join(dir, decoded.files.logs[0]), 'utf8');
    expect(raw).toMatch(/"key":"i","value":\{"intValue":"2999"\}/);
    expect(raw).toMatch(/"severityNumber":9,/);
    expect(raw).toMatch(/"timeUnixNano":"\d{19}"/);
  });

  it('flushes everything accepted before SIGTERM into the file', async () => {
    const dir = folder();
    const { child, result } = startNode(['--import', REGISTER, 'apps/wait-for-signal-app.mjs'], {
      env: { ...FILE_ENV, OTEL_METRICS_EXPORTER: 'none', SIGHTLINE_FILE_DIR: dir },
    });
    await new Promise<void>((resolve) => child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()));
    child.kill('SIGTERM');
    const run = await result;
    expect(run.signal).toBe('SIGTERM');
    expect(decodeFolder(dir).logs.filter((l) => l.body === 'before signal')).toHaveLength(500);
  });

  it('writes what is still queued at process.exit() synchronously into the file, nothing to the spool', async () => {
    const dir = folder();
    const spool = folder();
    const run = await runNode(['--import', REGISTER, 'apps/burst-exit-app.mjs'], {
      env: { ...FILE_ENV, OTEL_METRICS_EXPORTER: 'none', SIGHTLINE_FILE_DIR: dir, SIGHTLINE_SPOOL_DIR: spool, END: 'exit', BURST: '20000' },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(decodeFolder(dir).logs.filter((l) => l.body === 'routine record')).toHaveLength(20_000);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('a line torn by a crash is skipped by the reader, and the next run writes a new file beside it', async () => {
    const dir = folder();
    const env = { ...FILE_ENV, OTEL_METRICS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none', SIGHTLINE_FILE_DIR: dir, END: 'natural', BURST: '3000' };
    await runNode(['--import', REGISTER, 'apps/burst-exit-app.mjs'], { env });
    const [first] = readdirSync(dir);
    const path = join(dir, first);
    const size = statSync(path).size;
    truncateSync(path, size - 100); // the last line loses its end, as a kill during the write leaves it
    await runNode(['--import', REGISTER, 'apps/burst-exit-app.mjs'], { env });
    expect(readdirSync(dir)).toHaveLength(2);

    let records = 0;
    const result = await readOtlpFiles([dir], ({ request }) => {
      for (const r of request.resourceLogs as Array<{ scopeLogs: Array<{ logRecords: unknown[] }> }>) for (const s of r.scopeLogs) records += s.logRecords.length;
    });
    expect(result.skipped).toEqual({ torn: 1, invalid: 0 });
    expect(result.files).toBe(2);
    // The second run whole, the first less its torn last batch.
    expect(records).toBeGreaterThanOrEqual(3000);
    expect(records).toBeLessThan(6000);
  });
});
