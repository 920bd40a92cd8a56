import { describe, expect, it } from 'vitest';
import type { ViewerLog, ViewerSpan } from '../../src/otlp/types.js';
import { buildWaterfall, waterfallRows } from '../../src/store/waterfall-view.js';

function span(spanId: string, parentSpanId: string, start: number, end = start + 10): ViewerSpan {
  return {
    traceId: 't', spanId, parentSpanId, name: spanId, kind: 1, start, end, attributes: {}, events: [], links: [], statusCode: 0, statusMessage: '',
    service: 'svc', scope: '', resource: {},
  };
}

function log(spanId: string, time: number, body: string): ViewerLog {
  return { time, severityNumber: 9, severityText: '', body, eventName: '', attributes: {}, traceId: 't', spanId, service: 'svc', scope: '' };
}

const labels = (spans: ViewerSpan[], logs: ViewerLog[]) => {
  const detail = { traceId: 't', spans, logs };
  const waterfall = buildWaterfall(detail);
  return waterfallRows(detail, waterfall, 0, 1000).map((r) => `${'  '.repeat(r.depth)}${r.kind === 'span' ? r.name : `log ${r.body}`}`);
};

describe('buildWaterfall', () => {
  it('puts children under their parent by start time, and each span\'s logs among its children by time', () => {
    // Arrival order is not start order; the child "b" started before "a".
    const spans = [span('root', '', 0, 100), span('a', 'root', 30), span('b', 'root', 10), span('a1', 'a', 35)];
    const logs = [log('root', 20, 'between b and a'), log('a', 36, 'in a after a1'), log('gone', 5, 'span not held'), log('root', 1, 'first')];
    expect(labels(spans, logs)).toEqual(['root', '  log first', '  b', '  log between b and a', '  a', '    a1', '    log in a after a1', 'log span not held']);
  });

  it('keeps a span whose parent is missing at the top level, survives a parent cycle, and a 10 000-deep chain', () => {
    expect(labels([span('x', 'missing', 5), span('y', '', 1)], [])).toEqual(['y', 'x']);
    const cycle = buildWaterfall({ traceId: 't', spans: [span('p', 'q', 0), span('q', 'p', 1)], logs: [] });
    expect(cycle.order.length).toBeLessThanOrEqual(2);
    const chain = Array.from({ length: 10_000 }, (_, i) => span(`s${i}`, i === 0 ? '' : `s${i - 1}`, i));
    const deep = buildWaterfall({ traceId: 't', spans: chain, logs: [] });
    expect(deep.order.length).toBe(10_000);
    expect(deep.depths[9_999]).toBe(9_999);
    expect(deep.spanRow.get('s5000')).toBe(5_000);
  });

  it('sends log bodies cut to 300 characters and rows in pages', () => {
    const detail = { traceId: 't', spans: [span('r', '', 0)], logs: [log('r', 1, 'x'.repeat(5000))] };
    const waterfall = buildWaterfall(detail);
    const [, row] = waterfallRows(detail, waterfall, 0, 10);
    expect(row.kind === 'log' && row.body.length).toBe(300);
    expect(waterfallRows(detail, waterfall, 1, 10)).toHaveLength(1);
    expect(waterfallRows(detail, waterfall, 2, 10)).toEqual([]);
  });
});
