/**
 * End to end through the OTLP receiver: real MCP SDK clients and servers in child processes started with
 * the real preloads (`--import` / `--require @sightline/core/register`, then the MCP instrumentation).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './fixtures/otlp-receiver.js';
import { runNode } from './fixtures/run-node.js';

const REGISTER = '@sightline/core/register';
const CLIENT = 3;
const SERVER = 2;
let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => receiver.reset());

function otlpEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'mcp-e2e', ...extra };
}

function find(spans: readonly ReceivedSpan[], name: string, kind: number): ReceivedSpan {
  const found = spans.filter((s) => s.name === name && s.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${name} (kind ${kind}), got ${found.length}`);
  return found[0]!;
}

const hasToolCallPair = (name: string) => (spans: readonly ReceivedSpan[]) =>
  spans.some((s) => s.name === name && s.kind === CLIENT) && spans.some((s) => s.name === name && s.kind === SERVER);

describe('stdio across two processes (ESM, SDK 1.x)', () => {
  it('client span → server span → the tool’s work and logs are one trace', async () => {
    const run = await runNode(['--import', REGISTER, 'mcp/stdio-client.mjs'], {
      env: otlpEnv({ OTEL_SERVICE_NAME: 'mcp-stdio-client' }),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sunny in Paris');
    const spans = await receiver.waitFor('spans', (s) => hasToolCallPair('tools/call get_weather')(s) && s.some((x) => x.name === 'forecast lookup'));

    const agent = spans.find((s) => s.name === 'agent run')!;
    const client = find(spans, 'tools/call get_weather', CLIENT);
    const server = find(spans, 'tools/call get_weather', SERVER);
    expect(client.resource['service.name']).toBe('mcp-stdio-client');
    expect(server.resource['service.name']).toBe('mcp-stdio-server');
    expect(client.parentSpanId).toBe(agent.spanId);
    expect(server.traceId).toBe(agent.traceId);
    expect(server.parentSpanId).toBe(client.spanId);
    for (const span of [client, server]) {
      expect(span.attributes).toMatchObject({
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'get_weather',
        'gen_ai.operation.name': 'execute_tool',
        'network.transport': 'pipe',
        'jsonrpc.request.id': expect.any(String),
        'mcp.protocol.version': expect.any(String),
      });
    }
    expect(spans.find((s) => s.name === 'forecast lookup')?.parentSpanId).toBe(server.spanId);

    const logs = await receiver.waitFor('logs', (l) => l.some((x) => x.body === 'fetching forecast'));
    const toolLog = logs.find((l) => l.body === 'fetching forecast')!;
    expect(toolLog.resource['service.name']).toBe('mcp-stdio-server');
    expect(toolLog.traceId).toBe(agent.traceId);
    expect(toolLog.spanId).toBe(server.spanId);

    const failed = find(await receiver.waitFor('spans', hasToolCallPair('tools/call fail')), 'tools/call fail', SERVER);
    expect(failed.attributes['error.type']).toBe('tool_error');
    expect(failed.status).toEqual({ code: 2, message: expect.stringContaining('upstream unavailable') });
  });
});

describe('CommonJS app under --require (SDK 1.x, in-memory)', () => {
  it('traces, propagates and exports the operation metrics', async () => {
    const run = await runNode(['--require', REGISTER, 'mcp/in-memory-app.cjs'], { env: otlpEnv() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const spans = await receiver.waitFor('spans', hasToolCallPair('tools/call get_weather'));
    const client = find(spans, 'tools/call get_weather', CLIENT);
    const server = find(spans, 'tools/call get_weather', SERVER);
    expect(server.parentSpanId).toBe(client.spanId);
    const log = (await receiver.waitFor('logs', (l) => l.some((x) => x.body === 'fetching forecast'))).find((l) => l.body === 'fetching forecast')!;
    expect(log.spanId).toBe(server.spanId);

    const metrics = await receiver.waitFor('metrics', (m) => m.some((x) => x.name === 'mcp.server.operation.duration'));
    const serverOps = metrics.find((m) => m.name === 'mcp.server.operation.duration')!;
    expect(serverOps.type).toBe('histogram');
    expect(serverOps.unit).toBe('s');
    expect(serverOps.aggregationTemporality).toBe(2);
    const point = serverOps.dataPoints.find((p) => p.attributes['gen_ai.tool.name'] === 'get_weather')!;
    expect(point.explicitBounds).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300]);
    expect(point.count).toBe(1);
    expect(metrics.map((m) => m.name)).toEqual(expect.arrayContaining(['mcp.client.operation.duration', 'mcp.client.session.duration', 'mcp.server.session.duration']));
  });

  it('exports the operation metrics as delta histograms when the exporter prefers delta', async () => {
    const env = otlpEnv({ OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta' });
    const run = await runNode(['--require', REGISTER, 'mcp/in-memory-app.cjs'], { env });
    expect(run.code).toBe(0);
    const metrics = await receiver.waitFor('metrics', (m) => m.some((x) => x.name === 'mcp.server.operation.duration'));
    const serverOps = metrics.filter((m) => m.name === 'mcp.server.operation.duration');
    for (const metric of serverOps) expect(metric.aggregationTemporality).toBe(1);
    const points = serverOps.flatMap((m) => m.dataPoints).filter((p) => p.attributes['gen_ai.tool.name'] === 'get_weather');
    expect(points.reduce((sum, p) => sum + (p.count ?? 0), 0)).toBe(1);
  });
});

describe('Streamable HTTP on loopback (ESM, SDK 1.x)', () => {
  it('traces both sides with the session id and tcp transport, and exports the bearer-auth security events', async () => {
    const run = await runNode(['--import', REGISTER, 'mcp/http-app.mjs'], { env: otlpEnv() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const spans = await receiver.waitFor('spans', hasToolCallPair('tools/call get_weather'));
    const client = find(spans, 'tools/call get_weather', CLIENT);
    const server = find(spans, 'tools/call get_weather', SERVER);
    expect(server.parentSpanId).toBe(client.spanId);
    expect(server.traceId).toBe(client.traceId);
    const sessionId = server.attributes['mcp.session.id'];
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(client.attributes).toMatchObject({ 'mcp.session.id': sessionId, 'network.transport': 'tcp' });
    expect(server.attributes['network.transport']).toBe('tcp');

    expect(run.stdout).toContain('bad token: 401');
    const logs = await receiver.waitFor('logs', (l) => l.some((x) => x.eventName === 'security.authentication.failure'));
    const success = logs.find((l) => l.eventName === 'security.authentication.success')!;
    expect(success.attributes).toMatchObject({ 'sightline.mcp.auth.client.id': 'e2e-agent', 'sightline.mcp.auth.granted_scopes': ['weather'] });
    const failure = logs.find((l) => l.eventName === 'security.authentication.failure')!;
    expect(failure.attributes).toMatchObject({ 'error.type': 'invalid_token', 'http.response.status_code': 401 });
    expect(JSON.stringify(logs)).not.toContain('e2e-bad-token');
  });
});

describe('SDK 2.x packages (ESM, in-memory)', () => {
  it('traces @modelcontextprotocol/client and @modelcontextprotocol/server', async () => {
    const run = await runNode(['--import', REGISTER, 'mcp/v2-app.mjs'], { env: otlpEnv() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const spans = await receiver.waitFor('spans', hasToolCallPair('tools/call get_weather'));
    const client = find(spans, 'tools/call get_weather', CLIENT);
    const server = find(spans, 'tools/call get_weather', SERVER);
    expect(server.parentSpanId).toBe(client.spanId);
    const log = (await receiver.waitFor('logs', (l) => l.some((x) => x.body === 'fetching forecast'))).find((l) => l.body === 'fetching forecast')!;
    expect(log.spanId).toBe(server.spanId);
  });
});

describe('SDK 2.x over stdio across two processes (ESM)', () => {
  it('client span → server span → the tool’s work and logs are one trace', async () => {
    const run = await runNode(['--import', REGISTER, 'mcp/v2-stdio-client.mjs'], { env: otlpEnv() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sunny in Quito');
    const spans = await receiver.waitFor('spans', (s) => hasToolCallPair('tools/call get_weather')(s) && s.some((x) => x.name === 'forecast lookup'));
    const agent = spans.find((s) => s.name === 'agent run')!;
    const client = find(spans, 'tools/call get_weather', CLIENT);
    const server = find(spans, 'tools/call get_weather', SERVER);
    expect(server.resource['service.name']).toBe('mcp-v2-stdio-server');
    expect(client.parentSpanId).toBe(agent.spanId);
    expect(server.parentSpanId).toBe(client.spanId);
    expect(server.traceId).toBe(agent.traceId);
    for (const span of [client, server]) expect(span.attributes).toMatchObject({ 'network.transport': 'pipe', 'mcp.protocol.version': expect.any(String) });
    expect(spans.find((s) => s.name === 'forecast lookup')?.parentSpanId).toBe(server.spanId);
    const log = (await receiver.waitFor('logs', (l) => l.some((x) => x.body === 'fetching forecast'))).find((l) => l.body === 'fetching forecast')!;
    expect(log.spanId).toBe(server.spanId);
  });
});

describe('SDK 2.x over Streamable HTTP on loopback (ESM)', () => {
  it('traces both sides with the session id and tcp transport, behind the bearer-token gate', async () => {
    const run = await runNode(['--import', REGISTER, 'mcp/v2-http-app.mjs'], { env: otlpEnv() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sunny in Accra');
    const spans = await receiver.waitFor('spans', hasToolCallPair('tools/call get_weather'));
    const client = find(spans, 'tools/call get_weather', CLIENT);
    const server = find(spans, 'tools/call get_weather', SERVER);
    expect(server.parentSpanId).toBe(client.spanId);
    const sessionId = server.attributes['mcp.session.id'];
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(client.attributes).toMatchObject({ 'mcp.session.id': sessionId, 'network.transport': 'tcp' });
    expect(server.attributes['network.transport']).toBe('tcp');
    const logs = await receiver.waitFor('logs', (l) => l.some((x) => x.eventName === 'security.authentication.success'));
    expect(logs.find((l) => l.eventName === 'security.authentication.success')!.attributes).toMatchObject({ 'sightline.mcp.auth.client.id': 'e2e-v2-agent' });
  });
});
