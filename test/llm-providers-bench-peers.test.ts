/**
 * The Bedrock peer variants of the providers benchmark patch the SDK for real: each worker, in its
 * `describe` mode (one Converse and one 20-chunk ConverseStream call against the loopback fake), records
 * what docs/benchmarks.md says it records. A peer whose patch silently stopped applying (an upgrade that
 * moves the hooked module or file) would leave its benchmark row measuring the uninstrumented SDK.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProviders, type FakeProviders } from './fixtures/fake-providers/index.mjs';

const WORKER = new URL('./bench/llm-providers-worker.ts', import.meta.url).pathname;
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

interface Recorded {
  spans: { name: string; kind: number; attributes: string[] }[];
  metrics: { name: string; points: number }[];
}

async function record(variant: string): Promise<Recorded> {
  const { stdout } = await promisify(execFile)(process.execPath, [WORKER, 'bedrock', variant, 'describe', fake.baseURLs.bedrock!]);
  return JSON.parse(stdout) as Recorded;
}

/** Per variant: the span names of the two calls, attributes each span has, the metric names. */
const EXPECTED: Record<string, { spans: string[]; attributes: string[]; metrics: string[] }> = {
  bare: { spans: [], attributes: [], metrics: [] },
  'aws-sdk': {
    spans: ['chat bench', 'chat bench-chunks-20'],
    attributes: ['gen_ai.system', 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'rpc.service'],
    metrics: ['gen_ai.client.operation.duration', 'gen_ai.client.token.usage'],
  },
  traceloop: { spans: ['bedrock.completion', 'bedrock.completion'], attributes: ['gen_ai.provider.name', 'gen_ai.request.model'], metrics: [] },
  openinference: {
    spans: ['bedrock.converse', 'bedrock.converse'],
    attributes: ['llm.model_name', 'llm.token_count.prompt', 'llm.token_count.completion', 'output.value'],
    metrics: [],
  },
};

describe('providers benchmark, Bedrock peer variants', () => {
  for (const [variant, expected] of Object.entries(EXPECTED)) {
    it(`${variant} records what the benchmark page says`, async () => {
      const recorded = await record(variant);
      expect(recorded.spans.map((s) => s.name).sort()).toEqual([...expected.spans].sort());
      for (const span of recorded.spans) expect(span.attributes).toEqual(expect.arrayContaining(expected.attributes));
      expect(recorded.metrics.map((m) => m.name).sort()).toEqual([...expected.metrics].sort());
    }, 60_000);
  }
});
