import { textParts, type ChatMessage, type InputContent } from '../content.js';
import type { ChoiceState } from '../llm-call.js';
import { obj, str } from './adapter.js';

// The chat messages of SDKs generated in camelCase on OpenAI-shaped APIs (`cohere-ai`, `@mistralai/mistralai`).

/**
 * One message of an OpenAI-shaped history as SDKs generated in camelCase hand it over (`cohere-ai`,
 * `@mistralai/mistralai`): `content`, `toolCalls[].function`, and `toolCallId` on `tool` messages.
 */
function inputMessage(value: unknown): ChatMessage {
  const m = obj(value);
  const role = str(m.role) ?? 'user';
  if (role === 'tool') return { role, parts: [{ type: 'tool_call_response', id: str(m.toolCallId), result: m.content }] };
  const parts = textParts(m.content);
  if (Array.isArray(m.toolCalls)) {
    for (const call of m.toolCalls) {
      const c = obj(call);
      const fn = obj(c.function);
      parts.push({ type: 'tool_call', id: str(c.id), name: str(fn.name) ?? '', arguments: fn.arguments });
    }
  }
  return { role, parts };
}

/** The captured input of a chat request whose `messages` are camelCase OpenAI-shaped messages. */
export function camelCaseChatInput(params: unknown): InputContent {
  const messages = obj(params).messages;
  return { messages: Array.isArray(messages) ? messages.map(inputMessage) : [] };
}

/**
 * Merges one tool call, whole or a streamed piece (`{ id, function: { name, arguments } }`), into
 * `state.toolCalls[index]`: the id and name when given, the arguments (as `argumentsText` renders them)
 * appended when content is captured.
 */
export function mergeToolCall(
  value: unknown,
  index: number,
  state: ChoiceState,
  capture: boolean,
  argumentsText: (args: unknown) => string,
): void {
  const c = obj(value);
  const fn = obj(c.function);
  const tool = (state.toolCalls[index] ??= { id: undefined, name: undefined, args: '' });
  tool.id = str(c.id) ?? tool.id;
  tool.name = str(fn.name) ?? tool.name;
  if (capture) tool.args += argumentsText(fn.arguments);
}
