import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runNode, startNode } from './fixtures/run-node.js';
import { startOtlpReceiver } from './fixtures/otlp-receiver.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const fixture = useOtlpReceiver();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The endpoint starts listening asynchronously: retry a refused connection for a bounded time. */
async function scrape(url: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('metrics through the preload', () => {
  it('OTEL_METRICS_EXPORTER=prometheus serves the log counters and histograms for a real scrape', async () => {
    const port = await freePort();
    const { child, result } = startNode(['--import', REGISTER, 'apps/metrics-app.mjs'], {
      env: {
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
        OTEL_LOGS_EXPORTER: 'none',
        OTEL_TRACES_EXPORTER: 'none',
      },
    });
    await new Promise<void>((resolve) => child.stdout?.on('data', (d: string) => d.includes('ready') && resolve()));
    const response = await scrape(`http://127.0.0.1:${port}/metrics`);
    const text = await response.text();
    child.kill('SIGTERM');
    await result;
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/# TYPE sightline_log_records(_total)? counter/);
    const lines = text.split('\n').filter((l) => l.startsWith('sightline_log_records') && l.includes('app.metrics'));
    const total = lines.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
    expect(total).toBe(6);
  });

  it('log records the receiver rejected are counted exactly in the self-metrics as export_failed', async () => {
    const rejecting = await startOtlpReceiver({ status: 400, failFirst: Number.MAX_SAFE_INTEGER });
    try {
      const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], {
        env: {
          OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: rejecting.endpoint('logs'),
          OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: fixture.receiver.endpoint('metrics'),
          OTEL_TRACES_EXPORTER: 'none',
          OTEL_LOG_LEVEL: 'error',
        },
      });
      expect(run.code).toBe(0);
      const sent = rejecting.requests.filter((r) => r.signal === 'logs').reduce((sum, r) => sum + r.recordCount, 0);
      expect(sent).toBeGreaterThan(0);
      const metrics = await fixture.receiver.waitFor('metrics', (m) =>
        m.some((x) => x.name === 'otel.sdk.processor.log.processed' && x.dataPoints.some((p) => p.attributes['error.type'] === 'export_failed')),
      );
      const points = metrics.filter((m) => m.name === 'otel.sdk.processor.log.processed').flatMap((m) => m.dataPoints);
      const failed = points.filter((p) => p.attributes['error.type'] === 'export_failed').map((p) => Number(p.value));
      // The final collection (after the logs flushed) carries every record the receiver refused, and none exported.
      expect(Math.max(...failed)).toBe(sent);
      expect(Math.max(0, ...points.filter((p) => p.attributes['error.type'] === undefined).map((p) => Number(p.value)))).toBe(0);
    } finally {
      await rejecting.close();
    }
  });
});
