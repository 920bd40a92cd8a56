import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeverityNumber } from '@opentelemetry/api';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { canonicalOtlpJson } from '../../../../../test/fixtures/otlp/conformance.js';
import { SpoolWriter } from '../../../src/export/spool/spool-writer.js';
import { serviceSpoolDir, spoolFileSignal } from '../../../src/export/spool/spool-location.js';

async function records(n: number): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger('spool-test');
  for (let i = 0; i < n; i++) logger.emit({ body: `record ${i}`, severityNumber: SeverityNumber.INFO, attributes: { i } });
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}

async function spans(n: number): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  for (let i = 0; i < n; i++) provider.getTracer('t').startSpan(`span ${i}`).end();
  await provider.forceFlush();
  return exporter.getFinishedSpans();
}

function dir(): string {
  return join(mkdtempSync(join(tmpdir(), 'spool-writer-')), 'svc');
}

describe('SpoolWriter', async () => {
  it('writes one OTLP JSON request per line, per signal file, readable only by the owner', async () => {
    const folder = dir();
    const writer = new SpoolWriter({ dir: folder, maxBytes: 10_000_000, timeBudgetMillis: 5_000 });
    expect(writer.writeLogs(await records(3))).toBe(true);
    expect(writer.writeLogs(await records(2))).toBe(true);
    expect(writer.writeSpans(await spans(4))).toBe(true);
    writer.close();
    const files = readdirSync(folder).sort();
    expect(files.map(spoolFileSignal)).toEqual(['logs', 'traces']);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const file of files) expect(statSync(join(folder, file)).mode & 0o777).toBe(0o600);
    const lines = readFileSync(join(folder, files[0]), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]) as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Array<{ body: { stringValue: string }; timeUnixNano: string }> }> }> };
    const logRecords = first.resourceLogs[0].scopeLogs[0].logRecords;
    expect(logRecords.map((r) => r.body.stringValue)).toEqual(['record 0', 'record 1', 'record 2']);
    expect(logRecords[0].timeUnixNano).toMatch(/^\d{19}$/); // OTLP JSON: int64 as a decimal string
    expect(writer.writtenPaths).toHaveLength(2);
  });

  it('writes the OTLP/JSON mapping exactly, as the protobuf definitions read it back (int64 attributes as strings)', async () => {
    const folder = dir();
    const writer = new SpoolWriter({ dir: folder, maxBytes: 10_000_000, timeBudgetMillis: 5_000 });
    writer.writeLogs(await records(2));
    writer.writeSpans(await spans(1));
    writer.close();
    for (const file of readdirSync(folder)) {
      const line = readFileSync(join(folder, file), 'utf8').trimEnd();
      const { original, canonical } = canonicalOtlpJson(spoolFileSignal(file) === 'logs' ? 'logs' : 'spans', line);
      expect(canonical).toEqual(original);
      if (spoolFileSignal(file) === 'logs') expect(line).toContain('{"key":"i","value":{"intValue":"1"}}');
    }
  });

  it('refuses a write that would pass the folder bound, counting on what is already there', async () => {
    const folder = dir();
    const first = new SpoolWriter({ dir: folder, maxBytes: 6_000, timeBudgetMillis: 5_000 });
    expect(first.writeLogs(await records(5))).toBe(true);
    first.close();
    const second = new SpoolWriter({ dir: folder, maxBytes: 6_000, timeBudgetMillis: 5_000 });
    expect(second.writeLogs(await records(500))).toBe(false);
    expect(second.writeLogs(await records(1))).toBe(true);
    second.close();
  });

  it('stops writing once its time budget is spent', async () => {
    const writer = new SpoolWriter({ dir: dir(), maxBytes: 100_000_000, timeBudgetMillis: 0 });
    expect(writer.writeLogs(await records(1))).toBe(true); // the clock starts at the first write
    const until = Date.now() + 5;
    while (Date.now() < until) {
      // let the budget pass
    }
    expect(writer.writeLogs(await records(1))).toBe(false);
  });

  it('reports a folder it cannot create, and refuses later writes at once', async () => {
    const base = mkdtempSync(join(tmpdir(), 'spool-writer-'));
    writeFileSync(join(base, 'file'), 'not a folder');
    const writer = new SpoolWriter({ dir: join(base, 'file', 'svc'), maxBytes: 1_000_000, timeBudgetMillis: 5_000 });
    expect(writer.writeLogs(await records(1))).toBe(false);
    expect(writer.failure).toBe('ENOTDIR');
    expect(writer.writeSpans(await spans(1))).toBe(false);
  });
});

describe('serviceSpoolDir', async () => {
  it('keys the folder by a file-safe service name', async () => {
    expect(serviceSpoolDir('/s', 'checkout')).toBe('/s/checkout');
    expect(serviceSpoolDir('/s', '../../etc/passwd')).toBe('/s/.._.._etc_passwd');
    expect(serviceSpoolDir('/s', '..')).toBe('/s/_');
    expect(serviceSpoolDir('/s', 'unknown_service:node')).toBe('/s/unknown_service_node');
    expect(serviceSpoolDir('/s', 'x'.repeat(500))).toBe(`/s/${'x'.repeat(100)}`);
  });
});
