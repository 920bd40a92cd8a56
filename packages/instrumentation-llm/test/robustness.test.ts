import { diag, DiagLogLevel, SpanStatusCode, type DiagLogger } from '@opentelemetry/api';
import type OpenAIType from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicInstrumentation, GoogleGenAIInstrumentation, GroqInstrumentation, OpenAIInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, freshRequire, patchModule } from './fixtures/harness.js';
import { OPENAI_SDKS } from './fixtures/openai-sdks.js';

const warnings: string[] = [];
const collect = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
diag.setLogger({ warn: collect, error: collect, info: () => {}, debug: () => {}, verbose: () => {} } as DiagLogger, DiagLogLevel.WARN);

// Disabled: no require hooks, so each test patches its own fresh copy of the SDK explicitly.
const first = new OpenAIInstrumentation({ enabled: false });
const second = new OpenAIInstrumentation({ enabled: false });
const streamUsage = new OpenAIInstrumentation({ enabled: false, includeStreamUsage: true, idleTimeoutMillis: 500 });
const harness = createHarness(first, second, streamUsage);
let fake: FakeProviders;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => {
  harness.reset();
  warnings.length = 0;
});

function client(module: Record<string, unknown>): OpenAIType {
  const OpenAI = module.OpenAI as typeof OpenAIType;
  return new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURLs.openai, maxRetries: 0 });
}

describe('patching', () => {
  it('a version outside the range: one diagnostic line, left unpatched, the app works', async () => {
    const module = freshRequire('openai');
    const create = (module.OpenAI as typeof OpenAIType).Chat.Completions.prototype.create;
    patchModule(first, 'openai', module, '5.2.0');
    patchModule(first, 'openai', module, '5.2.0');
    expect(warnings.filter((w) => w.includes('openai 5.2.0 is outside the supported range'))).toHaveLength(1);
    expect((module.OpenAI as typeof OpenAIType).Chat.Completions.prototype.create).toBe(create);
    await client(module).chat.completions.create({ model: 'gpt-old', messages });
    expect(harness.spans().filter((s) => s.name === 'chat gpt-old')).toHaveLength(0);
  });

  it.each([
    { module: '@anthropic-ai/sdk', version: '2.0.0', instrumentation: AnthropicInstrumentation, method: ['Anthropic', 'Messages', 'prototype', 'create'] },
    { module: '@google/genai', version: '4.0.0', instrumentation: GoogleGenAIInstrumentation, method: ['Models', 'prototype', 'generateContentInternal'] },
    { module: '@google/genai', version: '1.30.0', instrumentation: GoogleGenAIInstrumentation, method: ['Models', 'prototype', 'generateContentInternal'] },
    { module: 'groq-sdk', version: '2.0.0', instrumentation: GroqInstrumentation, method: ['Groq', 'Chat', 'Completions', 'prototype', 'create'] },
  ])('$module $version, a major outside the range: one diagnostic line, left unpatched', ({ module, version, instrumentation, method }) => {
    const exports = freshRequire(module);
    const methodOf = () => method.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], exports);
    const original = methodOf();
    const patcher = new instrumentation({ enabled: false });
    patchModule(patcher, module, exports, version);
    patchModule(patcher, module, exports, version);
    expect(warnings.filter((w) => w.includes(`${module} ${version} is outside the supported range`))).toHaveLength(1);
    expect(methodOf()).toBe(original);
  });

  it('a module of another shape: one diagnostic line, nothing patched', () => {
    const groq = new GroqInstrumentation({ enabled: false });
    patchModule(groq, 'groq-sdk', { Groq: { prototype: {} } }, '1.6.0');
    expect(warnings.filter((w) => w.includes('groq-sdk 1.6.0 has no Groq.Chat.Completions'))).toHaveLength(1);
  });
});

describe.each(OPENAI_SDKS)('openai $version', ({ packageName, version }) => {
  /** A copy of this major of its own (CommonJS), patched by `instrumentation`. */
  const patched = (instrumentation: OpenAIInstrumentation) => patchModule(instrumentation, 'openai', freshRequire(packageName), version);

  it('patching twice (two instances, or both builds) makes one span per call', async () => {
    const module = patched(first);
    patchModule(second, 'openai', module, version);
    await client(module).chat.completions.create({ model: 'gpt-twice', messages });
    expect(harness.spans()).toHaveLength(1);
  });

  describe('never breaking the app', () => {
    it('when our code throws on a request, the call runs untraced and returns what it would have', async () => {
      const module = patched(first);
      const body = { model: 'gpt-hostile', messages };
      Object.defineProperty(body, 'temperature', { enumerable: false, get: () => { throw new Error('boom'); } });
      const completion = await client(module).chat.completions.create(body);
      expect(completion.choices[0]?.message.content).toBe('Hello w1 w2');
      expect(harness.spans()).toHaveLength(0);
    });

    it("the app's errors are rethrown unchanged: same class, same properties", async () => {
      const module = patched(first);
      const OpenAI = module.OpenAI as typeof OpenAIType;
      const error = (await client(module).chat.completions.create({ model: 'gpt-error-400', messages }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.status).toBe(400);
      expect(error.code).toBe('invalid_request_error');
      expect(error.message).toContain('fake 400');
    });
  });

  describe('options', () => {
    it('includeStreamUsage asks for stream usage when the request does not decide', async () => {
      const module = patched(streamUsage);
      const stream = await client(module).chat.completions.create({ model: 'gpt-usage', messages, stream: true });
      for await (const _ of stream);
      expect(fake.requests.at(-1)?.body.stream_options).toEqual({ include_usage: true });
      expect(harness.spans()[0]!.attributes['gen_ai.usage.output_tokens']).toBe(3);
    });

    it('a stream never read is ended after idleTimeoutMillis, marked abandoned', async () => {
      const module = patched(streamUsage);
      await client(module).chat.completions.create({ model: 'gpt-unread', messages, stream: true });
      // Well inside the 500 ms: nothing ended yet (a loaded machine may take tens of ms to get here).
      expect(harness.spans()).toHaveLength(0);
      for (let i = 0; i < 100 && harness.spans().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const span = harness.spans()[0]!;
      expect(span.attributes['sightline.gen_ai.abandoned']).toBe(true);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
    });
  });
});
