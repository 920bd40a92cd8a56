/**
 * The semantic-convention names this package reads (the console formats) and writes (exception
 * attributes, the export stage's self-observability metrics), imported from
 * `@opentelemetry/semantic-conventions` (stable, or `/incubating` for the GenAI and MCP names, which the
 * build inlines: see `tsup.shared.ts`).
 *
 * - `exception.*`, `error.type`: the exception of an event or log record, the class of error that ended
 *   an operation (the pretty format prints `exception.stacktrace` as an indented block).
 * - `mcp.method.name`, `mcp.resource.uri`, `gen_ai.tool.name`, `gen_ai.prompt.name`: what an MCP request did.
 * - `gen_ai.operation.name`, `gen_ai.agent.name`, `gen_ai.request.model`, `gen_ai.response.model`,
 *   `gen_ai.provider.name`, `gen_ai.usage.*_tokens`: what a GenAI operation did.
 * - `otel.sdk.processor.*` metrics with `otel.component.*` and `error.type`: the export stage's queue and
 *   losses, the names `@opentelemetry/sdk-logs` and `@opentelemetry/sdk-trace` use for their own batching
 *   processors.
 * - `gen_ai.system`: read, never emitted: the deprecated predecessor of `gen_ai.provider.name`, still
 *   emitted by older instrumentations.
 */
export {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_SERVICE_NAME,
} from '@opentelemetry/semantic-conventions';
export {
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_RESOURCE_URI,
  ATTR_OTEL_COMPONENT_NAME,
  ATTR_OTEL_COMPONENT_TYPE,
  METRIC_OTEL_SDK_PROCESSOR_LOG_PROCESSED,
  METRIC_OTEL_SDK_PROCESSOR_LOG_QUEUE_CAPACITY,
  METRIC_OTEL_SDK_PROCESSOR_LOG_QUEUE_SIZE,
  METRIC_OTEL_SDK_PROCESSOR_SPAN_PROCESSED,
  METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_CAPACITY,
  METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_SIZE,
  OTEL_COMPONENT_TYPE_VALUE_BATCHING_LOG_PROCESSOR,
  OTEL_COMPONENT_TYPE_VALUE_BATCHING_SPAN_PROCESSOR,
} from '@opentelemetry/semantic-conventions/incubating';
