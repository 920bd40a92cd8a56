import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import { parseArguments, textParts, type ChatMessage, type InputContent, type MessagePart } from '../content.js';
import type { LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setString, setStrings, str, type Adapter } from './adapter.js';

/** `response_format.type` → `gen_ai.output.type`. */
function outputType(format: unknown): string | undefined {
  const type = obj(format).type;
  if (type === 'json_object' || type === 'json_schema') return 'json';
  return type === 'text' ? 'text' : undefined;
}

/**
 * Reads an OpenAI-wire usage object: OpenAI, Groq (also under `x_groq.usage` in streams) and DeepSeek
 * (`prompt_cache_hit_tokens`). Input tokens include cached ones, output tokens include reasoning ones.
 */
export function readOpenAiUsage(value: unknown, call: LlmCall): void {
  const usage = obj(value);
  call.inputTokens = num(usage.prompt_tokens) ?? call.inputTokens;
  call.outputTokens = num(usage.completion_tokens) ?? call.outputTokens;
  call.cacheReadTokens = num(obj(usage.prompt_tokens_details).cached_tokens) ?? num(usage.prompt_cache_hit_tokens) ?? call.cacheReadTokens;
  call.reasoningTokens = num(obj(usage.completion_tokens_details).reasoning_tokens) ?? call.reasoningTokens;
}

function inputMessage(value: unknown): ChatMessage {
  const message = obj(value);
  const role = str(message.role) ?? 'user';
  if (role === 'tool') {
    return { role, parts: [{ type: 'tool_call_response', id: str(message.tool_call_id), result: message.content }] };
  }
  const parts: MessagePart[] = textParts(message.content);
  if (Array.isArray(message.tool_calls)) {
    for (const toolCall of message.tool_calls) {
      const fn = obj(obj(toolCall).function);
      parts.push({ type: 'tool_call', id: str(obj(toolCall).id), name: str(fn.name) ?? '', arguments: parseArguments(fn.arguments) });
    }
  }
  return { role, parts };
}

/** Reads one choice (complete `message`, or a stream `delta`) into the call. */
function readChoice(value: unknown, call: LlmCall, message: unknown): void {
  const choice = obj(value);
  const state = call.choice(num(choice.index) ?? 0);
  const finish = str(choice.finish_reason);
  if (finish !== undefined) state.finish = finish;
  const body = obj(message);
  if (call.capture) {
    if (typeof body.content === 'string') state.text += body.content;
    const reasoning = str(body.reasoning_content) ?? str(body.reasoning);
    if (reasoning !== undefined) state.reasoning += reasoning;
  }
  const toolCalls = body.tool_calls;
  if (!Array.isArray(toolCalls)) return;
  for (let i = 0; i < toolCalls.length; i++) {
    const toolCall = obj(toolCalls[i]);
    const fn = obj(toolCall.function);
    const index = num(toolCall.index) ?? i;
    let tool = state.toolCalls[index];
    if (tool === undefined) {
      tool = { id: undefined, name: undefined, args: '' };
      state.toolCalls[index] = tool;
    }
    tool.id ??= str(toolCall.id);
    tool.name ??= str(fn.name);
    if (call.capture && typeof fn.arguments === 'string') tool.args += fn.arguments;
  }
}

/** Chat completions on the OpenAI wire format: `openai` (and DeepSeek, …) and `groq-sdk`. */
export const openAiChatAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_CHAT,

  request(params: unknown, attributes: Attributes): string | undefined {
    const p = obj(params);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, p.temperature);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, p.top_p);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, p.max_completion_tokens ?? p.max_tokens);
    setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, p.stop);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_SEED, p.seed);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, p.frequency_penalty);
    setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, p.presence_penalty);
    if (typeof p.n === 'number' && p.n !== 1) attributes[semconv.ATTR_GEN_AI_REQUEST_CHOICE_COUNT] = p.n;
    setString(attributes, semconv.ATTR_GEN_AI_REQUEST_REASONING_LEVEL_DRAFT, p.reasoning_effort);
    setString(attributes, semconv.ATTR_GEN_AI_OUTPUT_TYPE, outputType(p.response_format));
    return str(p.model);
  },

  isStream: (params) => obj(params).stream === true,

  input(params: unknown): InputContent | undefined {
    const messages = obj(params).messages;
    return Array.isArray(messages) ? { messages: messages.map(inputMessage) } : undefined;
  },

  response(result: unknown, call: LlmCall): void {
    const r = obj(result);
    call.responseId = str(r.id);
    call.responseModel = str(r.model);
    readOpenAiUsage(r.usage, call);
    if (Array.isArray(r.choices)) for (const choice of r.choices) readChoice(choice, call, obj(choice).message);
  },

  chunk(chunk: unknown, call: LlmCall): void {
    const c = obj(chunk);
    if (call.responseId === undefined) {
      call.responseId = str(c.id);
      call.responseModel = str(c.model);
    }
    if (c.usage) readOpenAiUsage(c.usage, call);
    const groq = c.x_groq;
    if (groq) readOpenAiUsage(obj(groq).usage, call);
    const choices = c.choices;
    if (Array.isArray(choices)) for (const choice of choices) readChoice(choice, call, obj(choice).delta);
  },
};

/** `includeStreamUsage`: asks an OpenAI-wire chat stream for its usage, unless the request decided itself. */
export function withStreamUsage(params: unknown): unknown {
  const p = obj(params);
  if (p.stream !== true || p.stream_options !== undefined) return params;
  return { ...p, stream_options: { include_usage: true } };
}
