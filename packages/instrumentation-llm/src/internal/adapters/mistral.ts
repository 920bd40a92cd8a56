import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import type { ChoiceState, LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setString, setStrings, str, type Adapter } from './adapter.js';
import { camelCaseChatInput, mergeToolCall } from './camel-case-chat.js';
import { embeddingsAdapter } from './embeddings-adapter.js';

// `@mistralai/mistralai` hands requests and responses over in camelCase (`maxTokens`, `finishReason`,
// `usage.promptTokens`); the wire is snake_case.

/** Tool-call arguments: JSON text, or an object (rendered as JSON). */
function argumentsText(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/** Text of a content value: a string, or the text chunks of an array. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const chunk of content) if (obj(chunk).type === 'text') text += str(obj(chunk).text) ?? '';
  return text;
}

function readUsage(value: unknown, call: LlmCall): void {
  const usage = obj(value);
  call.inputTokens = num(usage.promptTokens) ?? call.inputTokens;
  call.outputTokens = num(usage.completionTokens) ?? call.outputTokens;
}

/** Reads a message (whole) or a delta (streamed) into `state`; tool-call arguments are appended. */
function readMessage(value: unknown, state: ChoiceState, capture: boolean): void {
  const m = obj(value);
  if (Array.isArray(m.toolCalls)) {
    for (let i = 0; i < m.toolCalls.length; i++) {
      const call = m.toolCalls[i];
      mergeToolCall(call, num(obj(call).index) ?? i, state, capture, argumentsText);
    }
  }
  if (capture) state.text += contentText(m.content);
}

function readChoices(choices: unknown, call: LlmCall, key: 'message' | 'delta'): void {
  if (!Array.isArray(choices)) return;
  for (const value of choices) {
    const choice = obj(value);
    const state = call.choice(num(choice.index) ?? 0);
    readMessage(choice[key], state, call.capture);
    state.finish = str(choice.finishReason) ?? state.finish;
  }
}

function chatAdapter(stream: boolean): Adapter {
  return {
    operation: semconv.GEN_AI_OPERATION_CHAT,

    request(params: unknown, attributes: Attributes): string | undefined {
      const p = obj(params);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, p.maxTokens);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, p.temperature);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, p.topP);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_SEED, p.randomSeed);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, p.frequencyPenalty);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, p.presencePenalty);
      setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, p.stop);
      const n = num(p.n);
      if (n !== undefined && n !== 1) attributes[semconv.ATTR_GEN_AI_REQUEST_CHOICE_COUNT] = n;
      setString(attributes, semconv.ATTR_GEN_AI_OUTPUT_TYPE, obj(p.responseFormat).type === 'json_object' || obj(p.responseFormat).type === 'json_schema' ? 'json' : undefined);
      return str(p.model);
    },

    isStream: () => stream,

    input: camelCaseChatInput,

    response(result: unknown, call: LlmCall): void {
      const r = obj(result);
      call.responseId = str(r.id);
      call.responseModel = str(r.model);
      readUsage(r.usage, call);
      readChoices(r.choices, call, 'message');
    },

    chunk(chunk: unknown, call: LlmCall): void {
      // An `EventStream` item is `{ data: CompletionChunk }`; the last chunk carries `usage`.
      const data = obj(obj(chunk).data);
      call.responseId ??= str(data.id);
      call.responseModel ??= str(data.model);
      if (data.usage !== undefined) readUsage(data.usage, call);
      readChoices(data.choices, call, 'delta');
    },
  };
}

/** `client.chat.complete` (and `parse`, which calls the same request). */
export const mistralCompleteAdapter = chatAdapter(false);
/** `client.chat.stream`: server-sent events, usage in the last chunk. */
export const mistralStreamAdapter = chatAdapter(true);

/** `client.embeddings.create`. */
export const mistralEmbeddingsAdapter = embeddingsAdapter({
  dimensionCount: (p) => p.outputDimension,
  encodingFormats: (p) => p.encodingFormat,
  response(r, call) {
    call.responseId = str(r.id);
    call.responseModel = str(r.model);
    call.inputTokens = num(obj(r.usage).promptTokens);
  },
});
