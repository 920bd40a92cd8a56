import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { AggregationTemporality, InstrumentType } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { ConsoleMetricExporter } from '../../src/console/console-metric-exporter.js';
import { CollectStream, ThrowingStream, assertNoRawControls } from './fixtures/collect-stream.js';
import { captureMetrics, metricPipeline } from './fixtures/sdk.js';

describe('ConsoleMetricExporter', () => {
  it('selects cumulative temporality by default, or what the selector says', () => {
    const exporter = new ConsoleMetricExporter({ format: 'json', stream: new CollectStream() });
    for (const type of Object.values(InstrumentType)) {
      expect(exporter.selectAggregationTemporality(type)).toBe(AggregationTemporality.CUMULATIVE);
    }
    const delta = new ConsoleMetricExporter({ format: 'json', stream: new CollectStream(), temporalitySelector: () => AggregationTemporality.DELTA });
    expect(delta.selectAggregationTemporality(InstrumentType.COUNTER)).toBe(AggregationTemporality.DELTA);
  });

  it('writes one JSON line per metric through a real MeterProvider, in one write', async () => {
    const stream = new CollectStream();
    const { provider, meter } = metricPipeline(new ConsoleMetricExporter({ format: 'json', stream }));
    const counter = meter.createCounter('gen_ai.client.token.usage.total', { unit: '{token}' });
    counter.add(120, { 'gen_ai.token.type': 'input' });
    counter.add(48, { 'gen_ai.token.type': 'output' });
    meter.createHistogram('mcp.server.operation.duration', { unit: 's' }).record(1.02, { 'mcp.method.name': 'tools/call' });
    await provider.forceFlush();
    expect(stream.chunks).toHaveLength(1);
    const lines = stream.lines.map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ type: 'metric', name: 'gen_ai.client.token.usage.total', unit: '{token}', temporality: 'cumulative' });
    expect(lines[0].points).toEqual([
      { attributes: { 'gen_ai.token.type': 'input' }, value: 120 },
      { attributes: { 'gen_ai.token.type': 'output' }, value: 48 },
    ]);
    expect(lines[1]).toMatchObject({ name: 'mcp.server.operation.duration', kind: 'histogram' });
    await provider.shutdown();
  });

  it('prints one pretty line per data point, for the mcp format too', async () => {
    const metrics = await captureMetrics((meter) => {
      const counter = meter.createCounter('requests');
      counter.add(1, { route: '/a' });
      counter.add(2, { route: '/b' });
    });
    for (const format of ['pretty', 'mcp'] as const) {
      const stream = new CollectStream();
      new ConsoleMetricExporter({ format, stream }).export(metrics, () => {});
      expect(stream.lines).toEqual([
        expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} METRIC requests\{route=\/a\} 1$/),
        expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} METRIC requests\{route=\/b\} 2$/),
      ]);
    }
  });

  it('reports FAILED when the write throws and after shutdown', async () => {
    const metrics = await captureMetrics((meter) => meter.createCounter('c').add(1));
    const results: ExportResult[] = [];
    new ConsoleMetricExporter({ format: 'json', stream: new ThrowingStream() }).export(metrics, (r) => results.push(r));
    const closed = new ConsoleMetricExporter({ format: 'json', stream: new CollectStream() });
    await closed.shutdown();
    await expect(closed.forceFlush()).resolves.toBeUndefined();
    closed.export(metrics, (r) => results.push(r));
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.FAILED, ExportResultCode.FAILED]);
  });

  it.each(['json', 'pretty', 'mcp'] as const)('escapes forged metric names, units and attributes (%s)', async (format) => {
    const metrics = await captureMetrics((meter) => {
      meter.createCounter('requests', { unit: '\u001b[31m', description: 'x' }).add(1, {
        [`route\n12:00:00.000 ERROR fake`]: '\u2028\u202e\u001b[2J',
      });
    });
    const stream = new CollectStream();
    new ConsoleMetricExporter({ format, stream, colors: true }).export(metrics, () => {});
    assertNoRawControls(stream.text);
    expect(stream.lines).toHaveLength(1);
  });
});
