/**
 * Added time of the LlamaIndex.TS instrumentation per call, against the uninstrumented call, in this one
 * process on the same workload (the method of frameworks.bench.ts: responses fetched from the loopback fake
 * provider once, then replayed from memory by the client's `fetch`; a real SDK pipeline with a no-op exporter;
 * content capture off):
 *
 * - `chat()` of `@llamaindex/openai`'s `OpenAI` (over its own `openai` 5): one `chat` span and its metrics;
 * - `agent({ tools }).run()` of `@llamaindex/workflow` (two model calls, one tool): `invoke_agent`, two `chat`,
 *   one `execute_tool`.
 *
 * No peer is measured: OpenLLMetry's `@traceloop/instrumentation-llamaindex` 0.27.0 wraps `chat` of the LLM
 * classes the `llamaindex` module exports and `OpenAIAgent`, which `llamaindex` 0.12 no longer exports (they
 * moved to `@llamaindex/openai` / `@llamaindex/workflow`), so it traces nothing of this workload; OpenInference's
 * LlamaIndex instrumentation is Python only. The classes
 * are loaded after the decorator is patched; "uninstrumented" is the same code with the instrumentation
 * disabled (its wrappers then call straight through).
 *
 * Run after `npm run build`: `npm run bench llamaindex`, or `node test/bench/llamaindex.bench.ts
 * [calls-per-sample] [rounds]`. Saves `results/llamaindex.json` for `run.ts`.
 */
import { LlamaIndexInstrumentation } from '@sightline/instrumentation-llm';
import { createRequire } from 'node:module';
import { report } from './harness.ts';
import { installNoopPipeline, measureVariants, replayFetch, startFakeServer, type Variant } from './in-process-variants.ts';

const CALLS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 40);
const require = createRequire(import.meta.url);

const { tracerProvider, meterProvider, loggerProvider } = installNoopPipeline();

const server = await startFakeServer();
const baseURL = `${server.url}/openai/v1`;

const instrumentation = new LlamaIndexInstrumentation({ enabled: false });
instrumentation.setTracerProvider(tracerProvider);
instrumentation.setMeterProvider(meterProvider);
instrumentation.setLoggerProvider(loggerProvider);
/* eslint-disable @typescript-eslint/no-explicit-any -- the CommonJS builds, loaded untyped after patching */
instrumentation._patchDecorator(require('@llamaindex/core/decorator'));
instrumentation._patchAgent(require('@llamaindex/core/agent'));
const workflow = require('@llamaindex/workflow');
instrumentation._patchWorkflow(workflow);
const { OpenAI } = require('@llamaindex/openai');
const { tool } = require('@llamaindex/core/tools');
const { z } = require('zod');

const llm = (model: string): any =>
  new OpenAI({ model, apiKey: 'sk-bench', baseURL, maxRetries: 0, additionalSessionOptions: { fetch: replayFetch }, additionalChatOptions: { stream_options: { include_usage: true } } });
const chatModel = llm('bench-chat');
const weather = tool({ name: 'get_weather', description: 'Weather now', parameters: z.object({ city: z.string() }), execute: ({ city }: { city: string }) => `sunny in ${city}` });
const agentModel = llm('bench-agent');
const chat = async () => void (await chatModel.chat({ messages: [{ role: 'user', content: 'hi' }] }));
const run = async () => void (await workflow.agent({ llm: agentModel, tools: [weather] }).run('Weather?'));

const on = { before: () => instrumentation.enable(), after: () => instrumentation.disable() };
const all: Variant<'chat' | 'agent'>[] = [
  { name: 'llamaindex 0.12 chat(), uninstrumented', group: 'chat', run: chat },
  { name: 'llamaindex 0.12 chat(), @sightline/instrumentation-llm', group: 'chat', run: chat, ...on },
  { name: 'llamaindex 0.12 agent().run(), uninstrumented', group: 'agent', run },
  { name: 'llamaindex 0.12 agent().run(), @sightline/instrumentation-llm', group: 'agent', run, ...on },
];

const { wall: groups, cpu: cpuGroups } = await measureVariants(all, CALLS, ROUNDS);
server.stop();
report('llamaindex', [
  { group: `LlamaIndex.TS chat() over @llamaindex/openai, process CPU µs per call (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.chat },
  { group: `LlamaIndex.TS agent().run() with one tool (2 model calls, 1 tool), process CPU µs per run (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.agent },
  { group: `LlamaIndex.TS chat(), wall µs per call`, cases: groups.chat },
  { group: `LlamaIndex.TS agent().run(), wall µs per run`, cases: groups.agent },
]);
