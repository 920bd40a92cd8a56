/**
 * The MCP part of the demo: an MCP server (SDK 1.x `McpServer`) whose `get_weather` tool logs and does
 * some work in child spans, and a client that lists the tools and calls them over the in-memory
 * transport, one failing call included. Nothing here is telemetry code beyond `getLogger`/`withSpan`:
 * `McpInstrumentation` makes the client span, injects its context into `params._meta`, and makes the
 * server span the tool runs in, so the `mcp` console format shows tool call → work with durations.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { getLogger, withSpan } from '@sightline/core';
import { z } from 'zod';

const log = getLogger('demo.mcp');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function createWeatherServer(): McpServer {
  const server = new McpServer({ name: 'demo-weather', version: '1.0.0' });
  server.registerTool(
    'get_weather',
    { description: 'Forecast for a city', inputSchema: { city: z.string() } },
    async ({ city }) => {
      log.info('fetching forecast', { city });
      const raw = await withSpan('forecast lookup', async () => {
        await sleep(30);
        return { city, sky: 'sunny', high: 24 };
      });
      const summary = await withSpan('summarise forecast', async () => {
        await sleep(15);
        return `${raw.sky} in ${raw.city}, up to ${raw.high}°C`;
      });
      return { content: [{ type: 'text', text: summary }] };
    },
  );
  server.registerTool('get_alerts', { description: 'Weather alerts (always fails in the demo)' }, async () => {
    await sleep(5);
    throw new Error('alerts service unavailable');
  });
  return server;
}

/** Starts the server and a client on linked in-memory transports, calls the tools, closes both. */
export async function runMcpFlow(): Promise<void> {
  const server = createWeatherServer();
  const client = new Client({ name: 'demo-agent', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  try {
    await withSpan('agent turn', async () => {
      const { tools } = await client.listTools();
      log.info('tools available', { count: tools.length });
      const forecast = await client.callTool({ name: 'get_weather', arguments: { city: 'Lisbon' } });
      const alerts = await client.callTool({ name: 'get_alerts', arguments: {} });
      log.info('agent turn finished', { forecastOk: forecast.isError !== true, alertsOk: alerts.isError !== true });
    });
  } finally {
    await client.close();
    await server.close();
  }
}
