/**
 * Instructions per span of the span API guard (issue 12, item 2), counted by callgrind: the workload of
 * `test/bench/safety.bench.ts` (start with 2 attributes, 3 setAttribute, setAttributes with 2, addEvent with 1
 * attribute, setStatus, end) on a TracerProvider exporting to a no-op exporter.
 * Modes: `bare` (the SDK's classes as shipped), `tracer-guarded` (after `bootstrap()`, which guards the tracer
 * class, but before any span went through its pipeline, so the span class is not guarded yet) and `guarded`
 * (tracer and span classes guarded).
 * Usage: test/bench/callgrind/instructions-per-call.sh test/bench/callgrind/span-guard.ts bare tracer-guarded guarded
 */
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { bootstrap } from '@sightline/core';
import { noopSpanExporter } from '../sdk-stubs.ts';

const mode = process.argv[2] ?? 'bare';
const calls = Number(process.argv[3] ?? 500);

if (mode === 'guarded' || mode === 'tracer-guarded') {
  bootstrap({ exporters: { logs: [], traces: [], metrics: [] }, handleProcessExit: false, captureCrashes: false, diagLogLevel: 'none' });
  // The first span through the pipeline guards the span class.
  if (mode === 'guarded') trace.getTracer('guard').startSpan('guard').end();
} else {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: noopSpanExporter })] }).getTracer('bench');
for (let i = 0; i < calls; i++) {
  const span = tracer.startSpan('checkout', { attributes: { 'order.id': 'o-1', items: 3 } });
  span.setAttribute('user.id', 'u-123');
  span.setAttribute('amount', 42.5);
  span.setAttribute('express', true);
  span.setAttributes({ 'cart.size': 3, region: 'eu' });
  span.addEvent('payment.authorized', { 'payment.method': 'card' });
  span.setStatus({ code: 1 });
  span.end();
}
