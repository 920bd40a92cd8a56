/**
 * Added time of the framework instrumentations per logical call, against the uninstrumented call and the
 * peers that exist, all in this one process on the same workload (the method of llm.bench.ts: responses
 * fetched from the loopback fake provider once, then replayed from memory by the clients' `fetch`; wall
 * time; a real SDK pipeline with a no-op exporter registered for every variant; content capture off).
 *
 * - Vercel AI SDK 7, `generateText` with one tool (two model calls, one tool execution): uninstrumented;
 *   ours (`AiSdkInstrumentation`'s integration); the AI SDK's own `@ai-sdk/otel` `OpenTelemetry`
 *   integration. Each variant passes its integration per call (`telemetry.integrations`), so they do not
 *   see each other.
 * - Vercel AI SDK 6 (`ai-v6`, with `@ai-sdk/openai` 3), the same call: uninstrumented (telemetry off, the
 *   SDK's default); ours (the module as `AiSdkInstrumentation` patches it: the operation runs with our
 *   translating tracer); the SDK's own `ai.*` spans (`experimental_telemetry: { isEnabled: true }` with the
 *   pipeline's tracer), what an `ai` 6 app gets without us.
 * - LangChain.js, `prompt | ChatOpenAI | parser` over the `openai` SDK: uninstrumented; ours (LangChain and
 *   OpenAI instrumentations: the chain's spans plus the model call's one span and its metrics); OpenLLMetry's
 *   `TraceloopCallbackHandler` (per call); OpenInference's LangChain instrumentation (patched for its own
 *   samples only). Ours is enabled for its own samples only.
 *
 * Each sample records both the wall time and the process's CPU time (`process.cpuUsage()`, user + system, of
 * this process only: the fake provider runs in a child process), so the added cost can be read from the CPU
 * time, which other jobs on a shared machine disturb far less than the wall time.
 *
 * Run after `npm run build`: `npm run bench frameworks`, or `node test/bench/frameworks.bench.ts
 * [calls-per-sample] [rounds]`. Saves `results/frameworks.json` for `run.ts`.
 */
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { AiSdkInstrumentation, LangChainInstrumentation, OpenAIInstrumentation } from '@sightline/instrumentation-llm';
import { createRequire } from 'node:module';
import { report } from './harness.ts';
import { installNoopPipeline, measureVariants, replayFetch, startFakeServer, type Variant } from './in-process-variants.ts';

const CALLS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 40);
const require = createRequire(import.meta.url);

const { tracerProvider, meterProvider, loggerProvider } = installNoopPipeline();

function wire<T extends InstrumentationBase>(instrumentation: T): T {
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  instrumentation.setLoggerProvider(loggerProvider);
  return instrumentation;
}

const server = await startFakeServer();
const baseURL = `${server.url}/openai/v1`;

// --- Vercel AI SDK 7 ---
const ai = (await import('ai')) as typeof import('ai');
const { createOpenAI } = (await import('@ai-sdk/openai')) as typeof import('@ai-sdk/openai');
const { OpenTelemetry } = (await import('@ai-sdk/otel')) as typeof import('@ai-sdk/otel');
const { z } = (await import('zod')) as typeof import('zod');
const provider = createOpenAI({ baseURL, apiKey: 'sk-bench', fetch: replayFetch });
const tools = { get_weather: ai.tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }: { city: string }) => `sunny in ${city}` }) };
const ours = wire(new AiSdkInstrumentation({ enabled: false }));
const aiVariant = (integrations: object[] | undefined) => async () =>
  void (await ai.generateText({
    model: provider.chat('bench-agent'),
    prompt: 'Weather?',
    tools,
    stopWhen: ai.stepCountIs(3),
    telemetry: integrations === undefined ? { isEnabled: false } : { integrations: integrations as never },
  }));

// --- Vercel AI SDK 6 ---
const ai6 = require('ai-v6') as typeof import('ai-v6');
const { createOpenAI: createOpenAI6 } = require('ai-sdk-openai-v3') as typeof import('ai-sdk-openai-v3');
const ai6Version = (require('ai-v6/package.json') as { version: string }).version;
const ours6 = ours.getModuleDefinitions().find((d) => d.name === 'ai')!.patch!(ai6, ai6Version) as typeof ai6;
const provider6 = createOpenAI6({ baseURL, apiKey: 'sk-bench', fetch: replayFetch });
const tools6 = { get_weather: ai6.tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }: { city: string }) => `sunny in ${city}` }) };
const sdkTracer = tracerProvider.getTracer('ai');
const ai6Variant = (module: typeof ai6, telemetry: { isEnabled: boolean; tracer?: typeof sdkTracer } | undefined) => async () =>
  void (await module.generateText({ model: provider6.chat('bench-agent'), prompt: 'Weather?', tools: tools6, stopWhen: module.stepCountIs(3), experimental_telemetry: telemetry }));

