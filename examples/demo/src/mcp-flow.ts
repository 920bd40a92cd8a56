/**
 * The MCP part of the demo: an MCP server (SDK 1.x `McpServer`) whose `get_weather` tool logs, does
 * some work in a child span and asks an LLM (OpenAI's SDK: the fake provider, or the real one when
 * `OPENAI_API_KEY` is set) to phrase the forecast; and a client that lists the tools and calls them over
 * the in-memory transport, one failing call included. Nothing here is telemetry code beyond
 * `getLogger`/`withSpan`: the MCP instrumentation makes the client span, injects its context into
 * `params._meta` and makes the server span the tool runs in; the LLM instrumentation makes the chat span
 * inside it — one trace, client → tool → LLM, which the `mcp` console format shows with durations.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import OpenAI from 'openai';
import { getLogger, withSpan } from '@sightline/core';
import { z } from 'zod';

const log = getLogger('demo.mcp');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function createWeatherServer(llm: OpenAI): McpServer {
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
      const completion = await llm.chat.completions.create({
        model: process.env.DEMO_OPENAI_MODEL ?? 'gpt-5-mini',
        messages: [{ role: 'user', content: `Phrase this forecast in one sentence: ${JSON.stringify(raw)}` }],
      });
      const summary = completion.choices[0]?.message.content ?? `${raw.sky} in ${raw.city}`;
      return { content: [{ type: 'text', text: summary }] };
    },
  );
  server.registerTool('get_alerts', { description: 'Weather alerts (always fails in the demo)' }, async () => {
    await sleep(5);
    throw new Error('alerts service unavailable');
  });
  return server;
}

/**
 * Starts the server and a client on linked in-memory transports, calls the tools, closes both.
 * `openaiBaseURL`: where the tool's LLM calls go when no `OPENAI_API_KEY` is set (the fake provider).
 */
export async function runMcpFlow(openaiBaseURL: string | undefined): Promise<void> {
  const llm = new OpenAI(process.env.OPENAI_API_KEY ? {} : { apiKey: 'demo', baseURL: openaiBaseURL });
  const server = createWeatherServer(llm);
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
