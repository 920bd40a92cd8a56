import { AggregationTemporality, DataPointType, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { createRedactor, redactMetricReader } from '../src/index.js';


function setup() {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = redactMetricReader(new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 }), createRedactor({ knownSecrets: [] }));
  const provider = new MeterProvider({ readers: [reader] });
  return { reader, provider, meter: provider.getMeter('test') };
}

describe('redactMetricReader', () => {
  it('redacts data point attributes (keys and values) at collection, and merges series that become equal', async () => {
    const { reader, meter } = setup();
    const counter = meter.createCounter('requests');
    counter.add(1, { user: 'ann@example.com', route: '/a' });
    counter.add(2, { user: 'bob@example.com', route: '/a' });
    counter.add(5, { 'jane@example.com': 'x', route: '/b' });
    const histogram = meter.createHistogram('latency');
    histogram.record(10, { user: 'ann@example.com' });
    histogram.record(30, { user: 'bob@example.com' });
    const { resourceMetrics } = await reader.collect();
    const [requests, latency] = resourceMetrics.scopeMetrics[0].metrics;
    expect(requests.dataPointType).toBe(DataPointType.SUM);
    expect(requests.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      [{ user: '[REDACTED:email]', route: '/a' }, 3],
      [{ '[REDACTED:email]': 'x', route: '/b' }, 5],
    ]);
    expect(latency.dataPoints).toHaveLength(1);
    const value = latency.dataPoints[0].value as { count: number; sum: number; min: number; max: number };
    expect([value.count, value.sum, value.min, value.max]).toEqual([2, 40, 10, 30]);
    expect(JSON.stringify(resourceMetrics)).not.toContain('example.com');
  });

  it('searches an attribute set once, and returns clean collections untouched', async () => {
    const { reader, meter } = setup();
    const attributes = { route: '/clean' };
    meter.createCounter('c').add(1, attributes);
    const first = await reader.collect();
    const second = await reader.collect();
    expect(first.resourceMetrics.scopeMetrics[0].metrics[0].dataPoints[0].attributes).toEqual(attributes);
    expect(second.resourceMetrics.scopeMetrics[0].metrics[0].dataPoints[0].attributes).toEqual(attributes);
  });

  it('is idempotent', () => {
    const { reader } = setup();
    const redactor = createRedactor();
    expect(redactMetricReader(reader, redactor)).toBe(reader);
  });
});
