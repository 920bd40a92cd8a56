/**
 * Added time of LLM instrumentations per non-streaming call and per streamed chunk: the real `openai` SDK
 * with the built `@sightline/instrumentation-llm` and the peers that install, all in this one process on
 * the same workload. The responses are the loopback fake provider's (run in a child process): each one is
 * fetched from it once, then replayed from memory by the clients' `fetch`, so that socket and HTTP noise
 * (hundreds of µs per call, varying by more than the effects measured) stays out of the numbers while the
 * SDK still parses the same JSON and SSE bytes. Time is wall time (`performance.now()`): with no socket in the
 * loop the thread never waits, so wall time is the CPU the calls cost plus the garbage collection they cause;
 * the thread CPU clock (`process.threadCpuUsage()`) advances in 4 ms steps on these machines, too coarse for
 * samples of a few milliseconds. A real SDK pipeline (span processor with a no-op exporter, metric reader, logger provider)
 * is registered for every variant, the baseline included. Content capture is off everywhere.
 *
 * Run after `npm run build`: `npm run bench llm`, or `node test/bench/llm.bench.ts [calls-per-sample]
 * [rounds]`. Prints a markdown table (trimmed means over the rounds) and saves `results/llm.json`
 * (nanoseconds added per operation) for `run.ts`.
 */
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { OpenAIInstrumentation } from '@sightline/instrumentation-llm';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { report, type CaseResult } from './harness.ts';
import { noopSpanExporter, PullMetricReader } from './sdk-stubs.ts';

const CALLS = Number(process.argv[2] ?? 20);
const ROUNDS = Number(process.argv[3] ?? 100);
v8.setFlagsFromString('--expose-gc');
/** A full GC before each sample, outside the measurement, so no sample pays for another's garbage. */
const gc = runInNewContext('gc') as () => void;
const SHORT = 20;
const LONG = 420;
const require = createRequire(import.meta.url);

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: noopSpanExporter })] });
const meterProvider = new MeterProvider({ readers: [new PullMetricReader()] });
const loggerProvider = new LoggerProvider();
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);
logs.setGlobalLoggerProvider(loggerProvider);

/** Starts the fake providers in a child process; resolves with their URL. */
function startFakeServer(): Promise<{ url: string; stop: () => void }> {
  const script = `import('./test/fixtures/fake-providers/index.mjs').then(async (m) => { const f = await m.startFakeProviders(); process.send(f.url); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve) => child.once('message', (url) => resolve({ url: String(url), stop: () => child.kill() })));
}

/** A fresh copy of an openai build, so each variant patches its own classes. */
function freshModule(name: string): Record<string, unknown> {
  for (const key of Object.keys(require.cache)) if (key.includes(`/node_modules/${name}/`)) delete require.cache[key];
  return require(name) as Record<string, unknown>;
}

/** Patches `module` the way the instrumentation's require hook would. */
function patch(instrumentation: InstrumentationBase, module: Record<string, unknown>, version: string): void {
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  instrumentation.setLoggerProvider(loggerProvider);
  for (const definition of instrumentation.getModuleDefinitions()) {
    if (definition.name === 'openai') definition.patch?.(module, version);
  }
}

/** A response body recorded from the fake provider, replayed for every later request with the same body. */
interface Recorded {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}
const recorded = new Map<string, Recorded>();

async function replayFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const key = String(init?.body);
  let r = recorded.get(key);
  if (r === undefined) {
    const live = await fetch(input, init);
    r = { status: live.status, headers: [...live.headers.entries()], body: new Uint8Array(await live.arrayBuffer()) };
    recorded.set(key, r);
  }
  return new Response(r.body, { status: r.status, headers: r.headers });
}

interface Variant {
  name: string;
  client: { chat: { completions: { create(body: object): Promise<unknown> } } };
}

type OpenAIConstructor = new (options: object) => Variant['client'];

async function loadPeer(name: string, make: (m: Record<string, unknown>) => InstrumentationBase): Promise<InstrumentationBase | undefined> {
  try {
    return make((await import(name)) as Record<string, unknown>);
  } catch (error) {
    console.error(`# ${name} not measured: ${String(error)}`);
    return undefined;
  }
}

