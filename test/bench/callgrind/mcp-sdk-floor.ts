/**
 * The OpenTelemetry SDK work of one traced MCP tool call with no MCP SDK around it: a CLIENT span, W3C
 * trace context injected into a carrier and extracted from it, a SERVER span run in its context, one
 * histogram record per side, with the attributes @sightline/instrumentation-mcp records. Mode `on` does
 * that per iteration, `off` only the loop (subtract it).
 */
import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { loop, meterProvider, mode, tracerProvider } from './sdk.ts';

const tracer = tracerProvider.getTracer('floor');
const meter = meterProvider.getMeter('floor');
const clientDuration = meter.createHistogram('mcp.client.operation.duration');
const serverDuration = meter.createHistogram('mcp.server.operation.duration');
const propagator = new W3CTraceContextPropagator();
const spanAttributes = () => ({
  'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather', 'gen_ai.operation.name': 'execute_tool',
  'network.transport': 'pipe', 'mcp.protocol.version': '2025-06-18', 'mcp.session.id': 'abc',
});
const metricAttributes = () => ({
  'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather', 'gen_ai.operation.name': 'execute_tool',
  'network.transport': 'pipe', 'mcp.protocol.version': '2025-06-18',
});

async function toolCall(): Promise<void> {
  const start = performance.now();
  const client = tracer.startSpan('tools/call get_weather', { kind: SpanKind.CLIENT, attributes: spanAttributes() });
  const clientContext = trace.setSpan(context.active(), client);
  const carrier: Record<string, string> = {};
  propagator.inject(clientContext, carrier, defaultTextMapSetter);
  await context.with(clientContext, async () => {
    const parent = propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
    const server = tracer.startSpan('tools/call get_weather', { kind: SpanKind.SERVER, attributes: spanAttributes() }, parent);
    await context.with(trace.setSpan(parent, server), async () => undefined);
    server.setAttribute('jsonrpc.request.id', '1');
    server.end();
    serverDuration.record((performance.now() - start) / 1000, metricAttributes());
  });
  client.setAttribute('jsonrpc.request.id', '1');
  client.end();
  clientDuration.record((performance.now() - start) / 1000, metricAttributes());
}

await loop(mode === 'on' ? toolCall : () => Promise.resolve());
