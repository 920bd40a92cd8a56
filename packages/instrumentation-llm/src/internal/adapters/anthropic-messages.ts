import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import { textParts, type ChatMessage, type InputContent, type MessagePart } from '../content.js';
import type { ChoiceState, LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setString, setStrings, str, type Adapter } from './adapter.js';

function blockPart(value: unknown): MessagePart {
  const block = obj(value);
  switch (block.type) {
    case 'text':
      return { type: 'text', content: str(block.text) ?? '' };
    case 'thinking':
      return { type: 'reasoning', content: str(block.thinking) ?? '' };
    case 'tool_use':
      return { type: 'tool_call', id: str(block.id), name: str(block.name) ?? '', arguments: block.input };
    case 'tool_result':
      return { type: 'tool_call_response', id: str(block.tool_use_id), result: block.content };
    default:
      return { type: str(block.type) ?? 'unknown' };
  }
}

function inputMessage(value: unknown): ChatMessage {
  const message = obj(value);
  const content = message.content;
  return { role: str(message.role) ?? 'user', parts: Array.isArray(content) ? content.map(blockPart) : textParts(content) };
}

/**
 * Anthropic usage: `input_tokens` excludes cache reads and writes, which the conventions count in
 * `gen_ai.usage.input_tokens`; a `message_delta` repeats cumulative counts.
 */
function readUsage(value: unknown, call: LlmCall): void {
  const usage = obj(value);
  const cacheRead = num(usage.cache_read_input_tokens);
  const cacheCreation = num(usage.cache_creation_input_tokens);
  if (cacheRead !== undefined) call.cacheReadTokens = cacheRead;
  if (cacheCreation !== undefined) call.cacheCreationTokens = cacheCreation;
  const input = num(usage.input_tokens);
  if (input !== undefined) call.inputTokens = input + (call.cacheReadTokens ?? 0) + (call.cacheCreationTokens ?? 0);
  call.outputTokens = num(usage.output_tokens) ?? call.outputTokens;
  call.reasoningTokens = num(obj(usage.output_tokens_details).thinking_tokens) ?? call.reasoningTokens;
}

/** Reads a content block that starts (stream) or is complete (message) at `index`. */
function readBlock(value: unknown, index: number, state: ChoiceState, capture: boolean): void {
  const block = obj(value);
  if (block.type === 'tool_use') {
    const input = block.input;
    const args = capture && input !== undefined && Object.keys(obj(input)).length > 0 ? JSON.stringify(input) : '';
    state.toolCalls[index] = { id: str(block.id), name: str(block.name), args };
  } else if (capture && block.type === 'text') state.text += str(block.text) ?? '';
  else if (capture && block.type === 'thinking') state.reasoning += str(block.thinking) ?? '';
}

/** `client.messages.create` (plain and `stream: true`) and the `messages.stream()` helper built on it. */
export const anthropicMessagesAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_CHAT,

  request(params: unknown, attributes: Attributes): string | undefined {
    const p = obj(params);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, p.max_tokens);
    setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, p.stop_sequences);
    setNumber(attributes, semconv.ATTR_SIGHTLINE_REQUEST_THINKING_BUDGET, obj(p.thinking).budget_tokens);
    setString(attributes, semconv.ATTR_GEN_AI_REQUEST_REASONING_LEVEL_DRAFT, obj(p.output_config).effort);
    return str(p.model);
  },

  isStream: (params) => obj(params).stream === true,

  input(params: unknown): InputContent | undefined {
    const p = obj(params);
    const messages = Array.isArray(p.messages) ? p.messages.map(inputMessage) : [];
    const system = p.system === undefined ? undefined : Array.isArray(p.system) ? p.system.map(blockPart) : textParts(p.system);
    return { messages, system };
  },

  response(result: unknown, call: LlmCall): void {
    const message = obj(result);
    call.responseId = str(message.id);
    call.responseModel = str(message.model);
    readUsage(message.usage, call);
    const state = call.choice(0);
    state.finish = str(message.stop_reason);
    const content = message.content;
    if (Array.isArray(content)) for (let i = 0; i < content.length; i++) readBlock(content[i], i, state, call.capture);
  },

  chunk(chunk: unknown, call: LlmCall): void {
    const event = obj(chunk);
    switch (event.type) {
      case 'message_start': {
        const message = obj(event.message);
        call.responseId = str(message.id);
        call.responseModel = str(message.model);
        readUsage(message.usage, call);
        return;
      }
      case 'content_block_start':
        readBlock(event.content_block, num(event.index) ?? 0, call.choice(0), call.capture);
        return;
      case 'content_block_delta': {
        if (!call.capture) return;
        const delta = obj(event.delta);
        const state = call.choice(0);
        if (delta.type === 'text_delta') state.text += str(delta.text) ?? '';
        else if (delta.type === 'thinking_delta') state.reasoning += str(delta.thinking) ?? '';
        else if (delta.type === 'input_json_delta') {
          const tool = state.toolCalls[num(event.index) ?? 0];
          if (tool !== undefined) tool.args += str(delta.partial_json) ?? '';
        }
        return;
      }
      case 'message_delta':
        call.choice(0).finish = str(obj(event.delta).stop_reason) ?? call.choice(0).finish;
        readUsage(event.usage, call);
        return;
    }
  },
};
