import { describe, expect, it } from 'vitest';
import { camelCaseChatInput, mergeToolCall } from '../../../src/internal/adapters/camel-case-chat.js';
import type { ChoiceState } from '../../../src/internal/llm-call.js';

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

describe('mergeToolCall', () => {
  const asText = (args: unknown): string => (typeof args === 'string' ? args : '');
  const emptyState = (): ChoiceState => ({ text: '', reasoning: '', finish: undefined, toolCalls: [] });

  it('merges streamed pieces: id and name from the first, arguments appended', () => {
    const state = emptyState();
    mergeToolCall({ id: 'call_1', function: { name: 'get_weather', arguments: '{"ci' } }, 1, state, true, asText);
    mergeToolCall({ function: { arguments: 'ty":"Rome"}' } }, 1, state, true, asText);
    expect(state.toolCalls[1]).toEqual({ id: 'call_1', name: 'get_weather', args: '{"city":"Rome"}' });
    expect(state.toolCalls[0]).toBeUndefined();
  });

  it('keeps ids and names but no arguments when content is not captured', () => {
    const state = emptyState();
    mergeToolCall({ id: 'call_0', function: { name: 'f', arguments: '{}' } }, 0, state, false, asText);
    mergeToolCall('not an object', 0, state, false, asText);
    expect(state.toolCalls[0]).toEqual({ id: 'call_0', name: 'f', args: '' });
  });
});
