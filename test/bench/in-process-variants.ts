/**
 * What the in-process framework benchmarks share (`frameworks.bench.ts`, `llamaindex.bench.ts`), and the
 * replaying `fetch` the provider worker uses too: the loopback fake provider in a child process, responses
 * fetched from it once and replayed from memory, a real SDK pipeline with no-op ends registered globally,
 * and variants sampled in interleaved rounds (wall and process CPU time per call; a full GC before each
 * sample, outside its timing) then reported as medians and trimmed means.
 */
import { context, logs, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { spawn } from 'node:child_process';
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CaseResult } from './harness.ts';
import { noopSpanExporter, PullMetricReader } from './sdk-stubs.ts';

/** The fake provider (`test/fixtures/fake-providers`) in a child process, so its work is not this process's CPU. */
export function startFakeServer(): Promise<{ url: string; stop: () => void }> {
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

/** Fetches each distinct request once from the fake provider; replays it from memory afterwards. */
export async function replayFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : undefined;
  const key = `${request?.url ?? String(input)} ${request === undefined ? String(init?.body) : await request.clone().text()}`;
  let r = recorded.get(key);
  if (r === undefined) {
    const live = await fetch(input, init);
    r = { status: live.status, headers: [...live.headers.entries()], body: new Uint8Array(await live.arrayBuffer()) };
    recorded.set(key, r);
  }
  return new Response(r.body, { status: r.status, headers: r.headers });
}

/** Registers the global providers of an SDK pipeline whose ends do nothing: spans and measurements still go through the SDK. */
export function installNoopPipeline(): { tracerProvider: TracerProvider; meterProvider: MeterProvider; loggerProvider: LoggerProvider } {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: noopSpanExporter })] });
  const meterProvider = new MeterProvider({ readers: [new PullMetricReader()] });
  const loggerProvider = new LoggerProvider();
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  logs.setGlobalLoggerProvider(loggerProvider);
  return { tracerProvider, meterProvider, loggerProvider };
}

/** One row: a call, the group whose first variant is its baseline, and what turns its instrumentation on and off. */
export interface Variant<G extends string> {
  name: string;
  group: G;
  run: () => Promise<void>;
  before?: () => void;
  after?: () => void;
}

interface Sample {
  /** Wall time per call, µs. */
  wall: number;
  /** Process CPU time (user + system) per call, µs. */
  cpu: number;
}

let gcFunction: (() => void) | undefined;
/** A full GC, made available on first use (so that importing this file for `replayFetch` changes no V8 flag). */
function gc(): void {
  if (gcFunction === undefined) {
    v8.setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}

async function sample<G extends string>(v: Variant<G>, calls: number): Promise<Sample> {
  v.before?.();
  try {
    gc();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < calls; i++) await v.run();
    const wall = ((performance.now() - start) * 1000) / calls;
    const cpu = process.cpuUsage(cpuStart);
    return { wall, cpu: (cpu.user + cpu.system) / calls };
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
const result = (name: string, values: number[]): CaseResult => ({ name, medianNs: median(values) * 1000, meanNs: trimmedMean(values) * 1000, p99Ns: Math.max(...values) * 1000, samples: values.length });

/**
 * Samples every variant (3 unrecorded warm-up samples each, then `rounds` rounds in random order, `calls`
 * calls per sample), prints the markdown table of wall and CPU time with the added time over each group's
 * baseline, and returns the rows by group for `report()`.
 */
export async function measureVariants<G extends string>(
  all: Variant<G>[],
  calls: number,
  rounds: number,
): Promise<{ wall: Record<G, CaseResult[]>; cpu: Record<G, CaseResult[]> }> {
  const samples = new Map<string, Sample[]>(all.map((v) => [v.name, []]));
  for (const v of all) for (let i = 0; i < 3; i++) await sample(v, calls);
  for (let round = 0; round < rounds; round++) {
    for (const v of [...all].sort(() => Math.random() - 0.5)) samples.get(v.name)!.push(await sample(v, calls));
  }

  console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}; ${rounds} rounds of ${calls} calls per variant, interleaved\n`);
  console.log('| variant | wall µs per call (median) | added wall µs (median / trimmed mean) | process CPU µs per call (median) | added CPU µs (median / trimmed mean) |');
  console.log('|---|---:|---:|---:|---:|');
  const wallGroups = {} as Record<G, CaseResult[]>;
  const cpuGroups = {} as Record<G, CaseResult[]>;
  for (const v of all) {
    const base = all.find((b) => b.group === v.group)!;
    const wall = samples.get(v.name)!.map((x) => x.wall);
    const cpu = samples.get(v.name)!.map((x) => x.cpu);
    const baseWall = samples.get(base.name)!.map((x) => x.wall);
    const baseCpu = samples.get(base.name)!.map((x) => x.cpu);
    const added = (a: number[], b: number[]) => (v === base ? '—' : `${(median(a) - median(b)).toFixed(0)} / ${(trimmedMean(a) - trimmedMean(b)).toFixed(0)}`);
    console.log(`| ${v.name} | ${median(wall).toFixed(0)} | ${added(wall, baseWall)} | ${median(cpu).toFixed(0)} | ${added(cpu, baseCpu)} |`);
    (wallGroups[v.group] ??= []).push(result(v.name, wall));
    (cpuGroups[v.group] ??= []).push(result(v.name, cpu));
  }
  return { wall: wallGroups, cpu: cpuGroups };
}
