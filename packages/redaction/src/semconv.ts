/**
 * Attribute names this package reads or writes. Registry names are imported from
 * `@opentelemetry/semantic-conventions` (stable, or `/incubating` for the GenAI and MCP names, which the
 * build inlines: see `tsup.shared.ts`); `sightline.redaction.count` is our own, no convention exists for it.
 */
export {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';
export {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  /** Read, never emitted: deprecated for `gen_ai.provider.name`, still emitted by other instrumentations. */
  ATTR_GEN_AI_SYSTEM,
  ATTR_MCP_METHOD_NAME,
} from '@opentelemetry/semantic-conventions/incubating';

/** Values redacted (or truncated) in one log record or span; set only when greater than 0. */
export const ATTR_SIGHTLINE_REDACTION_COUNT = 'sightline.redaction.count';

/** Prefix of the token counts, `gen_ai.usage.input_tokens` and friends. */
export const GEN_AI_USAGE_PREFIX = 'gen_ai.usage.';
