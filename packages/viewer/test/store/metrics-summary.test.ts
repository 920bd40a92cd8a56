import { describe, expect, it } from 'vitest';
import type { ViewerLog, ViewerMetricPoint } from '../../src/otlp/types.js';
import { ExceptionGroups } from '../../src/store/exception-groups.js';
import { MetricsSummary } from '../../src/store/metrics-summary.js';

function point(p: Partial<ViewerMetricPoint> & Pick<ViewerMetricPoint, 'name' | 'kind'>): ViewerMetricPoint {
  return { unit: 's', service: 'svc', temporality: 2, attributes: {}, time: 0, value: 0, count: 0, bounds: [], bucketCounts: [], ...p };
}

describe('MetricsSummary', () => {
  it('replaces cumulative points, adds delta points, and reads quantiles and error rates from duration histograms', () => {
    const m = new MetricsSummary();
    const histogram = (temporality: number, counts: number[], attributes = {}) =>
      point({ name: 'gen_ai.client.operation.duration', kind: 'histogram', temporality, attributes: { 'gen_ai.request.model': 'm', ...attributes }, bounds: [1, 2], bucketCounts: counts, count: counts.reduce((a, b) => a + b, 0) });
    m.addPoint(histogram(2, [1, 0, 0]));
    m.addPoint(histogram(2, [2, 2, 0])); // cumulative: the later point is the total
    m.addPoint(histogram(1, [0, 0, 2], { 'error.type': 'timeout' }));
    m.addPoint(histogram(1, [0, 0, 2], { 'error.type': 'timeout' })); // delta: adds up
    const [row] = m.view().latency;
    expect(row).toMatchObject({ metric: 'gen_ai.client.operation.duration', key: 'm', count: 8, errors: 4 });
    expect(row.p50).toBeCloseTo(2); // rank 4 of [2, 2, 4]: top of the second bucket
    expect(row.p99).toBe(2); // overflow bucket: the last bound
  });

  it('sums token usage by model and type, falls back to span attributes, and finds pipeline drops', () => {
    const m = new MetricsSummary();
    m.addSpan({ attributes: { 'gen_ai.request.model': 'x', 'gen_ai.usage.input_tokens': 7 }, statusCode: 2 } as never);
    expect(m.view().tokens).toEqual([{ model: 'x', type: 'input', tokens: 7, source: 'spans' }]);
    const usage = (type: string, value: number) =>
      point({ name: 'gen_ai.client.token.usage', kind: 'histogram', unit: '{token}', attributes: { 'gen_ai.response.model': 'x-1', 'gen_ai.token.type': type }, value, count: 1 });
    m.addPoint(usage('input', 30));
    m.addPoint(usage('output', 9));
    m.addPoint(point({ name: 'otel.sdk.processor.span.processed', kind: 'sum', value: 100 }));
    m.addPoint(point({ name: 'otel.sdk.processor.span.processed', kind: 'sum', value: 3, attributes: { 'error.type': 'queue_full' } }));
    m.addPoint(point({ name: 'sightline.audit.dropped', kind: 'sum', value: 2, attributes: { 'error.type': 'write_failed' } }));
    const view = m.view();
    expect(view.tokens).toEqual([
      { model: 'x-1', type: 'input', tokens: 30, source: 'metrics' },
      { model: 'x-1', type: 'output', tokens: 9, source: 'metrics' },
    ]);
    expect(view.drops).toEqual([
      { metric: 'otel.sdk.processor.span.processed', reason: 'queue_full', count: 3 },
      { metric: 'sightline.audit.dropped', reason: 'write_failed', count: 2 },
    ]);
    expect(view.spans).toEqual({ total: 1, errors: 1 });
  });
});

describe('ExceptionGroups', () => {
  const log = (time: number, attributes: Record<string, string>, traceId = 't'): ViewerLog =>
    ({ time, severityNumber: 17, severityText: '', body: '', eventName: '', attributes, traceId, spanId: '', service: 'svc', scope: '' });

  it('groups by fingerprint (by type and message without one), keeping first/last seen and the latest breadcrumbs', () => {
    const groups = new ExceptionGroups();
    groups.add(log(5, { 'exception.type': 'Error', 'exception.message': 'a 1', 'sightline.exception.fingerprint': 'f1', 'sightline.breadcrumbs': '[1]' }, 't1'));
    groups.add(log(9, { 'exception.type': 'Error', 'exception.message': 'a 2', 'sightline.exception.fingerprint': 'f1', 'sightline.breadcrumbs': '[2]' }, 't2'));
    groups.add(log(7, { 'exception.type': 'TypeError', 'exception.message': 'b' }));
    groups.add(log(8, { message: 'not an exception' }));
    const { groups: view, other } = groups.view();
    expect(other).toBe(0);
    expect(view.map((g) => [g.fingerprint, g.count, g.firstSeen, g.lastSeen, g.lastTraceId, g.breadcrumbs])).toEqual([
      ['f1', 2, 5, 9, 't2', '[2]'],
      ['TypeError: b', 1, 7, 7, 't', ''],
    ]);
  });
});
