import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import type { LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setStrings, str, type Adapter } from './adapter.js';
import { camelCaseChatInput, mergeToolCall } from './camel-case-chat.js';
import { embeddingsAdapter } from './embeddings-adapter.js';

// `cohere-ai` (Fern-generated) hands requests and responses over in camelCase (`maxTokens`,
// `finishReason`, `usage.tokens.inputTokens`); the v2 wire is snake_case.

/** The tokens processed (`usage.tokens`), else the billed ones (`usage.billedUnits`). */
function readUsage(value: unknown, call: LlmCall): void {
  const usage = obj(value);
  const tokens = obj(usage.tokens);
  const billed = obj(usage.billedUnits);
  call.inputTokens = num(tokens.inputTokens) ?? num(billed.inputTokens) ?? call.inputTokens;
  call.outputTokens = num(tokens.outputTokens) ?? num(billed.outputTokens) ?? call.outputTokens;
  call.cacheReadTokens = num(usage.cachedTokens) ?? call.cacheReadTokens;
}

/** Tool-call arguments: `cohere-ai` hands them over as JSON text. */
function argumentsText(args: unknown): string {
  return str(args) ?? '';
}

/**
 * `CohereClientV2.chat` and `chatStream` (`V2Client.__chat`, `__chatStream`: the promise of
 * `{ data, rawResponse }` under the `HttpResponsePromise` the app gets, so `.withRawResponse()` works).
 */
function chatAdapter(stream: boolean): Adapter {
  return {
    operation: semconv.GEN_AI_OPERATION_CHAT,

    request(params: unknown, attributes: Attributes): string | undefined {
      const p = obj(params);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, p.maxTokens);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, p.temperature);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, p.p);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_K, p.k);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_SEED, p.seed);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, p.frequencyPenalty);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, p.presencePenalty);
      setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, p.stopSequences);
      return str(p.model);
    },

    isStream: () => stream,

    input: camelCaseChatInput,

    response(result: unknown, call: LlmCall): void {
      const r = obj(result);
      call.responseId = str(r.id);
      readUsage(r.usage, call);
      const state = call.choice(0);
      state.finish = str(r.finishReason);
      const message = obj(r.message);
      if (Array.isArray(message.toolCalls)) message.toolCalls.forEach((tool, i) => mergeToolCall(tool, i, state, call.capture, argumentsText));
      if (!call.capture || !Array.isArray(message.content)) return;
      for (const item of message.content) {
        const part = obj(item);
        if (part.type === 'text') state.text += str(part.text) ?? '';
        else if (part.type === 'thinking') state.reasoning += str(part.thinking) ?? '';
      }
    },

    chunk(chunk: unknown, call: LlmCall): void {
      const event = obj(chunk);
      const delta = obj(event.delta);
      const message = obj(delta.message);
      switch (event.type) {
        case 'message-start':
          call.responseId = str(event.id) ?? call.responseId;
          return;
        case 'content-delta': {
          if (!call.capture) return;
          const content = obj(message.content);
          const state = call.choice(0);
          state.text += str(content.text) ?? '';
          state.reasoning += str(content.thinking) ?? '';
          return;
        }
        case 'tool-call-start':
        case 'tool-call-delta':
          mergeToolCall(message.toolCalls, num(event.index) ?? 0, call.choice(0), call.capture, argumentsText);
          return;
        case 'message-end':
          call.choice(0).finish = str(delta.finishReason) ?? call.choice(0).finish;
          readUsage(delta.usage, call);
          return;
      }
    },
  };
}

export const cohereChatAdapter = chatAdapter(false);
/** Server-sent events; `message-end` carries the finish reason and usage. */
export const cohereChatStreamAdapter = chatAdapter(true);

/** `CohereClientV2.embed` (`V2Client.__embed`). */
export const cohereEmbedAdapter = embeddingsAdapter({
  dimensionCount: (p) => p.outputDimension,
  encodingFormats: (p) => p.embeddingTypes,
  response(r, call) {
    call.responseId = str(r.id);
    call.inputTokens = num(obj(obj(r.meta).billedUnits).inputTokens);
  },
});
