/**
 * The semantic-convention names this package uses. Every name the registry has is imported from
 * `@opentelemetry/semantic-conventions` (stable, or `/incubating` for the MCP and GenAI names, which the
 * build inlines so that nothing of `/incubating` is loaded at run time: see `tsup.shared.ts`); this file
 * declares only what the registry lacks, ours under `sightline.*`. The root `test/semconv-registry.test.ts`
 * checks all of it against the installed registry.
 */
export { ATTR_ERROR_TYPE, ATTR_NETWORK_TRANSPORT, ATTR_RPC_STATUS_CODE, ERROR_TYPE_VALUE_OTHER } from '@opentelemetry/semantic-conventions';

export {
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_SESSION_ID,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_MCP_RESOURCE_URI,
  ATTR_JSONRPC_REQUEST_ID,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
  NETWORK_TRANSPORT_VALUE_PIPE,
  NETWORK_TRANSPORT_VALUE_TCP,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
  METRIC_MCP_CLIENT_SESSION_DURATION,
  METRIC_MCP_SERVER_SESSION_DURATION,
} from '@opentelemetry/semantic-conventions/incubating';

/** `error.type` of a `tools/call` whose result has `isError: true` (the MCP conventions' value). */
export const ERROR_TYPE_VALUE_TOOL_ERROR = 'tool_error';

// Sightline's own attributes (no convention exists): sizes in UTF-8 bytes of the JSON, and a keyed digest.
export const ATTR_SIGHTLINE_MCP_TOOL_ARGUMENTS_SIZE = 'sightline.mcp.tool.arguments.size';
export const ATTR_SIGHTLINE_MCP_TOOL_RESULT_SIZE = 'sightline.mcp.tool.result.size';
export const ATTR_SIGHTLINE_MCP_TOOL_ARGUMENTS_DIGEST = 'sightline.mcp.tool.arguments.digest';

/** The `ExplicitBucketBoundaries` advice the conventions give for all four MCP histograms, in seconds. */
export const MCP_DURATION_BUCKETS: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

/** Span names, as patterns of the attributes they are made of (the MCP conventions). */
export const SPAN_NAME_PATTERNS: readonly string[] = [
  '{mcp.method.name}',
  '{mcp.method.name} {gen_ai.tool.name}',
  '{mcp.method.name} {gen_ai.prompt.name}',
  '{mcp.method.name} {mcp.resource.uri}',
];

/**
 * The `params._meta` keys the MCP specification reserves for W3C Trace Context and Baggage (SEP-414,
 * protocol revision 2026-07-28): the values are the W3C header values.
 */
export const META_KEY_TRACEPARENT = 'traceparent';
export const META_KEY_TRACESTATE = 'tracestate';
export const META_KEY_BAGGAGE = 'baggage';

/** Event names of the security log records (Sightline's convention). */
export const EVENT_AUTHENTICATION_SUCCESS = 'security.authentication.success';
export const EVENT_AUTHENTICATION_FAILURE = 'security.authentication.failure';
export const EVENT_PERMISSION_DENIED = 'security.permission.denied';
// Sightline's own attributes of those records (no convention exists): who the token was issued to.
export const ATTR_SIGHTLINE_MCP_AUTH_CLIENT_ID = 'sightline.mcp.auth.client.id';
export const ATTR_SIGHTLINE_MCP_AUTH_GRANTED_SCOPES = 'sightline.mcp.auth.granted_scopes';
export const ATTR_SIGHTLINE_MCP_AUTH_REQUIRED_SCOPES = 'sightline.mcp.auth.required_scopes';

/** The environment variable that opts into capturing tool-call arguments and results (the GenAI standard one). */
export const ENV_CAPTURE_MESSAGE_CONTENT = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';
