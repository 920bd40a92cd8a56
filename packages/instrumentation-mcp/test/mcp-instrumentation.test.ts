/**
 * SDK 1.x (`@modelcontextprotocol/sdk`, CommonJS build) over the in-memory transport: real `Client`,
 * `McpServer` and low-level `Server`, traced by `McpInstrumentation`.
 */
import { logs, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, setUpOtel } from './fixtures/otel-harness.js';

const otel = setUpOtel();
/* eslint-disable @typescript-eslint/no-explicit-any */
const { McpServer } = otel.require('@modelcontextprotocol/sdk/server/mcp.js') as any;
const { Client } = otel.require('@modelcontextprotocol/sdk/client/index.js') as any;
const { InMemoryTransport } = otel.require('@modelcontextprotocol/sdk/inMemory.js') as any;
const types = otel.require('@modelcontextprotocol/sdk/types.js') as any;
const { z } = otel.require('zod') as typeof import('zod');

const toolLog = logs.getLogger('tool');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connect(setUp: (server: any) => void = () => {}, clientOptions: object = {}) {
  const server = new McpServer({ name: 'weather', version: '1.0.0' });
  server.registerTool('get_weather', { inputSchema: { city: z.string() } }, async ({ city }: { city: string }) => {
    toolLog.emit({ body: `forecast for ${city}` });
    trace.getTracer('app').startSpan('fetch forecast').end();
    return { content: [{ type: 'text', text: `sunny in ${city}` }] };
  });
  server.registerTool('fail', {}, async () => {
    throw new Error('upstream unavailable');
  });
  server.registerTool('slow', {}, async (_args: unknown, extra: { signal: AbortSignal }) => {
    await sleep(200);
    return { content: [{ type: 'text', text: extra.signal.aborted ? 'aborted' : 'done' }] };
  });
  setUp(server);
  const client = new Client({ name: 'agent', version: '1.0.0' }, clientOptions);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return { client, server, clientTransport, serverTransport };
}

function pair(name: string): { client: ReadableSpan; server: ReadableSpan } {
  return { client: otel.span(name, SpanKind.CLIENT), server: otel.span(name, SpanKind.SERVER) };
}

afterEach(() => {
  otel.spans.reset();
  otel.logs.reset();
});

