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
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { LlamaIndexInstrumentation } from '@sightline/instrumentation-llm';
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

interface Variant {
  name: string;
  group: 'chat' | 'agent';
  run: () => Promise<void>;
  on: boolean;
}
const all: Variant[] = [
  { name: 'llamaindex 0.12 chat(), uninstrumented', group: 'chat', run: chat, on: false },
  { name: 'llamaindex 0.12 chat(), @sightline/instrumentation-llm', group: 'chat', run: chat, on: true },
  { name: 'llamaindex 0.12 agent().run(), uninstrumented', group: 'agent', run, on: false },
  { name: 'llamaindex 0.12 agent().run(), @sightline/instrumentation-llm', group: 'agent', run, on: true },
];

interface Sample {
  wall: number;
  cpu: number;
}

async function microsPerCall(v: Variant): Promise<Sample> {
  if (v.on) instrumentation.enable();
  try {
    gc();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) await v.run();
    const wall = ((performance.now() - start) * 1000) / CALLS;
    const cpu = process.cpuUsage(cpuStart);
    return { wall, cpu: (cpu.user + cpu.system) / CALLS };
  } finally {
    if (v.on) instrumentation.disable();
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
const groups: Record<Variant['group'], CaseResult[]> = { chat: [], agent: [] };
const cpuGroups: Record<Variant['group'], CaseResult[]> = { chat: [], agent: [] };
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
report('llamaindex', [
  { group: `LlamaIndex.TS chat() over @llamaindex/openai, process CPU µs per call (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.chat },
  { group: `LlamaIndex.TS agent().run() with one tool (2 model calls, 1 tool), process CPU µs per run (${ROUNDS} rounds × ${CALLS} calls)`, cases: cpuGroups.agent },
  { group: `LlamaIndex.TS chat(), wall µs per call`, cases: groups.chat },
  { group: `LlamaIndex.TS agent().run(), wall µs per run`, cases: groups.agent },
]);
