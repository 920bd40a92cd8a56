import { SeverityNumber } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InProcessMetrics } from '../src/in-process-metrics.js';
import { GEN_AI_DURATION_BUCKETS, MCP_DURATION_BUCKETS } from '../src/semconv.js';
import { sightlineViews } from '../src/views.js';

function setup() {
  const metrics = new InProcessMetrics();
  const meterProvider = new MeterProvider({ views: sightlineViews(), readers: [metrics.metricReader] });
  const logs = new LoggerProvider({ processors: [metrics.logProcessor] });
  const meter = meterProvider.getMeter('test');
  return {
    metrics,
    meterProvider,
    logger: logs.getLogger('app'),
    llm: meter.createHistogram('gen_ai.client.operation.duration', { unit: 's' }),
    mcp: meter.createHistogram('mcp.server.operation.duration', { unit: 's' }),
  };
}

/** The width of the bucket (of `boundaries`) that holds `value`. */
function bucketWidth(boundaries: readonly number[], value: number): number {
  const i = boundaries.findIndex((b) => b >= value);
  return i <= 0 ? boundaries[0] : boundaries[i] - boundaries[i - 1];
}

afterEach(() => vi.useRealTimers());

describe('InProcessMetrics', () => {
  it("percentiles match a known distribution within bucket resolution (bucket-interpolated)", async () => {
    const { metrics, llm, mcp } = setup();
    // LLM calls uniform on (0, 20 s); MCP calls exponential-ish: most fast, a slow tail.
    const llmValues = Array.from({ length: 2000 }, (_, i) => ((i + 0.5) / 2000) * 20);
    for (const v of llmValues) llm.record(v, { 'gen_ai.operation.name': i2op(v) });
    const mcpValues = Array.from({ length: 1000 }, (_, i) => 0.005 * Math.exp((i / 1000) * Math.log(10_000)));
    for (const v of mcpValues) mcp.record(v, { 'mcp.method.name': 'tools/call' });

    const { durations } = await metrics.getMetrics();
    const check = (name: string, values: number[], boundaries: readonly number[]) => {
      const summary = durations[name];
      expect(summary.count).toBe(values.length);
      expect(summary.unit).toBe('s');
      expect(summary.sum).toBeCloseTo(values.reduce((a, b) => a + b, 0), 6);
      const sorted = [...values].sort((a, b) => a - b);
      for (const [key, q] of [['p50', 0.5], ['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const) {
        const exact = sorted[Math.ceil(q * sorted.length) - 1];
        expect(Math.abs(summary[key] - exact), `${name} ${key}`).toBeLessThanOrEqual(bucketWidth(boundaries, exact));
      }
    };
    check('gen_ai.client.operation.duration', llmValues, GEN_AI_DURATION_BUCKETS);
    check('mcp.server.operation.duration', mcpValues, MCP_DURATION_BUCKETS);
    expect(Object.keys(durations).sort()).toEqual(['gen_ai.client.operation.duration', 'mcp.server.operation.duration']);
  });

  it('totals logs by level, category (scope) and component (event name)', async () => {
    const { metrics, logger } = setup();
    for (let i = 0; i < 30; i++) logger.emit({ severityNumber: SeverityNumber.INFO, eventName: 'order.placed' });
    for (let i = 0; i < 10; i++) logger.emit({ severityNumber: SeverityNumber.ERROR });
    const { logs } = await metrics.getMetrics();
    expect(logs).toEqual({
      total: 40,
      byLevel: { trace: 0, debug: 0, info: 30, warn: 0, error: 10, fatal: 0, unspecified: 0 },
      byCategory: { app: 40 },
      byComponent: { 'order.placed': 30 },
      folded: 0,
    });
  });

  it('resetMetrics() starts a new window for logs and histograms; the OpenTelemetry metrics stay cumulative', async () => {
    const { metrics, logger, llm } = setup();
    logger.emit({ severityNumber: SeverityNumber.ERROR });
    llm.record(50);
    const before = await metrics.getMetrics();
    await new Promise((resolve) => setTimeout(resolve, 5));

    await metrics.resetMetrics();
    logger.emit({ severityNumber: SeverityNumber.INFO });
    llm.record(0.03);
    llm.record(0.05);

    const after = await metrics.getMetrics();
    expect(after.since).toBeGreaterThan(before.since);
    expect(after.logs.total).toBe(1);
    expect(after.logs.byLevel.error).toBe(0);
    expect(after.errorRate).toMatchObject({ records: 1, errors: 0, ratio: 0 });
    const llmWindow = after.durations['gen_ai.client.operation.duration'];
    expect(llmWindow.count).toBe(2);
    expect(llmWindow.p99).toBeLessThanOrEqual(0.08); // the 50 s call before the reset is gone
    expect(metrics.logProcessor.getCounts().total).toBe(2); // cumulative counter untouched
  });

  it('a snapshot taken during a reset waits for it', async () => {
    const { metrics, llm } = setup();
    llm.record(1);
    const reset = metrics.resetMetrics();
    const snapshot = metrics.getMetrics();
    await reset;
    expect((await snapshot).durations).toEqual({});
  });

  it('error rate over the last minute, from one-second ticks', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance', 'Date'] });
    const { metrics, logger, meterProvider } = setup();
    for (let second = 0; second < 90; second++) {
      for (let i = 0; i < 9; i++) logger.emit({ severityNumber: SeverityNumber.INFO });
      logger.emit({ severityNumber: second < 60 ? SeverityNumber.INFO : SeverityNumber.ERROR }); // errors in the last 30 s
      vi.advanceTimersByTime(1000);
    }
    const { errorRate, logs } = await metrics.getMetrics();
    expect(logs.total).toBe(900);
    expect(errorRate.windowSeconds).toBe(60);
    expect(errorRate.records).toBe(600);
    expect(errorRate.errors).toBe(30);
    expect(errorRate.ratio).toBeCloseTo(0.05, 10);
    await meterProvider.shutdown(); // stops the clock
    expect(vi.getTimerCount()).toBe(0);
  });

  it('still answers after the MeterProvider shut down, with the last durations collected', async () => {
    const { metrics, llm, meterProvider, logger } = setup();
    llm.record(2);
    await metrics.getMetrics();
    await meterProvider.shutdown();
    logger.emit({ severityNumber: SeverityNumber.WARN });
    const snapshot = await metrics.getMetrics();
    expect(snapshot.durations['gen_ai.client.operation.duration'].count).toBe(1);
    expect(snapshot.logs.byLevel.warn).toBe(1);
  });

  it('reports only the histograms it is told to', async () => {
    const metrics = new InProcessMetrics({ histograms: ['mcp.server.operation.duration'] });
    const provider = new MeterProvider({ readers: [metrics.metricReader] });
    provider.getMeter('t').createHistogram('gen_ai.client.operation.duration').record(1);
    provider.getMeter('t').createHistogram('mcp.server.operation.duration').record(1);
    expect(Object.keys((await metrics.getMetrics()).durations)).toEqual(['mcp.server.operation.duration']);
  });
});

/** Two operation names, so the snapshot merges several attribute sets. */
function i2op(v: number): string {
  return v < 10 ? 'chat' : 'embeddings';
}
