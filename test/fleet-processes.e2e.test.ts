import { describe, expect, it } from 'vitest';
import { freePort } from './fixtures/prometheus/prometheus-server.js';
import { promtool } from './fixtures/prometheus/promtool.js';
import { runNode, startNode } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const fixture = useOtlpReceiver();

/** The value of a sample of `name` whose labels include `labels`, in a Prometheus exposition. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1));
  }
  return undefined;
}
const label = (text: string, name: string, key: string) => new RegExp(`^${name}\\{[^\\n]*${key}="([^"]*)"`, 'm').exec(text)?.[1];

describe('node:cluster: every process is its own telemetry source', () => {
  it('the primary and each worker export with their own service.instance.id, logs correlated with their own spans', async () => {
    const run = await runNode(['--import', REGISTER, 'fleet/cluster-app.mjs'], {
      env: fixture.env({ OTEL_METRICS_EXPORTER: 'none', OTEL_SERVICE_NAME: 'fleet-cluster' }),
    });
    expect(run.code).toBe(0);
    const logs = await fixture.receiver.waitFor('logs', (items) => items.filter((l) => l.body === 'working').length === 3);
    const spans = await fixture.receiver.waitFor('spans', (items) => items.filter((s) => s.name.endsWith(' work')).length === 3);
    const working = logs.filter((l) => l.body === 'working');
    const instances = new Set(working.map((l) => l.resource['service.instance.id']));
    expect(instances.size).toBe(3);
    expect(new Set(working.map((l) => l.resource['process.pid'])).size).toBe(3);
    for (const record of working) {
      expect(record.resource['service.name']).toBe('fleet-cluster');
      const span = spans.find((s) => s.name === `${String(record.attributes.role)} work`);
      expect(span?.resource['service.instance.id']).toBe(record.resource['service.instance.id']);
      expect(record.traceId).toBe(span?.traceId);
      expect(record.spanId).toBe(span?.spanId);
    }
  });

  it('with OTEL_METRICS_EXPORTER=prometheus on one port, the primary serves its own series and each worker reports that it cannot bind', async () => {
    const port = await freePort();
    const { child, result } = startNode(['--import', REGISTER, 'fleet/cluster-app.mjs'], {
      env: { SERVE: '1', OTEL_METRICS_EXPORTER: 'prometheus', OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_EXPORTER_PROMETHEUS_PORT: String(port), OTEL_LOGS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none' },
    });
    let out = '';
    child.stdout?.on('data', (chunk: string) => (out += chunk));
    await expect.poll(() => out, { timeout: 15_000 }).toContain('ready');
    const scrapes = await Promise.all([1, 2, 3].map(async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()));
    child.kill('SIGTERM');
    const run = await result;
    const pids = new Set(scrapes.map((text) => label(text, 'target_info', 'process_pid')));
    expect(pids).toEqual(new Set([String(child.pid)]));
    for (const text of scrapes) {
      expect(sample(text, 'sightline_log_records_total', { sightline_log_scope: 'fleet.cluster' })).toBe(1);
    }
    expect(run.stderr.match(/sightline: the Prometheus endpoint cannot listen on 127\.0\.0\.1:\d+ \(bind EADDRINUSE/g)).toHaveLength(2);
  });

  it('with a port per worker (cluster.fork({ OTEL_EXPORTER_PROMETHEUS_PORT })) every worker serves its own series', async () => {
    const [port, base] = [await freePort(), await freePort()];
    const { child, result } = startNode(['--import', REGISTER, 'fleet/cluster-app.mjs'], {
      env: {
        SERVE: '1',
        WORKER_PROMETHEUS_BASE_PORT: String(base),
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
        OTEL_LOGS_EXPORTER: 'none',
        OTEL_TRACES_EXPORTER: 'none',
      },
    });
    let out = '';
    child.stdout?.on('data', (chunk: string) => (out += chunk));
    await expect.poll(() => out, { timeout: 15_000 }).toContain('ready');
    const texts = await Promise.all([port, base + 1, base + 2].map(async (p) => (await fetch(`http://127.0.0.1:${p}/metrics`)).text()));
    child.kill('SIGTERM');
    const run = await result;
    expect(run.stderr).not.toContain('cannot listen');
    const instances = texts.map((text) => label(text, 'target_info', 'service_instance_id'));
    expect(new Set(instances).size).toBe(3);
    for (const text of texts) {
      expect(sample(text, 'sightline_log_records_total', { sightline_log_scope: 'fleet.cluster' })).toBe(1);
      const check = promtool(['check', 'metrics'], text);
      expect(check.status).toBe(0);
    }
  });
});

describe('worker_threads: a worker thread runs an SDK of its own', () => {
  it('exports with its own service.instance.id, and its logs keep the trace handed to it', async () => {
    const run = await runNode(['--import', REGISTER, 'fleet/thread-app.mjs'], {
      env: fixture.env({ OTEL_METRICS_EXPORTER: 'none', OTEL_SERVICE_NAME: 'fleet-threads' }),
    });
    expect(run.code).toBe(0);
    const logs = await fixture.receiver.waitFor('logs', (items) => items.some((l) => l.body === 'inside the worker'));
    const spans = await fixture.receiver.waitFor('spans', (items) => ['main work', 'thread work'].every((n) => items.some((s) => s.name === n)));
    const main = spans.find((s) => s.name === 'main work')!;
    const thread = spans.find((s) => s.name === 'thread work')!;
    const inside = logs.find((l) => l.body === 'inside the worker')!;
    const starting = logs.find((l) => l.body === 'starting a worker')!;
    // Two SDKs in one process: one pid, two instances.
    expect(inside.resource['process.pid']).toBe(starting.resource['process.pid']);
    expect(inside.resource['service.instance.id']).not.toBe(starting.resource['service.instance.id']);
    expect(thread.resource['service.instance.id']).toBe(inside.resource['service.instance.id']);
    // The worker's span continues the main thread's trace; its log is correlated with it.
    expect(thread.traceId).toBe(main.traceId);
    expect(thread.parentSpanId).toBe(main.spanId);
    expect(inside.traceId).toBe(main.traceId);
    expect(inside.spanId).toBe(thread.spanId);
  });
});
