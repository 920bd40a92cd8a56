import type { Span } from '@opentelemetry/api';
import { agentSpan, toolSpan, type AgentSpanOptions, type ToolSpanOptions } from '@sightline/instrumentation-llm/spans';
import { withSpan } from './with-span.js';

/**
 * Runs `fn` as one invocation of an agent: an active `invoke_agent {name}` span (GenAI agent spans,
 * INTERNAL, CLIENT with `remote: true`). Model calls made through an instrumented SDK or framework, tool
 * executions ({@link withTool}) and MCP tool calls made inside `fn` become its children, so an app's own
 * agent loop reads agent → model → tool. Ends, fails and returns exactly as {@link withSpan}.
 */
export function withAgent<T>(options: AgentSpanOptions, fn: (span: Span) => T): T {
  const start = agentSpan(options);
  return withSpan(start.name, fn, { kind: start.kind, attributes: start.attributes });
}

/**
 * Runs `fn` as the creation of an agent in an agent service (`create_agent {name}`, CLIENT). Ends, fails
 * and returns exactly as {@link withSpan}.
 */
export function withAgentCreation<T>(options: AgentSpanOptions, fn: (span: Span) => T): T {
  const start = agentSpan(options, 'create_agent');
  return withSpan(start.name, fn, { kind: start.kind, attributes: start.attributes });
}

/**
 * Runs `fn` as one tool execution: an active `execute_tool {name}` span (INTERNAL) with `gen_ai.tool.name`,
 * `gen_ai.tool.call.id`, `gen_ai.tool.description` and `gen_ai.tool.type` as given. A tool that throws or
 * rejects gets status ERROR and `error.type`; its result or error reaches the caller unchanged.
 */
export function withTool<T>(options: ToolSpanOptions, fn: (span: Span) => T): T {
  const start = toolSpan(options);
  return withSpan(start.name, fn, { kind: start.kind, attributes: start.attributes });
}
