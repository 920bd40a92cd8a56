/**
 * Reading LangChain.js callback arguments (serialized runnables, LangSmith `ls_*` metadata, `LLMResult`)
 * defensively: every field may be missing.
 */
import type { Attributes } from '@opentelemetry/api';
import { num, obj, setNumber, setStrings, str } from '../../internal/adapters/adapter.js';
import type { LlmCall } from '../../internal/llm-call.js';
import * as semconv from '../../semconv.js';

/** LangChain's `ls_provider` values mapped to `gen_ai.provider.name`. */
const PROVIDERS: Record<string, string> = {
  openai: semconv.PROVIDER_OPENAI,
  azure: semconv.PROVIDER_AZURE_OPENAI,
  anthropic: semconv.PROVIDER_ANTHROPIC,
  google_genai: semconv.PROVIDER_GCP_GEMINI,
  google_vertexai: semconv.PROVIDER_GCP_VERTEX_AI,
  groq: semconv.PROVIDER_GROQ,
  deepseek: semconv.PROVIDER_DEEPSEEK,
  mistralai: semconv.PROVIDER_MISTRAL_AI,
  xai: semconv.PROVIDER_X_AI,
  bedrock: 'aws.bedrock',
  amazon_bedrock: 'aws.bedrock',
  cohere: 'cohere',
};

export function providerName(metadata: unknown): string {
  const provider = str(obj(metadata).ls_provider);
  if (provider === undefined || provider === '') return 'langchain';
  return PROVIDERS[provider] ?? provider;
}

/** The class name of a serialized runnable (`{ id: ['langchain', 'chat_models', 'openai', 'ChatOpenAI'] }`). */
export function className(serialized: unknown): string | undefined {
  const id = obj(serialized).id;
  return Array.isArray(id) && typeof id[id.length - 1] === 'string' ? (id[id.length - 1] as string) : undefined;
}

/** The requested model and settings of a chat-model run: `ls_*` metadata, then `invocation_params`. */
export function modelRequest(metadata: unknown, extraParams: unknown, attributes: Attributes): string | undefined {
  const m = obj(metadata);
  const params = obj(obj(extraParams).invocation_params);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, m.ls_temperature ?? params.temperature);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, m.ls_max_tokens ?? params.max_tokens ?? params.max_completion_tokens);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, params.top_p);
  setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, m.ls_stop ?? params.stop);
  return str(m.ls_model_name) ?? str(params.model) ?? str(params.model_name);
}

/**
 * Reads an `LLMResult` into the call: usage (`usage_metadata` of the message, else `llmOutput.tokenUsage`),
 * response id and model, finish reasons and tool calls.
 */
export function readResult(output: unknown, call: LlmCall): void {
  const result = obj(output);
  const generations = Array.isArray(result.generations) ? result.generations : [];
  const first = Array.isArray(generations[0]) ? (generations[0] as unknown[]) : [];
  let index = 0;
  for (const item of first) {
    const generation = obj(item);
    const message = obj(generation.message);
    const usage = obj(message.usage_metadata);
    if (index === 0 && num(usage.input_tokens) !== undefined) {
      call.inputTokens = num(usage.input_tokens);
      call.outputTokens = num(usage.output_tokens);
      const cacheRead = num(obj(usage.input_token_details).cache_read);
      if (cacheRead !== undefined && cacheRead > 0) call.cacheReadTokens = cacheRead;
      const reasoning = num(obj(usage.output_token_details).reasoning);
      if (reasoning !== undefined && reasoning > 0) call.reasoningTokens = reasoning;
    }
    const metadata = obj(message.response_metadata);
    if (index === 0) {
      call.responseModel = str(metadata.model_name) ?? str(metadata.model) ?? call.responseModel;
      call.responseId = str(message.id) ?? str(metadata.id) ?? call.responseId;
    }
    const choice = call.choice(index);
    choice.finish = str(obj(generation.generationInfo).finish_reason) ?? str(metadata.finish_reason) ?? str(metadata.stop_reason);
    const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
    for (const tool of toolCalls) {
      const t = obj(tool);
      choice.toolCalls.push({ id: str(t.id), name: str(t.name), args: call.capture ? safeJson(t.args) : '' });
    }
    if (call.capture && typeof generation.text === 'string') choice.text = generation.text;
    index++;
  }
  if (call.inputTokens === undefined) {
    const usage = obj(obj(result.llmOutput).tokenUsage);
    call.inputTokens = num(usage.promptTokens);
    call.outputTokens = num(usage.completionTokens);
  }
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
