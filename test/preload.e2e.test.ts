import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProviders, type FakeProviders } from './fixtures/fake-providers/index.mjs';
import type { ReceivedLog } from './fixtures/otlp-receiver.js';
import { runNode as runWith, startNode as startWith, type StartNodeOptions } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

/**
 * Every test runs on the Node that runs the tests (24: in-thread loader hooks) and on the oldest Node in
 * `engines`, 22.15 (the root devDependency `node22`: hooks on the loader thread, `module.register`).
 */
const NODE_22 = fileURLToPath(new URL('../node_modules/node22/bin/node', import.meta.url));
const NODES = [
  { name: `Node ${process.versions.node}`, node: process.execPath, hooks: 'sync' },
  { name: 'Node 22.15.1', node: NODE_22, hooks: 'async' },
] as const;

const fixture = useOtlpReceiver();
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

it('the second Node is installed and is the oldest in engines', async () => {
  expect(existsSync(NODE_22), 'npm ci installs the node22 devDependency').toBe(true);
  const run = await runWith(['-p', 'process.version'], { node: NODE_22 });
  expect(run.stdout.trim()).toBe('v22.15.1');
});

function otlpEnv(extra: Record<string, string> = {}): Record<string, string> {
  return fixture.env({
    OTEL_SERVICE_NAME: 'e2e-app',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test,team=core%20obs',
    OTEL_METRICS_EXPORTER: 'none',
    ...extra,
  });
}

function byBody(logs: readonly ReceivedLog[], body: string): ReceivedLog[] {
  return logs.filter((l) => l.body === body);
}

