import { SpanStatusCode, type Span } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AiSdkInstrumentation } from '../../../../src/index.js';
import { createHarness } from '../../../fixtures/harness.js';

const instrumentation = new AiSdkInstrumentation();
const harness = createHarness(instrumentation);
const tracer = instrumentation.translator.tracer;

/** The span names `ai` 6 emits (read in its dist/index.mjs) that become ours, and some that do not. */
const TRANSLATED = [
  'ai.generateText',
  'ai.streamText',
  'ai.generateObject',
  'ai.streamObject',
  'ai.generateText.doGenerate',
  'ai.generateObject.doGenerate',
  'ai.streamText.doStream',
  'ai.streamObject.doStream',
  'ai.embed.doEmbed',
  'ai.embedMany.doEmbed',
  'ai.toolCall',
];
const IGNORED = ['ai.embed', 'ai.embedMany', 'ai.rerank', 'ai.rerank.doRerank'];
const name = fc.oneof(fc.constantFrom(...TRANSLATED, ...IGNORED), fc.string());
const attributeValue = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.array(fc.string()), fc.constant(undefined), fc.constant(null), fc.anything());
const attributes = fc.dictionary(
  fc.oneof(fc.constantFrom('ai.model.id', 'ai.model.provider', 'ai.usage.inputTokens', 'ai.usage.tokens', 'ai.prompt.messages', 'ai.response.toolCalls', 'ai.toolCall.name', 'ai.toolCall.args', 'ai.response.finishReason'), fc.string()),
  attributeValue,
);
const outcome = fc.constantFrom('resolve', 'reject', 'fail-then-resolve', 'fail-then-reject');

describe('SpanTranslator', () => {
  it('whatever the SDK names and sets, nothing throws to it, its callback’s result is returned as is, and every span of ours ends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, attributes, attributes, outcome), { maxLength: 8 }), async (calls) => {
        harness.reset();
        for (const [spanName, start, end, how] of calls) {
          const value = { how };
          const run = tracer.startActiveSpan(spanName, { attributes: start as never }, async (span: Span) => {
            span.setAttributes(end as never);
            span.addEvent('ai.stream.firstChunk');
            if (how.startsWith('fail')) {
              span.recordException(new TypeError('boom'));
              span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
              span.end();
            }
            if (how.endsWith('reject')) throw new TypeError('boom');
            if (how === 'resolve') span.end();
            return value;
          });
          if (how.endsWith('reject')) await expect(run).rejects.toThrow('boom');
          else expect(await run).toBe(value);
        }
        await new Promise((resolve) => setImmediate(resolve));
        expect(harness.spans()).toHaveLength(calls.filter(([n]) => TRANSLATED.includes(n)).length);
        for (const span of harness.spans()) {
          const failed = span.status.code === SpanStatusCode.ERROR;
          expect(failed).toBe(span.attributes['error.type'] !== undefined);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a failed step ends with the error its callback rejects with (the class as error.type), not the recorded copy', async () => {
    harness.reset();
    class APICallError extends Error {}
    const run = tracer.startActiveSpan('ai.generateText.doGenerate', { attributes: { 'ai.model.id': 'm', 'ai.model.provider': 'openai.chat' } }, async (span: Span) => {
      span.recordException({ name: 'AI_APICallError', message: 'bad' });
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'bad' });
      span.end();
      throw new APICallError('bad');
    });
    await expect(run).rejects.toThrow('bad');
    expect(harness.onlySpan().attributes).toMatchObject({ 'error.type': 'APICallError', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'm' });
  });
});
