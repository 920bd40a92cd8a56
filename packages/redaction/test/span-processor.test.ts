import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { ATTR_SIGHTLINE_REDACTION_COUNT, createRedactor, RedactionSpanProcessor, type Redactor } from '../src/index.js';

const EMAIL = 'jane@example.com';
const KEY = 'sk-ant-api03-Ab1_Cd2-Ef3_Gh4-Ij5_Kl6-Mn7_Op8-AA';

/** Records what a processor registered after the redaction one sees in `onEnding`. */
class Witness implements SpanProcessor {
  readonly names: string[] = [];
  onStart(): void {}
  onEnding(span: Span): void {
    this.names.push(span.name);
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function setup(redactor: Redactor = createRedactor({ knownSecrets: [] })) {
  const exporter = new InMemorySpanExporter();
  const witness = new Witness();
  const provider = new TracerProvider({ spanProcessors: [new RedactionSpanProcessor(redactor), witness, new SimpleSpanProcessor({ exporter })] });
  return { exporter, witness, tracer: provider.getTracer('test'), flush: () => provider.forceFlush() };
}

describe('RedactionSpanProcessor with the SDK TracerProvider', () => {
  it('redacts the name, attributes, events (recordException included), links and status before export', async () => {
    const { exporter, witness, tracer, flush } = setup();
    const linked = tracer.startSpan('linked');
    linked.end();
    const span = tracer.startSpan(`GET /users/${EMAIL}`, {
      attributes: { 'enduser.email': EMAIL, 'http.request.header.authorization': 'Bearer abc', 'http.response.status_code': 401 },
      links: [{ context: linked.spanContext(), attributes: { note: `from ${EMAIL}` } }],
    });
    span.addEvent(`mail to ${EMAIL}`, { recipient: EMAIL, size: 3 });
    span.recordException(new Error(`invalid x-api-key ${KEY}`));
    span.setStatus({ code: SpanStatusCode.ERROR, message: `rejected ${KEY}` });
    span.end();

    await flush();
    const exported = exporter.getFinishedSpans().find((s) => s.name !== 'linked')!;
    expect(exported.name).toBe('GET /users/[REDACTED:email]');
    expect(witness.names.at(-1)).toBe('GET /users/[REDACTED:email]');
    expect(exported.attributes).toMatchObject({
      'enduser.email': '[REDACTED:email]',
      'http.request.header.authorization': '[REDACTED:sensitive_key]',
      'http.response.status_code': 401,
    });
    expect(exported.events[0]).toMatchObject({ name: 'mail to [REDACTED:email]', attributes: { recipient: '[REDACTED:email]', size: 3 } });
    const exception = exported.events[1];
    expect(exception.name).toBe('exception');
    expect(exception.attributes?.['exception.message']).toBe('invalid x-api-key [REDACTED:anthropic_key]');
    expect(exception.attributes?.['exception.stacktrace']).toContain('invalid x-api-key [REDACTED:anthropic_key]');
    expect(exported.links[0].attributes).toEqual({ note: 'from [REDACTED:email]' });
    expect(exported.status).toEqual({ code: SpanStatusCode.ERROR, message: 'rejected [REDACTED:anthropic_key]' });
    // name 1, attributes 2, event name and attribute 2, exception message and stack 2, link 1, status 1
    expect(exported.attributes[ATTR_SIGHTLINE_REDACTION_COUNT]).toBe(9);
    expect(JSON.stringify(exported.events) + JSON.stringify(exported.attributes)).not.toContain(EMAIL);
  });

  it('leaves a clean span as it was, without a count', async () => {
    const { exporter, tracer, flush } = setup();
    tracer.startSpan('chat gpt-4o', { attributes: { 'gen_ai.usage.output_tokens': 40 } }).end();
    await flush();
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('chat gpt-4o');
    expect(span.attributes).toEqual({ 'gen_ai.usage.output_tokens': 40 });
  });

  it('switches at run time with the shared redactor', async () => {
    const redactor = createRedactor({ knownSecrets: [] });
    const { exporter, tracer, flush } = setup(redactor);
    redactor.setDetectors({ email: false });
    tracer.startSpan(`to ${EMAIL}`).end();
    redactor.setDetectors({ email: true });
    redactor.setEnabled(false);
    tracer.startSpan(`to ${EMAIL}`).end();
    redactor.setEnabled(true);
    tracer.startSpan(`to ${EMAIL}`).end();
    await flush();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual([`to ${EMAIL}`, `to ${EMAIL}`, 'to [REDACTED:email]']);
  });

  it('fails closed when a foreign redactor throws: name, attributes, events, links and status do not leave', async () => {
    const broken = {
      isEnabled: () => true,
      getRedactionTotal: () => 0,
      redact: () => {
        throw new Error('bug');
      },
    } as unknown as Redactor;
    const { exporter, tracer, flush } = setup(broken);
    const span = tracer.startSpan(EMAIL, { attributes: { a: EMAIL }, links: [{ context: tracer.startSpan('l').spanContext(), attributes: { c: EMAIL } }] });
    span.addEvent('e', { b: EMAIL });
    span.setStatus({ code: SpanStatusCode.ERROR, message: EMAIL });
    span.end();
    await flush();
    const [exported] = exporter.getFinishedSpans();
    expect(exported.name).toBe('[REDACTED:error]');
    expect(exported.attributes).toEqual({ a: '[REDACTED:error]', [ATTR_SIGHTLINE_REDACTION_COUNT]: 1 });
    expect(exported.events).toEqual([]);
    expect(exported.links).toEqual([]);
    expect(exported.status.message).toBe('[REDACTED:error]');
  });
});
