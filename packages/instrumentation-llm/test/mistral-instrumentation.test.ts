import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import * as mistralModule from '@mistralai/mistralai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MistralInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from './fixtures/harness.js';

const instrumentation = new MistralInstrumentation({ captureMessageContent: true });
const harness = createHarness(instrumentation);
patchModule(instrumentation, '@mistralai/mistralai', mistralModule, '2.7.0');
const { Mistral } = mistralModule;
let fake: FakeProviders;
let client: InstanceType<typeof Mistral>;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
  client = new Mistral({ apiKey: 'mistral-test', serverURL: fake.baseURLs.mistral });
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe('@mistralai/mistralai 2', () => {
  it('chat.complete: one CLIENT span, provider mistral_ai, request parameters, usage, finish reasons', async () => {
    const response = await client.chat.complete({ model: 'mistral-test', messages, maxTokens: 50, temperature: 0.3, topP: 0.9, randomSeed: 7 });
    expect(response.choices[0]?.message?.content).toBe('Hello w1 w2');
    const span = harness.onlySpan();
    expect(span.name).toBe('chat mistral-test');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'mistral_ai',
      'server.address': '127.0.0.1',
      'gen_ai.request.max_tokens': 50,
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.seed': 7,
      'gen_ai.request.stream': false,
      'gen_ai.response.id': 'chatcmpl-mistral-1',
      'gen_ai.response.model': 'mistral-test-2026',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(JSON.parse(String(span.attributes['gen_ai.input.messages']))).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]);
  });

  it('chat.stream: the SDK EventStream still yields its events; usage from the last chunk', async () => {
    const stream = await client.chat.stream({ model: 'mistral-test-chunks-4', messages });
    let text = '';
    for await (const event of stream) text += String(event.data.choices[0]?.delta.content ?? '');
    expect(text).toBe('Hello w1 w2 w3');
    const span = harness.onlySpan();
    expect(span.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 4, 'gen_ai.response.finish_reasons': ['stop'] });
    expect(String(span.attributes['gen_ai.output.messages'])).toContain('Hello w1 w2 w3');
  });

  it('streamed tool calls: name and id on the span, arguments accumulated in the output', async () => {
    const stream = await client.chat.stream({ model: 'mistral-tools', messages });
    for await (const _event of stream) void _event;
    const span = harness.onlySpan();
    expect(span.attributes['sightline.gen_ai.response.tool_call.names']).toEqual(['get_weather']);
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    const output = JSON.parse(String(span.attributes['gen_ai.output.messages'])) as Array<{ parts: unknown[] }>;
    expect(output[0]!.parts).toContainEqual({ type: 'tool_call', id: 'call_fake_1', name: 'get_weather', arguments: { city: 'Paris' } });
  });

  it('embeddings.create: operation embeddings, input tokens, dimensions and encoding format', async () => {
    const response = await client.embeddings.create({ model: 'mistral-embed', inputs: ['a', 'b'], outputDimension: 4, encodingFormat: 'float' });
    expect(response.data).toHaveLength(2);
    expect(harness.onlySpan().attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings', 'gen_ai.usage.input_tokens': 12, 'gen_ai.response.id': 'emb-fake-1',
      'gen_ai.embeddings.dimension.count': 4, 'gen_ai.request.encoding_formats': ['float'],
    });
  });

  it('errors: the SDK error reaches the app, error.type is the HTTP status', async () => {
    await expect(client.chat.complete({ model: 'mistral-error-400', messages })).rejects.toMatchObject({ statusCode: 400 });
    const span = harness.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('400');
  });

  it('a second client shares the patched resources: still one span per call', async () => {
    const other = new Mistral({ apiKey: 'k', serverURL: fake.baseURLs.mistral });
    await other.chat.complete({ model: 'mistral-second', messages });
    expect(harness.onlySpan().name).toBe('chat mistral-second');
  });
});
