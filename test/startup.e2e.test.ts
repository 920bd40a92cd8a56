/**
 * Issue 15, target 1 (start-up), and issue 18 (what the default start loads). The cost of the `register`
 * preload on an empty application: which packages it loads (exact), and its wall time against a bare
 * `NodeSDK` start, in paired, interleaved rounds with medians (robust to a loaded machine). The full
 * measurement, with bare Node and many rounds, is `npm run bench -- startup` (docs/benchmarks.md).
 */
import { describe, expect, it } from 'vitest';
import { runNode } from './fixtures/run-node.js';
import { REGISTER } from './fixtures/use-otlp-receiver.js';
import { measureStartup, NODE_SDK, SIGHTLINE } from './bench/startup-timing.js';

const RECORD = ['--import', './record-module-loads.mjs'];
const QUIET = { OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none' };

async function loaded(app: string): Promise<{ packages: string[]; workspace: string[] }> {
  const run = await runNode([...RECORD, '--import', REGISTER, app], { env: QUIET });
  expect(run.code, run.stderr).toBe(0);
  const line = (name: string) => JSON.parse(new RegExp(`^${name}: (.*)$`, 'm').exec(run.stderr)![1]!) as string[];
  return { packages: line('loaded-packages'), workspace: line('loaded-workspace-packages') };
}

/** What only @opentelemetry/sdk-node brings, and the instrumentation runtime. */
const NEVER_BY_DEFAULT = /^(@opentelemetry\/(sdk-node|exporter-zipkin|exporter-.*-grpc|otlp-grpc-exporter-base|exporter-prometheus|propagator-b3|instrumentation.*)|@grpc\/.*|protobufjs|require-in-the-middle|re2js)$/;

describe('the register preload on an empty application', () => {
  it('loads neither sdk-node (gRPC, Zipkin, protobufjs) nor any instrumentation', async () => {
    const { packages, workspace } = await loaded('startup/empty.mjs');
    expect(packages.filter((name) => NEVER_BY_DEFAULT.test(name))).toEqual([]);
    expect(workspace).not.toContain('instrumentation-llm');
    expect(workspace).not.toContain('instrumentation-mcp');
    // The recorder sees what does load: the SDK the pipeline runs on.
    expect(packages).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace', '@opentelemetry/sdk-logs', '@opentelemetry/sdk-metrics']));
  });

  it('loads an instrumentation when the app loads what it instruments, and only that one', async () => {
    const { packages, workspace } = await loaded('startup/uses-pino.mjs');
    expect(packages).toContain('@opentelemetry/instrumentation-pino');
    expect(packages).not.toContain('@opentelemetry/instrumentation-winston');
    expect(packages).not.toContain('@opentelemetry/instrumentation-bunyan');
    expect(workspace).not.toContain('instrumentation-llm');
  });

  it('starts and exits no slower than a bare NodeSDK start (median of the per-round ratios of paired, interleaved rounds)', () => {
    // The ratio within each round, not the ratio of the medians: a burst of load falls on both processes of a
    // round, so a loaded CI machine moves the per-round ratios far less than either median.
    const [nodeSdk, sightline] = measureStartup([NODE_SDK, SIGHTLINE], 9);
    const summary = `sightline ${sightline!.medianMs.toFixed(0)} ms, NodeSDK ${nodeSdk!.medianMs.toFixed(0)} ms, per-round ratios ${sightline!.samplesMs.map((ms, r) => (ms / nodeSdk!.samplesMs[r]!).toFixed(2)).join(' ')}`;
    expect(sightline!.ratio, summary).toBeLessThanOrEqual(1);
  }, 180_000);
});
