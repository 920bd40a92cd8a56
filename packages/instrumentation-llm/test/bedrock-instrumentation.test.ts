import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import * as bedrockModule from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BedrockInstrumentation } from '../src/index.js';
import { encodeEvent } from '../../../test/fixtures/fake-providers/event-stream.mjs';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from './fixtures/harness.js';

const instrumentation = new BedrockInstrumentation({ captureMessageContent: true });
const harness = createHarness(instrumentation);
patchModule(instrumentation, '@aws-sdk/client-bedrock-runtime', bedrockModule, '3.1178.0');
const { BedrockRuntimeClient, BedrockRuntime, ConverseCommand, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand, ListAsyncInvokesCommand, ValidationException } = bedrockModule;
let fake: FakeProviders;
let client: InstanceType<typeof BedrockRuntimeClient>;
let port: number;
const messages = [{ role: 'user' as const, content: [{ text: 'hi' }] }];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function newClient(): InstanceType<typeof BedrockRuntimeClient> {
  return new BedrockRuntimeClient({
    endpoint: fake.baseURLs.bedrock,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret' },
  });
}

beforeAll(async () => {
  fake = await startFakeProviders();
  port = Number(new URL(fake.baseURLs.bedrock).port);
  client = newClient();
});
afterAll(async () => {
  client.destroy();
  await fake.close();
});
beforeEach(() => harness.reset());

