import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import { textParts, type ChatMessage, type InputContent } from '../content.js';
import type { LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setString, str, type Adapter } from './adapter.js';

function inputItem(value: unknown): ChatMessage {
  const item = obj(value);
  if (item.type === 'function_call') {
    return { role: 'assistant', parts: [{ type: 'tool_call', id: str(item.call_id), name: str(item.name) ?? '', arguments: item.arguments }] };
  }
  if (item.type === 'function_call_output') {
    return { role: 'tool', parts: [{ type: 'tool_call_response', id: str(item.call_id), result: item.output }] };
  }
  return { role: str(item.role) ?? 'user', parts: textParts(item.content) };
}

/** Reads a complete `Response` object (the result, or the one a terminal stream event carries). */
function readResponse(value: unknown, call: LlmCall): void {
  const r = obj(value);
  call.responseId = str(r.id) ?? call.responseId;
  call.responseModel = str(r.model) ?? call.responseModel;
  const usage = obj(r.usage);
  call.inputTokens = num(usage.input_tokens) ?? call.inputTokens;
  call.outputTokens = num(usage.output_tokens) ?? call.outputTokens;
  call.cacheReadTokens = num(obj(usage.input_tokens_details).cached_tokens) ?? call.cacheReadTokens;
  call.reasoningTokens = num(obj(usage.output_tokens_details).reasoning_tokens) ?? call.reasoningTokens;
  const state = call.choice(0);
  state.finish = str(obj(r.incomplete_details).reason) ?? str(r.status) ?? state.finish;
  if (!Array.isArray(r.output)) return;
  for (const value of r.output) {
    const item = obj(value);
    if (item.type === 'function_call') {
      state.toolCalls.push({ id: str(item.call_id), name: str(item.name), args: call.capture ? (str(item.arguments) ?? '') : '' });
    } else if (call.capture && item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content) state.text += str(obj(part).text) ?? '';
    } else if (call.capture && item.type === 'reasoning' && Array.isArray(item.summary)) {
      for (const part of item.summary) state.reasoning += str(obj(part).text) ?? '';
    }
  }
}

const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** The Responses API (`client.responses.create`, its `stream()` and `parse()` helpers). */
export const openAiResponsesAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_CHAT,

  request(params: unknown, attributes: Attributes): string | undefined {
    const p = obj(params);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, p.temperature);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, p.top_p);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, p.max_output_tokens);
    setString(attributes, semconv.ATTR_GEN_AI_REQUEST_REASONING_LEVEL_DRAFT, obj(p.reasoning).effort);
    const format = obj(obj(p.text).format).type;
    if (format === 'json_schema' || format === 'json_object') attributes[semconv.ATTR_GEN_AI_OUTPUT_TYPE] = 'json';
    return str(p.model);
  },

  isStream: (params) => obj(params).stream === true,

  input(params: unknown): InputContent | undefined {
    const p = obj(params);
    const messages = typeof p.input === 'string'
      ? [{ role: 'user', parts: textParts(p.input) }]
      : Array.isArray(p.input) ? p.input.map(inputItem) : [];
    const system = typeof p.instructions === 'string' ? [{ type: 'text', content: p.instructions }] : undefined;
    return { messages, system };
  },

  response: readResponse,

  chunk(chunk: unknown, call: LlmCall): void {
    const event = obj(chunk);
    const type = event.type;
    if (type === 'response.created') {
      const r = obj(event.response);
      call.responseId = str(r.id);
      call.responseModel = str(r.model);
    } else if (typeof type === 'string' && TERMINAL_EVENTS.has(type)) {
      readResponse(event.response, call);
    }
  },
};