describe.each(NODES)('$name', ({ node, hooks }) => {
  const runNode = (args: string[], options: StartNodeOptions = {}) => runWith(args, { ...options, node });
  const startNode = (args: string[], options: StartNodeOptions = {}) => startWith(args, { ...options, node });

  describe('ESM app under --import register', () => {
    it('exports logs and spans with resource, scope, severity, attributes and correlation, and flushes at exit', async () => {
      const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], {
        env: otlpEnv({ APP_RECORDS: '2000', SIGHTLINE_LOG_LEVEL: 'debug' }),
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);

      // Everything was flushed by the exit hook: no waiting beyond what already arrived.
      const logs = fixture.receiver.logs;
      expect(byBody(logs, 'bulk')).toHaveLength(2000);

      const started = byBody(logs, 'workflow started')[0]!;
      expect(started.resource).toMatchObject({
        'service.name': 'e2e-app',
        'deployment.environment.name': 'test',
        team: 'core obs',
        'telemetry.sdk.language': 'nodejs',
      });
      expect(started.scope.name).toBe('app.workflow');
      expect(started.severityNumber).toBe(9);
      expect(started.severityText).toBe('INFO');
      expect(started.attributes).toMatchObject({ 'workflow.id': 'wf-42', attempt: 1, flag: true, 'session.id': 'sess-1' });
      expect(started.attributes).not.toHaveProperty('not.copied');

      const spans = fixture.receiver.spans;
      const root = spans.find((s) => s.name === 'board decision')!;
      expect(root).toBeDefined();
      expect(root.attributes).toMatchObject({ 'session.id': 'sess-1' });
      expect(started.traceId).toBe(root.traceId);
      expect(started.spanId).toBe(root.spanId);

      for (const step of ['a', 'b', 'c']) {
        const span = spans.find((s) => s.name === `step ${step}`)!;
        expect(span.traceId).toBe(root.traceId);
        expect(span.parentSpanId).toBe(root.spanId);
        const done = logs.find((l) => l.body === 'step done' && l.attributes.step === step)!;
        const timer = logs.find((l) => l.body === 'timer inside step' && l.attributes.step === step)!;
        expect(done.spanId).toBe(span.spanId);
        expect(timer.traceId).toBe(root.traceId);
        expect(timer.severityText).toBe('DEBUG');
      }

      const failed = byBody(logs, 'workflow failed once')[0]!;
      expect(failed.severityText).toBe('ERROR');
      expect(failed.attributes).toMatchObject({ 'exception.type': 'TypeError', 'exception.message': 'bad input' });
      expect(String(failed.attributes['exception.stacktrace'])).toContain('workflow-app.mjs');
      expect(failed.traceId).toBe(root.traceId);

      const outside = byBody(logs, 'outside any span')[0]!;
      expect(outside.traceId).toBe('');
    });

    it('patches an ESM-only library loaded with a static import (loader hooks registered by the preload)', async () => {
      const run = await runNode(
        ['--import', REGISTER, '--import', './add-greeter-instrumentation.mjs', 'apps/greeter-app.mjs'],
        { env: otlpEnv() },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('hello world');
      const spans = await fixture.receiver.waitFor('spans', (s) => s.some((x) => x.name === 'greet'));
      expect(spans.find((s) => s.name === 'greet')?.scope.name).toBe('sightline-test-greeter');
    });

    it('control: without the register preload the same library stays unpatched', async () => {
      const run = await runNode(
        ['--import', './bootstrap-without-hooks.mjs', '--import', './add-greeter-instrumentation.mjs', 'apps/greeter-app.mjs'],
        { env: otlpEnv() },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('hello world');
      expect(fixture.receiver.spans.filter((s) => s.name === 'greet')).toHaveLength(0);
    });

    it.each(['--import', '--require'])(
      'with %s register alone, a library the app imports (the ES module build of openai) is patched',
      async (flag) => {
        const run = await runNode([flag, REGISTER, 'apps/openai-import-app.mjs'], { env: otlpEnv({ FAKE_PROVIDERS_URL: fake.url }) });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`loader hooks: ${hooks}`);
        const spans = await fixture.receiver.waitFor('spans', (s) => s.some((x) => x.name === 'chat preload-openai-chat'));
        expect(spans.find((s) => s.name === 'chat preload-openai-chat')?.scope.name).toBe('@sightline/instrumentation-llm');
      },
    );

    it("captures an existing pino logger's records through the same pipeline", async () => {
      const run = await runNode(['--import', REGISTER, 'apps/pino-app.mjs'], { env: otlpEnv() });
      expect(run.code).toBe(0);
      const log = byBody(fixture.receiver.logs, 'from pino')[0];
      expect(log?.attributes).toMatchObject({ user: 'ada' });
      expect(log?.severityText).toBe('info');
    });

    it('captures existing winston and bunyan loggers too', async () => {
      const run = await runNode(['--import', REGISTER, 'apps/winston-bunyan-app.mjs'], { env: otlpEnv() });
      expect(run.code).toBe(0);
      expect(byBody(fixture.receiver.logs, 'from winston')[0]?.attributes).toMatchObject({ user: 'grace' });
      const bunyan = byBody(fixture.receiver.logs, 'from bunyan')[0];
      expect(bunyan?.attributes).toMatchObject({ user: 'linus', name: 'legacy-bunyan' });
      expect(bunyan?.severityNumber).toBe(13);
    });
  });

  describe('CommonJS app under --require register', () => {
    it('exports records and correlation the same way', async () => {
      const run = await runNode(['--require', REGISTER, 'apps/workflow-app.cjs'], { env: otlpEnv() });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const hello = byBody(fixture.receiver.logs, 'hello from commonjs')[0]!;
      expect(hello.scope.name).toBe('app.cjs');
      expect(hello.resource['service.name']).toBe('e2e-app');
      const span = fixture.receiver.spans.find((s) => s.name === 'cjs work')!;
      expect(hello.traceId).toBe(span.traceId);
      expect(byBody(fixture.receiver.logs, 'still inside')[0]?.spanId).toBe(span.spanId);
      expect(byBody(fixture.receiver.logs, 'handle is running')[0]?.attributes.running).toBe(true);
    });
  });

  describe('shutdown on SIGTERM', () => {
    it('flushes every record accepted before the signal and ends as a SIGTERM would', async () => {
      const { child, result } = startNode(['--import', REGISTER, 'apps/wait-for-signal-app.mjs'], {
        env: otlpEnv({ OTEL_BLRP_SCHEDULE_DELAY: '60000' }),
      });
      await new Promise<void>((resolve) => child.stdout?.on('data', (d: string) => d.includes('ready') && resolve()));
      child.kill('SIGTERM');
      const run = await result;
      expect(run.signal).toBe('SIGTERM');
      expect(byBody(fixture.receiver.logs, 'before signal')).toHaveLength(500);
    });
  });

  describe('shutdown when the app handles SIGTERM itself', () => {
    it('flushes but leaves the exit to the app', async () => {
      const { child, result } = startNode(['--import', REGISTER, 'apps/own-sigterm-app.mjs'], {
        env: otlpEnv({ OTEL_BLRP_SCHEDULE_DELAY: '60000' }),
      });
      await new Promise<void>((resolve) => child.stdout?.on('data', (d: string) => d.includes('ready') && resolve()));
      child.kill('SIGTERM');
      const run = await result;
      expect(run.signal).toBeNull();
      expect(run.code).toBe(3);
      expect(run.stdout).toContain('app handled SIGTERM');
      expect(byBody(fixture.receiver.logs, 'before signal')).toHaveLength(100);
    });
  });

  describe('configuration from the environment', () => {
    it('OTEL_SDK_DISABLED=true: the app runs, nothing is exported', async () => {
      const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], { env: otlpEnv({ OTEL_SDK_DISABLED: 'true' }) });
      expect(run.code).toBe(0);
      expect(fixture.receiver.requests).toHaveLength(0);
    });

    it('an invalid value gives one diagnostic line naming the variable, and the app still works', async () => {
      const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], {
        env: otlpEnv({ SIGHTLINE_LOG_LEVEL: 'loud', OTEL_LOGS_EXPORTER: 'otlp,carrier-pigeon' }),
      });
      expect(run.code).toBe(0);
      const lines = run.stderr.trim().split('\n');
      expect(lines.filter((l) => l.includes('SIGHTLINE_LOG_LEVEL'))).toHaveLength(1);
      expect(lines.filter((l) => l.includes('OTEL_LOGS_EXPORTER'))).toHaveLength(1);
      expect(lines.find((l) => l.includes('SIGHTLINE_LOG_LEVEL'))).toMatch(/trace\|debug\|info/);
      expect(byBody(fixture.receiver.logs, 'workflow started')).toHaveLength(1);
    });

    it('http/json protocol and OTEL_EXPORTER_OTLP_HEADERS reach the backend', async () => {
      const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], {
        env: otlpEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_HEADERS: 'x-team=core,x-api-key=abc%3D' }),
      });
      expect(run.code).toBe(0);
      const logRequests = fixture.receiver.requests.filter((r) => r.path === '/v1/logs');
      expect(logRequests.length).toBeGreaterThan(0);
      for (const request of logRequests) {
        expect(request.contentType).toContain('application/json');
        expect(request.headers['x-team']).toBe('core');
        expect(request.headers['x-api-key']).toBe('abc=');
      }
      expect(byBody(fixture.receiver.logs, 'workflow started')).toHaveLength(1);
    });

    it('console exporter in json format prints one JSON object per line', async () => {
      const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], {
        env: { OTEL_LOGS_EXPORTER: 'console', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', SIGHTLINE_CONSOLE_FORMAT: 'json' },
      });
      expect(run.code).toBe(0);
      const lines = run.stdout.trim().split('\n');
      const records = lines.map((l) => JSON.parse(l) as { body: string; severity: string; scope: string });
      expect(records.find((r) => r.body === 'workflow started')).toMatchObject({ severity: 'INFO', scope: 'app.workflow' });
    });
  });
});
