import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type OpenAIType from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAIInstrumentation } from '../src/index.js';
import { loopbackFetch, startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from './fixtures/harness.js';
import { OPENAI_SDKS, openAIClass } from './fixtures/openai-sdks.js';

const instrumentation = new OpenAIInstrumentation();
const harness = createHarness(instrumentation);
for (const { module, version } of OPENAI_SDKS) patchModule(instrumentation, 'openai', module, version);
let fake: FakeProviders;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe.each(OPENAI_SDKS)('openai $version', ({ module, version }) => {
  const OpenAI = openAIClass(module);
  let client: OpenAIType;

  beforeAll(() => {
    client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURLs.openai });
  });

  describe('chat completions', () => {
    it('one CLIENT span named "chat {model}" with request, response and usage attributes', async () => {
      const completion = await client.chat.completions.create({
        model: 'gpt-test-cached', messages, temperature: 0.2, max_completion_tokens: 50, top_p: 0.9, stop: ['END'], seed: 7,
        frequency_penalty: 0.1, presence_penalty: 0.3, reasoning_effort: 'low', response_format: { type: 'json_object' },
      });
      expect(completion.choices[0]?.message.content).toBe('Hello w1 w2');
      const span = harness.onlySpan();
      expect(span.name).toBe('chat gpt-test-cached');
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.attributes).toEqual({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-test-cached',
        'gen_ai.request.temperature': 0.2,
        'gen_ai.request.max_tokens': 50,
        'gen_ai.request.top_p': 0.9,
        'gen_ai.request.stop_sequences': ['END'],
        'gen_ai.request.seed': 7,
        'gen_ai.request.frequency_penalty': 0.1,
        'gen_ai.request.presence_penalty': 0.3,
        'gen_ai.output.type': 'json',
        'gen_ai.request.stream': false,
        'gen_ai.response.id': 'chatcmpl-openai-1',
        'gen_ai.response.model': 'gpt-test-cached-2026',
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 3,
        'gen_ai.usage.cache_read.input_tokens': 8,
        'gen_ai.usage.reasoning.output_tokens': 2,
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(fake.url).port),
      });
    });

    it('records duration and token usage metrics with the call attributes', async () => {
      const model = `gpt-metrics-${version}`;
      await client.chat.completions.create({ model, messages });
      const duration = await harness.histogram('gen_ai.client.operation.duration', model);
      expect(duration).toHaveLength(1);
      expect(duration[0]!.count).toBe(1);
      expect(duration[0]!.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.response.model': `${model}-2026`, 'server.address': '127.0.0.1' });
      const tokens = await harness.histogram('gen_ai.client.token.usage', model);
      expect(tokens.map((p) => [p.attributes['gen_ai.token.type'], p.sum]).sort()).toEqual([['input', 12], ['output', 3]]);
    });

    it('keeps the APIPromise: withResponse(), asResponse(), parse() and _request_id work and make one span each', async () => {
      const { data, response, request_id } = await client.chat.completions.create({ model: 'gpt-a', messages }).withResponse();
      expect(data.id).toBe('chatcmpl-openai-1');
      expect(response.status).toBe(200);
      expect(request_id).toBe('req-fake-1');
      expect(harness.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(3);

      harness.reset();
      const raw = await client.chat.completions.create({ model: 'gpt-b', messages }).asResponse();
      expect(((await raw.json()) as { id: string }).id).toBe('chatcmpl-openai-1');
      expect(harness.onlySpan().name).toBe('chat gpt-b');

      harness.reset();
      const parsed = await client.chat.completions.parse({ model: 'gpt-c', messages });
      expect(parsed.choices[0]?.message.parsed).toBeNull();
      expect(parsed._request_id).toBe('req-fake-1');
      expect(harness.onlySpan().attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    });

    it('records the tool calls the model asks for (names and ids), without their arguments by default', async () => {
      const completion = await client.chat.completions.create({ model: 'gpt-tools', messages });
      expect(completion.choices[0]?.message.tool_calls?.[0]?.id).toBe('call_fake_1');
      const span = harness.onlySpan();
      expect(span.attributes).toMatchObject({
        'gen_ai.response.finish_reasons': ['tool_calls'],
        'sightline.gen_ai.response.tool_call.names': ['get_weather'],
        'sightline.gen_ai.response.tool_call.ids': ['call_fake_1'],
      });
      expect(span.attributes).not.toHaveProperty('gen_ai.output.messages');
      expect(span.attributes).not.toHaveProperty('gen_ai.input.messages');
    });
  });

  describe('errors and retries', () => {
    it('a 429 after every retry: ERROR status, error.type, resend count, exception log in the trace, same error rethrown', async () => {
      const model = `gpt-error-429-${version}`;
      const error = await client.chat.completions.create({ model, messages }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect((error as InstanceType<typeof OpenAI.RateLimitError>).status).toBe(429);
      const span = harness.onlySpan();
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes).toMatchObject({ 'error.type': 'RateLimitError', 'http.request.resend_count': 2 });
      const log = harness.logs().find((l) => l.eventName === 'gen_ai.client.operation.exception')!;
      expect(log.severityText).toBe('WARN');
      expect(log.attributes).toMatchObject({ 'exception.type': 'RateLimitError', 'error.type': 'RateLimitError', 'gen_ai.request.model': model });
      expect(log.spanContext?.spanId).toBe(span.spanContext().spanId);
      const duration = await harness.histogram('gen_ai.client.operation.duration', model);
      expect(duration.map((p) => p.attributes['error.type'])).toEqual(['RateLimitError']);
    });

    it('a 400 is not retried; a flaky 503 is retried once and succeeds', async () => {
      await expect(client.chat.completions.create({ model: 'gpt-error-400', messages })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
      expect(harness.onlySpan().attributes).not.toHaveProperty('http.request.resend_count');
      harness.reset();
      await client.chat.completions.create({ model: 'gpt-flaky', messages });
      const span = harness.onlySpan();
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.attributes['http.request.resend_count']).toBe(1);
    });
  });

  describe('streams', () => {
    const streamed = { model: 'gpt-s', messages, stream: true as const };

    it('covers the whole stream; usage as reported with stream_options.include_usage; time to first chunk', async () => {
      const model = `gpt-s-${version}`;
      const stream = await client.chat.completions.create({ ...streamed, model, stream_options: { include_usage: true } });
      expect(harness.spans()).toHaveLength(0);
      let text = '';
      let chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        text += chunk.choices[0]?.delta.content ?? '';
      }
      expect(text).toBe('Hello w1 w2');
      // One time-per-output-chunk value for each chunk after the first, with the call's end attributes.
      const perChunk = await harness.histogram('gen_ai.client.operation.time_per_output_chunk', model);
      expect(chunks).toBeGreaterThan(2);
      expect(perChunk).toHaveLength(1);
      expect(perChunk[0]!.count).toBe(chunks - 1);
      expect(perChunk[0]!.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': model, 'gen_ai.response.model': expect.any(String) });
      const span = harness.onlySpan();
      expect(span.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.response.id': 'chatcmpl-openai-1' });
      expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
      expect((await harness.histogram('gen_ai.client.operation.time_to_first_chunk')).length).toBeGreaterThan(0);
    });

    it('a call that is not streamed records no time per output chunk', async () => {
      const model = `gpt-not-streamed-${version}`;
      await client.chat.completions.create({ model, messages });
      expect(await harness.histogram('gen_ai.client.operation.time_per_output_chunk', model)).toEqual([]);
      expect(await harness.histogram('gen_ai.client.operation.duration', model)).toHaveLength(1);
    });

    it('without include_usage no usage is invented', async () => {
      const stream = await client.chat.completions.create(streamed);
      for await (const _ of stream);
      expect(harness.onlySpan().attributes).not.toHaveProperty('gen_ai.usage.output_tokens');
    });

    it('breaking off ends the span without error; abort() ends it too', async () => {
      const stream = await client.chat.completions.create(streamed);
      for await (const _ of stream) break;
      expect(harness.onlySpan().status.code).toBe(SpanStatusCode.UNSET);
      harness.reset();
      // 22 chunks (role, 20 deltas, finish). openai 7 stops at the abort; openai 6 still yields the chunks
      // of the read in progress (its core/streaming.ts checks no signal between them): both cut it short.
      const aborted = await client.chat.completions.create({ ...streamed, model: 'gpt-chunks-20' });
      let seen = 0;
      for await (const _ of aborted) {
        seen++;
        aborted.controller.abort();
      }
      expect(seen).toBeLessThan(22);
      expect(harness.onlySpan().status.code).toBe(SpanStatusCode.UNSET);
    });

    it('a mid-stream disconnect ends the span with ERROR and the app gets the SDK error', async () => {
      const stream = await client.chat.completions.create({ ...streamed, model: 'gpt-disconnect' });
      const error = await (async () => {
        for await (const _ of stream);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const span = harness.onlySpan();
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['error.type']).toBeDefined();
    });

    it('keeps every helper: tee(), toReadableStream(), the stream() helper with finalChatCompletion()', async () => {
      const [left, right] = (await client.chat.completions.create(streamed)).tee();
      const read = async (s: AsyncIterable<{ choices: Array<{ delta: { content?: string | null } }> }>) => {
        let t = '';
        for await (const c of s) t += c.choices[0]?.delta.content ?? '';
        return t;
      };
      expect(await Promise.all([read(left), read(right)])).toEqual(['Hello w1 w2', 'Hello w1 w2']);
      expect(harness.spans()).toHaveLength(1);

      harness.reset();
      const readable = (await client.chat.completions.create(streamed)).toReadableStream();
      const body = await new Response(readable).text();
      expect(body.trim().split('\n')).toHaveLength(5);
      expect(harness.spans()).toHaveLength(1);

      harness.reset();
      const helper = client.chat.completions.stream({ model: 'gpt-helper', messages, stream_options: { include_usage: true } });
      const final = await helper.finalChatCompletion();
      expect(final.choices[0]?.message.content).toBe('Hello w1 w2');
      const span = harness.onlySpan();
      expect(span.name).toBe('chat gpt-helper');
      expect(span.attributes['gen_ai.usage.output_tokens']).toBe(3);
    });

    it('streamed tool calls are recorded by name and id', async () => {
      const stream = await client.chat.completions.create({ ...streamed, model: 'gpt-tools' });
      for await (const _ of stream);
      expect(harness.onlySpan().attributes).toMatchObject({ 'sightline.gen_ai.response.tool_call.names': ['get_weather'], 'sightline.gen_ai.response.tool_call.ids': ['call_fake_1'], 'gen_ai.response.finish_reasons': ['tool_calls'] });
    });

    it('the stream() helper: abort() mid-stream ends the span without error', async () => {
      const helper = client.chat.completions.stream({ model: 'gpt-chunks-20', messages });
      helper.on('content', () => helper.abort());
      await expect(helper.done()).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
      expect(harness.onlySpan().status.code).toBe(SpanStatusCode.UNSET);
    });

    it('runTools(): one span per request the runner makes, streamed or not', async () => {
      const tools = [{ type: 'function', function: { name: 'get_weather', description: 'The weather', parameters: { type: 'object' }, function: () => 'sunny' } }] as const;
      await client.chat.completions.runTools({ model: 'gpt-tools', messages, tools }, { maxChatCompletions: 2 }).done();
      await client.chat.completions.runTools({ model: 'gpt-tools-stream', messages, tools, stream: true }, { maxChatCompletions: 2 }).done();
      expect(harness.spans().map((s) => [s.name, s.attributes['gen_ai.request.stream'], s.attributes['sightline.gen_ai.response.tool_call.ids']])).toEqual([
        ['chat gpt-tools', false, ['call_fake_1']],
        ['chat gpt-tools', false, ['call_fake_1']],
        ['chat gpt-tools-stream', true, ['call_fake_1']],
        ['chat gpt-tools-stream', true, ['call_fake_1']],
      ]);
    });
  });

  describe('providers behind the openai SDK', () => {
    it('DeepSeek is recognised from its base URL, with its cache-hit usage', async () => {
      const deepseek = new OpenAI({ apiKey: 'sk-test', baseURL: 'https://api.deepseek.com', fetch: loopbackFetch(`${fake.url}/deepseek`) });
      await deepseek.chat.completions.create({ model: 'deepseek-chat-cached', messages });
      expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.provider.name': 'deepseek', 'server.address': 'api.deepseek.com', 'server.port': 443, 'gen_ai.usage.cache_read.input_tokens': 8 });
    });

    it.each([
      ['https://openrouter.ai/api/v1', 'openrouter', 'openrouter.ai'],
      ['https://api.together.xyz/v1', 'together_ai', 'api.together.xyz'],
      ['https://api.fireworks.ai/inference/v1', 'fireworks_ai', 'api.fireworks.ai'],
      ['https://my-resource.openai.azure.com/openai/v1/', 'azure.ai.openai', 'my-resource.openai.azure.com'],
    ])('%s is reported as %s, with its address, port and the call intact', async (baseURL, provider, address) => {
      const compat = new OpenAI({ apiKey: 'sk-test', baseURL, fetch: loopbackFetch(`${fake.url}/compat`) });
      const model = `vendor/${provider}`;
      const completion = await compat.chat.completions.create({ model, messages });
      expect(completion.choices[0]?.message.content).toBe('Hello w1 w2');
      expect(fake.requests.at(-1)?.path).toBe(`/compat${new URL('chat/completions', baseURL.endsWith('/') ? baseURL : `${baseURL}/`).pathname}`);
      expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.provider.name': provider, 'server.address': address, 'server.port': 443 });
      const points = await harness.histogram('gen_ai.client.operation.duration', model);
      expect(points.at(-1)?.attributes).toMatchObject({ 'gen_ai.provider.name': provider, 'server.address': address, 'server.port': 443 });
    });

    it('AzureOpenAI (deployment URLs, api-version) is reported as azure.ai.openai', async () => {
      const AzureOpenAI = (module as { AzureOpenAI: typeof OpenAIType }).AzureOpenAI as unknown as new (options: object) => OpenAIType;
      const azure = new AzureOpenAI({
        apiKey: 'key', endpoint: 'https://my-resource.openai.azure.com', apiVersion: '2024-10-21', deployment: 'gpt-4o-prod',
        fetch: loopbackFetch(`${fake.url}/compat`),
      });
      await azure.chat.completions.create({ model: 'gpt-4o', messages });
      expect(fake.requests.at(-1)).toMatchObject({ path: '/compat/openai/deployments/gpt-4o-prod/chat/completions', search: '?api-version=2024-10-21' });
      expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.provider.name': 'azure.ai.openai', 'server.address': 'my-resource.openai.azure.com', 'server.port': 443 });
    });

    it('an unknown OpenAI-compatible endpoint is reported as openai with its address', async () => {
      await client.chat.completions.create({ model: 'local-model', messages });
      expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.provider.name': 'openai', 'server.address': '127.0.0.1' });
    });
  });
});
