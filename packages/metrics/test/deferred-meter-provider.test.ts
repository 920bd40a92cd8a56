import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SeverityNumber } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { DeferredMeterProvider } from '../src/deferred-meter-provider.js';
import { meterProvider } from './fixtures/metrics.js';

describe('DeferredMeterProvider', () => {
  it('brings instruments created before the real provider to life; earlier measurements are dropped', async () => {
    const deferred = new DeferredMeterProvider();
    const meter = deferred.getMeter('early', '1.0.0');
    const counter = meter.createCounter('c');
    const histogram = meter.createHistogram('h', { advice: { explicitBucketBoundaries: [1] } });
    const gauge = meter.createObservableGauge('g');
    gauge.addCallback((result) => result.observe(42, { k: 'v' }));
    const batchCounter = meter.createObservableCounter('b');
    meter.addBatchObservableCallback((result) => result.observe(batchCounter, 7), [batchCounter]);
    counter.add(100); // before the delegate: dropped

    const { provider, reader } = meterProvider();
    deferred.setDelegate(provider);
    counter.add(2);
    histogram.record(3);

    const metrics = await reader.metrics();
    const value = (name: string) => metrics.find((m) => m.descriptor.name === name)?.dataPoints[0]?.value;
    expect(value('c')).toBe(2);
    expect(value('h')).toMatchObject({ count: 1, sum: 3, buckets: { boundaries: [1], counts: [0, 1] } });
    expect(value('g')).toBe(42);
    expect(value('b')).toBe(7);
    const scope = (await reader.collect()).resourceMetrics.scopeMetrics[0].scope;
    expect(scope).toMatchObject({ name: 'early', version: '1.0.0' });
    // After the delegate is set, meters come from it directly.
    deferred.getMeter('late').createCounter('late.c').add(1);
    expect((await reader.sum('late.c'))?.dataPoints[0].value).toBe(1);
  });

  it('removes batch callbacks, before and after binding', async () => {
    const deferred = new DeferredMeterProvider();
    const meter = deferred.getMeter('m');
    const counter = meter.createObservableCounter('x');
    const callback = (result: { observe: (o: typeof counter, v: number) => void }) => result.observe(counter, 1);
    meter.addBatchObservableCallback(callback, [counter]);
    meter.removeBatchObservableCallback(callback, [counter]);
    const other = meter.createObservableCounter('y');
    const callbackY = (result: { observe: (o: typeof other, v: number) => void }) => result.observe(other, 1);
    meter.addBatchObservableCallback(callbackY, [other]);
    const { provider, reader } = meterProvider();
    deferred.setDelegate(provider);
    expect((await reader.sum('y'))?.dataPoints[0].value).toBe(1);
    meter.removeBatchObservableCallback(callbackY, [other]);
    expect(await reader.sum('x')).toBeUndefined();
  });

  it("gives the official OTLP exporter's self-metrics (exported, failed with error.type, durations) to a MeterProvider made later", async () => {
    let status = 200;
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.statusCode = status;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const deferred = new DeferredMeterProvider();
      const exporter = new OTLPLogExporter({ url: `http://127.0.0.1:${port}/v1/logs`, selfObsMeterProvider: deferred });
      const logs = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
      const { provider, reader } = meterProvider(); // the SDK's MeterProvider, made after the exporter
      deferred.setDelegate(provider);

      const logger = logs.getLogger('app');
      logger.emit({ severityNumber: SeverityNumber.INFO, body: 'ok 1' });
      logger.emit({ severityNumber: SeverityNumber.INFO, body: 'ok 2' });
      await exporter.forceFlush(); // the simple processor does not wait for the HTTP response
      status = 400; // not retried: the export fails at once
      logger.emit({ severityNumber: SeverityNumber.INFO, body: 'rejected' });
      await exporter.forceFlush();

      const exported = await reader.sum('otel.sdk.exporter.log.exported');
      const ok = exported?.dataPoints.find((p) => p.attributes['error.type'] === undefined);
      const failed = exported?.dataPoints.find((p) => p.attributes['error.type'] !== undefined);
      expect(ok?.value).toBe(2);
      expect(failed?.value).toBe(1);
      expect(ok?.attributes['otel.component.type']).toBe('otlp_http_log_exporter');
      const duration = await reader.histogram('otel.sdk.exporter.operation.duration');
      expect(duration.dataPoints.reduce((n, p) => n + p.value.count, 0)).toBe(3);
      await logs.shutdown();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
