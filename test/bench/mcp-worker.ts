/**
 * One process of the MCP benchmark (`mcp.bench.ts` starts it once per variant and round): `tools/call`
 * over the in-memory transport, `@modelcontextprotocol/sdk` 1.x CommonJS build, client and `McpServer` in
 * this process, on the pipeline of `worker-pipeline.ts`; prints the per-call times of `timeCalls`.
 *
 * Usage: `node test/bench/mcp-worker.ts <variant> <warmup> <calls>`.
 */
import { context, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { McpInstrumentation } from '@sightline/instrumentation-mcp';
import { createRequire } from 'node:module';
import { timeCalls } from './process-rounds.ts';
import { attachedAggregator, meterProvider, shutdownPipeline, tracerProvider, useProviders } from './worker-pipeline.ts';

const [variant = 'uninstrumented', warmup = '500', calls = '3000'] = process.argv.slice(2);
const require = createRequire(import.meta.url);

// Ours patches through its require hook: registered before the SDK is required.
if (variant === 'sightline') registerInstrumentations({ instrumentations: [new McpInstrumentation({ histogramAggregator: attachedAggregator() })] });
if (variant === 'sightline-sdk-histograms') registerInstrumentations({ instrumentations: [new McpInstrumentation()] });

/* eslint-disable @typescript-eslint/no-explicit-any */
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js') as any;
const { Client } = require('@modelcontextprotocol/sdk/client/index.js') as any;
const { Server } = require('@modelcontextprotocol/sdk/server/index.js') as any;
const { InMemoryTransport } = require('@modelcontextprotocol/sdk/inMemory.js') as any;
const { z } = require('zod') as typeof import('zod');

if (variant === 'traceloop') {
  const { McpInstrumentation: Traceloop } = require('@traceloop/instrumentation-mcp') as any;
  const peer = new Traceloop();
  useProviders(peer);
  peer.manuallyInstrument({ Client, Server });
}

// The SDK floor: a CLIENT span around the call and a SERVER span around the handler, each active through
// context.with, with the attributes the conventions ask for; `floor` adds both operation-duration records.
const manual = variant === 'span' || variant === 'floor';
const histograms = variant === 'floor';
const tracer = tracerProvider.getTracer('bench');
const meter = meterProvider.getMeter('bench');
const buckets = { advice: { explicitBucketBoundaries: [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300] }, unit: 's' };
const clientDuration = meter.createHistogram('mcp.client.operation.duration', buckets);
const serverDuration = meter.createHistogram('mcp.server.operation.duration', buckets);
const operation = (): Attributes => ({
  'mcp.method.name': 'tools/call',
  'gen_ai.tool.name': 'get_weather',
  'gen_ai.operation.name': 'execute_tool',
  'mcp.protocol.version': '2025-06-18',
  'network.transport': 'pipe',
});

async function traced<T>(name: string, kind: SpanKind, histogram: typeof clientDuration, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const span = tracer.startSpan(name, { kind, attributes: { ...operation(), 'jsonrpc.request.id': '1', 'mcp.session.id': 'bench' } });
  const result = await context.with(trace.setSpan(context.active(), span), run);
  span.end();
  if (histograms) histogram.record((performance.now() - start) / 1000, operation());
  return result;
}

const server = new McpServer({ name: 'bench', version: '1.0.0' });
const tool = async ({ city }: { city: string }) => ({ content: [{ type: 'text', text: `sunny in ${city}` }] });
server.registerTool('get_weather', { inputSchema: { city: z.string(), days: z.number() } }, manual ? (args: { city: string }) => traced('tools/call get_weather', SpanKind.SERVER, serverDuration, () => tool(args)) : tool);
const client = new Client({ name: 'bench', version: '1.0.0' });
const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
await server.connect(serverTransport);
await client.connect(clientTransport);

const args = { name: 'get_weather', arguments: { city: 'Paris', days: 3 } };
const plain = () => client.callTool(args) as Promise<unknown>;
await timeCalls(manual ? () => traced('tools/call get_weather', SpanKind.CLIENT, clientDuration, plain) : plain, Number(warmup), Number(calls));
await client.close();
await shutdownPipeline();
