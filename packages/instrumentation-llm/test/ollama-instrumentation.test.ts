import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import * as ollamaModule from 'ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OllamaInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from './fixtures/harness.js';

const instrumentation = new OllamaInstrumentation({ captureMessageContent: true });
const harness = createHarness(instrumentation);
patchModule(instrumentation, 'ollama', ollamaModule, '0.6.4');
const { Ollama } = ollamaModule;
let fake: FakeProviders;
let ollama: InstanceType<typeof Ollama>;
const messages = [{ role: 'user', content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
  ollama = new Ollama({ host: fake.baseURLs.ollama });
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe('ollama 0.6', () => {
  it('chat: one CLIENT span "chat {model}", provider ollama, host address and port, usage from the counts', async () => {
    const response = await ollama.chat({ model: 'llama-test', messages, options: { temperature: 0.2, num_predict: 64 } });
    expect(response.message.content).toBe('Hello w1 w2');
    const span = harness.onlySpan();
    expect(span.name).toBe('chat llama-test');
    expect(span.kind).toBe(SpanKind.CLIENT);
    const port = Number(new URL(fake.url).port);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'ollama',
      'server.address': '127.0.0.1',
      'server.port': port,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.request.stream': false,
      'gen_ai.usage.input_tokens': 26,
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(JSON.parse(String(span.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Hello w1 w2' }], finish_reason: 'stop' },
    ]);
  });

  it('streamed chat: the same objects reach the app; usage from the last NDJSON object', async () => {
    const stream = await ollama.chat({ model: 'llama-test-chunks-5', messages, stream: true });
    expect(typeof stream.abort).toBe('function');
    const parts: string[] = [];
    for await (const part of stream) parts.push(part.message.content);
    expect(parts.join('')).toBe('Hello w1 w2 w3 w4');
    const span = harness.onlySpan();
    expect(span.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 26, 'gen_ai.usage.output_tokens': 5 });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeTypeOf('number');
    expect(String(span.attributes['gen_ai.output.messages'])).toContain('Hello w1 w2 w3 w4');
  });

  it('a stream broken off by the app ends the span without usage', async () => {
    const stream = await ollama.generate({ model: 'llama-test-chunks-5', prompt: 'hi', stream: true });
    for await (const part of stream) {
      expect(part.response).toBe('Hello');
      break;
    }
    const span = harness.onlySpan();
    expect(span.attributes['gen_ai.usage.output_tokens']).toBeUndefined();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('generate: operation text_completion, the prompt and system as input', async () => {
    const response = await ollama.generate({ model: 'llama-gen', prompt: 'say hi', system: 'Be brief.' });
    expect(response.response).toBe('Hello w1 w2');
    const span = harness.onlySpan();
    expect(span.name).toBe('text_completion llama-gen');
    expect(JSON.parse(String(span.attributes['gen_ai.input.messages']))).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'say hi' }] }]);
    expect(JSON.parse(String(span.attributes['gen_ai.system_instructions']))).toEqual([{ type: 'text', content: 'Be brief.' }]);
  });

  it('tool calls: names on the span, arguments in the captured output', async () => {
    await ollama.chat({ model: 'llama-tools', messages });
    const span = harness.onlySpan();
    expect(span.attributes['sightline.gen_ai.response.tool_call.names']).toEqual(['get_weather']);
    const output = JSON.parse(String(span.attributes['gen_ai.output.messages'])) as Array<{ parts: Array<{ type: string; arguments?: unknown }> }>;
    expect(output[0]!.parts).toContainEqual({ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } });
  });

  it('embed: operation embeddings, input tokens from prompt_eval_count', async () => {
    const response = await ollama.embed({ model: 'embed-test', input: ['a', 'b'] });
    expect(response.embeddings).toHaveLength(2);
    expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.usage.input_tokens': 6 });
  });

  it('errors: the ResponseError reaches the app, error.type is its HTTP status', async () => {
    await expect(ollama.chat({ model: 'llama-error-404', messages })).rejects.toMatchObject({ name: 'ResponseError', status_code: 404 });
    const span = harness.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('404');
  });

  it('records duration and token usage metrics', async () => {
    await ollama.chat({ model: 'llama-metrics', messages });
    const tokens = await harness.histogram('gen_ai.client.token.usage', 'llama-metrics');
    expect(tokens.map((p) => [p.attributes['gen_ai.token.type'], p.sum]).sort()).toEqual([['input', 26], ['output', 3]]);
    expect(tokens[0]!.attributes['gen_ai.provider.name']).toBe('ollama');
  });
});
