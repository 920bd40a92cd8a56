import { MeterProvider, MetricReader, type SumMetricData } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { ExceptionGroupingProcessor } from '../src/grouping-processor.js';
import { pipeline } from './fixtures/pipeline.js';

class TestReader extends MetricReader {
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

function exception(type: string, message: string) {
  return { attributes: { 'exception.type': type, 'exception.message': message, 'exception.stacktrace': `${type}: ${message}\n    at f (/app/x.js:1:1)` } };
}

describe('ExceptionGroupingProcessor', () => {
  it('sets a fingerprint on exception records only, keeps a user-supplied one, and counts them bounded', async () => {
    const reader = new TestReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const { provider, exported } = pipeline(new ExceptionGroupingProcessor({ maxFingerprints: 2, meterProvider }));
    const log = provider.getLogger('app');
    log.emit({ body: 'plain' });
    log.emit(exception('TypeError', 'a 1'));
    log.emit(exception('TypeError', 'a 2'));
    log.emit(exception('RangeError', 'b'));
    log.emit(exception('SyntaxError', 'c'));
    log.emit({ attributes: { ...exception('Error', 'd').attributes, 'sightline.exception.fingerprint': 'my-group' } });

    const records = exported();
    expect(records[0]!.attributes['sightline.exception.fingerprint']).toBeUndefined();
    expect(records[1]!.attributes['sightline.exception.fingerprint']).toBe(records[2]!.attributes['sightline.exception.fingerprint']);
    expect(records[1]!.attributes['sightline.exception.fingerprint']).not.toBe(records[3]!.attributes['sightline.exception.fingerprint']);
    expect(records[5]!.attributes['sightline.exception.fingerprint']).toBe('my-group');

    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics[0]!.metrics.find((m) => m.descriptor.name === 'sightline.exceptions') as SumMetricData;
    const points = metric.dataPoints.map((p) => [p.attributes['exception.type'], p.value]);
    expect(points).toEqual(
      expect.arrayContaining([
        ['TypeError', 2],
        ['RangeError', 1],
        ['other', 2],
      ]),
    );
    expect(points).toHaveLength(3);
  });
});
