/**
 * Attribute names this package reads or writes, pinned here. `sightline.redaction.count` is our own: no
 * semantic convention exists for it. The others are OpenTelemetry semantic-convention names, copied as
 * strings so the package does not depend on the incubating `gen_ai.*` entry point.
 */

/** Values redacted (or truncated) in one log record or span; set only when greater than 0. */
export const ATTR_SIGHTLINE_REDACTION_COUNT = 'sightline.redaction.count';

export const ATTR_SERVICE_NAME = 'service.name';
export const ATTR_SERVICE_VERSION = 'service.version';
export const ATTR_HTTP_REQUEST_METHOD = 'http.request.method';
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
export const ATTR_HTTP_ROUTE = 'http.route';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_EXCEPTION_TYPE = 'exception.type';
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const ATTR_GEN_AI_SYSTEM = 'gen_ai.system';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
/** Prefix of the token counts, `gen_ai.usage.input_tokens` and friends. */
export const GEN_AI_USAGE_PREFIX = 'gen_ai.usage.';
