/**
 * What a user's process pays per LLM call (issue 15, target 2), by the method of `process-rounds.ts`: every
 * variant in a process of its own (`llm-worker.ts`), a `BatchSpanProcessor` pipeline, no forced GC, paired
 * rounds.
 *
 * Variants: the uninstrumented `openai` 6 call; the SDK span alone (one span with the request and response
 * attributes, active around the call through `context.with`); the SDK floor (the same plus the three
 * histogram records: duration, input and output token usage, attribute sets built per call); Sightline as
 * `bootstrap()` sets it up (histograms aggregated in process, published through the reader) and with the
 * MeterProvider's histograms; the peers installed as root devDependencies.
 *
 * Run after `npm run build`: `npm run bench llm`, or `node test/bench/llm.bench.ts [rounds] [calls]
 * [warmup]`. Prints a markdown table and saves `results/llm.json` for `run.ts`.
 */
import { spawn } from 'node:child_process';
import { report } from './harness.ts';
import { printTable, resultGroups, runRounds, type Variant } from './process-rounds.ts';

const VARIANTS: Variant[] = [
  ['uninstrumented', 'openai 6, uninstrumented'],
  ['span', 'SDK span alone: one span with the same attributes, context.with'],
  ['floor', 'SDK floor: the span, context.with, three histogram records'],
  ['sightline', '@sightline/instrumentation-llm, histograms aggregated in process (as bootstrap() runs it)'],
  ['sightline-sdk-histograms', '@sightline/instrumentation-llm, histograms through the MeterProvider'],
  ['otel', '@opentelemetry/instrumentation-openai'],
  ['traceloop', '@traceloop/instrumentation-openai'],
  ['openinference', '@arizeai/openinference-instrumentation-openai'],
];

/** Starts the fake providers in a child process; resolves with their URL. */
function startFakeServer(): Promise<{ url: string; stop: () => void }> {
  const script = `import('./test/fixtures/fake-providers/index.mjs').then(async (m) => { const f = await m.startFakeProviders(); process.send(f.url); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve) => child.once('message', (url) => resolve({ url: String(url), stop: () => child.kill() })));
}

const server = await startFakeServer();
const run = runRounds({
  worker: new URL('./llm-worker.ts', import.meta.url),
  variants: VARIANTS,
  args: [server.url],
  rounds: Number(process.argv[2] ?? 11),
  calls: Number(process.argv[3] ?? 3000),
  warmup: Number(process.argv[4] ?? 1000),
});
server.stop();
printTable(run, 'calls');
report('llm', resultGroups(run, 'non-streaming chat call'));
