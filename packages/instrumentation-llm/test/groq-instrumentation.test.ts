import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import * as groqV1 from 'groq-sdk';
import type GroqType from 'groq-sdk';
import * as groqV0 from 'groq-v0';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GroqInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from './fixtures/harness.js';

/** Each supported major, as imported, with the version the module hooks would report. */
const SDKS = [
  { version: '1.6.0', module: groqV1 as object },
  { version: '0.9.1', module: groqV0 as object },
];

const instrumentation = new GroqInstrumentation();
const harness = createHarness(instrumentation);
for (const { module, version } of SDKS) patchModule(instrumentation, 'groq-sdk', module, version);
let fake: FakeProviders;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe.each(SDKS)('groq-sdk $version', ({ module, version }) => {
  const Groq = (module as { Groq: unknown }).Groq as typeof GroqType;
  let groq: GroqType;

  beforeAll(() => {
    groq = new Groq({ apiKey: 'gsk-test', baseURL: fake.baseURLs.groq });
  });

  it('plain: one CLIENT span "chat {model}", provider groq, usage, finish reasons', async () => {
    const completion = await groq.chat.completions.create({ model: 'llama-test', messages });
    expect(completion.choices[0]?.message.content).toBe('Hello w1 w2');
    const span = harness.onlySpan();
    expect(span.name).toBe('chat llama-test');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toMatchObject({ 'gen_ai.provider.name': 'groq', 'gen_ai.request.model': 'llama-test', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.finish_reasons': ['stop'] });
  });

  it('records duration and token usage metrics with the call attributes', async () => {
    const model = `llama-metrics-${version}`;
    await groq.chat.completions.create({ model, messages });
    const duration = await harness.histogram('gen_ai.client.operation.duration', model);
    expect(duration).toHaveLength(1);
    expect(duration[0]!.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'groq', 'gen_ai.response.model': `${model}-2026` });
    const tokens = await harness.histogram('gen_ai.client.token.usage', model);
    expect(tokens.map((p) => [p.attributes['gen_ai.token.type'], p.sum]).sort()).toEqual([['input', 12], ['output', 3]]);
  });

  it('streamed: usage from x_groq in the last chunk, without asking', async () => {
    const stream = await groq.chat.completions.create({ model: 'llama-test', messages, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello w1 w2');
    expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3 });
  });

  it('a flaky 503 is retried once and succeeds: resend count from the retried buildRequest', async () => {
    await groq.chat.completions.create({ model: 'llama-flaky', messages });
    const span = harness.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes['http.request.resend_count']).toBe(1);
  });

  it('errors keep their class', async () => {
    await expect(groq.chat.completions.create({ model: 'llama-error-500', messages, max_retries: 0 } as never, { maxRetries: 0 })).rejects.toBeInstanceOf(Groq.InternalServerError);
    expect(harness.onlySpan().status.code).toBe(SpanStatusCode.ERROR);
    expect(harness.onlySpan().attributes['error.type']).toBe('InternalServerError');
  });
});
