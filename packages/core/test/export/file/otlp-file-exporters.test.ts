import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeverityNumber } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { canonicalOtlpJson } from '../../../../../test/fixtures/otlp/conformance.js';
import { BatchLogExportProcessor } from '../../../src/export/batch-log-processor.js';
import { BatchSpanExportProcessor } from '../../../src/export/batch-span-processor.js';
import { createFileLogExporter, createFileMetricExporter, createFileSpanExporter, type OtlpFileSettings } from '../../../src/export/file/otlp-file-exporters.js';
import { readOtlpFiles, type OtlpFileEntry } from '../../../src/export/file/otlp-file-reader.js';

function settings(dir = mkdtempSync(join(tmpdir(), 'otlp-file-export-'))): OtlpFileSettings {
  return { dir, maxFileBytes: 64 << 20, rotateMillis: 86_400_000, retentionMillis: 0 };
}

async function entries(dir: string): Promise<OtlpFileEntry[]> {
  const out: OtlpFileEntry[] = [];
  await readOtlpFiles([dir], (e) => out.push(e));
  return out;
}

function countRecords(list: OtlpFileEntry[], signal: 'logs' | 'traces'): number {
  let n = 0;
  for (const { request } of list) {
    for (const r of (request[signal === 'logs' ? 'resourceLogs' : 'resourceSpans'] as Array<Record<string, Array<Record<string, unknown[]>>>>) ?? []) {
      for (const s of r[signal === 'logs' ? 'scopeLogs' : 'scopeSpans']) n += s[signal === 'logs' ? 'logRecords' : 'spans'].length;
    }
  }
  return n;
}

describe('the file exporters behind the export stages', () => {
  it('write every log record of a burst in batches, conformant lines, flushed by shutdown', async () => {
    const s = settings();
    const stage = new BatchLogExportProcessor({ exporter: createFileLogExporter(s), maxExportBatchSize: 500 });
    const provider = new LoggerProvider({ processors: [stage] });
    const logger = provider.getLogger('burst');
    for (let i = 0; i < 5_000; i++) logger.emit({ body: `record ${i}`, severityNumber: SeverityNumber.INFO, attributes: { i } });
    await provider.shutdown();
    const read = await entries(s.dir);
    expect(countRecords(read, 'logs')).toBe(5_000);
    expect(read.length).toBeGreaterThanOrEqual(10);
    expect(stage.getStats()).toMatchObject({ exported: 5_000, queued: 0, dropped: { queue_full: 0, export_failed: 0, shutdown: 0 } });
    const line = readFileSync(join(s.dir, readdirSync(s.dir)[0]), 'utf8').split('\n')[0];
    const { original, canonical } = canonicalOtlpJson('logs', line);
    expect(canonical).toEqual(original);
  });

  it('count a batch the disk refused as export_failed, like a receiver that refused it', async () => {
    const base = mkdtempSync(join(tmpdir(), 'otlp-file-export-'));
    writeFileSync(join(base, 'blocker'), '');
    const stage = new BatchLogExportProcessor({ exporter: createFileLogExporter(settings(join(base, 'blocker', 'dir'))) });
    const provider = new LoggerProvider({ processors: [stage] });
    for (let i = 0; i < 3; i++) provider.getLogger('x').emit({ body: 'lost' });
    await provider.shutdown();
    expect(stage.getDropCounts()).toEqual({ queue_full: 0, export_failed: 3, shutdown: 0 });
  });

  it('count queue_full drops past the memory bound, as for OTLP', async () => {
    const s = settings();
    const stage = new BatchSpanExportProcessor({ exporter: createFileSpanExporter(s), maxQueueSize: 100, maxExportBatchSize: 100 });
    const provider = new TracerProvider({ spanProcessors: [stage] });
    for (let i = 0; i < 250; i++) provider.getTracer('t').startSpan(`s${i}`).end();
    await provider.shutdown();
    const dropped = stage.getDropCounts().queue_full;
    expect(dropped).toBeGreaterThan(0);
    expect(countRecords(await entries(s.dir), 'traces') + dropped).toBe(250);
  });

  it('write what is still held when the stage is abandoned (deadline, exit) to the file, synchronously, counted exported', async () => {
    const s = settings();
    const exporter = createFileSpanExporter(s);
    // As the pipeline builds it: the exporter's synchronous write is the stage's final sink.
    const stage = new BatchSpanExportProcessor({ exporter, finalSink: exporter.writeSync, scheduledDelayMillis: 60_000 });
    const provider = new TracerProvider({ spanProcessors: [stage] });
    for (let i = 0; i < 7; i++) provider.getTracer('t').startSpan(`held ${i}`).end();
    expect(stage.getStats().queued).toBe(7);
    expect(stage.abandon(() => false)).toEqual({ spooled: 7, dropped: 0 });
    expect(stage.getStats()).toMatchObject({ exported: 7, spooled: 0, queued: 0 });
    expect(countRecords(await entries(s.dir), 'traces')).toBe(7);
  });

  it('stop writing synchronously once the exit time budget is spent; the rest is counted dropped', async () => {
    const s = settings();
    const exporter = createFileSpanExporter(s, 0);
    const stage = new BatchSpanExportProcessor({ exporter, finalSink: exporter.writeSync, maxExportBatchSize: 2, scheduledDelayMillis: 60_000 });
    const provider = new TracerProvider({ spanProcessors: [stage] });
    expect(exporter.writeSync([])).toBe(true); // the clock starts at the first write
    const until = Date.now() + 5;
    while (Date.now() < until) {
      // let the budget pass
    }
    for (let i = 0; i < 3; i++) provider.getTracer('t').startSpan(`late ${i}`).end();
    expect(stage.abandon()).toEqual({ spooled: 0, dropped: 3 });
    expect(stage.getDropCounts().shutdown).toBe(3);
  });

  it('write metrics at each collection of the periodic reader', async () => {
    const s = settings();
    const reader = new PeriodicExportingMetricReader({ exporter: createFileMetricExporter(s), exportIntervalMillis: 60_000 });
    const provider = new MeterProvider({ readers: [reader] });
    provider.getMeter('m').createCounter('requests').add(3);
    await reader.forceFlush();
    await provider.shutdown();
    const read = await entries(s.dir);
    expect(read.map((e) => e.signal)).toEqual(['metrics', 'metrics']);
    expect(JSON.stringify(read[0].request)).toContain('"asDouble":3');
  });
});
