import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag, DiagLogLevel, logs, trace, type DiagLogger } from '@opentelemetry/api';
import { InMemoryLogRecordExporter, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap, getSightline } from '../src/bootstrap.js';
import { getLogger } from '../src/logger/logger.js';
import type { BootstrapOptions } from '../src/types.js';
import { pointsOf, TestMetricReader } from './export/helpers.js';

function quiet(): BootstrapOptions {
  return { exporters: { logs: [], traces: [], metrics: [] }, handleProcessExit: false };
}

function captureDiag(): string[] {
  const lines: string[] = [];
  const push = (message: string) => lines.push(message);
  const logger: DiagLogger = { error: push, warn: push, info: push, debug: push, verbose: push };
  // bootstrap() installs its own console diag logger; wrap setLogger so the test sees the lines instead.
  const original = diag.setLogger.bind(diag);
  diag.setLogger = ((_l: DiagLogger, opts?: unknown) => original(logger, opts as { logLevel: DiagLogLevel })) as typeof diag.setLogger;
  original(logger, DiagLogLevel.WARN);
  return lines;
}

afterEach(async () => {
  await getSightline()?.shutdown();
});

describe('bootstrap', () => {
  it('returns the same handle with a diagnostic warning when called twice, never two SDKs', () => {
    const lines = captureDiag();
    const first = bootstrap(quiet());
    const provider = logs.getLoggerProvider();
    const second = bootstrap({ serviceName: 'other' });
    expect(second).toBe(first);
    expect(logs.getLoggerProvider()).toBe(provider);
    expect(lines.filter((l) => l.includes('bootstrap() called again'))).toHaveLength(1);
    expect(getSightline()).toBe(first);
  });

  it('can start again after shutdown', async () => {
    const first = bootstrap(quiet());
    await first.shutdown();
    expect(getSightline()).toBeUndefined();
    const exporter = new InMemoryLogRecordExporter();
    const second = bootstrap({ ...quiet(), logRecordProcessors: [new SimpleLogRecordProcessor({ exporter })] });
    expect(second).not.toBe(first);
    getLogger('again').info('restarted');
    await second.forceFlush();
    expect(exporter.getFinishedLogRecords().map((r) => r.body)).toEqual(['restarted']);
  });

  it('shutdown runs once, returns the same promise and never rejects', async () => {
    const handle = bootstrap(quiet());
    const a = handle.shutdown();
    const b = handle.shutdown();
    expect(a).toBe(b);
    await expect(a).resolves.toBeUndefined();
  });

  it('OTEL_SDK_DISABLED=true gives a working silent handle', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    try {
      const exporter = new InMemoryLogRecordExporter();
      const handle = bootstrap({ ...quiet(), logRecordProcessors: [new SimpleLogRecordProcessor({ exporter })] });
      expect(handle.enabled).toBe(false);
      handle.getLogger('x').error('nothing');
      await handle.forceFlush();
      expect(exporter.getFinishedLogRecords()).toHaveLength(0);
      expect(handle.getDropCounts().logs.queue_full).toBe(0);
      expect(bootstrap()).toBe(handle);
    } finally {
      delete process.env.OTEL_SDK_DISABLED;
    }
  });

  it('reports the drop counts of the export stages, exactly', async () => {
    // An OTLP export stage per signal whose queue holds 3 items and exports only at shutdown (to a port
    // where nothing listens): of 5 records and 4 spans, 2 and 1 are refused as queue_full.
    const handle = bootstrap({
      ...quiet(),
      exporters: { logs: ['otlp'], traces: ['otlp'], metrics: [] },
      otlp: { endpoint: 'http://127.0.0.1:9' },
      exportQueue: { maxQueueSize: 3, scheduledDelayMillis: 600_000 },
      spool: false,
    });
    try {
      expect(handle.getDropCounts()).toMatchObject({ logs: { queue_full: 0 }, spans: { queue_full: 0 } });
      for (let i = 0; i < 5; i++) getLogger('drops').warn(`record ${i}`);
      for (let i = 0; i < 4; i++) trace.getTracer('drops').startSpan(`span ${i}`).end();
      expect(handle.getDropCounts()).toMatchObject({
        logs: { queue_full: 2, export_failed: 0, shutdown: 0 },
        spans: { queue_full: 1, export_failed: 0, shutdown: 0 },
      });
    } finally {
      await handle.shutdown();
    }
  });

  it('counts the OTLP requests its protobuf encoder left to upstream’s serializer (encoderFallbacks)', async () => {
    const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const reader = new TestMetricReader();
    const handle = bootstrap({
      ...quiet(),
      exporters: { logs: ['otlp'], traces: [], metrics: [] },
      otlp: { endpoint: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` },
      spool: false,
      metricReaders: [reader],
    });
    try {
      const before = handle.getDropCounts().encoderFallbacks;
      getLogger('encoded').warn('covered');
      await handle.forceFlush(2_000);
      expect(handle.getDropCounts().encoderFallbacks).toEqual(before);
      // A number as scope version: a type the SDK's own API never produces, which our encoder leaves to upstream.
      logs.getLogger('encoded', 7 as never).emit({ body: 'left to upstream' });
      await handle.forceFlush(2_000);
      expect(handle.getDropCounts().encoderFallbacks).toEqual({ logs: before.logs + 1, spans: before.spans });
      const points = pointsOf(await reader.metrics(), 'sightline.export.encoder_fallbacks');
      expect(points.map((p) => [p.attributes['sightline.pipeline.stage'], p.value])).toEqual([['logs.export.otlp', before.logs + 1]]);
    } finally {
      await handle.shutdown();
      receiver.close();
    }
  });

  it('a processor that throws does not reach the caller of a log call', async () => {
    const handle = bootstrap({
      ...quiet(),
      logRecordProcessors: [
        {
          onEmit: () => {
            throw new Error('broken processor');
          },
          forceFlush: () => Promise.resolve(),
          shutdown: () => Promise.resolve(),
        },
      ],
    });
    expect(() => handle.getLogger('safe').info('still fine')).not.toThrow();
  });
});