describe('SDK 1.x over the in-memory transport', () => {
  it('traces a tool call from the client span through the server span to what the tool does', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'get_weather', arguments: { city: 'Paris' } });
    expect(result.content[0].text).toBe('sunny in Paris');
    await eventually(() => otel.spans.getFinishedSpans().some((s) => s.name === 'tools/call get_weather' && s.kind === SpanKind.CLIENT));

    const { client: c, server: s } = pair('tools/call get_weather');
    expect(s.spanContext().traceId).toBe(c.spanContext().traceId);
    expect(s.parentSpanContext?.spanId).toBe(c.spanContext().spanId);
    for (const span of [c, s]) {
      expect(span.attributes).toMatchObject({
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'get_weather',
        'gen_ai.operation.name': 'execute_tool',
        'jsonrpc.request.id': c.attributes['jsonrpc.request.id'],
        'mcp.protocol.version': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        'sightline.mcp.tool.arguments.size': JSON.stringify({ city: 'Paris' }).length,
        'sightline.mcp.tool.arguments.digest': expect.stringMatching(/^[0-9a-f]{16}$/),
        'sightline.mcp.tool.result.size': expect.any(Number),
      });
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.attributes).not.toHaveProperty('gen_ai.tool.call.arguments');
    }
    expect(s.attributes['sightline.mcp.tool.arguments.digest']).toBe(c.attributes['sightline.mcp.tool.arguments.digest']);

    const inner = otel.span('fetch forecast');
    expect(inner.parentSpanContext?.spanId).toBe(s.spanContext().spanId);
    const log = otel.logs.getFinishedLogRecords().find((r) => r.body === 'forecast for Paris')!;
    expect(log.spanContext?.traceId).toBe(c.spanContext().traceId);
    expect(log.spanContext?.spanId).toBe(s.spanContext().spanId);

    const init = pair('initialize');
    expect(init.server.parentSpanContext?.spanId).toBe(init.client.spanContext().spanId);
    expect(init.client.attributes['jsonrpc.request.id']).toBe('0');
    expect(otel.span('notifications/initialized', SpanKind.CLIENT).attributes['jsonrpc.request.id']).toBeUndefined();
  });

  it('marks a tool result with isError as tool_error on both sides, with its message', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'fail', arguments: {} });
    expect(result.isError).toBe(true);
    await eventually(() => otel.spans.getFinishedSpans().filter((s) => s.name === 'tools/call fail').length === 2);
    for (const span of Object.values(pair('tools/call fail'))) {
      expect(span.attributes['error.type']).toBe('tool_error');
      expect(span.attributes).not.toHaveProperty('rpc.status_code');
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: expect.stringContaining('upstream unavailable') });
    }
  });

  it('records JSON-RPC errors as error.type and rpc.status_code, and the SDK sees them unchanged', async () => {
    const { client } = await connect();
    await expect(client.request({ method: 'custom/unknown' }, z.object({}))).rejects.toMatchObject({ code: -32601 });
    await eventually(() => otel.spans.getFinishedSpans().filter((s) => s.name === 'custom/unknown').length === 2);
    for (const span of Object.values(pair('custom/unknown'))) {
      expect(span.attributes).toMatchObject({ 'error.type': '-32601', 'rpc.status_code': '-32601' });
      expect(span.status.message).toContain('Method not found');
    }
  });

  it('a handler error reaches the client exactly as thrown (code, message, data)', async () => {
    const { client } = await connect((server) => {
      server.server.registerCapabilities({ resources: {} });
      server.server.setRequestHandler(types.ListResourcesRequestSchema, () => {
        throw new types.McpError(1234, 'custom failure', { detail: 1 });
      });
    });
    await expect(client.listResources()).rejects.toMatchObject({ code: 1234, message: expect.stringContaining('custom failure'), data: { detail: 1 } });
    await eventually(() => otel.spans.getFinishedSpans().some((s) => s.name === 'resources/list' && s.kind === SpanKind.SERVER));
    expect(otel.span('resources/list', SpanKind.SERVER).attributes['error.type']).toBe('1234');
  });

  it('ends a cancelled call on both sides: the client with the SDK error, the server as cancelled', async () => {
    const { client } = await connect();
    const controller = new AbortController();
    const call = client.callTool({ name: 'slow', arguments: {} }, undefined, { signal: controller.signal });
    await sleep(20);
    controller.abort('user gave up');
    await expect(call).rejects.toBeDefined();
    await eventually(() => otel.spans.getFinishedSpans().filter((s) => s.name === 'tools/call slow').length === 2);
    const { client: c, server: s } = pair('tools/call slow');
    expect(c.attributes['error.type']).toBe('-32001');
    expect(s.attributes['error.type']).toBe('cancelled');
    expect(s.status.message).toContain('user gave up');
  });

  it('ends a timed-out call: the client with the SDK timeout code, the server when the cancellation arrives', async () => {
    const { client } = await connect();
    await expect(client.callTool({ name: 'slow', arguments: {} }, undefined, { timeout: 20 })).rejects.toMatchObject({ code: -32001 });
    await eventually(() => otel.spans.getFinishedSpans().filter((s) => s.name === 'tools/call slow').length === 2);
    const { client: c, server: s } = pair('tools/call slow');
    expect(c.attributes['error.type']).toBe('-32001');
    expect(c.status.message).toContain('timed out');
    expect(s.attributes['error.type']).toBe('cancelled');
  });

  it('traces server-to-client requests (sampling) inside the tool call, in the same trace', async () => {
    const { client } = await connect(
      (server) => {
        server.registerTool('summarise', {}, async () => {
          const reply = await server.server.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 5 });
          return { content: [{ type: 'text', text: reply.content.text }] };
        });
      },
      { capabilities: { sampling: {} } },
    );
    client.setRequestHandler(types.CreateMessageRequestSchema, async () => {
      toolLog.emit({ body: 'sampling on the client' });
      return { model: 'fake', role: 'assistant', content: { type: 'text', text: 'summary' } };
    });
    const result = await client.callTool({ name: 'summarise', arguments: {} });
    expect(result.content[0].text).toBe('summary');
    await eventually(() => otel.spans.getFinishedSpans().filter((s) => s.name === 'tools/call summarise').length === 2);
    const tool = pair('tools/call summarise');
    const sampling = pair('sampling/createMessage');
    expect(sampling.client.parentSpanContext?.spanId).toBe(tool.server.spanContext().spanId);
    expect(sampling.server.parentSpanContext?.spanId).toBe(sampling.client.spanContext().spanId);
    expect(sampling.server.spanContext().traceId).toBe(tool.client.spanContext().traceId);
    const log = otel.logs.getFinishedLogRecords().find((r) => r.body === 'sampling on the client')!;
    expect(log.spanContext?.spanId).toBe(sampling.server.spanContext().spanId);
  });

  it('traces elicitation (server to client) inside the tool call, in the same trace', async () => {
    const { client } = await connect(
      (server) => {
        server.registerTool('ask_city', {}, async () => {
          const requestedSchema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
          const answer = await server.server.elicitInput({ message: 'Which city?', requestedSchema });
          return { content: [{ type: 'text', text: `${answer.action}: ${answer.content?.city}` }] };
        });
      },
      { capabilities: { elicitation: {} } },
    );
    client.setRequestHandler(types.ElicitRequestSchema, async () => ({ action: 'accept', content: { city: 'Bern' } }));
    const result = await client.callTool({ name: 'ask_city', arguments: {} });
    expect(result.content[0].text).toBe('accept: Bern');
    await eventually(() => otel.spans.getFinishedSpans().filter((s) => s.name === 'tools/call ask_city').length === 2);
    const tool = pair('tools/call ask_city');
    const elicitation = pair('elicitation/create');
    expect(elicitation.client.parentSpanContext?.spanId).toBe(tool.server.spanContext().spanId);
    expect(elicitation.server.parentSpanContext?.spanId).toBe(elicitation.client.spanContext().spanId);
    expect(elicitation.server.spanContext().traceId).toBe(tool.client.spanContext().traceId);
    expect(elicitation.server.attributes['mcp.method.name']).toBe('elicitation/create');
  });

  it('gives incoming notifications a SERVER span parented on the sender, with the handler in its context', async () => {
    const { client, server } = await connect(() => {}, { capabilities: { roots: { listChanged: true } } });
    server.server.setNotificationHandler(types.RootsListChangedNotificationSchema, () => {
      toolLog.emit({ body: 'roots changed' });
    });
    await client.sendRootsListChanged();
    await eventually(() => otel.logs.getFinishedLogRecords().some((r) => r.body === 'roots changed'));
    const { client: sent, server: received } = pair('notifications/roots/list_changed');
    expect(received.parentSpanContext?.spanId).toBe(sent.spanContext().spanId);
    expect(received.attributes['mcp.method.name']).toBe('notifications/roots/list_changed');
    const log = otel.logs.getFinishedLogRecords().find((r) => r.body === 'roots changed')!;
    expect(log.spanContext?.spanId).toBe(received.spanContext().spanId);
  });

  it('ends a notification SERVER span when its handler settles, with the error when it fails', async () => {
    const { client, server } = await connect(() => {}, { capabilities: { roots: { listChanged: true } } });
    let finished = 0;
    server.server.setNotificationHandler(types.RootsListChangedNotificationSchema, async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      finished = performance.timeOrigin + performance.now();
      throw new Error('handler broke');
    });
    await client.sendRootsListChanged();
    await eventually(() => otel.spans.getFinishedSpans().some((s) => s.name === 'notifications/roots/list_changed' && s.kind === SpanKind.SERVER));
    const received = pair('notifications/roots/list_changed').server;
    const endMillis = received.endTime[0] * 1000 + received.endTime[1] / 1e6;
    expect(finished).toBeGreaterThan(0);
    expect(endMillis).toBeGreaterThanOrEqual(finished - 1);
    expect(received.status.code).toBe(SpanStatusCode.ERROR);
    expect(received.status.message).toBe('handler broke');
  });

  it('ends the SERVER span of a notification nobody handles', async () => {
    const { client } = await connect(() => {}, { capabilities: { roots: { listChanged: true } } });
    await client.sendRootsListChanged();
    await eventually(() => otel.spans.getFinishedSpans().some((s) => s.name === 'notifications/roots/list_changed' && s.kind === SpanKind.SERVER));
    expect(pair('notifications/roots/list_changed').server.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('ignores malformed _meta and serves the request', async () => {
    const server = new McpServer({ name: 'weather', version: '1.0.0' });
    server.registerTool('echo', {}, async () => ({ content: [{ type: 'text', text: 'ok' }] }));
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    const responses: any[] = [];
    clientTransport.onmessage = (message: unknown) => responses.push(message);
    await server.connect(serverTransport);
    await clientTransport.start();
    const metas = [
      { traceparent: 'garbage', tracestate: 5, baggage: ['x'] },
      { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01${'x'.repeat(100_000)}`, baggage: 'k=v,'.repeat(50_000) },
      { traceparent: '00-00000000000000000000000000000000-0000000000000000-01' },
    ];
    for (const [i, _meta] of metas.entries()) {
      await clientTransport.send({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'echo', arguments: {}, _meta } });
    }
    await eventually(() => responses.length === metas.length);
    expect(responses.map((r) => r.result?.content?.[0]?.text)).toEqual(['ok', 'ok', 'ok']);
    const spans = otel.spans.getFinishedSpans().filter((s) => s.name === 'tools/call echo');
    expect(spans).toHaveLength(3);
    for (const span of spans) expect(span.parentSpanContext).toBeUndefined();
  });

  it('records the operation and session duration histograms with the conventions bucket boundaries', async () => {
    const { client } = await connect();
    await client.callTool({ name: 'get_weather', arguments: { city: 'Oslo' } });
    await client.callTool({ name: 'fail', arguments: {} });
    await client.close();
    const collected = await otel.collectMetrics();
    const all = collected.scopeMetrics.flatMap((s) => s.metrics);
    const byName = (name: string) => all.find((m) => m.descriptor.name === name)!;
    for (const name of ['mcp.client.operation.duration', 'mcp.server.operation.duration', 'mcp.client.session.duration', 'mcp.server.session.duration']) {
      const metric = byName(name);
      expect(metric.descriptor.unit).toBe('s');
      const point = metric.dataPoints[0]! as any;
      expect(point.value.buckets.boundaries).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300]);
    }
    const serverOps = byName('mcp.server.operation.duration').dataPoints.map((p) => p.attributes);
    expect(serverOps).toContainEqual(
      expect.objectContaining({ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather', 'gen_ai.operation.name': 'execute_tool' }),
    );
    expect(serverOps).toContainEqual(expect.objectContaining({ 'gen_ai.tool.name': 'fail', 'error.type': 'tool_error' }));
    for (const attributes of serverOps) expect(attributes).not.toHaveProperty('mcp.session.id');
  });
});

describe('1 000 concurrent tool calls on one connection', () => {
  it('keeps every call’s logs and child spans in its own trace', async () => {
    const { client } = await connect((server) => {
      server.registerTool('work', { inputSchema: { n: z.number() } }, async ({ n }: { n: number }) => {
        await sleep(Math.random() * 5);
        toolLog.emit({ body: 'working', attributes: { n } });
        const child = trace.getTracer('app').startSpan('step', { attributes: { n } });
        await sleep(Math.random() * 5);
        child.end();
        return { content: [{ type: 'text', text: String(n) }] };
      });
    });
    const N = 1_000;
    const results = await Promise.all(
      Array.from({ length: N }, (_, n) =>
        trace.getTracer('app').startActiveSpan(`caller ${n}`, async (span) => {
          try {
            return await client.callTool({ name: 'work', arguments: { n } });
          } finally {
            span.end();
          }
        }),
      ),
    );
    expect(results.map((r: any) => r.content[0].text)).toEqual(Array.from({ length: N }, (_, n) => String(n)));
    await eventually(() => otel.spans.getFinishedSpans().filter((s) => s.name === 'tools/call work').length === 2 * N);
    const spans = otel.spans.getFinishedSpans();
    const serverByParent = new Map(spans.filter((s) => s.name === 'tools/call work' && s.kind === SpanKind.SERVER).map((s) => [s.parentSpanContext?.spanId, s]));
    const clientByParent = new Map(spans.filter((s) => s.name === 'tools/call work' && s.kind === SpanKind.CLIENT).map((s) => [s.parentSpanContext?.spanId, s]));
    const steps = new Map(spans.filter((s) => s.name === 'step').map((s) => [s.attributes.n, s]));
    const logsByN = new Map(otel.logs.getFinishedLogRecords().filter((r) => r.body === 'working').map((r) => [r.attributes.n, r]));
    for (const caller of spans.filter((s) => s.name.startsWith('caller '))) {
      const n = Number(caller.name.slice('caller '.length));
      const traceId = caller.spanContext().traceId;
      const clientSpan = clientByParent.get(caller.spanContext().spanId)!;
      const serverSpan = serverByParent.get(clientSpan.spanContext().spanId)!;
      expect(serverSpan.spanContext().traceId).toBe(traceId);
      expect(steps.get(n)?.parentSpanContext?.spanId).toBe(serverSpan.spanContext().spanId);
      expect(logsByN.get(n)?.spanContext?.spanId).toBe(serverSpan.spanContext().spanId);
      expect(logsByN.get(n)?.spanContext?.traceId).toBe(traceId);
    }
    expect(new Set(spans.filter((s) => s.name.startsWith('caller ')).map((s) => s.spanContext().traceId)).size).toBe(N);
  });
});
