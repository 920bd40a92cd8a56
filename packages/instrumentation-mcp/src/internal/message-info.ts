/**
 * What an MCP request or notification is about: its method, its target (tool, prompt or resource),
 * the span name and the attributes known before it is sent or handled.
 */
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_RESOURCE_URI,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
} from '../semconv.js';

/** Longest method, tool, prompt or resource value kept; longer values are cut. */
const MAX_VALUE = 1024;

const RESOURCE_METHODS = new Set([
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'notifications/resources/updated',
]);

/** The facts about one message the spans and metrics need. */
export interface MessageInfo {
  method: string;
  spanName: string;
  /** Attributes known up front; also the base of the metric attributes (minus the resource URI). */
  attributes: Attributes;
  /** `tools/call`: the arguments, to measure, digest or capture. */
  toolArguments: unknown;
  isToolCall: boolean;
}

function cut(value: string): string {
  return value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value;
}

function stringParam(params: unknown, key: string): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const value = (params as Record<string, unknown>)[key];
  return typeof value === 'string' ? cut(value) : undefined;
}

/** Describes a request or notification; `undefined` when it has no string `method`. Never throws. */
export function describeMessage(message: unknown): MessageInfo | undefined {
  try {
    if (typeof message !== 'object' || message === null) return undefined;
    const { method: rawMethod, params } = message as { method?: unknown; params?: unknown };
    if (typeof rawMethod !== 'string') return undefined;
    const method = cut(rawMethod);
    const attributes: Attributes = { [ATTR_MCP_METHOD_NAME]: method };
    let target: string | undefined;
    let toolArguments: unknown;
    const isToolCall = method === 'tools/call';
    if (isToolCall) {
      target = stringParam(params, 'name');
      if (target !== undefined) attributes[ATTR_GEN_AI_TOOL_NAME] = target;
      attributes[ATTR_GEN_AI_OPERATION_NAME] = GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL;
      toolArguments = (params as { arguments?: unknown } | undefined)?.arguments;
    } else if (method === 'prompts/get') {
      target = stringParam(params, 'name');
      if (target !== undefined) attributes[ATTR_GEN_AI_PROMPT_NAME] = target;
    } else if (RESOURCE_METHODS.has(method)) {
      const uri = stringParam(params, 'uri');
      if (uri !== undefined) attributes[ATTR_MCP_RESOURCE_URI] = uri;
    }
    return { method, spanName: target === undefined ? method : `${method} ${target}`, attributes, toolArguments, isToolCall };
  } catch {
    return undefined;
  }
}
