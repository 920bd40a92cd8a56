/**
 * The semantic-convention names this package uses, pinned here (the MCP conventions are in Development:
 * https://github.com/open-telemetry/semantic-conventions/blob/main/docs/gen-ai/mcp.md). Stable names come
 * from `@opentelemetry/semantic-conventions`; incubating ones are copied as constants, as the
 * OpenTelemetry guidance for instrumentations recommends.
 */
export { ATTR_ERROR_TYPE, ATTR_NETWORK_TRANSPORT } from '@opentelemetry/semantic-conventions';

export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
export const ATTR_MCP_SESSION_ID = 'mcp.session.id';
export const ATTR_MCP_PROTOCOL_VERSION = 'mcp.protocol.version';
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri';
export const ATTR_JSONRPC_REQUEST_ID = 'jsonrpc.request.id';
export const ATTR_RPC_RESPONSE_STATUS_CODE = 'rpc.response.status_code';
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';

export const GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL = 'execute_tool';
export const NETWORK_TRANSPORT_VALUE_PIPE = 'pipe';
export const NETWORK_TRANSPORT_VALUE_TCP = 'tcp';
/** `error.type` of a `tools/call` whose result has `isError: true`. */
export const ERROR_TYPE_VALUE_TOOL_ERROR = 'tool_error';
/** `error.type` fallback when an error has no JSON-RPC code and no name. */
export const ERROR_TYPE_VALUE_OTHER = '_OTHER';

// Sightline-specific attributes (no convention exists): sizes in UTF-8 bytes of the JSON, and a keyed digest.
export const ATTR_MCP_TOOL_ARGUMENTS_SIZE = 'mcp.tool.arguments.size';
export const ATTR_MCP_TOOL_RESULT_SIZE = 'mcp.tool.result.size';
export const ATTR_MCP_TOOL_ARGUMENTS_DIGEST = 'mcp.tool.arguments.digest';

export const METRIC_MCP_CLIENT_OPERATION_DURATION = 'mcp.client.operation.duration';
export const METRIC_MCP_SERVER_OPERATION_DURATION = 'mcp.server.operation.duration';
export const METRIC_MCP_CLIENT_SESSION_DURATION = 'mcp.client.session.duration';
export const METRIC_MCP_SERVER_SESSION_DURATION = 'mcp.server.session.duration';
/** The `ExplicitBucketBoundaries` advice the conventions give for all four MCP histograms, in seconds. */
export const MCP_DURATION_BUCKETS: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

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
// Sightline-specific attributes of those records (no convention exists): who the token was issued to.
export const ATTR_MCP_AUTH_CLIENT_ID = 'mcp.auth.client.id';
export const ATTR_MCP_AUTH_GRANTED_SCOPES = 'mcp.auth.granted_scopes';
export const ATTR_MCP_AUTH_REQUIRED_SCOPES = 'mcp.auth.required_scopes';

/** The environment variable that opts into capturing tool-call arguments and results (the GenAI standard one). */
export const ENV_CAPTURE_MESSAGE_CONTENT = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';
