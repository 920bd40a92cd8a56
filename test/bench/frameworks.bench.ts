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
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { AiSdkInstrumentation, LangChainInstrumentation, OpenAIInstrumentation } from '@sightline/instrumentation-llm';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { report, type CaseResult } from './harness.ts';
import { noopSpanExporter, PullMetricReader } from './sdk-stubs.ts';

const CALLS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 40);
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const require = createRequire(import.meta.url);

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: noopSpanExporter })] });
const meterProvider = new MeterProvider({ readers: [new PullMetricReader()] });
const loggerProvider = new LoggerProvider();
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);
logs.setGlobalLoggerProvider(loggerProvider);

function wire<T extends InstrumentationBase>(instrumentation: T): T {
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  instrumentation.setLoggerProvider(loggerProvider);
  return instrumentation;
}

function startFakeServer(): Promise<{ url: string; stop: () => void }> {
  const script = `import('./test/fixtures/fake-providers/index.mjs').then(async (m) => { const f = await m.startFakeProviders(); process.send(f.url); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve) => child.once('message', (url) => resolve({ url: String(url), stop: () => child.kill() })));
}

interface Recorded {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}
const recorded = new Map<string, Recorded>();
async function replayFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const key = `${String(input)} ${String(init?.body)}`;
  let r = recorded.get(key);
  if (r === undefined) {
    const live = await fetch(input, init);
    r = { status: live.status, headers: [...live.headers.entries()], body: new Uint8Array(await live.arrayBuffer()) };
    recorded.set(key, r);
  }
  return new Response(r.body, { status: r.status, headers: r.headers });
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

interface Variant {
  name: string;
  group: 'ai' | 'langchain';
  run: () => Promise<void>;
  before?: () => void;
  after?: () => void;
}
const all: Variant[] = [
  { name: 'ai 7, uninstrumented', group: 'ai', run: aiVariant(undefined) },
  { name: 'ai 7, @sightline/instrumentation-llm', group: 'ai', run: aiVariant([ours.integration]) },
  { name: 'ai 7, @ai-sdk/otel OpenTelemetry (the SDK’s own)', group: 'ai', run: aiVariant([new OpenTelemetry()]) },
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

interface Sample {
  /** Wall time per call, µs. */
  wall: number;
  /** Process CPU time (user + system) per call, µs. */
  cpu: number;
}

async function microsPerCall(v: Variant): Promise<Sample> {
  v.before?.();
  try {
    gc();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) await v.run();
    const wall = ((performance.now() - start) * 1000) / CALLS;
    const cpu = process.cpuUsage(cpuStart);
    return { wall, cpu: (cpu.user + cpu.system) / CALLS };
  } finally {
    v.after?.();
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const trimmedMean = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * 0.2);
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
};

const samples = new Map<string, Sample[]>(all.map((v) => [v.name, []]));
for (const v of all) for (let i = 0; i < 3; i++) await microsPerCall(v);
for (let round = 0; round < ROUNDS; round++) {
  for (const v of [...all].sort(() => Math.random() - 0.5)) samples.get(v.name)!.push(await microsPerCall(v));
}
server.stop();

console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}; ${ROUNDS} rounds of ${CALLS} calls per variant, interleaved\n`);
console.log('| variant | wall µs per call (median) | added wall µs (median / trimmed mean) | process CPU µs per call (median) | added CPU µs (median / trimmed mean) |');
console.log('|---|---:|---:|---:|---:|');
const groups: Record<Variant['group'], CaseResult[]> = { ai: [], langchain: [] };
const cpuGroups: Record<Variant['group'], CaseResult[]> = { ai: [], langchain: [] };
const result = (name: string, values: number[]): CaseResult => ({ name, medianNs: median(values) * 1000, meanNs: trimmedMean(values) * 1000, p99Ns: Math.max(...values) * 1000, samples: values.length });
for (const v of all) {
  const base = all.find((b) => b.group === v.group)!;
  const wall = samples.get(v.name)!.map((x) => x.wall);
  const cpu = samples.get(v.name)!.map((x) => x.cpu);
  const baseWall = samples.get(base.name)!.map((x) => x.wall);
  const baseCpu = samples.get(base.name)!.map((x) => x.cpu);
  const added = (a: number[], b: number[]) => (v === base ? '—' : `${(median(a) - median(b)).toFixed(0)} / ${(trimmedMean(a) - trimmedMean(b)).toFixed(0)}`);
  console.log(`| ${v.name} | ${median(wall).toFixed(0)} | ${added(wall, baseWall)} | ${median(cpu).toFixed(0)} | ${added(cpu, baseCpu)} |`);
  groups[v.group].push(result(v.name, wall));
  cpuGroups[v.group].push(result(v.name, cpu));
}
report('frameworks', [
  { group: `Vercel AI SDK 7: generateText with one tool (2 model calls, 1 tool execution), process CPU µs per call (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.ai },
  { group: `LangChain.js: prompt | ChatOpenAI | parser, process CPU µs per invoke (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.langchain },
  { group: `Vercel AI SDK 7, wall µs per call`, cases: groups.ai },
  { group: `LangChain.js, wall µs per invoke`, cases: groups.langchain },
]);
