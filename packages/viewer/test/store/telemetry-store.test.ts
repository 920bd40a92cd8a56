import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ViewerLog, ViewerSpan } from '../../src/otlp/types.js';
import { TelemetryStore } from '../../src/store/telemetry-store.js';

function span(traceId: string, spanId: string, parentSpanId = '', attributes: ViewerSpan['attributes'] = {}, start = 1000): ViewerSpan {
  return {
    traceId, spanId, parentSpanId, name: `span ${spanId}`, kind: 1, start, end: start + 5, attributes, events: [], links: [],
    statusCode: 0, statusMessage: '', service: 'svc', scope: 'scope', resource: {},
  };
}

function log(traceId: string, body: string, severityNumber = 9): ViewerLog {
  return { time: 1001, severityNumber, severityText: '', body, eventName: '', attributes: {}, traceId, spanId: '', service: 'svc', scope: 'l' };
}

describe('TelemetryStore', () => {
  it('evicts the oldest traces first past the span bound, with their logs, and counts them', () => {
    const store = new TelemetryStore({ maxSpans: 4 });
    store.addSpans([span('t1', 'a'), span('t1', 'b')]);
    store.addLogs([log('t1', 'one'), log('t1', 'two')]);
    store.addSpans([span('t2', 'c'), span('t2', 'd')]);
    expect(store.counts()).toMatchObject({ traces: 2, spans: 4, logs: 2, evictedTraces: 0 });
    store.addSpans([span('t3', 'e')]);
    expect(store.trace('t1')).toBeUndefined();
    expect(store.list().map((t) => t.traceId).sort()).toEqual(['t2', 't3']);
    expect(store.counts()).toMatchObject({ traces: 2, spans: 3, logs: 0, evictedTraces: 1, evictedSpans: 2, evictedLogs: 2 });
  });

  it('evicts whichever is older, a trace or a log without trace, past the log bound', () => {
    const store = new TelemetryStore({ maxLogs: 3 });
    store.addLogs([log('', 'orphan 1')]);
    store.addSpans([span('t1', 'a')]);
    store.addLogs([log('t1', 'in t1'), log('', 'orphan 2')]);
    store.addLogs([log('', 'orphan 3')]);
    expect(store.orphanLogList(10).map((l) => l.body)).toEqual(['orphan 3', 'orphan 2']);
    expect(store.trace('t1')).toBeDefined();
    store.addLogs([log('', 'orphan 4')]);
    expect(store.trace('t1')).toBeUndefined();
    expect(store.counts()).toMatchObject({ logs: 3, evictedLogs: 2, evictedTraces: 1 });
  });

  it('never holds more than its bounds, and held + evicted = received (property)', () => {
    const record = fc.record({ trace: fc.integer({ min: 0, max: 30 }), isLog: fc.boolean(), orphan: fc.boolean() });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.array(fc.array(record, { maxLength: 8 }), { maxLength: 40 }), (maxSpans, maxLogs, batches) => {
        const store = new TelemetryStore({ maxSpans, maxLogs });
        let spans = 0;
        let logs = 0;
        let n = 0;
        for (const batch of batches) {
          const spanBatch = batch.filter((r) => !r.isLog).map((r) => span(`t${r.trace}`, `s${n++}`));
          const logBatch = batch.filter((r) => r.isLog).map((r) => log(r.orphan ? '' : `t${r.trace}`, 'x'));
          store.addSpans(spanBatch);
          store.addLogs(logBatch);
          spans += spanBatch.length;
          logs += logBatch.length;
          const c = store.counts();
          expect(c.spans).toBeLessThanOrEqual(maxSpans);
          expect(c.logs).toBeLessThanOrEqual(maxLogs);
          expect(c.spans + c.evictedSpans).toBe(spans);
          expect(c.logs + c.evictedLogs).toBe(logs);
          expect(store.list().reduce((sum, t) => sum + t.spanCount, 0)).toBe(c.spans);
        }
      }),
    );
  });

  it('summarizes a trace: root, error, LLM calls and tokens, a tool call seen on both sides counted once', () => {
    const store = new TelemetryStore();
    store.addSpans([
      span('t', 'root'),
      { ...span('t', 'llm', 'root', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm-1', 'gen_ai.response.model': 'm-1-2026', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 3 }) },
      span('t', 'client', 'root', { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'weather' }),
      { ...span('t', 'server', 'client', { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'weather' }), service: 'tool-server', statusCode: 2 },
    ]);
    const [row] = store.list();
    expect(row).toMatchObject({ rootName: 'span root', error: true, llmCalls: 1, inputTokens: 10, outputTokens: 3, toolCalls: 1, tools: ['weather'] });
    expect(row.models.sort()).toEqual(['m-1', 'm-1-2026']);
    expect(row.services).toEqual(['svc', 'tool-server']);
  });

  it('filters by service, model, tool, severity and free text in attributes and log bodies', () => {
    const store = new TelemetryStore();
    store.addSpans([span('a', '1', '', { 'gen_ai.request.model': 'gpt' }), span('b', '2', '', { 'gen_ai.tool.name': 'search', note: 'Needle here' })]);
    store.addLogs([log('a', 'failure in payment', 17)]);
    const ids = (filter: Parameters<TelemetryStore['list']>[0]) => store.list(filter).map((t) => t.traceId).sort();
    expect(ids({ model: 'gpt' })).toEqual(['a']);
    expect(ids({ tool: 'search' })).toEqual(['b']);
    expect(ids({ severity: '17' })).toEqual(['a']);
    expect(ids({ severity: 'error' })).toEqual(['a']);
    expect(ids({ text: 'NEEDLE' })).toEqual(['b']);
    expect(ids({ text: 'payment' })).toEqual(['a']);
    expect(ids({ service: 'svc' })).toEqual(['a', 'b']);
    expect(ids({ service: 'other' })).toEqual([]);
  });
});
