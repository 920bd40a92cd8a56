import { context, logs, SeverityNumber, trace } from '@opentelemetry/api';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { ExceptionReporter } from '../src/exception-reporter.js';
import { pipeline } from './fixtures/pipeline.js';

afterEach(() => logs.disable());

function setup() {
  const { provider, exported } = pipeline();
  logs.setGlobalLoggerProvider(provider);
  const spans = new InMemorySpanExporter();
  const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }).getTracer('t');
  return { exported, spans, tracer };
}

describe('ExceptionReporter', () => {
  it("emits an exception event in the span's trace and marks the span failed, without span events by default", () => {
    const { exported, spans, tracer } = setup();
    const span = tracer.startSpan('op');
    new ExceptionReporter().record(new TypeError('bad'), { eventName: 'llm.chat.exception', context: trace.setSpan(context.active(), span) });
    span.end();
    const [record] = exported();
    expect(record).toMatchObject({ eventName: 'llm.chat.exception', severityNumber: SeverityNumber.ERROR, body: 'TypeError: bad' });
    expect(record!.attributes).toMatchObject({ 'exception.type': 'TypeError', 'exception.message': 'bad' });
    expect(record!.spanContext?.spanId).toBe(span.spanContext().spanId);
    const [finished] = spans.getFinishedSpans();
    expect(finished!.status).toMatchObject({ code: 2, message: 'bad' });
    expect(finished!.attributes['error.type']).toBe('TypeError');
    expect(finished!.events).toHaveLength(0);
  });

  it('adds the span event with logs/dup, leaves the span alone for WARN, and takes a fingerprint', () => {
    const { exported, spans, tracer } = setup();
    const span = tracer.startSpan('op');
    const ctx = trace.setSpan(context.active(), span);
    new ExceptionReporter({ exceptionSignal: 'logs/dup' }).record(new Error('x'), { context: ctx, severity: 'warn', fingerprint: 'fp' });
    span.end();
    expect(exported()[0]).toMatchObject({ eventName: 'exception', severityText: 'WARN', attributes: { 'sightline.exception.fingerprint': 'fp' } });
    const [finished] = spans.getFinishedSpans();
    expect(finished!.status.code).toBe(0);
    expect(finished!.events.map((e) => e.name)).toEqual(['exception']);
  });
});
