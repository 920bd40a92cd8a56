import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CohereInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness } from './fixtures/harness.js';
import type * as CohereModule from 'cohere-ai';

const require = createRequire(import.meta.url);
const instrumentation = new CohereInstrumentation({ captureMessageContent: true });
const harness = createHarness(instrumentation);

// The require hook patches the file that defines V2Client when it loads: do the same here.
const file = instrumentation.getModuleDefinitions()[0]!.files[0]!;
file.patch(require(join(dirname(require.resolve('cohere-ai')), 'api/resources/v2/client/Client.js')), '8.1.0');
const { CohereClientV2, Cohere } = require('cohere-ai') as typeof CohereModule;
let fake: FakeProviders;
let cohere: InstanceType<typeof CohereClientV2>;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
  cohere = new CohereClientV2({ token: 'cohere-test', baseUrl: fake.baseURLs.cohere });
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe('cohere-ai 8 (CohereClientV2)', () => {
  it('chat: one CLIENT span, provider cohere, usage from the tokens processed (not the billed units)', async () => {
    const response = await cohere.chat({ model: 'command-test', messages, maxTokens: 40, p: 0.8, k: 5 });
    expect(response.message.content?.[0]).toMatchObject({ type: 'text', text: 'Hello w1 w2' });
    const span = harness.onlySpan();
    expect(span.name).toBe('chat command-test');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'cohere',
      'server.address': '127.0.0.1',
      'gen_ai.request.max_tokens': 40,
      'gen_ai.request.top_p': 0.8,
      'gen_ai.request.top_k': 5,
      'gen_ai.response.id': 'cohere-fake-1',
      'gen_ai.usage.input_tokens': 71,
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['COMPLETE'],
    });
    expect(JSON.parse(String(span.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Hello w1 w2' }], finish_reason: 'COMPLETE' },
    ]);
  });

  it('chat(...).withRawResponse() still gives the data and the raw response', async () => {
    const { data, rawResponse } = await cohere.chat({ model: 'command-raw', messages }).withRawResponse();
    expect(data.id).toBe('cohere-fake-1');
    expect(rawResponse.status).toBe(200);
    expect(harness.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(3);
  });

  it('chatStream: the SDK stream yields its events; usage and finish reason from message-end', async () => {
    const stream = await cohere.chatStream({ model: 'command-test-chunks-4', messages });
    let text = '';
    for await (const event of stream) if (event.type === 'content-delta') text += event.delta?.message?.content?.text ?? '';
    expect(text).toBe('Hello w1 w2 w3');
    const span = harness.onlySpan();
    expect(span.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 71, 'gen_ai.usage.output_tokens': 4, 'gen_ai.response.finish_reasons': ['COMPLETE'] });
    expect(String(span.attributes['gen_ai.output.messages'])).toContain('Hello w1 w2 w3');
  });

  it('streamed tool calls: name, id and accumulated arguments', async () => {
    const stream = await cohere.chatStream({ model: 'command-tools', messages });
    for await (const _event of stream) void _event;
    const span = harness.onlySpan();
    expect(span.attributes['sightline.gen_ai.response.tool_call.names']).toEqual(['get_weather']);
    expect(span.attributes['sightline.gen_ai.response.tool_call.ids']).toEqual(['call_fake_1']);
    expect(String(span.attributes['gen_ai.output.messages'])).toContain('"arguments":{"city":"Paris"}');
  });

  it('embed: operation embeddings, billed input tokens', async () => {
    const response = await cohere.embed({ model: 'embed-test', texts: ['a', 'b'], inputType: 'search_document', embeddingTypes: ['float'], outputDimension: 256 });
    expect(response.embeddings.float).toHaveLength(2);
    expect(harness.onlySpan().attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings', 'gen_ai.usage.input_tokens': 8, 'gen_ai.request.encoding_formats': ['float'],
      'gen_ai.embeddings.dimension.count': 256, 'gen_ai.response.id': 'cohere-embed-1',
    });
  });

  it('errors keep their class (TooManyRequestsError) and name error.type', async () => {
    await expect(cohere.chat({ model: 'command-error-429', messages }, { maxRetries: 0 })).rejects.toBeInstanceOf(Cohere.TooManyRequestsError);
    const span = harness.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('TooManyRequestsError');
  });
});
