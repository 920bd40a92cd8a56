import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { SnapshotReader } from '../../src/internal/snapshot-reader.js';

describe('SnapshotReader', () => {
  it('tells its owner when the MeterProvider registers it and when it shuts it down', async () => {
    const events: string[] = [];
    const reader = new SnapshotReader({ onStart: () => events.push('start'), onStop: () => events.push('stop') });
    const provider = new MeterProvider({ readers: [reader] });
    expect(events).toEqual(['start']);
    provider.getMeter('m').createCounter('c').add(2);
    const { resourceMetrics } = await reader.collect();
    expect(resourceMetrics.scopeMetrics[0].metrics[0].dataPoints[0].value).toBe(2);
    await provider.shutdown();
    expect(events).toEqual(['start', 'stop']);
  });
});
