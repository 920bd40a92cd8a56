import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import * as anthropicV1 from '@anthropic-ai/sdk';
import type AnthropicType from '@anthropic-ai/sdk';
import * as anthropicV0 from 'anthropic-v0';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule, unpatchModule } from './fixtures/harness.js';

/** Each supported major, as imported, with the version the module hooks would report. */
const SDKS = [
  { version: '1.12.0', module: anthropicV1 as object },
  { version: '0.137.0', module: anthropicV0 as object },
];

const instrumentation = new AnthropicInstrumentation();
// The harness registers a global tracer provider: without our switch the SDK would add its own span.
const harness = createHarness(instrumentation);
for (const { module, version } of SDKS) patchModule(instrumentation, '@anthropic-ai/sdk', module, version);
let fake: FakeProviders;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe.each(SDKS)('@anthropic-ai/sdk $version', ({ module, version }) => {
  const Anthropic = (module as { Anthropic: unknown }).Anthropic as typeof AnthropicType;
  let client: AnthropicType;

  beforeAll(() => {
    client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fake.baseURLs.anthropic });
  });

  describe('messages.create', () => {
    it('one span per call (the SDK-own anthropic.messages.create span is switched off), with usage incl. cache tokens', async () => {
      const message = await client.messages.create({
        model: 'claude-test-cached', max_tokens: 100, messages, stop_sequences: ['x'], output_config: { effort: 'high' },
        thinking: { type: 'enabled', budget_tokens: 1024 },
      });
      expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello w1 w2' });
      const span = harness.onlySpan();
      expect(span.instrumentationScope.name).toBe('@sightline/instrumentation-llm');
      expect(span.name).toBe('chat claude-test-cached');
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.attributes).toMatchObject({
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.max_tokens': 100,
        'gen_ai.request.stop_sequences': ['x'],
        'sightline.gen_ai.request.thinking_budget': 1024,
        'gen_ai.response.id': 'msg_fake_1',
        'gen_ai.response.model': 'claude-test-cached-20260101',
        'gen_ai.response.finish_reasons': ['end_turn'],
        'gen_ai.usage.input_tokens': 20,
        'gen_ai.usage.cache_read.input_tokens': 7,
        'gen_ai.usage.cache_creation.input_tokens': 3,
        'gen_ai.usage.output_tokens': 3,
      });
      // Draft names (unreleased GenAI conventions) only with the opt-in.
      expect(span.attributes).not.toHaveProperty('gen_ai.request.reasoning.level');
      expect(span.attributes).not.toHaveProperty('gen_ai.usage.cache_write.input_tokens');
      // No SDK trace headers either: its span is off.
      expect(fake.requests.at(-1)?.headers.traceparent).toBeUndefined();
    });

    it('with OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental (latestGenAiConventions): the draft names', async () => {
      instrumentation.setConfig({ latestGenAiConventions: true });
      try {
        await client.messages.create({ model: 'claude-test-cached', max_tokens: 100, messages, output_config: { effort: 'high' } });
      } finally {
        instrumentation.setConfig({});
      }
      const { attributes } = harness.onlySpan();
      expect(attributes).toMatchObject({ 'gen_ai.request.reasoning.level': 'high', 'gen_ai.usage.cache_write.input_tokens': 3 });
      expect(attributes).not.toHaveProperty('gen_ai.usage.cache_creation.input_tokens');
    });

    it('tool_use blocks are recorded by name and id', async () => {
      await client.messages.create({ model: 'claude-tools', max_tokens: 10, messages });
      expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.response.finish_reasons': ['tool_use'], 'sightline.gen_ai.response.tool_call.names': ['get_weather'], 'sightline.gen_ai.response.tool_call.ids': ['call_fake_1'] });
    });

    it('records duration and token usage metrics with the call attributes', async () => {
      const model = `claude-metrics-${version}`;
      await client.messages.create({ model, max_tokens: 10, messages });
      const duration = await harness.histogram('gen_ai.client.operation.duration', model);
      expect(duration).toHaveLength(1);
      expect(duration[0]!.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.response.model': `${model}-20260101` });
      const tokens = await harness.histogram('gen_ai.client.token.usage', model);
      expect(tokens.map((p) => [p.attributes['gen_ai.token.type'], p.sum]).sort()).toEqual([['input', 10], ['output', 3]]);
    });

    it('errors: ERROR status, error.type from the SDK class, resend count, the same error rethrown', async () => {
      const error = await client.messages.create({ model: 'claude-error-429', max_tokens: 10, messages }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.RateLimitError);
      const span = harness.onlySpan();
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes).toMatchObject({ 'error.type': 'RateLimitError', 'http.request.resend_count': 2 });
      expect(harness.logs().filter((l) => l.eventName === 'gen_ai.client.operation.exception')).toHaveLength(1);
    });

    it('withResponse() still gives data and the raw response', async () => {
      const { data, response } = await client.messages.create({ model: 'claude-a', max_tokens: 10, messages }).withResponse();
      expect(data.id).toBe('msg_fake_1');
      expect(response.headers.get('request-id')).toBe('req_fake');
      expect(harness.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(3);
    });
  });

  describe('streams', () => {
    it('stream: true covers the whole stream, usage from message_start and message_delta', async () => {
      const stream = await client.messages.create({ model: 'claude-s', max_tokens: 10, messages, stream: true });
      const types: string[] = [];
      for await (const event of stream) types.push(event.type);
      expect(types[0]).toBe('message_start');
      expect(types.at(-1)).toBe('message_stop');
      const span = harness.onlySpan();
      expect(span.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.finish_reasons': ['end_turn'], 'gen_ai.response.id': 'msg_fake_1' });
      expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    });

    it('the messages.stream() helper: finalMessage(), text events, one span', async () => {
      const helper = client.messages.stream({ model: 'claude-helper', max_tokens: 10, messages });
      let text = '';
      helper.on('text', (delta) => (text += delta));
      const final = await helper.finalMessage();
      expect(final.content[0]).toMatchObject({ type: 'text', text: 'Hello w1 w2' });
      expect(text).toBe('Hello w1 w2');
      const span = harness.onlySpan();
      expect(span.name).toBe('chat claude-helper');
      expect(span.attributes['gen_ai.usage.output_tokens']).toBe(3);
    });

    it('helper abort() ends the span; a disconnect ends it with ERROR', async () => {
      const helper = client.messages.stream({ model: 'claude-abort', max_tokens: 10, messages });
      helper.on('text', () => helper.abort());
      await helper.done().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(harness.spans()).toHaveLength(1);

      harness.reset();
      const stream = await client.messages.create({ model: 'claude-disconnect', max_tokens: 10, messages, stream: true });
      await expect((async () => {
        for await (const _ of stream);
      })()).rejects.toBeInstanceOf(Error);
      expect(harness.onlySpan().status.code).toBe(SpanStatusCode.ERROR);
    });

    it('streamed tool_use is recorded', async () => {
      const final = await client.messages.stream({ model: 'claude-tools', max_tokens: 10, messages }).finalMessage();
      expect(final.content[0]).toMatchObject({ type: 'tool_use', input: { city: 'Paris' } });
      expect(harness.onlySpan().attributes['sightline.gen_ai.response.tool_call.names']).toEqual(['get_weather']);
    });
  });

  describe('control', () => {
    it('unpatched, the SDK emits its own span (so the one-span assertions above can fail)', async () => {
      unpatchModule(instrumentation, '@anthropic-ai/sdk', module, version);
      const own = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fake.baseURLs.anthropic });
      await own.messages.create({ model: 'claude-control', max_tokens: 10, messages });
      const scopes = harness.spans().map((s) => s.instrumentationScope.name);
      expect(scopes).toEqual(['com.anthropic.sdk.typescript']);
      patchModule(instrumentation, '@anthropic-ai/sdk', module, version);
    });
  });
});
