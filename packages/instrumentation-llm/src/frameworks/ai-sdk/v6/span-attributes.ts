/**
 * Reading the `ai.*` spans of `ai` 6 (`experimental_telemetry`): their attributes, as the SDK sets them at
 * start and before it ends them, turned into the shapes the `ai` 7 path reads (`events.ts`), so both
 * majors give the same model spans. Every field may be missing (`recordInputs` / `recordOutputs: false`
 * remove the content ones).
 */
import type { Attributes } from '@opentelemetry/api';
import { num, str } from '../../../internal/adapters/adapter.js';
import { parseArguments } from '../../../internal/content.js';

/** The kind of span an `ai.*` operation id stands for. */
export type SpanRole = 'operation' | 'object-operation' | 'model' | 'stream-model' | 'embed-model' | 'tool' | 'none';

const ROLES: Record<string, SpanRole> = {
  'ai.generateText': 'operation',
  'ai.streamText': 'operation',
  'ai.generateObject': 'object-operation',
  'ai.streamObject': 'object-operation',
  'ai.generateText.doGenerate': 'model',
  'ai.generateObject.doGenerate': 'model',
  'ai.streamText.doStream': 'stream-model',
  'ai.streamObject.doStream': 'stream-model',
  'ai.embed.doEmbed': 'embed-model',
  'ai.embedMany.doEmbed': 'embed-model',
  'ai.toolCall': 'tool',
};

/**
 * What a span of this name (the SDK's operation id) becomes: `ai.embed` / `ai.embedMany` (no parent span
 * of ours, as with `ai` 7), `ai.rerank` and anything unknown make none.
 */
export function spanRole(name: string): SpanRole {
  return ROLES[name] ?? 'none';
}

/** A finite number (the SDK reports a missing embedding usage as `NaN`). */
function count(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A model span's start attributes as a model-call start event: the step's model and settings
 * (`gen_ai.request.*`, `ai.settings.seed`) and, when the SDK recorded inputs, the prompt (`ai.prompt.messages`,
 * the provider-level messages, whose `system` messages become the instructions).
 */
export function modelCallEvent(a: Attributes): Record<string, unknown> {
  const event: Record<string, unknown> = {
    modelId: a['ai.model.id'],
    provider: a['ai.model.provider'],
    maxOutputTokens: a['gen_ai.request.max_tokens'],
    temperature: a['gen_ai.request.temperature'],
    topP: a['gen_ai.request.top_p'],
    topK: a['gen_ai.request.top_k'],
    frequencyPenalty: a['gen_ai.request.frequency_penalty'],
    presencePenalty: a['gen_ai.request.presence_penalty'],
    stopSequences: a['gen_ai.request.stop_sequences'],
    seed: a['ai.settings.seed'],
  };
  const prompt = parseJson(a['ai.prompt.messages']);
  if (Array.isArray(prompt)) {
    const messages: unknown[] = [];
    const system: string[] = [];
    for (const message of prompt) {
      const m = message as { role?: unknown; content?: unknown } | null;
      if (m?.role === 'system' && typeof m.content === 'string') system.push(m.content);
      else messages.push(message);
    }
    event.messages = messages;
    if (system.length > 0) event.system = system.join('\n');
  }
  return event;
}

/** A model span's end attributes as the SDK's normalized usage (what `readUsage` reads). */
export function usageOf(a: Attributes): Record<string, unknown> {
  return {
    inputTokens: count(a['ai.usage.inputTokens']) ?? count(a['ai.usage.promptTokens']) ?? count(a['gen_ai.usage.input_tokens']),
    outputTokens: count(a['ai.usage.outputTokens']) ?? count(a['ai.usage.completionTokens']) ?? count(a['gen_ai.usage.output_tokens']),
    tokens: count(a['ai.usage.tokens']),
    inputTokenDetails: {
      // 6.0.0 has only the flat `ai.usage.cachedInputTokens` / `ai.usage.reasoningTokens`; later 6.x both.
      cacheReadTokens: count(a['ai.usage.inputTokenDetails.cacheReadTokens']) ?? count(a['ai.usage.cachedInputTokens']),
      cacheWriteTokens: count(a['ai.usage.inputTokenDetails.cacheWriteTokens']),
    },
    outputTokenDetails: { reasoningTokens: count(a['ai.usage.outputTokenDetails.reasoningTokens']) ?? count(a['ai.usage.reasoningTokens']) },
  };
}

/**
 * A model span's end attributes as the content parts of `ai` 7's model-call end event (what `readOutput`
 * reads): reasoning, text (or the object's JSON) and the tool calls (`ai.response.toolCalls`, JSON).
 */
export function outputContent(a: Attributes): unknown[] {
  const content: unknown[] = [];
  const reasoning = str(a['ai.response.reasoning']);
  if (reasoning !== undefined && reasoning !== '') content.push({ type: 'reasoning', text: reasoning });
  const text = str(a['ai.response.text']) ?? str(a['ai.response.object']);
  if (text !== undefined && text !== '') content.push({ type: 'text', text });
  const toolCalls = parseJson(a['ai.response.toolCalls']);
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls) {
      const c = call as { toolCallId?: unknown; toolName?: unknown; input?: unknown } | null;
      if (c !== null && typeof c === 'object') content.push({ type: 'tool-call', toolCallId: c.toolCallId, toolName: c.toolName, input: c.input });
    }
  }
  return content;
}

/** A tool span's arguments (`ai.toolCall.args`, JSON) as a value. */
export function toolArguments(a: Attributes): unknown {
  const args = a['ai.toolCall.args'];
  return args === undefined ? undefined : parseArguments(args);
}

/** A tool span's result (`ai.toolCall.result`, JSON) as a value. */
export function toolResult(a: Attributes): unknown {
  const result = a['ai.toolCall.result'];
  return result === undefined ? undefined : parseArguments(result);
}
