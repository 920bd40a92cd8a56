/**
 * `@sightline/instrumentation-llm/spans`: the GenAI agent and tool span shapes alone, without the
 * instrumentations (and the OpenTelemetry instrumentation runtime they load), for code that only starts
 * such spans: `@sightline/core`'s `withAgent`/`withTool` import this, so that the instrumentations load only
 * when an instrumented library does.
 */
export { agentSpan, toolSpan } from './operation-spans.js';
export type { AgentSpanOptions, GenAiSpanStart, ToolSpanOptions } from './operation-spans.js';
