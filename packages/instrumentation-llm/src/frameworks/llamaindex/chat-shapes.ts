/**
 * Reading LlamaIndex.TS model calls defensively: the LLM instance (`this` of its decorated `chat`), the
 * `chat` parameters, the `ChatResponse` and streamed `ChatResponseChunk`s, whose `raw` is the provider's
 * own response or chunk. Every field may be missing.
 */
import type { Attributes } from '@opentelemetry/api';
import { num, obj, setNumber, str } from '../../internal/adapters/adapter.js';
import type { ChatMessage, MessagePart } from '../../internal/content.js';
import { textParts } from '../../internal/content.js';
import type { LlmCall } from '../../internal/llm-call.js';
import * as semconv from '../../semconv.js';

/** What a LlamaIndex model call started with: the LLM object and the `chat` parameters. */
export interface ChatRequest {
  readonly llm: unknown;
  readonly params: unknown;
}

/** LlamaIndex LLM classes mapped to `gen_ai.provider.name` (a base URL that names a host refines it). */
const PROVIDERS: Record<string, string> = {
  OpenAI: semconv.PROVIDER_OPENAI,
  OpenAIResponses: semconv.PROVIDER_OPENAI,
  AzureOpenAI: semconv.PROVIDER_AZURE_OPENAI,
  Anthropic: semconv.PROVIDER_ANTHROPIC,
  Gemini: semconv.PROVIDER_GCP_GEMINI,
  Groq: semconv.PROVIDER_GROQ,
  DeepSeekLLM: semconv.PROVIDER_DEEPSEEK,
  MistralAI: semconv.PROVIDER_MISTRAL_AI,
  Ollama: semconv.PROVIDER_OLLAMA,
};

/** The provider of `llm` from its class (`OpenAI` → `openai`); `llamaindex` when the class is not known. */
export function providerOf(llm: unknown): string {
  const name = str((obj(llm).constructor as { name?: unknown } | undefined)?.name);
  return (name !== undefined ? PROVIDERS[name] : undefined) ?? 'llamaindex';
}

/** The requested model and the settings the LLM object carries (`temperature`, `topP`, `maxTokens`). */
export function chatRequest(request: ChatRequest, attributes: Attributes): string | undefined {
  const llm = obj(request.llm);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, llm.temperature);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, llm.topP);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, llm.maxTokens);
  return str(llm.model);
}

export function isStreamRequest(request: ChatRequest): boolean {
  return obj(request.params).stream === true;
}

/** The `chat` messages (`{ role, content, options: { toolCall | toolResult } }`) as GenAI input messages. */
export function inputMessages(request: ChatRequest): ChatMessage[] {
  const messages = obj(request.params).messages;
  if (!Array.isArray(messages)) return [];
  return messages.map((item) => {
    const message = obj(item);
    const options = obj(message.options);
    const parts: MessagePart[] = textParts(message.content);
    if (Array.isArray(options.toolCall)) {
      for (const call of options.toolCall) {
        const c = obj(call);
        parts.push({ type: 'tool_call', id: str(c.id), name: str(c.name) ?? '', arguments: c.input });
      }
    }
    const result = obj(options.toolResult);
    if (str(result.id) !== undefined) parts.push({ type: 'tool_call_response', id: str(result.id), result: result.result });
    return { role: str(message.role) ?? 'user', parts };
  });
}

/** Reads a provider's usage object (OpenAI `prompt_tokens`…, Anthropic `input_tokens`…) into the call. */
function readUsage(usage: Record<string, unknown>, call: LlmCall): void {
  const prompt = num(usage.prompt_tokens);
  if (prompt !== undefined) {
    call.inputTokens = prompt;
    call.outputTokens = num(usage.completion_tokens);
    const cached = num(obj(usage.prompt_tokens_details).cached_tokens);
    if (cached !== undefined && cached > 0) call.cacheReadTokens = cached;
    const reasoning = num(obj(usage.completion_tokens_details).reasoning_tokens);
    if (reasoning !== undefined && reasoning > 0) call.reasoningTokens = reasoning;
    return;
  }
  const input = num(usage.input_tokens);
  if (input === undefined) return;
  const cacheRead = num(usage.cache_read_input_tokens) ?? 0;
  const cacheWrite = num(usage.cache_creation_input_tokens) ?? 0;
  call.inputTokens = input + cacheRead + cacheWrite;
  call.outputTokens = num(usage.output_tokens);
  if (cacheRead > 0) call.cacheReadTokens = cacheRead;
  if (cacheWrite > 0) call.cacheCreationTokens = cacheWrite;
}

/** Reads the provider's raw response or chunk: id, model, usage, finish reason (OpenAI or Anthropic shape). */
function readRaw(raw: unknown, call: LlmCall): void {
  const r = obj(raw);
  call.responseId = str(r.id) ?? call.responseId;
  call.responseModel = str(r.model) ?? call.responseModel;
  if (r.usage !== undefined && r.usage !== null) readUsage(obj(r.usage), call);
  const choices = Array.isArray(r.choices) ? r.choices : [];
  for (const item of choices) {
    const choice = obj(item);
    const finish = str(choice.finish_reason);
    if (finish !== undefined) call.choice(num(choice.index) ?? 0).finish = finish;
  }
  const stop = str(r.stop_reason);
  if (stop !== undefined) call.choice(0).finish = stop;
}

/** Tool calls in a LlamaIndex message's or chunk's `options.toolCall`. */
function readToolCalls(options: unknown, call: LlmCall): void {
  const calls = obj(options).toolCall;
  if (!Array.isArray(calls)) return;
  const choice = call.choice(0);
  for (const item of calls) {
    const c = obj(item);
    const id = str(c.id);
    if (id !== undefined && choice.toolCalls.some((t) => t.id === id)) continue;
    choice.toolCalls.push({ id, name: str(c.name), args: call.capture ? argumentsText(c.input) : '' });
  }
}

/** Reads a complete `ChatResponse` (`{ message, raw }`) into the call. */
export function readResponse(response: unknown, call: LlmCall): void {
  const r = obj(response);
  readRaw(r.raw, call);
  const message = obj(r.message);
  readToolCalls(message.options, call);
  if (call.capture && typeof message.content === 'string') call.choice(0).text = message.content;
}

/** Reads one streamed `ChatResponseChunk` (`{ delta, raw, options }`) into the call. */
export function readChunk(chunk: unknown, call: LlmCall): void {
  const c = obj(chunk);
  readRaw(c.raw, call);
  readToolCalls(c.options, call);
  if (call.capture && typeof c.delta === 'string') call.choice(0).text += c.delta;
}

function argumentsText(input: unknown): string {
  if (typeof input === 'string') return input;
  try {
    return JSON.stringify(input) ?? '';
  } catch {
    return '';
  }
}
