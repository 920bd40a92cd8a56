/**
 * Real llamaindex 0.12 (@llamaindex/core 0.6), @llamaindex/openai (over its own `openai` 5) and
 * @llamaindex/workflow against the loopback fake OpenAI server (docs/llm.md, "LlamaIndex.TS"). The
 * CommonJS builds are loaded after patching, as the require hook does: LLM classes apply the patched
 * `wrapLLMEvent` decorator when they are defined.
 */
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import * as openaiModule from 'openai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LlamaIndexInstrumentation, OpenAIInstrumentation } from '../../../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from '../../fixtures/harness.js';

const require = createRequire(import.meta.url);
const openaiVersion = (JSON.parse(readFileSync(join(dirname(require.resolve('openai')), 'package.json'), 'utf8')) as { version: string }).version;
const instrumentation = new LlamaIndexInstrumentation();
const openAiInstrumentation = new OpenAIInstrumentation();
const harness = createHarness(instrumentation, openAiInstrumentation);
patchModule(openAiInstrumentation, 'openai', openaiModule, openaiVersion);

/* eslint-disable @typescript-eslint/no-explicit-any -- the CommonJS builds, loaded untyped after patching */
const decorator = require('@llamaindex/core/decorator');
instrumentation._patchDecorator(decorator);
instrumentation._patchAgent(require('@llamaindex/core/agent'));
instrumentation._patchRetriever(require('@llamaindex/core/retriever'));
const { OpenAI, OpenAIEmbedding } = require('@llamaindex/openai');
const workflow = require('@llamaindex/workflow');
instrumentation._patchWorkflow(workflow);
const { agent } = workflow;
const { tool } = require('@llamaindex/core/tools');
const { Settings } = require('@llamaindex/core/global');
const { Document, VectorStoreIndex } = require('llamaindex');
const { z } = require('zod');

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
  Settings.embedModel = new OpenAIEmbedding({ model: 'text-embedding-3-small', apiKey: 'sk-test', baseURL: fake.baseURLs.openai, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

const spans = () => harness.spans();
const named = (name: string) => spans().filter((s) => s.name === name);
const one = (name: string) => {
  const found = named(name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
const parentOf = (span: { parentSpanContext?: { spanId: string } }) => span.parentSpanContext?.spanId;
const idOf = (span: { spanContext(): { spanId: string } }) => span.spanContext().spanId;

function model(name: string, options: Record<string, unknown> = {}): any {
  return new OpenAI({ model: name, apiKey: 'sk-test', baseURL: fake.baseURLs.openai, maxRetries: 0, ...options });
}

const weather = tool({
  name: 'get_weather',
  description: 'Weather now',
  parameters: z.object({ city: z.string() }),
  execute: ({ city }: { city: string }) => {
    trace.getTracer('tool-work').startSpan('forecast lookup', {}, context.active()).end();
    return `sunny in ${city}`;
  },
});

async function withCapture<T>(fn: () => Promise<T>, redactContent?: (text: string) => string): Promise<T> {
  instrumentation.setConfig({ captureMessageContent: true, redactContent });
  try {
    return await fn();
  } finally {
    instrumentation.setConfig({});
  }
}

describe('LlamaIndex.TS', () => {
  it('a chat call is one chat span with the reported usage (openai 5 underneath is not patched: no duplicate to avoid)', async () => {
    const response = await model('gpt-plain').chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect(response.message.content).toBe('Hello w1 w2');
    const chat = one('chat gpt-plain');
    expect(chat.kind).toBe(SpanKind.CLIENT);
    expect(chat.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-plain',
      'gen_ai.request.stream': false,
      'gen_ai.request.temperature': 0.1,
      'gen_ai.response.model': 'gpt-plain-2026',
      'gen_ai.response.id': 'chatcmpl-openai-1',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 3,
      'server.address': '127.0.0.1',
      'sightline.gen_ai.framework': 'llamaindex',
    });
    expect(chat.attributes['gen_ai.input.messages']).toBeUndefined();
    expect(spans()).toHaveLength(1);
    const tokens = await harness.histogram('gen_ai.client.token.usage', 'gpt-plain');
    expect(tokens.map((p) => p.count)).toEqual([1, 1]);
  });

  it('a streamed chat keeps its usage (stream_options asked for) and its chunks, the app reads every chunk', async () => {
    const llm = model('gpt-chunks-4', { additionalChatOptions: { stream_options: { include_usage: true } } });
    let text = '';
    for await (const chunk of await llm.chat({ messages: [{ role: 'user', content: 'hi' }], stream: true })) text += chunk.delta;
    expect(text).toBe('Hello w1 w2 w3');
    const chat = one('chat gpt-chunks-4');
    expect(chat.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 4, 'gen_ai.response.finish_reasons': ['stop'] });
    expect(chat.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    expect(await harness.histogram('gen_ai.client.operation.time_to_first_chunk', 'gpt-chunks-4')).toHaveLength(1);
  });

  it('a stream the app breaks off ends its span, status unset', async () => {
    for await (const chunk of await model('gpt-chunks-5').chat({ messages: [{ role: 'user', content: 'hi' }], stream: true })) {
      expect(chunk.delta).toBe('Hello');
      break;
    }
    const chat = one('chat gpt-chunks-5');
    expect(chat.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('a failed call fails its span with the SDK error class; the app gets the error unchanged', async () => {
    const error = await model('gpt-error-400').chat({ messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('BadRequestError');
    const chat = one('chat gpt-error-400');
    expect(chat.status.code).toBe(SpanStatusCode.ERROR);
    expect(chat.attributes['error.type']).toBe('BadRequestError');
    expect(harness.logs().some((l) => l.eventName === 'gen_ai.client.operation.exception')).toBe(true);
  });

  it('content is captured only when asked, redacted by the hook', async () => {
    await withCapture(
      () => model('gpt-plain').chat({ messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'my key sk-secret' }] }),
      (text) => text.replaceAll('sk-secret', '[REDACTED]'),
    );
    const chat = one('chat gpt-plain');
    expect(JSON.parse(String(chat.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'be brief' }] },
      { role: 'user', parts: [{ type: 'text', content: 'my key [REDACTED]' }] },
    ]);
    expect(JSON.parse(String(chat.attributes['gen_ai.output.messages']))).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'Hello w1 w2' }], finish_reason: 'stop' }]);
  });

  it('an agent run is invoke_agent: both model calls and the tool execution under it, what the tool does under execute_tool', async () => {
    const result = await agent({ name: 'weather-agent', llm: model('gpt-agent'), tools: [weather] }).run('Weather in Paris?');
    expect(JSON.stringify(result.data)).toContain('Hello');
    const root = one('invoke_agent weather-agent');
    expect(root.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather-agent', 'sightline.gen_ai.framework': 'llamaindex' });
    const chats = named('chat gpt-agent');
    expect(chats).toHaveLength(2);
    expect(chats[0]!.attributes['sightline.gen_ai.response.tool_call.names']).toEqual(['get_weather']);
    const toolSpan = one('execute_tool get_weather');
    expect(toolSpan.attributes).toMatchObject({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather', 'gen_ai.tool.call.id': 'call_fake_1', 'gen_ai.tool.description': 'Weather now' });
    expect(parentOf(one('forecast lookup'))).toBe(idOf(toolSpan));
    for (const span of [...chats, toolSpan]) expect(parentOf(span)).toBe(idOf(root));
    expect(new Set(spans().map((s) => s.spanContext().traceId)).size).toBe(1);
  });

  it('a failing tool fails its execute_tool span (callTool hands the agent the error text)', async () => {
    const broken = tool({ name: 'get_weather', description: 'Weather now', parameters: z.object({ city: z.string() }), execute: () => { throw new RangeError('no station'); } });
    await agent({ llm: model('gpt-agent'), tools: [broken] }).run('Weather in Paris?');
    expect(one('invoke_agent Agent').status.code).toBe(SpanStatusCode.UNSET); // the agent went on with the error text
    const toolSpan = one('execute_tool get_weather');
    expect(toolSpan.status.code).toBe(SpanStatusCode.ERROR);
    expect(toolSpan.attributes['error.type']).toBe('_OTHER');
  });

  it('tool arguments and results are captured only when asked', async () => {
    await withCapture(() => agent({ llm: model('gpt-agent'), tools: [weather] }).run('Weather in Paris?'));
    const toolSpan = one('execute_tool get_weather');
    expect(JSON.parse(String(toolSpan.attributes['gen_ai.tool.call.arguments']))).toEqual({ city: 'Paris' });
    expect(JSON.parse(String(toolSpan.attributes['gen_ai.tool.call.result']))).toBe('sunny in Paris');
  });

  it('a retrieval is a retrieval span with the node count; the query only when content is captured', async () => {
    const index = await VectorStoreIndex.fromDocuments([new Document({ text: 'Paris is sunny.' }), new Document({ text: 'Oslo is cold.' })]);
    harness.reset();
    const nodes = await index.asRetriever({ similarityTopK: 1 }).retrieve({ query: 'weather' });
    expect(nodes).toHaveLength(1);
    const retrieval = one('retrieval VectorIndexRetriever');
    expect(retrieval.attributes).toMatchObject({
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.data_source.id': 'VectorIndexRetriever',
      'sightline.gen_ai.retrieval.document.count': 1,
    });
    expect(retrieval.attributes['gen_ai.retrieval.query.text']).toBeUndefined();
    harness.reset();
    await withCapture(() => index.asRetriever({ similarityTopK: 1 }).retrieve({ query: 'weather' }));
    expect(one('retrieval VectorIndexRetriever').attributes['gen_ai.retrieval.query.text']).toBe('weather');
  });

  it('an LLM over an SDK we patch: the provider span is the only chat span', async () => {
    const client = new openaiModule.OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURLs.openai, maxRetries: 0 });
    // A LlamaIndex LLM class whose chat calls the `openai` 7 SDK (as @llamaindex/* classes over a patched SDK do).
    const chat = decorator.wrapLLMEvent(async function (this: { model: string }, params: { messages: unknown[] }) {
      const raw = await client.chat.completions.create({ model: this.model, messages: params.messages as never });
      return { raw, message: { role: 'assistant', content: raw.choices[0]!.message.content } };
    }, { kind: 'method', name: 'chat' });
    const response = await chat.call({ model: 'gpt-plain' }, { messages: [{ role: 'user', content: 'hi' }] });
    expect(response.message.content).toBe('Hello w1 w2');
    const span = one('chat gpt-plain');
    expect(span.attributes['sightline.gen_ai.framework']).toBeUndefined();
    expect(spans()).toHaveLength(1);
  });

  it('disabled, nothing is recorded and calls work', async () => {
    instrumentation.disable();
    try {
      expect((await model('gpt-plain').chat({ messages: [{ role: 'user', content: 'hi' }] })).message.content).toBe('Hello w1 w2');
    } finally {
      instrumentation.enable();
    }
    expect(spans()).toHaveLength(0);
  });
});
