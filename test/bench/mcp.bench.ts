/**
 * What a user's process pays per MCP tool call (issue 15, target 2), by the method of `process-rounds.ts`:
 * `tools/call` over the in-memory transport (SDK 1.x), client and server in one process (`mcp-worker.ts`),
 * a `BatchSpanProcessor` pipeline, no forced GC.
 *
 * Variants: uninstrumented; the SDK span alone (a CLIENT span around the call and a SERVER span around
 * the handler, each active through `context.with`); the SDK floor (the same plus the client and server
 * operation-duration records); Sightline as `bootstrap()` runs it (client + server spans, `_meta`
 * propagation, the arguments digest, histograms aggregated in process) and with the MeterProvider's
 * histograms; `@traceloop/instrumentation-mcp` (client spans only, no metrics).
 * `@arizeai/openinference-instrumentation-mcp` only propagates context through the stdio, SSE and
 * Streamable HTTP transports and creates no span or metric: over the in-memory transport it does nothing,
 * so it is not a row.
 *
 * Run after `npm run build`: `npm run bench mcp`, or `node test/bench/mcp.bench.ts [rounds] [calls] [warmup]`.
 */
import { report } from './harness.ts';
import { printTable, resultGroups, runRounds, type Variant } from './process-rounds.ts';

const VARIANTS: Variant[] = [
  ['uninstrumented', 'MCP SDK 1.x, uninstrumented'],
  ['span', 'SDK span alone: a client and a server span, each with context.with'],
  ['floor', 'SDK floor: the two spans, context.with, two histogram records'],
  ['sightline', '@sightline/instrumentation-mcp, histograms aggregated in process (as bootstrap() runs it)'],
  ['sightline-sdk-histograms', '@sightline/instrumentation-mcp, histograms through the MeterProvider'],
  ['traceloop', '@traceloop/instrumentation-mcp (client spans only, no metrics)'],
];

const run = runRounds({
  worker: new URL('./mcp-worker.ts', import.meta.url),
  variants: VARIANTS,
  args: [],
  rounds: Number(process.argv[2] ?? 11),
  calls: Number(process.argv[3] ?? 5000),
  warmup: Number(process.argv[4] ?? 1000),
});
printTable(run, 'tool calls');
report('mcp', resultGroups(run, 'tools/call'));
