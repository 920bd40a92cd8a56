import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProviders, type FakeProviders } from './fixtures/fake-providers/index.mjs';
import { runNode } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const otlp = useOtlpReceiver();
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

/** Each call's span: provider from the documented base URL, server address and port from it too. */
function expected(): Record<string, Record<string, unknown>> {
  const port = Number(new URL(fake.url).port);
  return {
    'chat compat-openrouter': { 'gen_ai.provider.name': 'openrouter', 'server.address': 'openrouter.ai', 'server.port': 443 },
    'chat compat-together': { 'gen_ai.provider.name': 'together_ai', 'server.address': 'api.together.ai', 'server.port': 443 },
    'chat compat-fireworks': { 'gen_ai.provider.name': 'fireworks_ai', 'server.address': 'api.fireworks.ai', 'server.port': 443 },
    'chat compat-azure': { 'gen_ai.provider.name': 'azure.ai.openai', 'server.address': 'my-resource.openai.azure.com', 'server.port': 443 },
    'chat compat-selfhosted': { 'gen_ai.provider.name': 'openai', 'server.address': '127.0.0.1', 'server.port': port },
  };
}

async function run(args: string[]) {
  const result = await runNode(args, { env: otlp.env({ OTEL_SERVICE_NAME: 'compat-e2e', FAKE_PROVIDERS_URL: fake.url }) });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('openai-compatible scenario done');
  const spans = otlp.receiver.spans.filter((s) => s.scope.name === '@sightline/instrumentation-llm');
  const want = expected();
  expect(spans.map((s) => s.name).sort()).toEqual(Object.keys(want).sort());
  for (const span of spans) expect(span.attributes, span.name).toMatchObject({ ...want[span.name], 'gen_ai.usage.input_tokens': 12 });
  // Azure's deployment URL and api-version reached the server as the SDK built them.
  expect(fake.requests.some((r) => r.path === '/compat/openai/deployments/gpt-4o-prod/chat/completions' && r.search === '?api-version=2024-10-21')).toBe(true);
  const metrics = await otlp.receiver.waitFor('metrics', (m) => m.some((x) => x.name === 'gen_ai.client.operation.duration'));
  const providers = new Set(metrics.filter((m) => m.name === 'gen_ai.client.operation.duration').flatMap((m) => m.dataPoints.map((p) => p.attributes['gen_ai.provider.name'])));
  expect([...providers].sort()).toEqual(['azure.ai.openai', 'fireworks_ai', 'openai', 'openrouter', 'together_ai']);
}

describe('OpenAI-compatible providers through the openai SDK', () => {
  it('ESM app under --import: provider, server address and port from each documented base URL', async () => {
    await run(['--import', REGISTER, 'apps/openai-compatible-app.mjs']);
  });

  it('CommonJS app under --require: the same', async () => {
    await run(['--require', REGISTER, 'apps/openai-compatible-app.cjs']);
  });
});
