import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProviders, type FakeProviders } from './fixtures/fake-providers/index.mjs';
import type { ReceivedSpan } from './fixtures/otlp-receiver.js';
import { expectOneSpanPerCall } from './fixtures/llm-spans.js';
import { runNode } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const otlp = useOtlpReceiver();
let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

function env(extra: Record<string, string> = {}): Record<string, string> {
  return otlp.env({ OTEL_SERVICE_NAME: 'llm-e2e', FAKE_PROVIDERS_URL: fake.url, ...extra });
}

/** The calls the scenario makes: span name → attributes every one must have. */
const EXPECTED: Record<string, Record<string, unknown>> = {
  'chat e2e-openai-chat': { 'gen_ai.provider.name': 'openai', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 3 },
  'chat e2e-openai-chat-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.finish_reasons': ['stop'] },
  'chat e2e-openai-responses': { 'gen_ai.response.id': 'resp_fake_1', 'gen_ai.usage.input_tokens': 20 },
  'chat e2e-openai-responses-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 },
  'embeddings e2e-openai-embeddings': { 'gen_ai.operation.name': 'embeddings', 'gen_ai.usage.input_tokens': 10 },
  'chat e2e-deepseek-chat': { 'gen_ai.provider.name': 'deepseek', 'server.address': 'api.deepseek.com' },
  'chat e2e-openai-error-429': { 'error.type': 'RateLimitError', 'http.request.resend_count': 1 },
  'chat e2e-anthropic': { 'gen_ai.provider.name': 'anthropic', 'gen_ai.usage.input_tokens': 10, 'gen_ai.response.finish_reasons': ['end_turn'] },
  'chat e2e-anthropic-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 },
  'chat e2e-anthropic-helper': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 },
  'generate_content e2e-gemini': { 'gen_ai.provider.name': 'gcp.gemini', 'gen_ai.usage.input_tokens': 9 },
  'generate_content e2e-gemini-stream': { 'gen_ai.request.stream': true, 'gen_ai.usage.output_tokens': 3 },
  'embeddings e2e-gemini-embed': { 'gen_ai.provider.name': 'gcp.gemini' },
  'chat e2e-groq': { 'gen_ai.provider.name': 'groq', 'gen_ai.usage.output_tokens': 3 },
  'chat e2e-groq-stream': { 'gen_ai.provider.name': 'groq', 'gen_ai.usage.output_tokens': 3 },
};

function assertOneSpanPerCall(spans: readonly ReceivedSpan[]): Map<string, ReceivedSpan> {
  const byName = expectOneSpanPerCall(spans, EXPECTED);
  // @anthropic-ai/sdk's own spans are switched off.
  expect(spans.filter((s) => s.scope.name.startsWith('com.anthropic'))).toHaveLength(0);
  return byName;
}

async function runApp(args: string[], extra: Record<string, string> = {}) {
  const run = await runNode(args, { env: env(extra) });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('llm scenario done');
  return run;
}

