/**
 * Issue 7 benchmark: time per MCP tool call over the in-memory transport (SDK 1.x, CommonJS build),
 * client and McpServer in one process, sequential calls; uninstrumented, with McpInstrumentation (client
 * + server spans, `_meta` propagation, metrics, arguments digest), and with @traceloop/instrumentation-mcp
 * (client spans only). The same bare OpenTelemetry SDK (batch span processor into a no-op exporter, a
 * meter provider with a reader) backs every instrumented case. Each iteration makes 100 calls.
 * @arizeai/openinference-instrumentation-mcp patches only the stdio, SSE and Streamable HTTP transport
 * modules, so over the in-memory transport it does nothing and is not a comparable case.
 */
import { createRequire } from 'node:module';
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { McpInstrumentation } from '@sightline/instrumentation-mcp';
import { McpInstrumentation as TraceloopMcpInstrumentation } from '@traceloop/instrumentation-mcp';
import { report, runGroup, type BenchCase, type CaseResult } from './harness.ts';
import { noopSpanExporter, PullMetricReader } from './sdk-stubs.ts';

const CALLS = 100;

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const spans = new BatchSpanProcessor({ exporter: noopSpanExporter, maxQueueSize: 65_536, maxExportBatchSize: 2_048 });
trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [spans] }));
const reader = new PullMetricReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));

// Registered before the SDK is required, so its CommonJS hook patches it; disabled for the bare case.
const sightline = new McpInstrumentation();
registerInstrumentations({ instrumentations: [sightline] });

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any */
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js') as any;
const { Client } = require('@modelcontextprotocol/sdk/client/index.js') as any;
const { Server } = require('@modelcontextprotocol/sdk/server/index.js') as any;
const { InMemoryTransport } = require('@modelcontextprotocol/sdk/inMemory.js') as any;
const { z } = require('zod') as typeof import('zod');

async function connectedClient(): Promise<any> {
  const server = new McpServer({ name: 'bench', version: '1.0.0' });
  server.registerTool('get_weather', { inputSchema: { city: z.string(), days: z.number() } }, async ({ city }: { city: string }) => ({
    content: [{ type: 'text', text: `sunny in ${city}` }],
  }));
  const client = new Client({ name: 'bench', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

function toolCalls(name: string, client: any): BenchCase {
  return {
    name,
    perCall: CALLS,
    fn: async () => {
      for (let i = 0; i < CALLS; i++) await client.callTool({ name: 'get_weather', arguments: { city: 'Paris', days: 3 } });
      await spans.forceFlush();
    },
  };
}

async function measure(name: string, setUp: () => void): Promise<CaseResult[]> {
  setUp();
  const client = await connectedClient();
  const group = await runGroup(name, [toolCalls(name, client)]);
  await client.close();
  return group.cases;
}

const cases = [
  ...(await measure('uninstrumented', () => sightline.disable())),
  ...(await measure('@sightline/instrumentation-mcp: client + server spans, _meta, metrics, digest', () => sightline.enable())),
  ...(await measure('@traceloop/instrumentation-mcp 0.27 (manual): client spans only', () => {
    sightline.disable();
    new TraceloopMcpInstrumentation().manuallyInstrument({ Client, Server });
  })),
];
report('mcp', [{ group: 'one MCP tool call over the in-memory transport (SDK 1.32, client and server in one process)', cases }]);
