import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import { textParts, type ChatMessage, type InputContent, type MessagePart } from '../content.js';
import type { LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setStrings, str, type Adapter } from './adapter.js';
import { embeddingsAdapter } from './embeddings-adapter.js';

/** The sampling options of a request (`options`, Ollama's model parameters). */
function requestOptions(params: unknown, attributes: Attributes): string | undefined {
  const p = obj(params);
  const o = obj(p.options);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, o.num_predict);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, o.temperature);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, o.top_p);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_K, o.top_k);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_SEED, o.seed);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, o.frequency_penalty);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, o.presence_penalty);
  setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, o.stop);
  return str(p.model);
}

/**
 * A response or the final stream object: `prompt_eval_count` and `eval_count` are the input and output
 * tokens (the last object of a stream carries them, with `done: true` and `done_reason`).
 */
function readCounts(value: Record<string, unknown>, call: LlmCall): void {
  call.responseModel = str(value.model) ?? call.responseModel;
  call.inputTokens = num(value.prompt_eval_count) ?? call.inputTokens;
  call.outputTokens = num(value.eval_count) ?? call.outputTokens;
  const reason = str(value.done_reason);
  if (reason !== undefined) call.choice(0).finish = reason;
}

function chatMessage(value: unknown): ChatMessage {
  const m = obj(value);
  const role = str(m.role) ?? 'user';
  if (role === 'tool') return { role, parts: [{ type: 'tool_call_response', id: str(m.tool_name), result: m.content }] };
  const parts: MessagePart[] = [];
  if (typeof m.thinking === 'string' && m.thinking !== '') parts.push({ type: 'reasoning', content: m.thinking });
  parts.push(...textParts(m.content));
  if (Array.isArray(m.tool_calls)) {
    for (const tool of m.tool_calls) {
      const fn = obj(obj(tool).function);
      parts.push({ type: 'tool_call', name: str(fn.name) ?? '', arguments: fn.arguments });
    }
  }
  return { role, parts };
}

/** Reads one message (a whole response's, or a stream object's partial one) into generation 0. */
function readMessage(value: unknown, call: LlmCall): void {
  const m = obj(value);
  const state = call.choice(0);
  if (Array.isArray(m.tool_calls)) {
    for (const tool of m.tool_calls) {
      const fn = obj(obj(tool).function);
      const args = call.capture && fn.arguments !== undefined ? JSON.stringify(fn.arguments) : '';
      state.toolCalls.push({ id: str(obj(tool).id), name: str(fn.name), args });
    }
  }
  if (!call.capture) return;
  state.text += str(m.content) ?? '';
  state.reasoning += str(m.thinking) ?? '';
}

/** `ollama.chat` (plain and `stream: true`): `/api/chat`. */
export const ollamaChatAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_CHAT,
  request: requestOptions,
  isStream: (params) => obj(params).stream === true,

  input(params: unknown): InputContent | undefined {
    const messages = obj(params).messages;
    return { messages: Array.isArray(messages) ? messages.map(chatMessage) : [] };
  },

  response(result: unknown, call: LlmCall): void {
    const r = obj(result);
    readCounts(r, call);
    readMessage(r.message, call);
  },

  chunk(chunk: unknown, call: LlmCall): void {
    const c = obj(chunk);
    readMessage(c.message, call);
    if (c.done === true) readCounts(c, call);
  },
};

/** `ollama.generate` (plain and `stream: true`): `/api/generate`, a prompt completed as text. */
export const ollamaGenerateAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_TEXT_COMPLETION,
  request: requestOptions,
  isStream: (params) => obj(params).stream === true,

  input(params: unknown): InputContent | undefined {
    const p = obj(params);
    const system = typeof p.system === 'string' ? textParts(p.system) : undefined;
    return { messages: [{ role: 'user', parts: textParts(p.prompt) }], system };
  },

  response(result: unknown, call: LlmCall): void {
    const r = obj(result);
    readCounts(r, call);
    readMessage({ content: r.response, thinking: r.thinking }, call);
  },

  chunk(chunk: unknown, call: LlmCall): void {
    const c = obj(chunk);
    readMessage({ content: c.response, thinking: c.thinking }, call);
    if (c.done === true) readCounts(c, call);
  },
};

/** `ollama.embed` (`/api/embed`) and the older `ollama.embeddings` (`/api/embeddings`, no usage). */
export const ollamaEmbedAdapter = embeddingsAdapter({
  dimensionCount: (p) => p.dimensions,
  response(r, call) {
    call.responseModel = str(r.model);
    call.inputTokens = num(r.prompt_eval_count);
  },
});
