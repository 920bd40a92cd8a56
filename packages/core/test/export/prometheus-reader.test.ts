import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { AggregationType, MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusReader } from '../../src/export/prometheus-reader.js';

const HOST = '127.0.0.1';

/** A port nobody listens on right now (bound to 0, read, released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  diag.disable();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('createPrometheusReader', () => {
  it('serves a counter and a histogram in the Prometheus text format over real HTTP', async () => {
    const port = await freePort();
    const reader = createPrometheusReader({ host: HOST, port });
    const provider = new MeterProvider({
      readers: [reader],
      views: [
        {
          instrumentName: 'gen_ai.client.operation.duration',
          aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [0.5, 1, 2] } },
        },
      ],
    });
    cleanups.push(() => provider.shutdown());
    await (reader as PrometheusExporter).startServer();

    const meter = provider.getMeter('test');
    const counter = meter.createCounter('sightline.log.records', { unit: '{log_record}' });
    counter.add(3, { 'sightline.log.scope': 'app' });
    const histogram = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's' });
    for (const seconds of [0.2, 0.7, 1.5, 3]) histogram.record(seconds, { 'gen_ai.operation.name': 'chat' });

    const response = await fetch(`http://${HOST}:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();

    expect(text).toContain('# TYPE sightline_log_records_total counter');
    expect(text).toMatch(/^sightline_log_records_total\{[^}]*sightline_log_scope="app"[^}]*\} 3$/m);
    expect(text).toContain('# TYPE gen_ai_client_operation_duration histogram');
    const bucket = (le: string) =>
      new RegExp(`^gen_ai_client_operation_duration_bucket\\{[^}]*le="${le.replace('+', '\\+')}"[^}]*\\} (\\d+)$`, 'm');
    expect(text.match(bucket('0.5'))?.[1]).toBe('1');
    expect(text.match(bucket('1'))?.[1]).toBe('2');
    expect(text.match(bucket('2'))?.[1]).toBe('3');
    expect(text.match(bucket('+Inf'))?.[1]).toBe('4');
    expect(text).toMatch(/^gen_ai_client_operation_duration_count\{[^}]*\} 4$/m);
    expect(text).toMatch(/^gen_ai_client_operation_duration_sum\{[^}]*\} 5\.4$/m);
  });

  it('answers 404 beside /metrics and stops listening when the MeterProvider shuts down', async () => {
    const port = await freePort();
    const reader = createPrometheusReader({ host: HOST, port });
    const provider = new MeterProvider({ readers: [reader] });
    await (reader as PrometheusExporter).startServer();
    expect((await fetch(`http://${HOST}:${port}/other`)).status).toBe(404);
    await provider.shutdown();
    await expect(fetch(`http://${HOST}:${port}/metrics`)).rejects.toThrow();
  });

  it('reports a taken port in one diagnostic line naming the address, and never throws', async () => {
    const occupied: Server = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, HOST, resolve));
    cleanups.push(() => new Promise((resolve) => occupied.close(resolve)));
    const { port } = occupied.address() as AddressInfo;

    const errors: string[] = [];
    const logger: DiagLogger = {
      error: (message) => errors.push(String(message)),
      warn: () => {},
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
    diag.setLogger(logger, { logLevel: DiagLogLevel.ERROR, suppressOverrideMessage: true });

    const reader = createPrometheusReader({ host: HOST, port });
    const provider = new MeterProvider({ readers: [reader] });
    cleanups.push(() => provider.shutdown());
    await expect((reader as PrometheusExporter).startServer()).rejects.toThrow(/EADDRINUSE/);
    await new Promise((resolve) => setImmediate(resolve));

    const ours = errors.filter((line) => line.startsWith('sightline:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain(`cannot listen on ${HOST}:${port}`);
    expect(ours[0]).toContain('OTEL_EXPORTER_PROMETHEUS_PORT');
  });
});
