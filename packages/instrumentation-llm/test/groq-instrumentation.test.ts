import { SpanStatusCode } from '@opentelemetry/api';
import * as groqModule from 'groq-sdk';
import Groq from 'groq-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GroqInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from './fixtures/harness.js';

const instrumentation = new GroqInstrumentation();
const harness = createHarness(instrumentation);
patchModule(instrumentation, 'groq-sdk', groqModule, '1.6.0');
let fake: FakeProviders;
let groq: Groq;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
  groq = new Groq({ apiKey: 'gsk-test', baseURL: fake.baseURLs.groq });
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

function onlySpan() {
  const spans = harness.spans();
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe('chat completions', () => {
  it('plain: provider groq, usage', async () => {
    const completion = await groq.chat.completions.create({ model: 'llama-test', messages });
    expect(completion.choices[0]?.message.content).toBe('Hello w1 w2');
    expect(onlySpan().attributes).toMatchObject({ 'gen_ai.provider.name': 'groq', 'gen_ai.request.model': 'llama-test', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.finish_reasons': ['stop'] });
  });

  it('streamed: usage from x_groq in the last chunk, without asking', async () => {
    const stream = await groq.chat.completions.create({ model: 'llama-test', messages, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello w1 w2');
    expect(onlySpan().attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3 });
  });

  it('errors keep their class', async () => {
    await expect(groq.chat.completions.create({ model: 'llama-error-500', messages, max_retries: 0 } as never, { maxRetries: 0 })).rejects.toBeInstanceOf(Groq.InternalServerError);
    expect(onlySpan().status.code).toBe(SpanStatusCode.ERROR);
    expect(onlySpan().attributes['error.type']).toBe('InternalServerError');
  });
});
