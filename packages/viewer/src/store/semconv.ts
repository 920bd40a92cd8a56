/** The attribute and metric names the viewer reads, pinned in one place (GenAI, MCP, exceptions, SDK). */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_EXCEPTION_TYPE = 'exception.type';
export const ATTR_EXCEPTION_MESSAGE = 'exception.message';
export const ATTR_EXCEPTION_STACKTRACE = 'exception.stacktrace';
export const ATTR_EXCEPTION_FINGERPRINT = 'sightline.exception.fingerprint';
export const ATTR_BREADCRUMBS = 'sightline.breadcrumbs';
export const EXECUTE_TOOL = 'execute_tool';
export const METRIC_TOKEN_USAGE = 'gen_ai.client.token.usage';
/** Histograms whose names end so are shown as latencies (p50/p95/p99). */
export const DURATION_SUFFIX = '.duration';
/** SDK self-observability counters: a point with `error.type` counts records the pipeline dropped. */
export const METRIC_PROCESSED_PREFIX = 'otel.sdk.processor.';
export const METRIC_PROCESSED_SUFFIX = '.processed';
export const METRIC_AUDIT_DROPPED = 'sightline.audit.dropped';
