import { describe, expect, it } from 'vitest';
import { camelCaseChatInput } from '../../../src/internal/adapters/camel-case-messages.js';

// A tool round trip as `cohere-ai` and `@mistralai/mistralai` take it from the app (camelCase).
describe('camelCaseChatInput', () => {
  it('maps text, assistant tool calls and tool results to parts', () => {
    const params = {
      model: 'any',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'weather in Rome?' }] },
        { role: 'assistant', toolCalls: [{ id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } }] },
        { role: 'tool', toolCallId: 'call_0', content: 'sunny' },
        { content: 'no role' },
      ],
    };
    expect(camelCaseChatInput(params)).toEqual({
      messages: [
        { role: 'system', parts: [{ type: 'text', content: 'be brief' }] },
        { role: 'user', parts: [{ type: 'text', content: 'weather in Rome?' }] },
        { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_0', name: 'get_weather', arguments: '{"city":"Rome"}' }] },
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_0', result: 'sunny' }] },
        { role: 'user', parts: [{ type: 'text', content: 'no role' }] },
      ],
    });
  });

  it('reads no messages from anything else', () => {
    for (const params of [undefined, null, 'x', {}, { messages: 'x' }]) expect(camelCaseChatInput(params)).toEqual({ messages: [] });
  });
});
