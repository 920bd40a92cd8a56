/**
 * The real `ai` 7 and `@ai-sdk/openai` against the loopback fake OpenAI server: what one logical call
 * gives (docs/llm.md, "Vercel AI SDK").
 */
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { createOpenAI } from '@ai-sdk/openai';
import * as ai from 'ai';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiSdkInstrumentation, OpenAIInstrumentation } from '../../../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule, unpatchModule } from '../../fixtures/harness.js';

const { generateText, streamText, generateObject, streamObject, embed, embedMany, tool, stepCountIs } = ai;
const version = (createRequire(import.meta.url)('ai/package.json') as { version: string }).version;
const instrumentation = new AiSdkInstrumentation();
const openAiInstrumentation = new OpenAIInstrumentation();
const harness = createHarness(instrumentation, openAiInstrumentation);
patchModule(instrumentation, 'ai', ai, version);
let fake: FakeProviders;
let openai: ReturnType<typeof createOpenAI>;

const weather = tool({
  description: 'Weather now',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }: { city: string }) => {
    // What the tool does runs inside its execute_tool span.
    trace.getTracer('tool-work').startSpan('forecast lookup', {}, context.active()).end();
    return `sunny in ${city}`;
  },
});

beforeAll(async () => {
  fake = await startFakeProviders();
  openai = createOpenAI({ baseURL: fake.baseURLs.openai, apiKey: 'sk-test' });
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

const spans = () => harness.spans();
const named = (name: string) => spans().filter((s) => s.name === name);
const parentOf = (span: { parentSpanContext?: { spanId: string } }) => span.parentSpanContext?.spanId;

describe(`ai ${version}`, () => {
  it('generateText with a tool: invoke_agent → chat, execute_tool, chat; usage from the SDK, per model call', async () => {
    const result = await generateText({ model: openai.chat('gpt-agent'), prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3), temperature: 0.3 });
    expect(result.text).toBe('Hello w1 w2');
    const [agent] = named('invoke_agent');
    const chats = named('chat gpt-agent');
    const [toolSpan] = named('execute_tool get_weather');
    expect(spans()).toHaveLength(5);
    expect(agent!.kind).toBe(SpanKind.INTERNAL);
    expect(agent!.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-agent', 'sightline.gen_ai.framework': 'ai-sdk' });
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(chat)).toBe(agent!.spanContext().spanId);
    }
    const [first, second] = [...chats].sort((a, b) => a.startTime[1] - b.startTime[1] + (a.startTime[0] - b.startTime[0]) * 1e9);
    expect(first!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-agent',
      'gen_ai.request.temperature': 0.3,
      'gen_ai.request.stream': false,
      'gen_ai.response.id': 'chatcmpl-openai-1',
      'gen_ai.response.model': 'gpt-agent-2026',
      'gen_ai.response.finish_reasons': ['tool_call'],
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 3,
      'sightline.gen_ai.response.tool_call.names': ['get_weather'],
      'sightline.gen_ai.response.tool_call.ids': ['call_fake_1'],
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(fake.url).port),
    });
    expect(second!.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(toolSpan!.attributes).toEqual({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.id': 'call_fake_1',
      'gen_ai.tool.type': 'function',
      'sightline.gen_ai.framework': 'ai-sdk',
    });
    expect(parentOf(toolSpan!)).toBe(agent!.spanContext().spanId);
    expect(parentOf(named('forecast lookup')[0]!)).toBe(toolSpan!.spanContext().spanId);
    const tokens = await harness.histogram('gen_ai.client.token.usage', 'gpt-agent');
    expect(tokens.map((p) => [p.attributes['gen_ai.token.type'], p.count, p.sum]).sort()).toEqual([
      ['input', 2, 24],
      ['output', 2, 6],
    ]);
  });

  it('streamText keeps its usage: each streamed model call has the SDK-reported tokens and time to first chunk', async () => {
    const result = streamText({ model: openai.chat('gpt-agent-chunks-4'), prompt: 'Weather?', tools: { get_weather: weather }, stopWhen: stepCountIs(3) });
    let text = '';
    for await (const piece of result.textStream) text += piece;
    expect(text).toBe('Hello w1 w2 w3');
    const chats = named('chat gpt-agent-chunks-4');
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.attributes['gen_ai.request.stream']).toBe(true);
      expect(chat.attributes['gen_ai.usage.input_tokens']).toBe(12);
    }
    expect(chats.map((c) => c.attributes['gen_ai.usage.output_tokens'])).toEqual([4, 4]);
    expect(named('execute_tool get_weather')).toHaveLength(1);
    expect(named('invoke_agent')).toHaveLength(1);
  });

  it('generateObject and streamObject: invoke_agent (output type json) → chat', async () => {
    const schema = z.object({ city: z.string() });
    const object = await generateObject({ model: openai.chat('gpt-json'), schema, prompt: 'City?' });
    expect(object.object).toEqual({ city: 'Paris' });
    const streamed = streamObject({ model: openai.chat('gpt-json'), schema, prompt: 'City?' });
    for await (const _ of streamed.partialObjectStream) void _;
    expect(await streamed.object).toEqual({ city: 'Paris' });
    const agents = named('invoke_agent');
    const chats = named('chat gpt-json');
    expect(agents).toHaveLength(2);
    expect(chats).toHaveLength(2);
    for (const span of [...agents, ...chats]) expect(span.attributes['gen_ai.output.type']).toBe('json');
    expect(chats.map((c) => c.attributes['gen_ai.request.stream']).sort()).toEqual([false, true]);
    for (const chat of chats) expect(chat.attributes['gen_ai.usage.output_tokens']).toBe(2);
  });

  it('embed and embedMany: one embeddings span per model call, with the reported tokens', async () => {
    await embed({ model: openai.embedding('text-embedding-3-small'), value: 'sunny day' });
    await embedMany({ model: openai.embedding('text-embedding-3-small'), values: ['a', 'b'] });
    const embeddings = named('embeddings text-embedding-3-small');
    expect(spans()).toHaveLength(2);
    expect(embeddings.map((s) => s.attributes['gen_ai.usage.input_tokens']).sort()).toEqual([10, 5]);
    for (const span of embeddings) expect(span.attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.provider.name': 'openai' });
  });

  it('a failing model call fails its chat span and the agent span with the SDK error; the app gets the same error', async () => {
    let caught: unknown;
    try {
      await generateText({ model: openai.chat('gpt-error-400'), prompt: 'x', maxRetries: 0 });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).constructor.name).toBe('APICallError');
    const [chat] = named('chat gpt-error-400');
    const [agent] = named('invoke_agent');
    for (const span of [chat!, agent!]) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['error.type']).toBe('APICallError');
    }
  });

  it('functionId names the agent; telemetry isEnabled:false leaves the call untraced', async () => {
    await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi', telemetry: { functionId: 'travel-planner' } });
    expect(named('invoke_agent travel-planner')[0]?.attributes['gen_ai.agent.name']).toBe('travel-planner');
    harness.reset();
    await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi', telemetry: { isEnabled: false } });
    expect(spans()).toHaveLength(0);
  });

});

