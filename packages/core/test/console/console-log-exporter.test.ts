import { SeverityNumber } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { describe, expect, it, vi } from 'vitest';
import { ConsoleLogRecordExporter } from '../../src/console/console-log-exporter.js';
import { FORGED, useColorTerminal } from './fixtures/color-terminal.js';
import { CollectStream, ThrowingStream, assertNoRawControls } from './fixtures/collect-stream.js';
import { SPAN_CONTEXT, captureLogs, logPipeline, withContext } from './fixtures/sdk.js';

function exportSync(exporter: ConsoleLogRecordExporter, records: Parameters<ConsoleLogRecordExporter['export']>[0]): ExportResult {
  let result: ExportResult | undefined;
  exporter.export(records, (r) => {
    result = r;
  });
  if (result === undefined) throw new Error('export did not call back synchronously');
  return result;
}

useColorTerminal();

describe('ConsoleLogRecordExporter (json)', () => {
  it('writes exactly one parseable line per record through the real SDK', async () => {
    const stream = new CollectStream();
    const { provider, logger } = logPipeline(new ConsoleLogRecordExporter({ format: 'json', stream }));
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'first', context: withContext(SPAN_CONTEXT) });
    logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'second\nline', attributes: { 'http.status_code': 500 } });
    logger.emit({ eventName: 'gen_ai.client.inference.operation.details', body: { messages: [] } });
    await provider.forceFlush();
    await provider.shutdown();
    expect(stream.lines).toHaveLength(3);
    const parsed = stream.lines.map((line) => JSON.parse(line));
    for (const line of parsed) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['time', 'type', 'severity', 'severityNumber', 'scope', 'body', 'traceId', 'spanId', 'attributes']));
      expect(line.type).toBe('log');
      expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(line.resource).toEqual({ 'service.name': 'weather-mcp' });
    }
    expect(parsed[0]).toMatchObject({ body: 'first', severity: 'INFO', traceId: SPAN_CONTEXT.traceId, spanId: SPAN_CONTEXT.spanId });
    expect(parsed[1]).toMatchObject({ body: 'second\nline', severity: 'ERROR', attributes: { 'http.status_code': 500 } });
    expect(parsed[2].eventName).toBe('gen_ai.client.inference.operation.details');
  });

  it('writes a batch with one stream.write and never colours json, even on a TTY', async () => {
    const records = await captureLogs((logger) => {
      for (let i = 0; i < 5; i++) logger.emit({ body: `record ${i}`, severityNumber: SeverityNumber.WARN });
    });
    const stream = new CollectStream({ isTTY: true });
    const result = exportSync(new ConsoleLogRecordExporter({ format: 'json', stream, colors: true }), records);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(stream.chunks).toHaveLength(1);
    expect(stream.lines).toHaveLength(5);
    expect(stream.text).not.toContain('\u001b');
  });
});

describe('ConsoleLogRecordExporter (pretty)', () => {
  it('prints short trace ids and indented attributes, without ANSI codes on a non-TTY stream', async () => {
    const stream = new CollectStream();
    const { provider, logger } = logPipeline(new ConsoleLogRecordExporter({ format: 'pretty', stream }));
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'handled', attributes: { b: 2, a: 'x' }, context: withContext(SPAN_CONTEXT) });
    await provider.shutdown();
    expect(stream.lines).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} INFO  test\.scope handled  trace=1a2b3c4d$/),
      '    a: x',
      '    b: 2',
    ]);
    expect(stream.text).not.toContain('\u001b');
  });

  it('colours when the stream is a TTY, unless NO_COLOR is set; FORCE_COLOR=1 forces colours on a pipe', async () => {
    const records = await captureLogs((logger) => logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'x' }));
    const tty = new CollectStream({ isTTY: true });
    exportSync(new ConsoleLogRecordExporter({ format: 'pretty', stream: tty }), records);
    expect(tty.text).toContain('\u001b[31mERROR\u001b[39m');

    vi.stubEnv('NO_COLOR', '1');
    const noColor = new CollectStream({ isTTY: true });
    exportSync(new ConsoleLogRecordExporter({ format: 'pretty', stream: noColor }), records);
    expect(noColor.text).not.toContain('\u001b');

    vi.stubEnv('NO_COLOR', undefined);
    vi.stubEnv('FORCE_COLOR', '1');
    const forced = new CollectStream();
    exportSync(new ConsoleLogRecordExporter({ format: 'pretty', stream: forced }), records);
    expect(forced.text).toContain('\u001b[31m');

    const explicit = new CollectStream({ isTTY: true });
    exportSync(new ConsoleLogRecordExporter({ format: 'pretty', stream: explicit, colors: false }), records);
    expect(explicit.text).not.toContain('\u001b');
  });
});