async function variants(url: string): Promise<Variant[]> {
  const options = { apiKey: 'sk-bench', baseURL: `${url}/openai/v1`, maxRetries: 0, fetch: replayFetch };
  const out: Variant[] = [];
  const add = (name: string, packageName: string, version: string, instrumentation?: InstrumentationBase) => {
    const module = freshModule(packageName);
    if (instrumentation !== undefined) patch(instrumentation, module, version);
    const OpenAI = (module.OpenAI ?? module.default) as OpenAIConstructor;
    out.push({ name, client: new OpenAI(options) });
  };
  add('openai 7, uninstrumented', 'openai', '7.57.0');
  add('openai 7, @sightline/instrumentation-llm', 'openai', '7.57.0', new OpenAIInstrumentation({ enabled: false }));
  add('openai 6, uninstrumented', 'openai-v6', '6.49.0');
  add('openai 6, @sightline/instrumentation-llm', 'openai-v6', '6.49.0', new OpenAIInstrumentation({ enabled: false }));
  const peers: Array<[string, (m: Record<string, unknown>) => InstrumentationBase]> = [
    // Left enabled: this one records nothing when constructed disabled. Its require hook matches `openai`
    // <7 only, so it does not touch the other variants' modules.
    ['@opentelemetry/instrumentation-openai', (m) => new (m.OpenAIInstrumentation as new (c: object) => InstrumentationBase)({})],
    ['@traceloop/instrumentation-openai', (m) => new (m.OpenAIInstrumentation as new (c: object) => InstrumentationBase)({ enabled: false, traceContent: false })],
    ['@arizeai/openinference-instrumentation-openai', (m) => new (m.OpenAIInstrumentation as new (c: object) => InstrumentationBase)({ enabled: false, traceConfig: { hideInputs: true, hideOutputs: true } })],
  ];
  for (const [name, make] of peers) {
    const instrumentation = await loadPeer(name, make);
    if (instrumentation !== undefined) add(`openai 6, ${name}`, 'openai-v6', '6.49.0', instrumentation);
  }
  return out;
}

const messages = [{ role: 'user', content: 'hi' }];

async function drain(stream: unknown): Promise<void> {
  for await (const _ of stream as AsyncIterable<unknown>);
}

/** Wall microseconds per call of `run`, over `CALLS` sequential calls. */
async function microsPerCall(run: () => Promise<void>): Promise<number> {
  gc();
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await run();
  return ((performance.now() - start) * 1000) / CALLS;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
/** Mean of the middle 60 % of the samples. */
const trimmedMean = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * 0.2);
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
};

const server = await startFakeServer();
const all = await variants(server.url);
const workloads = {
  plain: (v: Variant) => async () => void (await v.client.chat.completions.create({ model: 'bench', messages })),
  short: (v: Variant) => async () => drain(await v.client.chat.completions.create({ model: `bench-chunks-${SHORT}`, messages, stream: true })),
  long: (v: Variant) => async () => drain(await v.client.chat.completions.create({ model: `bench-chunks-${LONG}`, messages, stream: true })),
};
const samples = new Map<string, Record<keyof typeof workloads, number[]>>();
for (const v of all) samples.set(v.name, { plain: [], short: [], long: [] });

for (const v of all) for (const make of Object.values(workloads)) for (let i = 0; i < 50; i++) await make(v)();
for (let round = 0; round < ROUNDS; round++) {
  for (const v of [...all].sort(() => Math.random() - 0.5)) {
    for (const [key, make] of Object.entries(workloads) as Array<[keyof typeof workloads, (v: Variant) => () => Promise<void>]>) {
      samples.get(v.name)![key].push(await microsPerCall(make(v)));
    }
  }
}
server.stop();

const baseOf = (name: string) => (name.startsWith('openai 7') ? 'openai 7, uninstrumented' : 'openai 6, uninstrumented');
/** Added µs of `name` over its baseline, per call and per chunk, by `pick` (median or mean of rounds). */
function added(name: string, pick: (values: number[]) => number) {
  const s = samples.get(name)!;
  const b = samples.get(baseOf(name))!;
  const call = pick(s.plain) - pick(b.plain);
  const chunk = (pick(s.long) - pick(b.long) - (pick(s.short) - pick(b.short))) / (LONG - SHORT);
  return { call, chunk };
}

console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs; ${ROUNDS} rounds of ${CALLS} calls per variant and workload, interleaved; trimmed mean (middle 60 %) of the rounds\n`);
console.log('| variant | µs per call | added µs per call | added µs per streamed chunk |');
console.log('|---|---:|---:|---:|');
const perCall: CaseResult[] = [];
const perChunk: CaseResult[] = [];
for (const v of all) {
  const uninstrumented = v.name.endsWith('uninstrumented');
  const { call, chunk } = added(v.name, trimmedMean);
  console.log(`| ${v.name} | ${trimmedMean(samples.get(v.name)!.plain).toFixed(1)} | ${uninstrumented ? '—' : call.toFixed(1)} | ${uninstrumented ? '—' : chunk.toFixed(2)} |`);
  if (uninstrumented) continue;
  const byMedian = added(v.name, median);
  perCall.push({ name: v.name, medianNs: byMedian.call * 1000, meanNs: call * 1000, p99Ns: call * 1000, samples: ROUNDS });
  perChunk.push({ name: v.name, medianNs: byMedian.chunk * 1000, meanNs: chunk * 1000, p99Ns: chunk * 1000, samples: ROUNDS });
}
report('llm', [
  { group: `added time per non-streaming chat call, vs the same SDK uninstrumented (median | trimmed mean of ${ROUNDS} interleaved rounds of ${CALLS} calls)`, cases: perCall },
  { group: `added time per streamed chunk (slope between ${SHORT}- and ${LONG}-chunk streams)`, cases: perChunk },
]);
