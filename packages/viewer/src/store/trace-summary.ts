import type { ViewerLog, ViewerSpan } from '../otlp/types.js';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  EXECUTE_TOOL,
} from './semconv.js';

/** One row of the trace list. */
export interface TraceSummary {
  readonly traceId: string;
  readonly service: string;
  /** Services of all spans and logs, the root's first. */
  readonly services: string[];
  readonly rootName: string;
  readonly start: number;
  readonly durationMs: number;
  readonly spanCount: number;
  readonly logCount: number;
  readonly error: boolean;
  readonly llmCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly toolCalls: number;
  readonly models: string[];
  readonly tools: string[];
  /** Highest log severity number in the trace (0 without logs). */
  readonly maxSeverity: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** True for a span that is an LLM call (a GenAI operation with a model, not a tool or agent step). */
export function isLlmSpan(span: ViewerSpan): boolean {
  const operation = span.attributes[ATTR_GEN_AI_OPERATION_NAME];
  const model = span.attributes[ATTR_GEN_AI_REQUEST_MODEL] ?? span.attributes[ATTR_GEN_AI_RESPONSE_MODEL];
  return model !== undefined && operation !== EXECUTE_TOOL && operation !== 'invoke_agent' && operation !== 'create_agent';
}

/** The root: the earliest span whose parent is not in the trace. */
export function rootOf(spans: readonly ViewerSpan[]): ViewerSpan | undefined {
  const ids = new Set(spans.map((span) => span.spanId));
  let root: ViewerSpan | undefined;
  for (const span of spans) {
    if (span.parentSpanId !== '' && ids.has(span.parentSpanId)) continue;
    if (root === undefined || span.start < root.start) root = span;
  }
  return root;
}

/** Computes a trace's list row from its spans and logs. */
export function summarize(traceId: string, spans: readonly ViewerSpan[], logs: readonly ViewerLog[]): TraceSummary {
  const root = rootOf(spans);
  const services = new Set<string>();
  if (root !== undefined) services.add(root.service);
  const models = new Set<string>();
  const tools = new Set<string>();
  const toolSpanIds = new Map<string, string>();
  let start = Infinity;
  let end = -Infinity;
  let error = false;
  let llmCalls = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const span of spans) {
    services.add(span.service);
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
    if (span.statusCode === 2) error = true;
    if (isLlmSpan(span)) {
      llmCalls++;
      // Both names: the filter finds a call by the model asked for or the one that answered.
      for (const key of [ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL]) {
        const model = text(span.attributes[key]);
        if (model !== undefined) models.add(model);
      }
      inputTokens += Number(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] ?? 0) || 0;
      outputTokens += Number(span.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] ?? 0) || 0;
    }
    const tool = text(span.attributes[ATTR_GEN_AI_TOOL_NAME]);
    if (tool !== undefined) {
      tools.add(tool);
      toolSpanIds.set(span.spanId, tool);
    }
  }
  // A tool call seen by both sides (MCP client span → server span, or execute_tool → MCP client) counts once.
  let toolCalls = 0;
  for (const span of spans) {
    const tool = toolSpanIds.get(span.spanId);
    if (tool !== undefined && toolSpanIds.get(span.parentSpanId) !== tool) toolCalls++;
  }
  let maxSeverity = 0;
  for (const log of logs) {
    services.add(log.service);
    maxSeverity = Math.max(maxSeverity, log.severityNumber);
    if (spans.length === 0) {
      start = Math.min(start, log.time);
      end = Math.max(end, log.time);
    }
    if (log.severityNumber >= 17) error = true;
  }
  const firstLog = logs[0];
  return {
    traceId,
    service: root?.service ?? firstLog?.service ?? '',
    services: [...services],
    rootName: root?.name ?? (firstLog === undefined ? '' : `(logs only) ${firstLog.body}`.slice(0, 200)),
    start: Number.isFinite(start) ? start : 0,
    durationMs: Number.isFinite(end - start) ? Math.max(0, end - start) : 0,
    spanCount: spans.length,
    logCount: logs.length,
    error,
    llmCalls,
    inputTokens,
    outputTokens,
    toolCalls,
    models: [...models],
    tools: [...tools],
    maxSeverity,
  };
}
