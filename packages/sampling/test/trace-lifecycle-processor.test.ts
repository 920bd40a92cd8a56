import { ROOT_CONTEXT, SpanStatusCode, trace, type SpanContext } from '@opentelemetry/api';
import { AlwaysOnSampler } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { TraceLifecycleProcessor, type TraceListener } from '../src/trace-lifecycle-processor.js';
import { parentContext, tracePipeline } from './fixtures/pipelines.js';

function recorder(): TraceListener & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    traceFailed: (spanContext: SpanContext) => void events.push(`failed ${spanContext.traceId.slice(-4)}`),
    traceEnded: (traceId: string) => void events.push(`ended ${traceId.slice(-4)}`),
  };
}

describe('TraceLifecycleProcessor', () => {
  it('reports failed spans and the end of local roots (no parent, or a remote one)', () => {
    const listener = recorder();
    const { tracer, ids } = tracePipeline(new AlwaysOnSampler(), [new TraceLifecycleProcessor([listener])]);
    ids.next('0000000000000000000000000000aaaa');
    const root = tracer.startSpan('root');
    const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, root));
    child.setStatus({ code: SpanStatusCode.ERROR });
    child.end();
    root.end();
    const server = tracer.startSpan('server', {}, parentContext('0000000000000000000000000000bbbb'));
    server.end();
    expect(listener.events).toEqual(['failed aaaa', 'ended aaaa', 'ended bbbb']);
  });

  it('does nothing without listeners', async () => {
    const processor = new TraceLifecycleProcessor([]);
    const { tracer } = tracePipeline(new AlwaysOnSampler(), [processor]);
    tracer.startSpan('root').end();
    await expect(processor.forceFlush()).resolves.toBeUndefined();
    await expect(processor.shutdown()).resolves.toBeUndefined();
  });
});
