import type OpenAIType from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAIInstrumentation } from '../../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from '../fixtures/harness.js';
import { OPENAI_SDKS, openAIClass } from '../fixtures/openai-sdks.js';

// One price of our own (a model of the fake provider), laid over the shipped ones.
const instrumentation = new OpenAIInstrumentation({ prices: { openai: { 'gpt-test-cached': { input: 2, cachedInput: 0.5, output: 8 } } } });
const harness = createHarness(instrumentation);
const { module, version } = OPENAI_SDKS[0]!;
patchModule(instrumentation, 'openai', module, version);
const OpenAI = openAIClass(module);
let fake: FakeProviders;
let client: OpenAIType;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURLs.openai });
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe('cost of a call', () => {
  it('a snapshot of a priced family: the cost on the span and in the histogram, with the token metric attributes', async () => {
    await client.chat.completions.create({ model: 'gpt-4o-2024-08-06', messages });
    const [span] = harness.spans();
    // The fake reports 12 prompt tokens and 3 completion tokens (one per chunk of "Hello w1 w2"); gpt-4o: $2.50 / $10 per 1M.
    const input = (12 * 2.5) / 1e6;
    const output = (3 * 10) / 1e6;
    expect(span?.attributes['sightline.gen_ai.usage.cost']).toBeCloseTo(input + output, 12);
    const costs = await harness.histogram('sightline.gen_ai.client.cost', 'gpt-4o-2024-08-06');
    const tokens = await harness.histogram('gen_ai.client.token.usage', 'gpt-4o-2024-08-06');
    expect(costs.map((p) => p.attributes)).toEqual(tokens.map((p) => p.attributes));
    const byType = Object.fromEntries(costs.map((p) => [p.attributes['gen_ai.token.type'], p.sum]));
    expect(byType.input).toBeCloseTo(input, 12);
    expect(byType.output).toBeCloseTo(output, 12);
  });

  it('cached input at the configured cached price', async () => {
    await client.chat.completions.create({ model: 'gpt-test-cached', messages });
    // 12 prompt tokens of which 8 cached; 3 completion tokens.
    expect(harness.spans()[0]?.attributes['sightline.gen_ai.usage.cost']).toBeCloseTo((4 * 2 + 8 * 0.5 + 3 * 8) / 1e6, 12);
  });

  it('an unknown model: no cost anywhere, the call counted as unpriced', async () => {
    const before = await harness.counter('sightline.gen_ai.client.cost.unpriced');
    await client.chat.completions.create({ model: 'local-model', messages });
    expect(harness.spans()[0]?.attributes).not.toHaveProperty('sightline.gen_ai.usage.cost');
    expect(await harness.histogram('sightline.gen_ai.client.cost', 'local-model')).toEqual([]);
    const after = await harness.counter('sightline.gen_ai.client.cost.unpriced');
    expect(before.filter((p) => p.attributes['gen_ai.request.model'] === 'local-model')).toEqual([]);
    expect(after.filter((p) => p.attributes['gen_ai.request.model'] === 'local-model')).toEqual([
      { attributes: expect.objectContaining({ 'gen_ai.provider.name': 'openai', 'gen_ai.response.model': 'local-model-2026' }), value: 1 },
    ]);
  });

  it('a failed call with no usage: neither a cost nor an unpriced count', async () => {
    await expect(client.chat.completions.create({ model: 'gpt-4o-error-400', messages })).rejects.toThrow();
    expect(harness.spans()[0]?.attributes).not.toHaveProperty('sightline.gen_ai.usage.cost');
    const unpriced = await harness.counter('sightline.gen_ai.client.cost.unpriced');
    expect(unpriced.filter((p) => p.attributes['gen_ai.request.model'] === 'gpt-4o-error-400')).toEqual([]);
  });
});