describe('ESM app under --import', () => {
  it('one span per call for every provider and operation, metrics, and the exception log record', async () => {
    await runApp(['--import', REGISTER, 'apps/llm-app.mjs']);
    const spans = assertOneSpanPerCall(otlp.receiver.spans);
    const failed = spans.get('chat e2e-openai-error-429')!;
    expect(failed.status.code).toBe(2);
    const exception = otlp.receiver.logs.find((l) => l.eventName === 'gen_ai.client.operation.exception')!;
    expect(exception.traceId).toBe(failed.traceId);
    expect(exception.spanId).toBe(failed.spanId);
    expect(exception.attributes['exception.type']).toBe('RateLimitError');
    const metrics = await otlp.receiver.waitFor('metrics', (m) => m.some((x) => x.name === 'gen_ai.client.token.usage'));
    const names = new Set(metrics.map((m) => m.name));
    expect(names).toContain('gen_ai.client.operation.duration');
    expect(names).toContain('gen_ai.client.operation.time_to_first_chunk');
    expect(names).toContain('gen_ai.client.operation.time_per_output_chunk');
    // Content is off by default.
    for (const span of spans.values()) expect(span.attributes).not.toHaveProperty('gen_ai.input.messages');
  });

  it('content capture on: messages in the conventions form, secrets redacted', async () => {
    await runApp(['--import', REGISTER, 'apps/llm-app.mjs'], {
      OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
    });
    const spans = assertOneSpanPerCall(otlp.receiver.spans);
    const chat = spans.get('chat e2e-openai-chat')!;
    const input = JSON.parse(String(chat.attributes['gen_ai.input.messages'])) as Array<{ role: string; parts: Array<{ type: string; content: string }> }>;
    expect(input[0]).toEqual({ role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] });
    expect(input[1]!.parts[0]!.content).toBe('My key is [REDACTED:openai_key], say hi');
    expect(JSON.parse(String(chat.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Hello w1 w2' }], finish_reason: 'stop' },
    ]);
    const anthropic = spans.get('chat e2e-anthropic')!;
    expect(JSON.parse(String(anthropic.attributes['gen_ai.system_instructions']))).toEqual([{ type: 'text', content: 'Be brief.' }]);
    expect(String(spans.get('chat e2e-anthropic-stream')!.attributes['gen_ai.output.messages'])).toContain('Hello w1 w2');
    expect(JSON.stringify(otlp.receiver.spans)).not.toContain('sk-proj-abcdefghijklmnopqrstuvwxyz');
  });

  it('cost: prices from SIGHTLINE_GENAI_PRICES_FILE on the spans and in the cost histogram; unpriced calls counted', async () => {
    await runApp(['--import', REGISTER, 'apps/llm-app.mjs'], {
      SIGHTLINE_GENAI_PRICES_FILE: fileURLToPath(new URL('./fixtures/llm/prices.json', import.meta.url)),
    });
    const spans = assertOneSpanPerCall(otlp.receiver.spans);
    // 12 input and 3 output tokens at $2 / $8 per million (the fixture's prices).
    expect(spans.get('chat e2e-openai-chat')!.attributes['sightline.gen_ai.usage.cost']).toBeCloseTo((12 * 2 + 3 * 8) / 1e6, 12);
    expect(spans.get('chat e2e-openai-chat-stream')!.attributes).not.toHaveProperty('sightline.gen_ai.usage.cost');
    expect(spans.get('chat e2e-anthropic')!.attributes['sightline.gen_ai.usage.cost']).toBeGreaterThan(0);
    const metrics = await otlp.receiver.waitFor('metrics', (m) => m.some((x) => x.name === 'sightline.gen_ai.client.cost.unpriced'));
    const cost = metrics.filter((m) => m.name === 'sightline.gen_ai.client.cost').flatMap((m) => m.dataPoints);
    const models = new Set(cost.map((p) => p.attributes['gen_ai.request.model']));
    expect([...models].sort()).toEqual(['e2e-anthropic', 'e2e-openai-chat']);
    const openaiInput = cost.find((p) => p.attributes['gen_ai.request.model'] === 'e2e-openai-chat' && p.attributes['gen_ai.token.type'] === 'input')!;
    expect(openaiInput.sum).toBeCloseTo((12 * 2) / 1e6, 12);
    const unpriced = metrics.filter((m) => m.name === 'sightline.gen_ai.client.cost.unpriced').flatMap((m) => m.dataPoints);
    expect(unpriced.map((p) => p.attributes['gen_ai.request.model'])).toContain('e2e-openai-chat-stream');
    expect(unpriced.map((p) => p.attributes['gen_ai.request.model'])).not.toContain('e2e-openai-chat');
  });

  it('both builds of the instrumentation registered (ESM and CommonJS): still one span per call', async () => {
    await runApp(['--import', REGISTER, '--import', './apps/llm-instrument-both-builds.mjs', 'apps/llm-app.mjs']);
    assertOneSpanPerCall(otlp.receiver.spans);
  });
});

describe('CommonJS app under --require', () => {
  it('one span per call for every provider and operation', async () => {
    await runApp(['--require', REGISTER, 'apps/llm-app.cjs']);
    assertOneSpanPerCall(otlp.receiver.spans);
  });
});
