import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import { textParts, type InputContent } from '../content.js';
import type { LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setStrings, str, type Adapter } from './adapter.js';
import { anthropicMessagesAdapter } from './anthropic-messages.js';
import { converseMessages, converseSystem, readConverseEvent, readConverseResponse } from './bedrock-converse.js';

// InvokeModel bodies are the model provider's own JSON. Read here: Anthropic Messages (`anthropic_version`,
// read by the Anthropic adapter), Amazon Nova (`schemaVersion: "messages-v1"`, Converse-shaped), and the
// common fields of the others (`max_tokens`, `temperature`, `top_p`, `prompt`, `inputText`). Token counts
// come from the `X-Amzn-Bedrock-*-Token-Count` response headers (every model) or, in a stream, from the
// `amazon-bedrock-invocationMetrics` of the last chunk.

const decoder = new TextDecoder();

/** A JSON body (string or bytes) as an object; the empty object when it is not JSON. */
export function parseBody(body: unknown): Record<string, unknown> {
  try {
    if (typeof body === 'string') return obj(JSON.parse(body));
    if (body instanceof Uint8Array) return obj(JSON.parse(decoder.decode(body)));
  } catch {
    // Not JSON: nothing to read.
  }
  return obj(undefined);
}

function isAnthropic(body: Record<string, unknown>): boolean {
  return typeof body.anthropic_version === 'string';
}

function isNovaRequest(body: Record<string, unknown>): boolean {
  return body.schemaVersion === 'messages-v1' || obj(body.inferenceConfig).max_new_tokens !== undefined;
}

function setRequest(body: Record<string, unknown>, attributes: Attributes): void {
  if (isAnthropic(body)) {
    anthropicMessagesAdapter.request(body, attributes);
    return;
  }
  const nova = obj(body.inferenceConfig);
  const titan = obj(body.textGenerationConfig);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, body.max_tokens ?? body.max_gen_len ?? nova.max_new_tokens ?? titan.maxTokenCount);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, body.temperature ?? nova.temperature ?? titan.temperature);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, body.top_p ?? body.p ?? nova.top_p ?? titan.topP);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_K, body.top_k ?? body.k ?? nova.top_k);
  setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, body.stop_sequences ?? body.stop ?? nova.stopSequences ?? titan.stopSequences);
}

function input(params: unknown): InputContent | undefined {
  const body = parseBody(obj(params).body);
  if (isAnthropic(body)) return anthropicMessagesAdapter.input!(body);
  if (isNovaRequest(body)) return { messages: converseMessages(body.messages), system: converseSystem(body.system) };
  const prompt = body.prompt ?? body.inputText ?? body.message ?? body.texts;
  return { messages: prompt === undefined ? [] : [{ role: 'user', parts: textParts(prompt) }] };
}

/** Reads a whole response body of the families above; the rest only through the token headers. */
function readBody(body: Record<string, unknown>, call: LlmCall): void {
  if (body.type === 'message') {
    anthropicMessagesAdapter.response(body, call);
    return;
  }
  if (body.output !== undefined && obj(body.output).message !== undefined) {
    readConverseResponse(body, call);
    return;
  }
  const finish = str(body.stop_reason) ?? str(body.finish_reason) ?? str(obj(Array.isArray(body.results) ? body.results[0] : undefined).completionReason);
  if (finish !== undefined) call.choice(0).finish = finish;
  call.responseId = str(body.id) ?? call.responseId;
  call.inputTokens = num(body.inputTextTokenCount) ?? num(body.prompt_token_count) ?? call.inputTokens;
  call.outputTokens = num(body.generation_token_count) ?? call.outputTokens;
}

/** The token totals Bedrock adds to the last chunk of every InvokeModelWithResponseStream body. */
function readInvocationMetrics(chunk: Record<string, unknown>, call: LlmCall): void {
  const metrics = chunk['amazon-bedrock-invocationMetrics'];
  if (metrics === undefined) return;
  const m = obj(metrics);
  call.inputTokens = num(m.inputTokenCount) ?? call.inputTokens;
  call.outputTokens = num(m.outputTokenCount) ?? call.outputTokens;
}

function invokeAdapter(operation: string, stream: boolean): Adapter {
  // Embeddings record no input messages, as for the other providers' embeddings.
  const capture = operation === semconv.GEN_AI_OPERATION_EMBEDDINGS ? {} : { input };
  return {
    operation,
    ...capture,

    request(params: unknown, attributes: Attributes): string | undefined {
      const p = obj(params);
      setRequest(parseBody(p.body), attributes);
      return str(p.modelId);
    },

    isStream: () => stream,

    response(result: unknown, call: LlmCall): void {
      readBody(parseBody(obj(result).body), call);
    },

    chunk(value: unknown, call: LlmCall): void {
      // `{ chunk: { bytes } }`: the bytes are one JSON event of the model's own stream format.
      const event = parseBody(obj(obj(value).chunk).bytes);
      if (typeof event.type === 'string') anthropicMessagesAdapter.chunk!(event, call);
      else readConverseEvent(event, call);
      readInvocationMetrics(event, call);
    },
  };
}

/** `InvokeModelCommand` of a text or chat model. */
export const bedrockInvokeAdapter = invokeAdapter(semconv.GEN_AI_OPERATION_CHAT, false);
/** `InvokeModelCommand` of an embedding model (a model id containing `embed`). */
export const bedrockInvokeEmbeddingsAdapter = invokeAdapter(semconv.GEN_AI_OPERATION_EMBEDDINGS, false);
/** `InvokeModelWithResponseStreamCommand`: an AWS event stream of `chunk` events. */
export const bedrockInvokeStreamAdapter = invokeAdapter(semconv.GEN_AI_OPERATION_CHAT, true);
