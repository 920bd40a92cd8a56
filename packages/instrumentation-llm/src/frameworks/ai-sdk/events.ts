/**
 * Reading the Vercel AI SDK's telemetry events (`ai` 7, the `Telemetry` integration interface): provider
 * names, usage, finish reasons and message content, defensively (every field may be missing).
 */
import type { Attributes } from '@opentelemetry/api';
import { num, obj, setNumber, setStrings, str } from '../../internal/adapters/adapter.js';
import type { ChatMessage, InputContent, MessagePart } from '../../internal/content.js';
import type { LlmCall } from '../../internal/llm-call.js';
import * as semconv from '../../semconv.js';

/**
 * The AI SDK's provider ids (`openai.chat`, `openai.responses`, `anthropic.messages`,
 * `google.generative-ai`, …): the part before the first dot, mapped to `gen_ai.provider.name`.
 */
const PROVIDERS: Record<string, string> = {
  openai: semconv.PROVIDER_OPENAI,
  azure: semconv.PROVIDER_AZURE_OPENAI,
  anthropic: semconv.PROVIDER_ANTHROPIC,
  google: semconv.PROVIDER_GCP_GEMINI,
  'google-vertex': semconv.PROVIDER_GCP_VERTEX_AI,
  vertex: semconv.PROVIDER_GCP_VERTEX_AI,
  groq: semconv.PROVIDER_GROQ,
  deepseek: semconv.PROVIDER_DEEPSEEK,
  mistral: semconv.PROVIDER_MISTRAL_AI,
  xai: semconv.PROVIDER_X_AI,
  perplexity: semconv.PROVIDER_PERPLEXITY,
  moonshotai: semconv.PROVIDER_MOONSHOT_AI,
  'amazon-bedrock': 'aws.bedrock',
  bedrock: 'aws.bedrock',
  cohere: 'cohere',
};

export function providerName(provider: unknown): string {
  const id = typeof provider === 'string' && provider !== '' ? provider : 'ai-sdk';
  const dot = id.indexOf('.');
  const prefix = dot === -1 ? id : id.slice(0, dot);
  return PROVIDERS[prefix] ?? PROVIDERS[id] ?? prefix;
}

/** The request settings of a model-call start event, as `gen_ai.request.*` attributes. */
export function requestAttributes(event: Record<string, unknown>, attributes: Attributes): void {
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, event.maxOutputTokens);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, event.temperature);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, event.topP);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_K, event.topK);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_SEED, event.seed);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, event.frequencyPenalty);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, event.presencePenalty);
  setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, event.stopSequences);
  const reasoning = event.reasoning;
  if (typeof reasoning === 'string') attributes[semconv.ATTR_GEN_AI_REQUEST_REASONING_LEVEL_DRAFT] = reasoning;
}

/**
 * Reads the SDK's normalized usage (`inputTokens`, `outputTokens`, `inputTokenDetails.cacheReadTokens` /
 * `cacheWriteTokens`, `outputTokenDetails.reasoningTokens`; embeddings: `tokens`). The SDK's input count
 * already includes cached tokens and its output count reasoning tokens, as the conventions want.
 */
export function readUsage(usage: unknown, call: LlmCall): void {
  const u = obj(usage);
  call.inputTokens = num(u.inputTokens) ?? num(u.tokens) ?? call.inputTokens;
  call.outputTokens = num(u.outputTokens) ?? call.outputTokens;
  const input = obj(u.inputTokenDetails);
  const cacheRead = num(input.cacheReadTokens);
  if (cacheRead !== undefined && cacheRead > 0) call.cacheReadTokens = cacheRead;
  const cacheWrite = num(input.cacheWriteTokens);
  if (cacheWrite !== undefined && cacheWrite > 0) call.cacheCreationTokens = cacheWrite;
  const reasoning = num(obj(u.outputTokenDetails).reasoningTokens);
  if (reasoning !== undefined && reasoning > 0) call.reasoningTokens = reasoning;
}

/**
 * The SDK's unified finish reasons in the words of the GenAI output-messages schema (`stop`, `length`,
 * `content_filter`, `tool_call`, `error`); others (`other`) as they are.
 */
const FINISH_REASONS: Record<string, string> = { 'tool-calls': 'tool_call', 'content-filter': 'content_filter' };

/** The finish reason: the unified string (`stop`, `tool-calls`) or `{ unified, raw }`, mapped as above. */
export function finishReason(value: unknown): string | undefined {
  const unified = typeof value === 'string' ? value : str(obj(value).unified);
  return unified === undefined ? undefined : (FINISH_REASONS[unified] ?? unified);
}

/** Fills the call's single generation from a model-call end event's `content` parts. */
export function readOutput(content: unknown, finish: string | undefined, call: LlmCall): void {
  const choice = call.choice(0);
  choice.finish = finish;
  if (!Array.isArray(content)) return;
  for (const item of content) {
    const part = obj(item);
    if (part.type === 'tool-call') {
      const input = part.input;
      const args = call.capture ? (typeof input === 'string' ? input : safeJson(input)) : '';
      choice.toolCalls.push({ id: str(part.toolCallId), name: str(part.toolName), args });
    } else if (call.capture && part.type === 'text' && typeof part.text === 'string') choice.text += part.text;
    else if (call.capture && part.type === 'reasoning' && typeof part.text === 'string') choice.reasoning += part.text;
  }
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function messageParts(content: unknown): MessagePart[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  if (!Array.isArray(content)) return [];
  const parts: MessagePart[] = [];
  for (const item of content) {
    const part = obj(item);
    switch (part.type) {
      case 'text':
        if (typeof part.text === 'string') parts.push({ type: 'text', content: part.text });
        break;
      case 'reasoning':
        if (typeof part.text === 'string') parts.push({ type: 'reasoning', content: part.text });
        break;
      case 'tool-call':
        parts.push({ type: 'tool_call', id: str(part.toolCallId), name: str(part.toolName) ?? '', arguments: part.input });
        break;
      case 'tool-result': {
        const output = obj(part.output);
        parts.push({ type: 'tool_call_response', id: str(part.toolCallId), result: 'value' in output ? output.value : part.output });
        break;
      }
      default:
        parts.push({ type: typeof part.type === 'string' ? part.type : 'unknown' });
    }
  }
  return parts;
}

/** The captured input of a model-call start event: its messages and `instructions` (system). */
export function inputContent(event: Record<string, unknown>): InputContent {
  const messages: ChatMessage[] = [];
  if (Array.isArray(event.messages)) {
    for (const item of event.messages) {
      const message = obj(item);
      const role = str(message.role) ?? 'user';
      messages.push({ role, parts: messageParts(message.content) });
    }
  }
  const input: InputContent = { messages };
  const instructions = event.instructions ?? event.system;
  if (typeof instructions === 'string' && instructions !== '') input.system = [{ type: 'text', content: instructions }];
  else if (Array.isArray(instructions)) input.system = messageParts(instructions);
  return input;
}
