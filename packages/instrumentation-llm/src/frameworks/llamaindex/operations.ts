import { context, type Attributes, SpanKind } from '@opentelemetry/api';
import { obj, str } from '../../internal/adapters/adapter.js';
import { contentAttribute } from '../../internal/content.js';
import type { Telemetry } from '../../internal/telemetry.js';
import { agentSpan, toolSpan, type GenAiSpanStart } from '../../operation-spans.js';
import * as semconv from '../../semconv.js';
import { OpenSpan } from '../open-span.js';
import { FRAMEWORK } from './chat-call.js';

/** What the tool and retrieval wrappers need from their instrumentation. */
export interface OperationHost {
  isEnabled(): boolean;
  readonly telemetry: Telemetry;
}


/** Runs `body` as the child of a new span; the span ends with the result `finish` reads. */
async function traced(host: OperationHost, start: GenAiSpanStart, body: () => Promise<unknown>, finish: (result: unknown) => { error?: unknown; attributes?: Attributes }): Promise<unknown> {
  start.attributes[semconv.ATTR_SIGHTLINE_FRAMEWORK] = FRAMEWORK;
  const span = new OpenSpan(host.telemetry, start, context.active());
  let result: unknown;
  try {
    result = await context.with(span.context, body);
  } catch (error) {
    span.end(error);
    throw error;
  }
  let end: { error?: unknown; attributes?: Attributes } = {};
  try {
    end = finish(result);
  } catch {
    // The span ends without what could not be read.
  }
  span.end(end.error, end.attributes);
  return result;
}

/**
 * Wraps `callTool(tool, toolCall, logger)` of `@llamaindex/core/agent` (what the agents of
 * `@llamaindex/workflow` and `LLMAgent` run each tool call through): `execute_tool {name}`, active while
 * the tool runs. `callTool` catches a tool's error and returns `{ output, isError: true }`: the span then
 * gets status ERROR and `error.type` `_OTHER` (the error's class is gone by then).
 */
export function tracedCallTool(host: OperationHost, original: Function): Function {
  return function sightlineCallTool(this: unknown, tool: unknown, toolCall: unknown): unknown {
    if (!host.isEnabled()) return Reflect.apply(original, this, arguments);
    const args = arguments;
    const call = obj(toolCall);
    const metadata = obj(obj(tool).metadata);
    const start = toolSpan({ name: str(call.name) ?? str(metadata.name) ?? 'tool', callId: str(call.id), description: str(metadata.description), type: 'function' });
    const { config } = host.telemetry;
    if (config.captureMessageContent) {
      const input = contentAttribute(call.input, config);
      if (input !== undefined) start.attributes[semconv.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS] = input;
    }
    return traced(host, start, () => Reflect.apply(original, this, args) as Promise<unknown>, (result) => {
      const output = obj(result);
      const attributes: Attributes = {};
      if (config.captureMessageContent) {
        const value = contentAttribute(output.output, config);
        if (value !== undefined) attributes[semconv.ATTR_GEN_AI_TOOL_CALL_RESULT] = value;
      }
      return { error: output.isError === true ? { message: String(output.output) } : undefined, attributes };
    });
  };
}

/**
 * Wraps `BaseRetriever.prototype.retrieve` of `@llamaindex/core/retriever`: `retrieval {class}` with
 * `gen_ai.data_source.id` (the retriever's class) and the number of nodes it returned; the query text only
 * when content is captured.
 */
export function tracedRetrieve(host: OperationHost, original: Function): Function {
  return function sightlineRetrieve(this: unknown, params: unknown): unknown {
    if (!host.isEnabled()) return Reflect.apply(original, this, arguments);
    const name = str((obj(this).constructor as { name?: unknown } | undefined)?.name) ?? 'retriever';
    const attributes: Attributes = {
      [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_RETRIEVAL,
      [semconv.ATTR_GEN_AI_DATA_SOURCE_ID]: name,
    };
    const { config } = host.telemetry;
    if (config.captureMessageContent) {
      const query = typeof params === 'string' ? params : obj(params).query;
      const text = typeof query === 'string' ? query : undefined;
      if (text !== undefined) {
        try {
          attributes[semconv.ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT] = config.redactContent === undefined ? text : config.redactContent(text);
        } catch {
          // A redaction hook that throws: the query is not recorded.
        }
      }
    }
    const start: GenAiSpanStart = { name: `${semconv.GEN_AI_OPERATION_RETRIEVAL} ${name}`, kind: SpanKind.INTERNAL, attributes };
    const args = arguments;
    return traced(host, start, () => Reflect.apply(original, this, args) as Promise<unknown>, (nodes) =>
      Array.isArray(nodes) ? { attributes: { [semconv.ATTR_SIGHTLINE_RETRIEVAL_DOCUMENT_COUNT]: nodes.length } } : {},
    );
  };
}

/**
 * Wraps `AgentWorkflow.prototype.run` of `@llamaindex/workflow` (what `agent({ … }).run(input)` and
 * `multiAgent` run): `invoke_agent {root agent name}`, active while the agents run, so their model calls
 * and tool executions nest under it.
 */
export function tracedAgentRun(host: OperationHost, original: Function): Function {
  return function sightlineAgentRun(this: unknown): unknown {
    if (!host.isEnabled()) return Reflect.apply(original, this, arguments);
    const start = agentSpan({ name: str(obj(this).rootAgentName) });
    const args = arguments;
    return traced(host, start, () => Reflect.apply(original, this, args) as Promise<unknown>, () => ({}));
  };
}
