/**
 * The real `ai` 6 — the first and the newest release of the major, as the aliased devDependencies
 * `ai-v6-0` (6.0.0) and `ai-v6` (6.0.333) — and `@ai-sdk/openai` 3 (`ai-sdk-openai-v3`) against the loopback
 * fake OpenAI server: the same spans and metrics as `ai` 7 (docs/llm.md, "Vercel AI SDK 6").
 */
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { createOpenAI } from 'ai-sdk-openai-v3';
import * as ai60 from 'ai-v6-0';
import * as aiLatest from 'ai-v6';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiSdkInstrumentation, OpenAIInstrumentation } from '../../../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule, unpatchModule } from '../../fixtures/harness.js';

type Ai = typeof aiLatest;
const require = createRequire(import.meta.url);
const SDKS = [
  { packageName: 'ai-v6-0', module: ai60 as unknown as Ai },
  { packageName: 'ai-v6', module: aiLatest },
].map((sdk) => ({ ...sdk, version: (require(`${sdk.packageName}/package.json`) as { version: string }).version }));
const instrumentation = new AiSdkInstrumentation();
const harness = createHarness(instrumentation, new OpenAIInstrumentation());
let fake: FakeProviders;
let openai: ReturnType<typeof createOpenAI>;

const weather = aiLatest.tool({
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
/** Count and sum of histogram `name`'s points for `model` by `key` (cumulative: each version's tests take the difference). */
async function totals(name: string, model: string, key = 'gen_ai.token.type'): Promise<Map<unknown, [number, number]>> {
  const result = new Map<unknown, [number, number]>();
  for (const p of await harness.histogram(name, model)) {
    const [count, sum] = result.get(p.attributes[key]) ?? [0, 0];
    result.set(p.attributes[key], [count + p.count, sum + p.sum]);
  }
  return result;
}
function added(after: Map<unknown, [number, number]>, before: Map<unknown, [number, number]>): unknown[] {
  return [...after].map(([k, [count, sum]]) => [k, count - (before.get(k)?.[0] ?? 0), sum - (before.get(k)?.[1] ?? 0)]).sort();
}
const byStart = <T extends { startTime: [number, number] }>(list: T[]) => [...list].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);

describe.each(SDKS)('ai $version', ({ module: aiModule, version }) => {
  // The ES module namespace is read-only: like the CommonJS build, the patch returns a new exports object.
  const ai = patchModule(instrumentation, 'ai', aiModule as unknown as Record<string, unknown>, version) as unknown as Ai;
  const { generateText, streamText, generateObject, streamObject, embed, embedMany, tool, stepCountIs, ToolLoopAgent } = ai;

  it('generateText with a tool: invoke_agent → chat, execute_tool, chat; usage from the SDK, per model call', async () => {
    const tokensBefore = await totals('gen_ai.client.token.usage', 'gpt-agent');
    const durationsBefore = await totals('gen_ai.client.operation.duration', 'gpt-agent', 'gen_ai.operation.name');
    const result = await generateText({ model: openai.chat('gpt-agent'), prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3), temperature: 0.3 });
    expect(result.text).toBe('Hello w1 w2');
    const [agent] = named('invoke_agent');
    const chats = named('chat gpt-agent');
    const [toolSpan] = named('execute_tool get_weather');
    expect(spans().map((s) => s.name).sort()).toEqual(['chat gpt-agent', 'chat gpt-agent', 'execute_tool get_weather', 'forecast lookup', 'invoke_agent']);
    expect(agent!.kind).toBe(SpanKind.INTERNAL);
    expect(agent!.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-agent', 'sightline.gen_ai.framework': 'ai-sdk' });
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(chat)).toBe(agent!.spanContext().spanId);
    }
    const [first, second] = byStart(chats);
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
      'sightline.gen_ai.framework': 'ai-sdk',
    });
    // Content is not captured by default: no messages, and the SDK was not asked to serialize the prompt.
    expect(Object.keys(first!.attributes).filter((k) => k.startsWith('gen_ai.input') || k.startsWith('ai.'))).toEqual([]);
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
    expect(added(await totals('gen_ai.client.token.usage', 'gpt-agent'), tokensBefore)).toEqual([
      ['input', 2, 24],
      ['output', 2, 6],
    ]);
    const durations = added(await totals('gen_ai.client.operation.duration', 'gpt-agent', 'gen_ai.operation.name'), durationsBefore);
    expect(durations.map(([operation, count]) => [operation, count])).toEqual([['chat', 2]]);
  });

  it('streamText keeps its usage: each streamed model call has the SDK-reported tokens and time to first chunk', async () => {
    const firstChunkBefore = await totals('gen_ai.client.operation.time_to_first_chunk', 'gpt-agent-chunks-4', 'gen_ai.operation.name');
    const result = streamText({ model: openai.chat('gpt-agent-chunks-4'), prompt: 'Weather?', tools: { get_weather: weather }, stopWhen: stepCountIs(3) });
    let text = '';
    for await (const piece of result.textStream) text += piece;
    expect(text).toBe('Hello w1 w2 w3');
    const [agent] = named('invoke_agent');
    const chats = named('chat gpt-agent-chunks-4');
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.attributes['gen_ai.request.stream']).toBe(true);
      expect(chat.attributes['gen_ai.usage.input_tokens']).toBe(12);
      expect(chat.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
      expect(parentOf(chat)).toBe(agent!.spanContext().spanId);
    }
    expect(chats.map((c) => c.attributes['gen_ai.usage.output_tokens'])).toEqual([4, 4]);
    const [toolSpan] = named('execute_tool get_weather');
    expect(parentOf(toolSpan!)).toBe(agent!.spanContext().spanId);
    expect(named('invoke_agent')).toHaveLength(1);
    const firstChunk = added(await totals('gen_ai.client.operation.time_to_first_chunk', 'gpt-agent-chunks-4', 'gen_ai.operation.name'), firstChunkBefore);
    expect(firstChunk.map(([operation, count]) => [operation, count])).toEqual([['chat', 2]]);
  });

  it('cached input and reasoning tokens, as the SDK reports them (6.0.0: flat ai.usage.* on streams only; later: ai.usage.*TokenDetails.*)', async () => {
    const stream = streamText({ model: openai.chat('gpt-cached-stream'), prompt: 'hi' });
    for await (const _ of stream.textStream) void _;
    await generateText({ model: openai.chat('gpt-cached'), prompt: 'hi' });
    const details = { 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.cache_read.input_tokens': 8, 'gen_ai.usage.reasoning.output_tokens': 2 };
    expect(named('chat gpt-cached-stream')[0]!.attributes).toMatchObject(details);
    const plain = named('chat gpt-cached')[0]!.attributes;
    // 6.0.0 puts only the prompt and completion token counts on a doGenerate span.
    if (version === '6.0.0') expect(plain['gen_ai.usage.cache_read.input_tokens']).toBeUndefined();
    else expect(plain).toMatchObject(details);
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
    const [record] = harness.logs();
    expect(record?.attributes).toMatchObject({ 'error.type': 'APICallError', 'exception.type': 'APICallError' });
  });

  it('a failing streamed call: the chat and agent spans fail with the error the SDK rejects with (its class, not the copy it records)', async () => {
    const errors: unknown[] = [];
    const result = streamText({ model: openai.chat('gpt-error-400'), prompt: 'x', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
    for await (const _ of result.textStream) void _;
    expect((errors[0] as Error).constructor.name).toBe('APICallError');
    const [chat] = named('chat gpt-error-400');
    const [agent] = named('invoke_agent');
    for (const span of [chat!, agent!]) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['error.type']).toBe('APICallError');
    }
  });

  it('a failing tool fails its execute_tool span; the loop goes on as without us', async () => {
    const broken = tool({
      description: 'Weather now',
      inputSchema: z.object({ city: z.string() }),
      execute: async (): Promise<string> => {
        throw new RangeError('no forecast');
      },
    });
    const result = await generateText({ model: openai.chat('gpt-agent'), prompt: 'Weather?', tools: { get_weather: broken }, stopWhen: stepCountIs(3) });
    expect(result.steps).toHaveLength(2);
    const [toolSpan] = named('execute_tool get_weather');
    expect(toolSpan!.status.code).toBe(SpanStatusCode.ERROR);
    expect(toolSpan!.attributes['error.type']).toBe('RangeError');
    expect(named('invoke_agent')[0]!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('ToolLoopAgent: its generate() is traced like generateText', async () => {
    const agent = new ToolLoopAgent({ model: openai.chat('gpt-agent'), tools: { get_weather: weather }, experimental_telemetry: { functionId: 'planner' } });
    const result = await agent.generate({ prompt: 'Weather in Paris?' });
    expect(result.text).toBe('Hello w1 w2');
    const [root] = named('invoke_agent planner');
    expect(root!.attributes['gen_ai.agent.name']).toBe('planner');
    expect(named('chat gpt-agent').map(parentOf)).toEqual([root!.spanContext().spanId, root!.spanContext().spanId]);
  });
});

describe('the app’s own experimental_telemetry', () => {
  const version = SDKS[1]!.version;
  const aiModule = aiLatest;
  const { generateText } = patchModule(instrumentation, 'ai', aiModule as unknown as Record<string, unknown>, version) as unknown as Ai;
  it('functionId names the agent; isEnabled:false leaves the call untraced', async () => {
    await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi', experimental_telemetry: { functionId: 'travel-planner' } });
    expect(named('invoke_agent travel-planner')[0]?.attributes['gen_ai.agent.name']).toBe('travel-planner');
    harness.reset();
    await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi', experimental_telemetry: { isEnabled: false } });
    expect(spans()).toHaveLength(0);
  });

  it('isEnabled:true without a tracer: our spans replace the SDK’s ai.* spans (one set of spans)', async () => {
    await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi', experimental_telemetry: { isEnabled: true } });
    expect(spans().map((s) => s.name).sort()).toEqual(['chat gpt-plain', 'invoke_agent']);
  });

  it('isEnabled:true with the app’s own tracer: that tracer gets the SDK’s spans as without us, and we record none', async () => {
    const names: string[] = [];
    const appTracer = trace.getTracer('app');
    const recording = {
      startSpan: (name: string, ...rest: unknown[]) => (names.push(name), (appTracer.startSpan as (...a: unknown[]) => unknown)(name, ...rest)),
      startActiveSpan: (name: string, ...rest: unknown[]) => (names.push(name), (appTracer.startActiveSpan as (...a: unknown[]) => unknown)(name, ...rest)),
    };
    await generateText({ model: openai.chat('gpt-plain'), prompt: 'hi', experimental_telemetry: { isEnabled: true, tracer: recording as never } });
    expect(names).toEqual(['ai.generateText', 'ai.generateText.doGenerate']);
    expect(spans().map((s) => `${s.instrumentationScope.name} ${s.name}`).sort()).toEqual(['app ai.generateText', 'app ai.generateText.doGenerate']);
  });

  it('unpatched: the module is the SDK’s own again', () => {
    const copy = patchModule(instrumentation, 'ai', aiModule as unknown as Record<string, unknown>, version);
    expect(copy.generateText).not.toBe(aiModule.generateText);
    unpatchModule(instrumentation, 'ai', copy, version);
    expect(copy.generateText).toBe(aiModule.generateText);
    expect(copy.embed).toBe(aiModule.embed);
  });
});

describe('content capture', () => {
  const { version } = SDKS[1]!;
  const aiModule = aiLatest;
  const { stepCountIs } = aiLatest;
  it('content is captured only when asked: messages, system, output, tool arguments and results', async () => {
    const capturing = new AiSdkInstrumentation({ captureMessageContent: true });
    const local = createHarness(capturing);
    const captured = patchModule(capturing, 'ai', aiModule as unknown as Record<string, unknown>, version) as unknown as typeof aiModule;
    await captured.generateText({ model: openai.chat('gpt-agent'), system: 'Be brief.', prompt: 'Weather in Paris?', tools: { get_weather: weather }, stopWhen: stepCountIs(3) });
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
    local.reset();
    // The app's recordInputs:false is kept: no input content even when we capture.
    await captured.generateText({ model: openai.chat('gpt-plain'), prompt: 'secret', experimental_telemetry: { recordInputs: false } });
    expect(local.spans().find((s) => s.name === 'chat gpt-plain')!.attributes['gen_ai.input.messages']).toBeUndefined();
  });
});
