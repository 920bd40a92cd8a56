import type OpenAIType from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAIInstrumentation } from '../../../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from '../../fixtures/harness.js';
import { OPENAI_SDKS, openAIClass } from '../../fixtures/openai-sdks.js';

const instrumentation = new OpenAIInstrumentation();
const harness = createHarness(instrumentation);
for (const { module, version } of OPENAI_SDKS) patchModule(instrumentation, 'openai', module, version);
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe.each(OPENAI_SDKS)('openai $version', ({ module }) => {
  const OpenAI = openAIClass(module);
  let client: OpenAIType;

  beforeAll(() => {
    client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURLs.openai });
  });

  describe('Responses API', () => {
    it('plain: response id, model, usage with cached and reasoning tokens, reasoning effort', async () => {
      const response = await client.responses.create({ model: 'gpt-r-cached', input: 'hi', max_output_tokens: 30, reasoning: { effort: 'high' } });
      expect(response.output_text).toBe('Hello w1 w2');
      expect(harness.spans()[0]!.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat', 'gen_ai.request.max_tokens': 30,
        'gen_ai.response.id': 'resp_fake_1', 'gen_ai.response.model': 'gpt-r-cached-2026', 'gen_ai.response.finish_reasons': ['completed'],
        'gen_ai.usage.input_tokens': 20, 'gen_ai.usage.output_tokens': 3, 'gen_ai.usage.cache_read.input_tokens': 10, 'gen_ai.usage.reasoning.output_tokens': 3,
      });
    });

    it('streamed, and the stream() helper: one span each, usage from response.completed', async () => {
      const stream = await client.responses.create({ model: 'gpt-r', input: 'hi', stream: true });
      for await (const _ of stream);
      const final = await client.responses.stream({ model: 'gpt-r-helper', input: 'hi' }).finalResponse();
      expect(final.output_text).toBe('Hello w1 w2');
      expect(harness.spans().map((s) => [s.name, s.attributes['gen_ai.usage.output_tokens'], s.attributes['gen_ai.request.stream']])).toEqual([
        ['chat gpt-r', 3, true],
        ['chat gpt-r-helper', 3, true],
      ]);
    });

    it('function calls are recorded', async () => {
      await client.responses.create({ model: 'gpt-r-tools', input: 'weather?' });
      expect(harness.spans()[0]!.attributes['sightline.gen_ai.response.tool_call.ids']).toEqual(['call_fake_1']);
    });
  });

  describe('embeddings', () => {
    it('one embeddings span with dimensions, encoding format and input tokens', async () => {
      const result = await client.embeddings.create({ model: 'emb-test', input: ['a', 'b'], dimensions: 4, encoding_format: 'float' });
      expect(result.data).toHaveLength(2);
      expect(harness.spans()[0]!.attributes).toMatchObject({
        'gen_ai.operation.name': 'embeddings', 'gen_ai.request.model': 'emb-test', 'gen_ai.embeddings.dimension.count': 4,
        'gen_ai.request.encoding_formats': ['float'], 'gen_ai.response.model': 'emb-test-2026', 'gen_ai.usage.input_tokens': 10,
      });
      expect(harness.spans()[0]!.name).toBe('embeddings emb-test');
    });
  });
});
