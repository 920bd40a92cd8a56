import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { AlwaysOnSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { SafetyCounters } from '../../src/safety/safety-counters.js';
import { SanitizeSpanProcessor } from '../../src/safety/sanitize-span-processor.js';
import { EndedSpans } from '../fixtures/recording-processors.js';

describe('SanitizeSpanProcessor', () => {
  it('repairs names, times and links of spans that reach it unguarded, counted; the spans encode', () => {
    const counters = new SafetyCounters();
    const ended = new EndedSpans();
    const provider = new TracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [new SanitizeSpanProcessor(counters), ended] });
    const tracer = provider.getTracer('t');
    const good = { context: { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 } };
    tracer.startSpan(null as never, { links: [{ context: null } as never, good, { context: { traceId: 5 } } as never] }).end();
    const span = tracer.startSpan('renamed directly');
    (span as unknown as { name: unknown }).name = undefined;
    span.end();
    expect(ended.ended.map((s) => s.name)).toEqual(['null', 'undefined']);
    expect(ended.ended[0]?.links.map((l) => l.context.spanId)).toEqual(['b7ad6b7169203331']);
    expect(ProtobufTraceSerializer.serializeRequest(ended.ended)?.length).toBeGreaterThan(0);
    expect(JsonTraceSerializer.serializeRequest(ended.ended)?.length).toBeGreaterThan(0);
    expect(counters.getSanitizedCounts().spans).toMatchObject({ coerced: 2, invalid_value: 2 });
  });

  it('guards the span class of the spans it sees, once', () => {
    const ended = new EndedSpans();
    const provider = new TracerProvider({ spanProcessors: [new SanitizeSpanProcessor(new SafetyCounters()), ended] });
    const span = provider.getTracer('t').startSpan('guarded');
    expect(Object.getOwnPropertySymbols(Object.getPrototypeOf(span)).map(String)).toContain('Symbol(sightline.spanGuard.v1)');
    expect(() => span.setAttributes('x'.repeat(100) as never)).not.toThrow();
    span.end();
  });
});
