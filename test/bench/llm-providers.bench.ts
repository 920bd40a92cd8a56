/**
 * Process-level overhead of the Ollama, Mistral, Cohere and Bedrock (Converse) instrumentations: for each provider, worker
 * processes (`llm-providers-worker.ts`) make many chat calls, plain and streamed (20 chunks), through the
 * real SDK uninstrumented and patched by the built `@sightline/instrumentation-llm` — for Bedrock also by
 * the peer instrumentations published for it (`@opentelemetry/instrumentation-aws-sdk`,
 * `@traceloop/instrumentation-bedrock`, `@arizeai/openinference-instrumentation-bedrock`) — each with a full SDK
 * pipeline (BatchSpanProcessor into a no-op exporter, metric reader, logger provider). One process per
 * (provider, variant) per round, rounds interleaved in random order; the added time is the difference of
 * the medians over the rounds. The spread of the per-process values is printed too.
 *
 * Run after `npm run build`: `node test/bench/llm-providers.bench.ts [calls-per-process] [rounds]`. Prints
 * a markdown table and saves `results/llm-providers.json` for `run.ts`.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { report, type CaseResult } from './harness.ts';
import { startFakeProviders } from '../fixtures/fake-providers/index.mjs';

const CALLS = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 7);
const PROVIDERS = ['ollama', 'mistral', 'cohere', 'bedrock'] as const;
/** Uninstrumented first; the peers exist for Bedrock only (none is published for Ollama or Mistral; Traceloop's Cohere one patches the v1 client). */
const VARIANTS: Record<(typeof PROVIDERS)[number], string[]> = {
  ollama: ['bare', 'sightline'],
  mistral: ['bare', 'sightline'],
  cohere: ['bare', 'sightline'],
  bedrock: ['bare', 'sightline', 'aws-sdk', 'traceloop', 'openinference'],
};
const WORKER = new URL('./llm-providers-worker.ts', import.meta.url).pathname;

interface Sample {
  plainUs: number;
  streamUs: number;
}

function runWorker(provider: string, variant: string, url: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, provider, variant, String(CALLS), url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Sample) : reject(new Error(`${provider} ${variant} exited ${code}`))));
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const loadAtStart = os.loadavg();
const fake = await startFakeProviders();
const samples = new Map<string, Sample[]>();
for (let round = 0; round < ROUNDS; round++) {
  const order = PROVIDERS.flatMap((p) => VARIANTS[p].map((v) => [p, v] as const)).sort(() => Math.random() - 0.5);
  for (const [provider, variant] of order) {
    const key = `${provider} ${variant}`;
    samples.set(key, [...(samples.get(key) ?? []), await runWorker(provider, variant, fake.baseURLs[provider])]);
  }
}
await fake.close();

console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs, load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; ${ROUNDS} rounds, one process per variant per round, ${CALLS} plain and ${CALLS / 2} streamed calls each; medians of the rounds\n`);
console.log('| provider | instrumentation | bare µs per call | added µs per call | bare µs per 20-chunk stream | added µs per stream |');
console.log('|---|---|---:|---:|---:|---:|');
const perCall: CaseResult[] = [];
const perStream: CaseResult[] = [];
for (const provider of PROVIDERS) {
  const bare = samples.get(`${provider} bare`)!;
  const basePlain = median(bare.map((s) => s.plainUs));
  const baseStream = median(bare.map((s) => s.streamUs));
  for (const variant of VARIANTS[provider].slice(1)) {
    const runs = samples.get(`${provider} ${variant}`)!;
    const call = median(runs.map((s) => s.plainUs)) - basePlain;
    const stream = median(runs.map((s) => s.streamUs)) - baseStream;
    const name = VARIANTS[provider].length > 2 ? `${provider}, ${variant}` : provider;
    console.log(`| ${provider} | ${variant} | ${basePlain.toFixed(1)} | ${call.toFixed(1)} | ${baseStream.toFixed(1)} | ${stream.toFixed(1)} |`);
    perCall.push({ name, medianNs: call * 1000, meanNs: call * 1000, p99Ns: call * 1000, samples: ROUNDS });
    perStream.push({ name, medianNs: stream * 1000, meanNs: stream * 1000, p99Ns: stream * 1000, samples: ROUNDS });
  }
}
console.log('\nSpread over the processes, µs per call (min / median / max):\n');
console.log('| provider | variant | plain | 20-chunk stream |');
console.log('|---|---|---:|---:|');
const spread = (values: number[]): string => `${Math.min(...values).toFixed(0)} / ${median(values).toFixed(0)} / ${Math.max(...values).toFixed(0)}`;
for (const provider of PROVIDERS) {
  for (const variant of VARIANTS[provider]) {
    const runs = samples.get(`${provider} ${variant}`)!;
    console.log(`| ${provider} | ${variant} | ${spread(runs.map((s) => s.plainUs))} | ${spread(runs.map((s) => s.streamUs))} |`);
  }
}
report('llm-providers', [
  { group: `added time per non-streaming chat call, process level, vs the same SDK uninstrumented (median of ${ROUNDS} processes of ${CALLS} calls)`, cases: perCall },
  { group: 'added time per streamed chat call of 20 chunks', cases: perStream },
], `process CPU (user + system) per call, difference of the medians over ${ROUNDS} processes per variant (median = mean: one value per case)`);
