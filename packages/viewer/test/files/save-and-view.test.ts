import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { startViewer, TelemetryStore, viewFiles, readOtlpFiles } from '../../src/index.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'sightline-viewer-'));

describe('sightline dev --save and sightline view', () => {
  it('saves protobuf requests as OTLP/JSON lines (hex ids, string int64, enum numbers) that view reads back', async () => {
    const dir = tempDir();
    const viewer = await startViewer({ port: 0, otlpPort: 0, saveDir: dir });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'saver' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: new ProtoTraceExporter({ url: `${viewer.otlpUrl}/v1/traces` }) })],
    });
    const span = provider.getTracer('t').startSpan('saved span', { kind: SpanKind.SERVER, attributes: { big: 2 ** 40 } });
    const { traceId, spanId } = span.spanContext();
    span.end();
    await provider.forceFlush();
    await provider.shutdown();
    await viewer.close();

    const lines = readFileSync(join(dir, 'traces.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const saved = JSON.parse(lines[0]);
    const wireSpan = saved.resourceSpans[0].scopeSpans[0].spans[0];
    expect(wireSpan.traceId).toBe(traceId);
    expect(wireSpan.spanId).toBe(spanId);
    expect(wireSpan.kind).toBe(2);
    expect(typeof wireSpan.startTimeUnixNano).toBe('string');
    expect(wireSpan.attributes).toEqual([{ key: 'big', value: { intValue: String(2 ** 40) } }]);

    const view = await viewFiles([dir], { port: 0 });
    try {
      expect(view.files).toMatchObject({ requests: 1, records: 1, skippedLines: 0 });
      expect(view.store.trace(traceId)?.spans[0]).toMatchObject({ name: 'saved span', service: 'saver', spanId });
      const status = (await (await fetch(`${view.pageUrl}api/status`)).json()) as { mode: string };
      expect(status.mode).toBe('files');
    } finally {
      await view.close();
    }
  });

  it('skips and counts a torn last line, garbage and non-OTLP lines; reads gzipped files and directories', async () => {
    const dir = tempDir();
    const request = (name: string) => ({
      resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: 's' }, logRecords: [{ timeUnixNano: '1700000000000000000', body: { stringValue: name } }] }] }],
    });
    const whole = JSON.stringify(request('first'));
    writeFileSync(join(dir, 'logs.jsonl'), `${whole}\n\nnot json\n{"other":1}\n`);
    appendFileSync(join(dir, 'logs.jsonl'), JSON.stringify(request('torn')).slice(0, 40)); // a crash mid-write
    writeFileSync(join(dir, 'more.jsonl.gz'), gzipSync(`${JSON.stringify(request('zipped'))}\n`));
    writeFileSync(join(dir, 'notes.txt'), 'ignored: not an OTLP file name');
    const store = new TelemetryStore();
    const report = await readOtlpFiles([dir], store);
    expect(report.files.map((f) => f.slice(dir.length + 1))).toEqual(['logs.jsonl', 'more.jsonl.gz']);
    expect(report).toMatchObject({ requests: 2, records: 2, skippedLines: 3 });
    expect(store.orphanLogList(10).map((l) => l.body).sort()).toEqual(['first', 'zipped']);
  });
});
