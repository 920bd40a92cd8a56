/**
 * One MCP `tools/call` per iteration over the in-memory transport (SDK 1.x, CommonJS build), client and
 * McpServer in this process. Modes: `off` (uninstrumented), `on` (@sightline/instrumentation-mcp: client
 * and server spans, `_meta` propagation, metrics, arguments digest), `traceloop`
 * (@traceloop/instrumentation-mcp, manual: client spans only).
 */
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { McpInstrumentation } from '@sightline/instrumentation-mcp';
import { McpInstrumentation as TraceloopMcpInstrumentation } from '@traceloop/instrumentation-mcp';
import { createRequire } from 'node:module';
import { loop, mode } from './sdk.ts';

// Registered before the SDK is required, so that its CommonJS hook patches it; disabled unless `on`.
const sightline = new McpInstrumentation();
registerInstrumentations({ instrumentations: [sightline] });
if (mode !== 'on') sightline.disable();

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any */
const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js') as any;
const { Client } = require('@modelcontextprotocol/sdk/client/index.js') as any;
const { Server } = require('@modelcontextprotocol/sdk/server/index.js') as any;
const { InMemoryTransport } = require('@modelcontextprotocol/sdk/inMemory.js') as any;
const { z } = require('zod') as typeof import('zod');
if (mode === 'traceloop') new TraceloopMcpInstrumentation().manuallyInstrument({ Client, Server });

const server = new McpServer({ name: 'bench', version: '1.0.0' });
server.registerTool('get_weather', { inputSchema: { city: z.string(), days: z.number() } }, async ({ city }: { city: string }) => ({
  content: [{ type: 'text', text: `sunny in ${city}` }],
}));
const client = new Client({ name: 'bench', version: '1.0.0' });
const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
await server.connect(serverTransport);
await client.connect(clientTransport);
await loop(() => client.callTool({ name: 'get_weather', arguments: { city: 'Paris', days: 3 } }));
await client.close();