describe('the fake server event-stream framing', () => {
  it('is decoded by the SDK codec to the same headers and payload (prelude and message CRCs checked)', () => {
    const codec = new EventStreamCodec((bytes) => decoder.decode(bytes), (text) => encoder.encode(text));
    const decoded = codec.decode(encodeEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hé' } }));
    expect(decoded.headers[':event-type']).toEqual({ type: 'string', value: 'contentBlockDelta' });
    expect(JSON.parse(decoder.decode(decoded.body))).toEqual({ contentBlockIndex: 0, delta: { text: 'Hé' } });
    const corrupted = encodeEvent('messageStop', { stopReason: 'end_turn' });
    corrupted[corrupted.length - 6] ^= 1;
    expect(() => codec.decode(corrupted)).toThrow(/checksum/i);
  });
});

describe('@aws-sdk/client-bedrock-runtime 3', () => {
  it('Converse: one CLIENT span, provider aws.bedrock, address from the signed request, usage, stop reason', async () => {
    const output = await client.send(new ConverseCommand({ modelId: 'amazon.nova-test', messages, system: [{ text: 'Be brief.' }], inferenceConfig: { maxTokens: 100, temperature: 0.5 } }));
    expect(output.output?.message?.content?.[0]?.text).toBe('Hello w1 w2');
    const span = harness.onlySpan();
    expect(span.name).toBe('chat amazon.nova-test');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'aws.bedrock',
      'server.address': '127.0.0.1',
      'server.port': port,
      'gen_ai.request.max_tokens': 100,
      'gen_ai.request.temperature': 0.5,
      'gen_ai.usage.input_tokens': 15,
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['end_turn'],
    });
    expect(JSON.parse(String(span.attributes['gen_ai.system_instructions']))).toEqual([{ type: 'text', content: 'Be brief.' }]);
    expect(JSON.parse(String(span.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Hello w1 w2' }], finish_reason: 'end_turn' },
    ]);
  });

  it('Converse with prompt caching: input tokens include cache reads and writes', async () => {
    await client.send(new ConverseCommand({ modelId: 'amazon.nova-cached', messages }));
    expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 22, 'gen_ai.usage.cache_read.input_tokens': 5, 'gen_ai.usage.cache_creation.input_tokens': 2 });
  });

  it('the aggregated BedrockRuntime client (converse()) goes through send: one span', async () => {
    const aggregated = new BedrockRuntime({ endpoint: fake.baseURLs.bedrock, region: 'us-east-1', credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' } });
    await aggregated.converse({ modelId: 'amazon.nova-aggregated', messages });
    expect(harness.onlySpan().name).toBe('chat amazon.nova-aggregated');
    aggregated.destroy();
  });

  it('ConverseStream: the event stream (binary framing) still yields the SDK events; usage from metadata', async () => {
    const output = await client.send(new ConverseStreamCommand({ modelId: 'amazon.nova-test-chunks-4', messages }));
    let text = '';
    let metadata = false;
    for await (const event of output.stream!) {
      text += event.contentBlockDelta?.delta?.text ?? '';
      metadata ||= event.metadata !== undefined;
    }
    expect(text).toBe('Hello w1 w2 w3');
    expect(metadata).toBe(true);
    const span = harness.onlySpan();
    expect(span.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 15, 'gen_ai.usage.output_tokens': 4, 'gen_ai.response.finish_reasons': ['end_turn'] });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeTypeOf('number');
    expect(String(span.attributes['gen_ai.output.messages'])).toContain('Hello w1 w2 w3');
  });

  it('ConverseStream tool use: name, id and streamed input', async () => {
    const output = await client.send(new ConverseStreamCommand({ modelId: 'amazon.nova-tools', messages }));
    for await (const _event of output.stream!) void _event;
    const span = harness.onlySpan();
    expect(span.attributes['sightline.gen_ai.response.tool_call.names']).toEqual(['get_weather']);
    expect(span.attributes['sightline.gen_ai.response.tool_call.ids']).toEqual(['call_fake_1']);
    expect(String(span.attributes['gen_ai.output.messages'])).toContain('"arguments":{"city":"Paris"}');
  });

  it('InvokeModel (Anthropic body): usage, id and stop reason from the body; the body stays readable', async () => {
    const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] });
    const output = await client.send(new InvokeModelCommand({ modelId: 'anthropic.claude-test', body, contentType: 'application/json' }));
    expect(JSON.parse(output.body.transformToString()).content[0].text).toBe('Hello w1 w2');
    const span = harness.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.request.model': 'anthropic.claude-test',
      'gen_ai.request.max_tokens': 64,
      'gen_ai.response.id': 'msg_bdrk_1',
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['end_turn'],
    });
    expect(JSON.parse(String(span.attributes['gen_ai.input.messages']))).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]);
  });

  it('InvokeModel (any other family, bytes body): tokens from the X-Amzn-Bedrock token-count headers', async () => {
    const body = encoder.encode(JSON.stringify({ prompt: 'hi', max_gen_len: 32, temperature: 0.1 }));
    await client.send(new InvokeModelCommand({ modelId: 'meta.llama-test', body }));
    expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.request.max_tokens': 32, 'gen_ai.usage.input_tokens': 18, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.finish_reasons': ['stop'] });
  });

  it('InvokeModel of an embedding model: operation embeddings', async () => {
    await client.send(new InvokeModelCommand({ modelId: 'amazon.titan-embed-test', body: JSON.stringify({ inputText: 'hi' }) }));
    const span = harness.onlySpan();
    expect(span.name).toBe('embeddings amazon.titan-embed-test');
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(7);
    expect(span.attributes).not.toHaveProperty('gen_ai.input.messages');
  });

  it('InvokeModelWithResponseStream: chunks still yield their bytes; usage from amazon-bedrock-invocationMetrics', async () => {
    const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const output = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: 'anthropic.claude-stream-chunks-5', body }));
    let text = '';
    for await (const event of output.body!) {
      const parsed = JSON.parse(decoder.decode(event.chunk!.bytes)) as { type: string; delta?: { text?: string } };
      if (parsed.type === 'content_block_delta') text += parsed.delta?.text ?? '';
    }
    expect(text).toBe('Hello w1 w2 w3 w4');
    expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 5, 'gen_ai.response.finish_reasons': ['end_turn'] });
  });

  it('errors keep their class (ValidationException) and name error.type', async () => {
    await expect(client.send(new ConverseCommand({ modelId: 'amazon.nova-error-400', messages }))).rejects.toBeInstanceOf(ValidationException);
    const span = harness.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('ValidationException');
  });

  it('a 503 retried by the SDK: one span, http.request.resend_count 1', async () => {
    await client.send(new ConverseCommand({ modelId: 'amazon.nova-flaky', messages }));
    const span = harness.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes['http.request.resend_count']).toBe(1);
  });

  it('other commands and the callback form pass through without a span', async () => {
    await client.send(new ListAsyncInvokesCommand({})).catch(() => undefined);
    await new Promise<void>((resolve) => client.send(new ConverseCommand({ modelId: 'amazon.nova-callback', messages }), () => resolve()));
    expect(harness.spans()).toHaveLength(0);
  });
});