describe('ConsoleLogRecordExporter results', () => {
  it('reports FAILED with the error when the write throws, and never throws itself', async () => {
    const records = await captureLogs((logger) => logger.emit({ body: 'x' }));
    const exporter = new ConsoleLogRecordExporter({ format: 'json', stream: new ThrowingStream() });
    const result = exportSync(exporter, records);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toContain('EPIPE');
  });

  it('reports FAILED when the stream has ended', async () => {
    const records = await captureLogs((logger) => logger.emit({ body: 'x' }));
    const stream = new CollectStream();
    stream.end();
    const result = exportSync(new ConsoleLogRecordExporter({ format: 'pretty', stream }), records);
    expect(result.code).toBe(ExportResultCode.FAILED);
  });

  it('refuses exports after shutdown; shutdown and forceFlush resolve, repeatedly', async () => {
    const records = await captureLogs((logger) => logger.emit({ body: 'x' }));
    const stream = new CollectStream();
    const exporter = new ConsoleLogRecordExporter({ format: 'json', stream });
    await expect(exporter.forceFlush()).resolves.toBeUndefined();
    await expect(exporter.shutdown()).resolves.toBeUndefined();
    await expect(exporter.shutdown()).resolves.toBeUndefined();
    expect(exportSync(exporter, records).code).toBe(ExportResultCode.FAILED);
    expect(stream.text).toBe('');
  });
});

describe.each(['json', 'pretty', 'mcp'] as const)('ConsoleLogRecordExporter (%s) escapes forged input', (format) => {
  it('in message, attribute keys and values and the scope name', async () => {
    const stream = new CollectStream({ isTTY: true });
    const { provider, logger } = logPipeline(new ConsoleLogRecordExporter({ format, stream, colors: true }), `scope\n12:00:00.000 ERROR fake\u001b[0m`);
    logger.emit({
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO\r\nFATAL',
      body: `${FORGED} \u001b[31mred \u2028 \u2029 \u202e \u0085 \u007f`,
      attributes: { [`key\n${FORGED}`]: `\u001b[2J${FORGED}\u202e`, list: [`\u2028${FORGED}`] },
      context: withContext(SPAN_CONTEXT),
    });
    await provider.shutdown();
    const text = stream.text;
    expect(text.length).toBeGreaterThan(0);
    assertNoRawControls(text);
    expect(text).not.toContain('\u001b[31mred');
    expect(text).not.toContain('\u001b[2J');
    for (const line of text.split('\n')) expect(line.startsWith('12:00:00.000 ERROR fake')).toBe(false);
    if (format === 'json') {
      expect(stream.lines).toHaveLength(1);
      const parsed = JSON.parse(stream.lines[0]);
      expect(parsed.body).toBe(`${FORGED} \u001b[31mred \u2028 \u2029 \u202e \u0085 \u007f`);
      expect(parsed.scope).toBe('scope\n12:00:00.000 ERROR fake\u001b[0m');
    } else {
      expect(text).toContain('ok\\n12:00:00.000 ERROR fake \\x1b[31mred \\u2028 \\u2029 \\u202e \\x85 \\x7f');
    }
  });
});
