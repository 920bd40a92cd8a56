import { SpanKind, type Attributes } from '@opentelemetry/api';
import * as semconv from './semconv.js';

/** What identifies an agent on its `invoke_agent` / `create_agent` span (GenAI agent spans). */
export interface AgentSpanOptions {
  /** `gen_ai.agent.name`; also the span name's target (`invoke_agent {name}`). */
  name?: string;
  /** `gen_ai.agent.id`. */
  id?: string;
  /** `gen_ai.agent.description`. */
  description?: string;
  /** `gen_ai.agent.version`. */
  version?: string;
  /**
   * `gen_ai.provider.name` of the model behind the agent (`openai`, `anthropic`, …). The conventions
   * require it; it is left out when not given rather than guessed.
   */
  provider?: string;
  /** `gen_ai.request.model` of the model behind the agent. */
  model?: string;
  /** `gen_ai.conversation.id`: the session or thread the invocation belongs to. */
  conversationId?: string;
  /**
   * The agent runs in another service (OpenAI Assistants, Bedrock Agents): the span is a CLIENT span.
   * Default `false`: an in-process agent, INTERNAL span.
   */
  remote?: boolean;
}

/** What identifies a tool execution on its `execute_tool` span. */
export interface ToolSpanOptions {
  /** `gen_ai.tool.name` (required); also the span name's target (`execute_tool {name}`). */
  name: string;
  /** `gen_ai.tool.call.id`: the id the model gave the call. */
  callId?: string;
  /** `gen_ai.tool.description`. */
  description?: string;
  /** `gen_ai.tool.type`: `function` (run by the app), `extension` (calls an external API), `datastore`. */
  type?: 'function' | 'extension' | 'datastore' | (string & {});
}

/** The name, kind and start attributes of a GenAI operation span, ready for `tracer.startSpan`. */
export interface GenAiSpanStart {
  readonly name: string;
  readonly kind: SpanKind;
  readonly attributes: Attributes;
}

function setString(attributes: Attributes, key: string, value: unknown): void {
  if (typeof value === 'string' && value !== '') attributes[key] = value;
}

/**
 * The span of an agent invocation (`invoke_agent`, default) or creation (`create_agent`): name
 * `{operation} {agent name}` (or the operation alone), INTERNAL for an in-process agent and CLIENT for a
 * remote one, with the `gen_ai.agent.*` attributes that are known at start (the conventions ask for them
 * there, for sampling). Never throws: a non-object `options` gives the bare operation span.
 */
export function agentSpan(
  options: AgentSpanOptions = {},
  operation: typeof semconv.GEN_AI_OPERATION_INVOKE_AGENT | typeof semconv.GEN_AI_OPERATION_CREATE_AGENT = semconv.GEN_AI_OPERATION_INVOKE_AGENT,
): GenAiSpanStart {
  const o: AgentSpanOptions = typeof options === 'object' && options !== null ? options : {};
  const attributes: Attributes = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: operation };
  setString(attributes, semconv.ATTR_GEN_AI_PROVIDER_NAME, o.provider);
  setString(attributes, semconv.ATTR_GEN_AI_AGENT_NAME, o.name);
  setString(attributes, semconv.ATTR_GEN_AI_AGENT_ID, o.id);
  setString(attributes, semconv.ATTR_GEN_AI_AGENT_DESCRIPTION, o.description);
  setString(attributes, semconv.ATTR_GEN_AI_AGENT_VERSION, o.version);
  setString(attributes, semconv.ATTR_GEN_AI_REQUEST_MODEL, o.model);
  setString(attributes, semconv.ATTR_GEN_AI_CONVERSATION_ID, o.conversationId);
  const agentName = attributes[semconv.ATTR_GEN_AI_AGENT_NAME];
  // create_agent is a call to an agent service by definition (the conventions: kind CLIENT).
  const remote = o.remote === true || operation === semconv.GEN_AI_OPERATION_CREATE_AGENT;
  return {
    name: agentName === undefined ? operation : `${operation} ${String(agentName)}`,
    kind: remote ? SpanKind.CLIENT : SpanKind.INTERNAL,
    attributes,
  };
}

/**
 * The span of a tool execution: `execute_tool {tool name}`, INTERNAL, with `gen_ai.tool.*`. A missing or
 * empty name gives `execute_tool` without a target and no `gen_ai.tool.name`. Never throws.
 */
export function toolSpan(options: ToolSpanOptions): GenAiSpanStart {
  const o: Partial<ToolSpanOptions> = typeof options === 'object' && options !== null ? options : {};
  const attributes: Attributes = { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL };
  setString(attributes, semconv.ATTR_GEN_AI_TOOL_NAME, o.name);
  setString(attributes, semconv.ATTR_GEN_AI_TOOL_CALL_ID, o.callId);
  setString(attributes, semconv.ATTR_GEN_AI_TOOL_DESCRIPTION, o.description);
  setString(attributes, semconv.ATTR_GEN_AI_TOOL_TYPE, o.type);
  const toolName = attributes[semconv.ATTR_GEN_AI_TOOL_NAME];
  return {
    name: toolName === undefined ? semconv.GEN_AI_OPERATION_EXECUTE_TOOL : `${semconv.GEN_AI_OPERATION_EXECUTE_TOOL} ${String(toolName)}`,
    kind: SpanKind.INTERNAL,
    attributes,
  };
}