describe('the AI SDK’s own OpenTelemetry integrations (@ai-sdk/otel)', () => {
  it('are not called while ours is registered, so one call makes one set of spans; they come back when ours is removed', async () => {
    const { OpenTelemetry, LegacyOpenTelemetry } = await import('@ai-sdk/otel');
    ai.registerTelemetry(new OpenTelemetry(), new LegacyOpenTelemetry());
    await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi' });
    expect(spans().map((s) => s.instrumentationScope.name).sort()).toEqual(['@sightline/instrumentation-llm', '@sightline/instrumentation-llm']);
    expect(spans().map((s) => s.name).sort()).toEqual(['chat gpt-plain', 'invoke_agent']);

    unpatchModule(instrumentation, 'ai', ai, version);
    harness.reset();
    try {
      await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi' });
      const names = spans().map((s) => s.name);
      expect(names).toContain('ai.generateText');
      expect(names).toContain('chat gpt-plain');
      expect(spans().every((s) => s.instrumentationScope.name !== '@sightline/instrumentation-llm')).toBe(true);
    } finally {
      patchModule(instrumentation, 'ai', ai, version);
    }
    harness.reset();
    await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi' });
    expect(spans()).toHaveLength(2);
    // Leave the global list as the other tests expect it: ours only.
    (globalThis as { AI_SDK_TELEMETRY_INTEGRATIONS?: unknown[] }).AI_SDK_TELEMETRY_INTEGRATIONS = undefined;
    unpatchModule(instrumentation, 'ai', ai, version);
    patchModule(instrumentation, 'ai', ai, version);
  });
});

describe('content capture (last: it registers its own providers globally)', () => {
  it('content is captured only when asked: messages, output, tool arguments and results', async () => {
    const capturing = new AiSdkInstrumentation({ captureMessageContent: true });
    const local = createHarness(capturing);
    unpatchModule(instrumentation, 'ai', ai, version);
    patchModule(capturing, 'ai', ai, version);
    try {
      await generateText({ model: openai.chat('gpt-agent'), system: 'Be brief.', prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3) });
      const chat = local.spans().find((s) => s.name === 'chat gpt-agent' && s.attributes['gen_ai.response.finish_reasons']?.toString() === 'stop')!;
      expect(JSON.parse(String(chat.attributes['gen_ai.system_instructions']))).toEqual([{ type: 'text', content: 'Be brief.' }]);
      const input = JSON.parse(String(chat.attributes['gen_ai.input.messages'])) as Array<{ role: string }>;
      expect(input.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
      expect(JSON.parse(String(chat.attributes['gen_ai.output.messages']))).toEqual([
        { role: 'assistant', parts: [{ type: 'text', content: 'Hello w1 w2' }], finish_reason: 'stop' },
      ]);
      const toolSpan = local.spans().find((s) => s.name === 'execute_tool get_weather')!;
      expect(JSON.parse(String(toolSpan.attributes['gen_ai.tool.call.arguments']))).toEqual({ city: 'Paris' });
      expect(JSON.parse(String(toolSpan.attributes['gen_ai.tool.call.result']))).toBe('sunny in Paris');
    } finally {
      unpatchModule(capturing, 'ai', ai, version);
      patchModule(instrumentation, 'ai', ai, version);
    }
  });
});
