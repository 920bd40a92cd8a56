/**
 * SDK 2.x (`@modelcontextprotocol/client` + `@modelcontextprotocol/server`, each with its own bundled
 * `Protocol`) over the in-memory transport.
 */
import { logs, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { eventually, setUpOtel } from './fixtures/otel-harness.js';

const otel = setUpOtel();
/* eslint-disable @typescript-eslint/no-explicit-any */
const { Client, InMemoryTransport } = otel.require('@modelcontextprotocol/client') as any;
const { McpServer, OAuthError, OAuthErrorCode, requireBearerAuth } = otel.require('@modelcontextprotocol/server') as any;
const { z } = otel.require('zod') as typeof import('zod');
const toolLog = logs.getLogger('tool');

async function connect(clientOptions: object = {}) {
  const server = new McpServer({ name: 'weather', version: '2.0.0' });
  server.registerTool('get_weather', { inputSchema: z.object({ city: z.string() }) }, async ({ city }: { city: string }) => {
    toolLog.emit({ body: `forecast for ${city}` });
    return { content: [{ type: 'text', text: `sunny in ${city}` }] };
  });
  server.registerTool('fail', {}, async () => {
    throw new Error('upstream unavailable');
  });
  server.registerPrompt('review', { description: 'review code' }, async () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'review this' } }],
  }));
  const client = new Client({ name: 'agent', version: '2.0.0' }, clientOptions);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return { client, server };
}

describe('SDK 2.x over the in-memory transport', () => {
  it('ends a notification SERVER span when its handler settles', async () => {
    const { client, server } = await connect({ capabilities: { roots: { listChanged: true } } });
    let finished = 0;
    server.server.setNotificationHandler('notifications/roots/list_changed', async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      finished = performance.timeOrigin + performance.now();
    });
    await client.sendRootsListChanged();
    const isServerSpan = (s: { name: string; kind: SpanKind }) => s.name === 'notifications/roots/list_changed' && s.kind === SpanKind.SERVER;
    await eventually(() => otel.spans.getFinishedSpans().some(isServerSpan));
    const received = otel.spans.getFinishedSpans().find(isServerSpan)!;
    expect(finished).toBeGreaterThan(0);
    expect(received.endTime[0] * 1000 + received.endTime[1] / 1e6).toBeGreaterThanOrEqual(finished - 1);
    expect(received.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('traces tool calls, prompts and errors with propagation from client to server', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'get_weather', arguments: { city: 'Lima' } });
    expect(result.content[0].text).toBe('sunny in Lima');
    const failed = await client.callTool({ name: 'fail', arguments: {} });
    expect(failed.isError).toBe(true);
    await client.getPrompt({ name: 'review' });
    await expect(client.request({ method: 'custom/unknown' }, z.object({}))).rejects.toBeDefined();
    await eventually(() => otel.spans.getFinishedSpans().filter((s) => s.name === 'custom/unknown').length === 2);

    const c = otel.span('tools/call get_weather', SpanKind.CLIENT);
    const s = otel.span('tools/call get_weather', SpanKind.SERVER);
    expect(s.parentSpanContext?.spanId).toBe(c.spanContext().spanId);
    expect(s.spanContext().traceId).toBe(c.spanContext().traceId);
    expect(c.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.operation.name': 'execute_tool',
      'mcp.protocol.version': expect.any(String),
    });
    expect(s.attributes['jsonrpc.request.id']).toBe(c.attributes['jsonrpc.request.id']);
    const log = otel.logs.getFinishedLogRecords().find((r) => r.body === 'forecast for Lima')!;
    expect(log.spanContext?.spanId).toBe(s.spanContext().spanId);

    for (const kind of [SpanKind.CLIENT, SpanKind.SERVER]) {
      expect(otel.span('tools/call fail', kind).attributes['error.type']).toBe('tool_error');
      expect(otel.span('tools/call fail', kind).status.code).toBe(SpanStatusCode.ERROR);
      expect(otel.span('prompts/get review', kind).attributes['gen_ai.prompt.name']).toBe('review');
      expect(otel.span('custom/unknown', kind).attributes['error.type']).toBe('-32601');
    }
  });

  it('parents the client span on the caller’s active span', async () => {
    const { client } = await connect();
    await trace.getTracer('app').startActiveSpan('agent step', async (span) => {
      await client.callTool({ name: 'get_weather', arguments: { city: 'Rome' } });
      span.end();
    });
    await eventually(() => otel.spans.getFinishedSpans().some((s) => s.name === 'agent step'));
    const step = otel.span('agent step');
    const calls = otel.spans.getFinishedSpans().filter((s) => s.name === 'tools/call get_weather' && s.kind === SpanKind.CLIENT);
    expect(calls.some((s) => s.parentSpanContext?.spanId === step.spanContext().spanId)).toBe(true);
  });
});

describe('SDK 2.x requireBearerAuth fetch gate', () => {
  const verifier = {
    async verifyAccessToken(token: string) {
      if (token === 'weak-token-2') return { token, clientId: 'agent-b', scopes: ['mcp:read'], expiresAt: Date.now() / 1000 + 60 };
      if (token === 'good-token-2') return { token, clientId: 'agent-a', scopes: ['mcp:tools'], expiresAt: Date.now() / 1000 + 60 };
      throw new OAuthError(OAuthErrorCode.InvalidToken, `unknown token ${token}`);
    },
  };
  const gate = requireBearerAuth({ verifier, requiredScopes: ['mcp:tools'] });
  const ask = (token: string) => gate(new Request('http://127.0.0.1/mcp', { headers: { authorization: `Bearer ${token}` } }));
  const events = (name: string) => otel.logs.getFinishedLogRecords().filter((r) => r.eventName === name);

  it('emits success, failure (token masked) and permission denied, the gate answering as before', async () => {
    expect(await ask('good-token-2')).toMatchObject({ clientId: 'agent-a' });
    expect((await ask('bad-token-2')).status).toBe(401);
    expect((await ask('weak-token-2')).status).toBe(403);
    await eventually(() => events('security.permission.denied').length === 1);
    expect(events('security.authentication.success')[0]!.attributes).toMatchObject({ 'sightline.mcp.auth.client.id': 'agent-a' });
    const [failure] = events('security.authentication.failure');
    expect(failure!.attributes).toMatchObject({ 'error.type': 'invalid_token', 'http.response.status_code': 401 });
    expect(failure!.body).toBe('unknown token [REDACTED]');
    expect(events('security.permission.denied')[0]!.attributes).toMatchObject({
      'error.type': 'insufficient_scope',
      'sightline.mcp.auth.client.id': 'agent-b',
      'sightline.mcp.auth.required_scopes': ['mcp:tools'],
    });
  });
});
