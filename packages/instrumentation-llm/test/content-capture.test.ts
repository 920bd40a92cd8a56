import type AnthropicType from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicInstrumentation, OpenAIInstrumentation } from '../src/index.js';
import { startFakeProviders, type FakeProviders } from '../../../test/fixtures/fake-providers/index.mjs';
import { createHarness, freshRequire, patchModule } from './fixtures/harness.js';
import { OPENAI_SDKS, openAIClass } from './fixtures/openai-sdks.js';

const openaiInstrumentation = new OpenAIInstrumentation({
  enabled: false,
  captureMessageContent: true,
  maxContentLength: 400,
  redactContent: (json) => json.replaceAll('secret-123', '[REDACTED]'),
});
const anthropicInstrumentation = new AnthropicInstrumentation({ enabled: false, captureMessageContent: true });
const harness = createHarness(openaiInstrumentation, anthropicInstrumentation);
const anthropicModule = patchModule(anthropicInstrumentation, '@anthropic-ai/sdk', freshRequire('@anthropic-ai/sdk'), '1.12.0');
const Anthropic = anthropicModule.Anthropic as typeof AnthropicType;
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => harness.reset());

const json = (value: unknown) => JSON.parse(String(value)) as unknown;

// Each openai major as a CommonJS copy of its own, patched by the content-capturing instrumentation above.
describe.each(OPENAI_SDKS)('content capture on, openai $version', ({ packageName, version }) => {
  const OpenAI = openAIClass(patchModule(openaiInstrumentation, 'openai', freshRequire(packageName), version));

  it('chat: history with tool calls and results, output with tool-call arguments, redaction hook applied', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURLs.openai });
    await client.chat.completions.create({
      model: 'gpt-tools',
      messages: [
        { role: 'system', content: 'You help. secret-123' },
        { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } }] },
        { role: 'tool', tool_call_id: 'call_0', content: 'sunny' },
      ],
    });
    const attributes = harness.spans()[0]!.attributes;
    expect(json(attributes['gen_ai.input.messages'])).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You help. [REDACTED]' }] },
      { role: 'user', parts: [{ type: 'text', content: 'weather?' }] },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_0', name: 'get_weather', arguments: { city: 'Rome' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_0', result: 'sunny' }] },
    ]);
    expect(json(attributes['gen_ai.output.messages'])).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_fake_1', name: 'get_weather', arguments: { city: 'Paris' } }], finish_reason: 'tool_calls' },
    ]);
  });

  it('streamed output is assembled from the chunks; long content is cut at maxContentLength', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURLs.openai });
    const stream = await client.chat.completions.create({ model: 'gpt-chunks-200', messages: [{ role: 'user', content: 'x'.repeat(1000) }], stream: true });
    for await (const _ of stream);
    const attributes = harness.spans()[0]!.attributes;
    expect(String(attributes['gen_ai.input.messages'])).toMatch(/\.\.\.\[TRUNCATED:\d+ chars\]$/);
    expect(String(attributes['gen_ai.input.messages']).length).toBeLessThan(450);
    expect(String(attributes['gen_ai.output.messages'])).toMatch(/^\[\{"role":"assistant","parts":\[\{"type":"text","content":"Hello w1 w2 w3/);
  });
});

describe('content capture on, @anthropic-ai/sdk', () => {
  it('Anthropic: system instructions apart, content blocks as parts, streamed tool-call arguments', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fake.baseURLs.anthropic });
    await client.messages.stream({
      model: 'claude-tools', max_tokens: 10, system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'weather?' }] }],
    }).finalMessage();
    const attributes = harness.spans()[0]!.attributes;
    expect(json(attributes['gen_ai.system_instructions'])).toEqual([{ type: 'text', content: 'Be brief.' }]);
    expect(json(attributes['gen_ai.input.messages'])).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'weather?' }] }]);
    expect(json(attributes['gen_ai.output.messages'])).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_fake_1', name: 'get_weather', arguments: { city: 'Paris' } }], finish_reason: 'tool_use' },
    ]);
  });
});
