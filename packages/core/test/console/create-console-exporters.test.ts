import { SeverityNumber } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createConsoleExporters } from '../../src/console/create-console-exporters.js';
import { McpFlowView } from '../../src/console/mcp-flow-view.js';
import { CollectStream } from './fixtures/collect-stream.js';
import { T0, logPipeline, metricPipeline, runToolCall, tracePipeline } from './fixtures/sdk.js';

describe('createConsoleExporters', () => {
  it('shares one flow view in the mcp format, so logs print inside their tool call', async () => {
    const stream = new CollectStream();
    const exporters = createConsoleExporters({ format: 'mcp', stream, mcp: { expectSpans: true } });
    expect(exporters.mcpView).toBeInstanceOf(McpFlowView);
    const logs = logPipeline(exporters.logs);
    const traces = tracePipeline(exporters.spans);
    const { root } = runToolCall(traces.tracer, logs.logger);
    logs.logger.emit({ body: 'server ready', severityNumber: SeverityNumber.INFO, timestamp: T0 + 5000 });
    await Promise.all([logs.provider.shutdown(), traces.provider.shutdown()]);
    expect(stream.lines.map((line) => line.slice(13))).toEqual([
      `→ tools/call get_weather  (trace ${root.spanContext().traceId.slice(0, 8)})`,
      '  · INFO fetching forecast',
      '  ↳ chat gpt-4o  openai  812ms  in=120 out=48',
      '  ↳ GET  182ms',
      '← tools/call get_weather  1.02s  ok',
      '· INFO test.scope server ready',
    ]);
  });

  it('without expectSpans, logs wait for their tree only once spans have flowed', async () => {
    const stream = new CollectStream();
    const exporters = createConsoleExporters({ format: 'mcp', stream });
    const logs = logPipeline(exporters.logs);
    const traces = tracePipeline(exporters.spans);
    runToolCall(traces.tracer, logs.logger, T0);
    runToolCall(traces.tracer, logs.logger, T0 + 2000);
    await Promise.all([logs.provider.shutdown(), traces.provider.shutdown()]);
    const lines = stream.lines.map((line) => line.slice(13));
    expect(lines[0]).toMatch(/^· INFO test\.scope fetching forecast {2}\(trace [0-9a-f]{8}\)$/);
    expect(lines.slice(5)).toEqual([
      expect.stringMatching(/^→ tools\/call get_weather/),
      '  · INFO fetching forecast',
      '  ↳ chat gpt-4o  openai  812ms  in=120 out=48',
      '  ↳ GET  182ms',
      '← tools/call get_weather  1.02s  ok',
    ]);
  });

  it('gives json exporters no view and writes all three signals to the same stream', async () => {
    const stream = new CollectStream();
    const exporters = createConsoleExporters({ format: 'json', stream });
    expect(exporters.mcpView).toBeUndefined();
    const logs = logPipeline(exporters.logs);
    const traces = tracePipeline(exporters.spans);
    const metrics = metricPipeline(exporters.metrics);
    runToolCall(traces.tracer, logs.logger);
    metrics.meter.createCounter('calls').add(1);
    await metrics.provider.forceFlush();
    await Promise.all([logs.provider.shutdown(), traces.provider.shutdown(), metrics.provider.shutdown()]);
    const types = stream.lines.map((line) => JSON.parse(line).type as string);
    expect(types.filter((t) => t === 'log')).toHaveLength(1);
    expect(types.filter((t) => t === 'span')).toHaveLength(3);
    // One collection on forceFlush, one more on shutdown.
    expect(types.filter((t) => t === 'metric')).toHaveLength(2);
  });
});
