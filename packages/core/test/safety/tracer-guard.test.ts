import { trace } from '@opentelemetry/api';
import { AlwaysOnSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SafetyCounters } from '../../src/safety/safety-counters.js';
import { SanitizeSpanProcessor } from '../../src/safety/sanitize-span-processor.js';
import { guardTracerPrototype } from '../../src/safety/tracer-guard.js';
import { anyValue } from '../fixtures/hostile-values.js';
import { EndedSpans } from '../fixtures/recording-processors.js';

const ended = new EndedSpans();
const provider = new TracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [new SanitizeSpanProcessor(new SafetyCounters()), ended] });
const tracer = provider.getTracer('guarded');
guardTracerPrototype(Object.getPrototypeOf(tracer) as object);

describe('guardTracerPrototype', () => {
  it('startSpan and startActiveSpan never throw, whatever the name, options and context', () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, (name, options, context) => {
        expect(() => tracer.startSpan(name.make() as string, options.make() as never, context.make() as never).end()).not.toThrow();
        expect(() => tracer.startActiveSpan(name.make() as string, options.make() as never, (span) => span.end())).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('when the SDK throws on an attribute, the span is started again and keeps what can be encoded', () => {
    ended.reset();
    const span = tracer.startSpan('retried', { attributes: { ok: 1, bytes: Object.setPrototypeOf({}, Uint8Array.prototype) as never }, kind: 2 });
    span.end();
    expect(ended.ended[0]?.name).toBe('retried');
    expect(ended.ended[0]?.kind).toBe(2);
    expect(ended.ended[0]?.attributes).toEqual({ ok: 1 });
    expect(trace.isSpanContextValid(span.spanContext())).toBe(true);
  });
});
