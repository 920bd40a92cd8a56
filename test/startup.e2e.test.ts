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

const RECORD = ['--require', './record-module-loads.cjs'];
const QUIET = { OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none' };

async function loaded(
  app: string,
  nodeArgs = ['--import', REGISTER],
  env: Record<string, string> = QUIET,
): Promise<{ packages: string[]; workspace: string[]; files: string[]; builtins: string[] }> {
  const run = await runNode([...RECORD, ...nodeArgs, app], { env });
  expect(run.code, run.stderr).toBe(0);
  const line = (name: string) => JSON.parse(new RegExp(`^${name}: (.*)$`, 'm').exec(run.stderr)![1]!) as string[];
  return { packages: line('loaded-packages'), workspace: line('loaded-workspace-packages'), files: line('loaded-workspace-files'), builtins: line('loaded-builtins') };
}

/** What only @opentelemetry/sdk-node brings, and the instrumentation runtime. */
const NEVER_BY_DEFAULT = /^(@opentelemetry\/(sdk-node|exporter-zipkin|exporter-.*-grpc|otlp-grpc-exporter-base|exporter-prometheus|propagator-b3|instrumentation.*)|@grpc\/.*|protobufjs|require-in-the-middle|re2js)$/;

describe('the register preload on an empty application', () => {
  it('loads neither sdk-node (gRPC, Zipkin, protobufjs) nor any instrumentation', async () => {
    const { packages, workspace } = await loaded('startup/empty.mjs');
    expect(packages.filter((name) => NEVER_BY_DEFAULT.test(name))).toEqual([]);
    expect(workspace).not.toContain('instrumentation-llm');
    expect(workspace).not.toContain('instrumentation-mcp');
  });

  it('loads no builtin it does not use: TLS only for an https endpoint, zlib only for gzip', async () => {
    // OTLP to a plain-http endpoint (a port where nothing listens; metrics off, so nothing is sent at exit).
    const plain = await loaded('startup/empty.mjs', undefined, { OTEL_METRICS_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(plain.builtins).toContain('http');
    expect(plain.builtins.filter((name) => ['https', 'tls', 'zlib'].includes(name))).toEqual([]);
    const secure = await loaded('startup/empty.mjs', undefined, { OTEL_METRICS_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'https://127.0.0.1:9' });
    expect(secure.builtins).toEqual(expect.arrayContaining(['https', 'tls']));
  });

  for (const [flag, file] of [['--import', 'core/dist/register.js'], ['--require', 'core/dist/register.cjs']] as const) {
    it(`${flag}: loads the preload as one file, the SDK and Sightline packages inlined, @opentelemetry/api beside it`, async () => {
      const { packages, files } = await loaded('startup/empty.mjs', [flag, '@sightline/core/register']);
      // No file of an SDK package of its own (sdk-trace, sdk-logs, sdk-metrics, resources, core, the OTLP
      // exporter pieces): they are in the bundle. The API is the one copy the app shares; the recorder sees it.
      expect(packages.filter((name) => name.startsWith('@opentelemetry/'))).toEqual(['@opentelemetry/api']);
      expect(files).toEqual([file]);
    });
  }

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
