import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import * as genaiV3 from '@google/genai';
import type { ApiError as ApiErrorType, GoogleGenAI as GoogleGenAIType } from '@google/genai';
import * as genaiV2 from 'genai-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GoogleGenAIInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, patchModule } from './fixtures/harness.js';

/** Each supported major, as imported, with the version the module hooks would report. */
const SDKS = [
  { version: '3.1.0', module: genaiV3 as object },
  { version: '2.32.0', module: genaiV2 as object },
];

const instrumentation = new GoogleGenAIInstrumentation();
const harness = createHarness(instrumentation);
for (const { module, version } of SDKS) patchModule(instrumentation, '@google/genai', module, version);
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

describe.each(SDKS)('@google/genai $version', ({ module, version }) => {
  const { GoogleGenAI, ApiError } = module as { GoogleGenAI: typeof GoogleGenAIType; ApiError: typeof ApiErrorType };
  let ai: GoogleGenAIType;

  beforeAll(() => {
    ai = new GoogleGenAI({ apiKey: 'gemini-test-key', httpOptions: { baseUrl: fake.baseURLs.gemini } });
  });

  describe('models.generateContent', () => {
    it('one generate_content span with request config, response and usage (thoughts counted in output)', async () => {
      const response = await ai.models.generateContent({
        model: 'gemini-test-cached', contents: 'hi',
        config: { temperature: 0.1, topK: 3, maxOutputTokens: 64, thinkingConfig: { thinkingBudget: 128 }, responseMimeType: 'application/json' },
      });
      expect(response.text).toBe('Hello w1 w2');
      const span = harness.onlySpan();
      expect(span.name).toBe('generate_content gemini-test-cached');
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.attributes).toMatchObject({
        'gen_ai.operation.name': 'generate_content',
        'gen_ai.provider.name': 'gcp.gemini',
        'gen_ai.request.temperature': 0.1,
        'gen_ai.request.top_k': 3,
        'gen_ai.request.max_tokens': 64,
        'sightline.gen_ai.request.thinking_budget': 128,
        'gen_ai.output.type': 'json',
        'gen_ai.response.id': 'gemini-resp-1',
        'gen_ai.response.model': 'gemini-test-cached-001',
        'gen_ai.response.finish_reasons': ['STOP'],
        'gen_ai.usage.input_tokens': 9,
        'gen_ai.usage.output_tokens': 5,
        'gen_ai.usage.reasoning.output_tokens': 2,
        'gen_ai.usage.cache_read.input_tokens': 4,
        'server.address': '127.0.0.1',
      });
    });

    it('records duration and token usage metrics with the call attributes', async () => {
      const model = `gemini-metrics-${version}`;
      await ai.models.generateContent({ model, contents: 'hi' });
      const duration = await harness.histogram('gen_ai.client.operation.duration', model);
      expect(duration).toHaveLength(1);
      expect(duration[0]!.attributes).toMatchObject({ 'gen_ai.operation.name': 'generate_content', 'gen_ai.provider.name': 'gcp.gemini', 'gen_ai.response.model': `${model}-001` });
      const tokens = await harness.histogram('gen_ai.client.token.usage', model);
      expect(tokens.map((p) => [p.attributes['gen_ai.token.type'], p.sum]).sort()).toEqual([['input', 9], ['output', 3]]);
    });

    it('function calls are recorded; errors give ERROR with the HTTP status as error.type and the same ApiError', async () => {
      await ai.models.generateContent({ model: 'gemini-tools', contents: 'weather?' });
      expect(harness.onlySpan().attributes['sightline.gen_ai.response.tool_call.names']).toEqual(['get_weather']);
      harness.reset();
      const error = await ai.models.generateContent({ model: 'gemini-error-429', contents: 'hi' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      const span = harness.onlySpan();
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['error.type']).toBe('429');
    });
  });

  describe('models.generateContentStream', () => {
    it('covers the whole stream; usage from the last chunk; time to first chunk', async () => {
      const stream = await ai.models.generateContentStream({ model: 'gemini-s', contents: 'hi' });
      let text = '';
      for await (const chunk of stream) text += chunk.text ?? '';
      expect(text).toBe('Hello w1 w2');
      const span = harness.onlySpan();
      expect(span.attributes).toMatchObject({ 'gen_ai.request.stream': true, 'gen_ai.usage.input_tokens': 9, 'gen_ai.usage.output_tokens': 3, 'gen_ai.response.finish_reasons': ['STOP'] });
      expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    });

    it('breaking off ends the span; a disconnect ends it with ERROR', async () => {
      const stream = await ai.models.generateContentStream({ model: 'gemini-s', contents: 'hi', config: { automaticContinuation: false } as object });
      for await (const _ of stream) break;
      expect(harness.onlySpan().status.code).toBe(SpanStatusCode.UNSET);
      harness.reset();
      const broken = await ai.models.generateContentStream({ model: 'gemini-disconnect', contents: 'hi', config: { automaticContinuation: false } as object });
      await expect((async () => {
        for await (const _ of broken);
      })()).rejects.toBeInstanceOf(Error);
      expect(harness.spans().some((s) => s.status.code === SpanStatusCode.ERROR)).toBe(true);
    });
  });

  describe('models.embedContent', () => {
    it('one embeddings span', async () => {
      const result = await ai.models.embedContent({ model: 'text-embedding-test', contents: ['a', 'b'], config: { outputDimensionality: 3 } });
      expect(result.embeddings).toHaveLength(2);
      expect(harness.onlySpan().attributes).toMatchObject({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.request.model': 'text-embedding-test', 'gen_ai.embeddings.dimension.count': 3 });
    });
  });
});
