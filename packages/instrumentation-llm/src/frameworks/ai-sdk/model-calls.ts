/**
 * What both ways of tracing the Vercel AI SDK share (`ai` 7 through its telemetry integration, `ai` 6
 * through the `ai.*` spans it emits): the model-call adapters, the operation and tool span starts, and
 * what they need from their instrumentation.
 */
import type { Attributes, Context } from '@opentelemetry/api';
import type { Adapter } from '../../internal/adapters/adapter.js';
import { str } from '../../internal/adapters/adapter.js';
import { contentAttribute } from '../../internal/content.js';
import type { LlmCall } from '../../internal/llm-call.js';
import type { Endpoint } from '../../internal/server-info.js';
import type { Telemetry } from '../../internal/telemetry.js';
import { agentSpan, toolSpan, type GenAiSpanStart } from '../../operation-spans.js';
import * as semconv from '../../semconv.js';
import { inputContent, requestAttributes } from './events.js';

/** `sightline.gen_ai.framework` of every AI SDK span. */
export const FRAMEWORK = 'ai-sdk';

/** What an AI SDK tracer needs from its instrumentation: the telemetry and starting model calls. */
export interface AiSdkHost {
  readonly telemetry: Telemetry;
  startModelCall(adapter: Adapter, params: ModelCallParams, endpoint: Endpoint, parent: Context): LlmCall | undefined;
}

/**
 * A model call's start, in the shape of `ai` 7's model-call start event (`modelId`, `temperature`,
 * `maxOutputTokens`, …, `messages`, `instructions` / `system`), and whether the operation streams.
 */
export interface ModelCallParams {
  readonly event: Record<string, unknown>;
  readonly stream: boolean;
}

/** Model calls of `generateText` / `streamText` / `generateObject` / `streamObject`. */
export const chatAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_CHAT,
  request(params, attributes) {
    const { event } = params as ModelCallParams;
    requestAttributes(event, attributes);
    attributes[semconv.ATTR_SIGHTLINE_FRAMEWORK] = FRAMEWORK;
    return str(event.modelId);
  },
  isStream: (params) => (params as ModelCallParams).stream,
  input: (params) => inputContent((params as ModelCallParams).event),
  response() {},
};

/** Model calls of `embed` / `embedMany`. */
export const embeddingsAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_EMBEDDINGS,
  request(params, attributes) {
    const { event } = params as ModelCallParams;
    if (typeof event.dimensions === 'number') attributes[semconv.ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT] = event.dimensions;
    attributes[semconv.ATTR_SIGHTLINE_FRAMEWORK] = FRAMEWORK;
    return str(event.modelId);
  },
  isStream: () => false,
  response() {},
};

/** The `invoke_agent [functionId]` span of a text or object operation (`gen_ai.output.type = json` for objects). */
export function operationSpanStart(functionId: unknown, provider: string, model: unknown, object: boolean): GenAiSpanStart {
  const start = agentSpan({ name: str(functionId), provider, model: str(model) });
  start.attributes[semconv.ATTR_SIGHTLINE_FRAMEWORK] = FRAMEWORK;
  if (object) start.attributes[semconv.ATTR_GEN_AI_OUTPUT_TYPE] = 'json';
  return start;
}

/** The `execute_tool {tool}` span of a tool execution, with its arguments when content is captured. */
export function toolSpanStart(telemetry: Telemetry, name: unknown, callId: string, input: unknown): GenAiSpanStart {
  const start = toolSpan({ name: str(name) ?? '', callId, type: 'function' });
  start.attributes[semconv.ATTR_SIGHTLINE_FRAMEWORK] = FRAMEWORK;
  if (telemetry.config.captureMessageContent && input !== undefined) {
    const args = contentAttribute(input, telemetry.config);
    if (args !== undefined) start.attributes[semconv.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS] = args;
  }
  return start;
}

/** The end attributes of a tool execution that returned `output`: its result, when content is captured. */
export function toolResultAttributes(telemetry: Telemetry, output: unknown): Attributes | undefined {
  if (!telemetry.config.captureMessageContent || output === undefined) return undefined;
  const result = contentAttribute(output, telemetry.config);
  return result === undefined ? undefined : { [semconv.ATTR_GEN_AI_TOOL_CALL_RESULT]: result };
}