// --- LangChain.js ---
const manager = require('@langchain/core/callbacks/manager') as Record<string, unknown>;
const { ChatPromptTemplate } = require('@langchain/core/prompts') as typeof import('@langchain/core/prompts');
const { StringOutputParser } = require('@langchain/core/output_parsers') as typeof import('@langchain/core/output_parsers');
const { ChatOpenAI } = require('@langchain/openai') as typeof import('@langchain/openai');
const openaiModule = require('openai') as Record<string, unknown>;
const langchain = wire(new LangChainInstrumentation({ enabled: false }));
const openAi = wire(new OpenAIInstrumentation({ enabled: false }));
langchain._patchManager(manager as never);
langchain._patchSingleton(require('@langchain/core/singletons') as never);
langchain._patchChatModels(require('@langchain/core/language_models/chat_models') as never);
for (const d of openAi.getModuleDefinitions()) if (d.name === 'openai') d.patch?.(openaiModule, '7.57.0');
const chain = ChatPromptTemplate.fromMessages([['human', 'Say hi to {name}']])
  .pipe(new ChatOpenAI({ model: 'bench-chat', apiKey: 'sk-bench', maxRetries: 0, configuration: { baseURL, fetch: replayFetch } }))
  .pipe(new StringOutputParser());
const { TraceloopCallbackHandler } = (await import('@traceloop/instrumentation-langchain')) as unknown as {
  TraceloopCallbackHandler: new (tracer: unknown, traceContent: boolean) => object;
};
const traceloop = new TraceloopCallbackHandler(tracerProvider.getTracer('traceloop-langchain'), false);
const { LangChainInstrumentation: OpenInference } = (await import('@arizeai/openinference-instrumentation-langchain')) as unknown as {
  LangChainInstrumentation: new (c: object) => InstrumentationBase & { patch(m: unknown): void; unpatch(m: unknown): void };
};
const openInference = wire(new OpenInference({ instrumentationConfig: { enabled: false }, traceConfig: { hideInputs: true, hideOutputs: true } }));

const all: Variant<'ai' | 'ai6' | 'langchain'>[] = [
  { name: 'ai 7, uninstrumented', group: 'ai', run: aiVariant(undefined) },
  { name: 'ai 7, @sightline/instrumentation-llm', group: 'ai', run: aiVariant([ours.integration]) },
  { name: 'ai 7, @ai-sdk/otel OpenTelemetry (the SDK’s own)', group: 'ai', run: aiVariant([new OpenTelemetry()]) },
  { name: 'ai 6, uninstrumented', group: 'ai6', run: ai6Variant(ai6, undefined) },
  { name: 'ai 6, @sightline/instrumentation-llm', group: 'ai6', run: ai6Variant(ours6, undefined) },
  { name: 'ai 6, experimental_telemetry (the SDK’s own ai.* spans)', group: 'ai6', run: ai6Variant(ai6, { isEnabled: true, tracer: sdkTracer }) },
  { name: '@langchain/core 1, uninstrumented', group: 'langchain', run: async () => void (await chain.invoke({ name: 'Ada' })) },
  {
    name: '@langchain/core 1, @sightline/instrumentation-llm (LangChain + OpenAI)',
    group: 'langchain',
    run: async () => void (await chain.invoke({ name: 'Ada' })),
    before: () => {
      langchain.enable();
      openAi.enable();
    },
    after: () => {
      langchain.disable();
      openAi.disable();
    },
  },
  { name: '@langchain/core 1, @traceloop/instrumentation-langchain (callback handler)', group: 'langchain', run: async () => void (await chain.invoke({ name: 'Ada' }, { callbacks: [traceloop as never] })) },
  {
    name: '@langchain/core 1, @arizeai/openinference-instrumentation-langchain',
    group: 'langchain',
    run: async () => void (await chain.invoke({ name: 'Ada' })),
    before: () => openInference.patch(manager),
    after: () => openInference.unpatch(manager),
  },
];
// The enable()/disable() toggles must not patch anything by themselves (no module hooks here).
langchain.disable();
openAi.disable();

const { wall: groups, cpu: cpuGroups } = await measureVariants(all, CALLS, ROUNDS);
server.stop();
report('frameworks', [
  { group: `Vercel AI SDK 7: generateText with one tool (2 model calls, 1 tool execution), process CPU µs per call (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.ai },
  { group: `Vercel AI SDK 6: generateText with one tool (2 model calls, 1 tool execution), process CPU µs per call (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.ai6 },
  { group: `LangChain.js: prompt | ChatOpenAI | parser, process CPU µs per invoke (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.langchain },
  { group: `Vercel AI SDK 7, wall µs per call`, cases: groups.ai },
  { group: `Vercel AI SDK 6, wall µs per call`, cases: groups.ai6 },
  { group: `LangChain.js, wall µs per invoke`, cases: groups.langchain },
]);
