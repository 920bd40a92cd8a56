/**
 * End to end through the OTLP receiver: AWS Bedrock Runtime, Mistral, Cohere and Ollama, their real SDKs
 * against the loopback fakes, in an ESM app under `--import @sightline/core/register` and a CommonJS app
 * under `--require` (bootstrap's instrumentations, nothing else preloaded).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProviders, type FakeProviders } from './fixtures/fake-providers/index.mjs';
import type { ReceivedSpan } from './fixtures/otlp-receiver.js';
import { expectOneSpanPerCall, LLM_SCOPE } from './fixtures/llm-spans.js';
import { runNode } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

/** The apps, in the instrumentation package's fixtures (relative to the fixtures folder the child runs in). */
const APPS = '../../packages/instrumentation-llm/test/fixtures/apps';
const otlp = useOtlpReceiver();
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

/** The calls the scenario makes: span name → attributes it must have. */
const EXPECTED: Record<string, Record<string, unknown>> = {
  'chat e2e-bedrock-converse': { 'gen_ai.provider.name': 'aws.bedrock', 'server.address': '127.0.0.1', 'gen_ai.usage.input_tokens': 15, 'gen_ai.usage.output_tokens': 3 },
  'chat e2e-bedrock-converse-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.finish_reasons': ['end_turn'] },
  'chat anthropic.e2e-bedrock-invoke': { 'gen_ai.provider.name': 'aws.bedrock', 'gen_ai.usage.input_tokens': 10, 'gen_ai.response.id': 'msg_bdrk_1' },
  'chat anthropic.e2e-bedrock-invoke-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 },
  'embeddings amazon.e2e-bedrock-embed': { 'gen_ai.usage.input_tokens': 7 },
  'chat e2e-bedrock-error-400': { 'error.type': 'ValidationException' },
  'chat e2e-mistral': { 'gen_ai.provider.name': 'mistral_ai', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3 },
  'chat e2e-mistral-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 },
  'embeddings e2e-mistral-embed': { 'gen_ai.usage.input_tokens': 12 },
  'chat e2e-mistral-error-400': { 'error.type': '400' },
  'chat e2e-cohere': { 'gen_ai.provider.name': 'cohere', 'gen_ai.usage.input_tokens': 71, 'gen_ai.response.finish_reasons': ['COMPLETE'] },
  'chat e2e-cohere-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 },
  'embeddings e2e-cohere-embed': { 'gen_ai.usage.input_tokens': 4 },
  'chat e2e-cohere-error-429': { 'error.type': 'TooManyRequestsError' },
  'chat e2e-ollama': { 'gen_ai.provider.name': 'ollama', 'gen_ai.usage.input_tokens': 26, 'gen_ai.usage.output_tokens': 3 },
  'chat e2e-ollama-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 },
  'text_completion e2e-ollama-generate': { 'gen_ai.usage.output_tokens': 3 },
  'embeddings e2e-ollama-embed': { 'gen_ai.usage.input_tokens': 3 },
  'chat e2e-ollama-error-500': { 'error.type': '500' },
};

async function runApp(args: string[], extra: Record<string, string> = {}): Promise<Map<string, ReceivedSpan>> {
  const run = await runNode(args, { env: otlp.env({ OTEL_SERVICE_NAME: 'providers-e2e', FAKE_PROVIDERS_URL: fake.url, FAKE_BEDROCK_URL: fake.baseURLs.bedrock, ...extra }) });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('providers scenario done');
  const spans = await otlp.receiver.waitFor('spans', (s) => s.filter((x) => x.scope.name === LLM_SCOPE).length >= Object.keys(EXPECTED).length);
  const byName = expectOneSpanPerCall(spans, EXPECTED);
  for (const [name, span] of byName) expect(span.status.code, name).toBe(name.includes('error') ? 2 : 0);
  return byName;
}

describe('ESM app under --import', () => {
  it('one span per call for every provider and operation; content off by default; metrics', async () => {
    const spans = await runApp(['--import', REGISTER, `${APPS}/llm-providers-app.mjs`]);
    for (const span of spans.values()) expect(span.attributes).not.toHaveProperty('gen_ai.input.messages');
    const metrics = await otlp.receiver.waitFor('metrics', (m) => m.some((x) => x.name === 'gen_ai.client.token.usage'));
    expect(new Set(metrics.map((m) => m.name))).toContain('gen_ai.client.operation.time_to_first_chunk');
  });

  it('content capture on: each provider records messages, and the secret in the prompt is redacted', async () => {
    const spans = await runApp(['--import', REGISTER, `${APPS}/llm-providers-app.mjs`], { OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' });
    for (const name of ['chat e2e-bedrock-converse', 'chat anthropic.e2e-bedrock-invoke', 'chat e2e-mistral', 'chat e2e-cohere', 'chat e2e-ollama', 'text_completion e2e-ollama-generate']) {
      const input = String(spans.get(name)!.attributes['gen_ai.input.messages']);
      expect(input, name).toContain('My key is [REDACTED:');
      expect(input, name).toContain('say hi');
    }
    for (const name of ['chat e2e-bedrock-converse-stream', 'chat e2e-mistral-stream', 'chat e2e-cohere-stream', 'chat e2e-ollama-stream', 'chat anthropic.e2e-bedrock-invoke-stream']) {
      expect(String(spans.get(name)!.attributes['gen_ai.output.messages']), name).toContain('Hello w1 w2');
    }
    expect(JSON.stringify([...spans.values()])).not.toContain('sk-proj-abcdefghijklmnopqrstuvwxyz');
  });
});

describe('CommonJS app under --require', () => {
  it('one span per call for every provider and operation', async () => {
    await runApp(['--require', REGISTER, `${APPS}/llm-providers-app.cjs`]);
  });
});
