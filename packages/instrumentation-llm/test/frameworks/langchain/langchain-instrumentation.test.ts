/**
 * Real @langchain/core, @langchain/openai (over the real `openai` SDK) and @langchain/langgraph against
 * the loopback fake OpenAI server (docs/llm.md, "LangChain.js").
 */
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import * as manager from '@langchain/core/callbacks/manager';
import * as chatModels from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import * as singletons from '@langchain/core/singletons';
import { tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { ChatOpenAI } from '@langchain/openai';
import * as openaiModule from 'openai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LangChainInstrumentation, OpenAIInstrumentation } from '../../../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule, unpatchModule } from '../../fixtures/harness.js';

const require = createRequire(import.meta.url);
const openaiVersion = (JSON.parse(readFileSync(join(dirname(require.resolve('openai')), 'package.json'), 'utf8')) as { version: string }).version;
const instrumentation = new LangChainInstrumentation();
const openAiInstrumentation = new OpenAIInstrumentation();
const harness = createHarness(instrumentation, openAiInstrumentation);
patchModule(openAiInstrumentation, 'openai', openaiModule, openaiVersion);
instrumentation._patchManager(manager as never);
instrumentation._patchSingleton(singletons as never);
instrumentation._patchChatModels(chatModels as never);

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
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

const weather = tool(
  async ({ city }: { city: string }) => {
    trace.getTracer('tool-work').startSpan('forecast lookup', {}, context.active()).end();
    return `sunny in ${city}`;
  },
  { name: 'get_weather', description: 'Weather now', schema: z.object({ city: z.string() }) },
);

function model(name: string) {
  return new ChatOpenAI({ model: name, apiKey: 'sk-test', configuration: { baseURL: fake.baseURLs.openai }, maxRetries: 0 });
}

describe('LangChain.js', () => {
  it('a chain is one trace: sequence → prompt, model, parser; the model call is the openai span, once, under the sequence', async () => {
    const chain = ChatPromptTemplate.fromMessages([['human', 'Say hi to {name}']]).pipe(model('gpt-plain')).pipe(new StringOutputParser());
    expect(await chain.invoke({ name: 'Ada' })).toBe('Hello w1 w2');
    const sequence = one('RunnableSequence');
    const chat = one('chat gpt-plain');
    expect(chat.instrumentationScope.name).toBe('@sightline/instrumentation-llm');
    expect(chat.kind).toBe(SpanKind.CLIENT);
    expect(chat.attributes['sightline.gen_ai.framework']).toBeUndefined(); // the provider span, not a LangChain one
    expect(chat.attributes['gen_ai.usage.input_tokens']).toBe(12);
    expect(parentOf(chat)).toBe(idOf(sequence));
    expect(parentOf(one('ChatPromptTemplate'))).toBe(idOf(sequence));
    expect(parentOf(one('StrOutputParser'))).toBe(idOf(sequence));
    expect(sequence.attributes['sightline.gen_ai.framework']).toBe('langchain');
    expect(new Set(spans().map((s) => s.spanContext().traceId)).size).toBe(1);
    expect(spans()).toHaveLength(4);
    const tokens = await harness.histogram('gen_ai.client.token.usage', 'gpt-plain');
    expect(tokens.map((p) => p.count)).toEqual([1, 1]);
  });

  it('a streamed model call is the provider span too, nested under the chain', async () => {
    const chain = RunnableLambda.from((input: string) => input).pipe(model('gpt-plain'));
    let text = '';
    for await (const chunk of await chain.stream('hi')) text += String(chunk.content);
    expect(text).toBe('Hello w1 w2');
    const chat = one('chat gpt-plain');
    expect(chat.attributes['gen_ai.request.stream']).toBe(true);
    expect(parentOf(chat)).toBe(idOf(one('RunnableSequence')));
  });

  it('a model whose SDK is not traced by a provider instrumentation gets a LangChain chat span', async () => {
    unpatchModule(openAiInstrumentation, 'openai', openaiModule, openaiVersion);
    try {
      await model('gpt-plain').invoke('hi');
    } finally {
      patchModule(openAiInstrumentation, 'openai', openaiModule, openaiVersion);
    }
    const chat = one('chat gpt-plain');
    expect(chat.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-plain',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['stop'],
      'sightline.gen_ai.framework': 'langchain',
    });
    expect(spans()).toHaveLength(1);
  });

  it('a tool is execute_tool, and what it does nests under it', async () => {
    expect(await weather.invoke({ city: 'Paris' })).toBe('sunny in Paris');
    const toolSpan = one('execute_tool get_weather');
    expect(toolSpan.attributes).toMatchObject({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather' });
    expect(parentOf(one('forecast lookup'))).toBe(idOf(toolSpan));
  });

  it('a LangGraph agent: invoke_agent → model calls and the tool execution, one trace', async () => {
    const agent = createReactAgent({ llm: model('gpt-agent'), tools: [weather], name: 'weather_agent' });
    const result = await agent.invoke({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    // The fake answers both turns with the same response id, so LangGraph's reducer keeps one AI message.
    expect(result.messages.map((m) => String(m.content))).toContain('Hello w1 w2');
    const root = one('invoke_agent weather_agent');
    expect(root.attributes).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather_agent' });
    const chats = named('chat gpt-agent');
    expect(chats).toHaveLength(2);
    const toolSpan = one('execute_tool get_weather');
    expect(toolSpan.attributes['gen_ai.tool.call.id']).toBe('call_fake_1');
    expect(new Set(spans().map((s) => s.spanContext().traceId)).size).toBe(1);
    const byId = new Map(spans().map((s) => [idOf(s), s]));
    const ancestors = (span: (typeof chats)[number]) => {
      const names: string[] = [];
      for (let p = parentOf(span); p !== undefined; p = parentOf(byId.get(p)!)) names.push(byId.get(p)!.name);
      return names;
    };
    for (const span of [...chats, toolSpan]) expect(ancestors(span)).toContain('invoke_agent weather_agent');
  });

  it('a failing chain fails its span with error.type, and the app gets the error unchanged', async () => {
    class Boom extends Error {}
    const error = new Boom('no');
    const failing = RunnableLambda.from(() => {
      throw error;
    });
    await expect(failing.invoke('x')).rejects.toBe(error);
    const span = spans().find((s) => s.status.code === SpanStatusCode.ERROR)!;
    expect(span.attributes['error.type']).toBe('Boom');
  });
});
