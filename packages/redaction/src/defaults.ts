import {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_MCP_METHOD_NAME,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_SIGHTLINE_REDACTION_COUNT,
  GEN_AI_USAGE_PREFIX,
} from './semconv.js';
import type { BuiltinDetectorName } from './types.js';

/**
 * Key patterns whose whole value is replaced (see `RedactorOptions.sensitiveKeys` for how they match):
 * a key matches when it ends with one of these, e.g. `db.password`, `access_token`, `x-api-key`,
 * `http.request.header.authorization`, `Set-Cookie`.
 */
export const DEFAULT_SENSITIVE_KEYS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'api_key',
  'apikey',
  'access_key',
  'accesskey',
  'secret_key',
  'private_key',
  'privatekey',
  'signing_key',
  'encryption_key',
  'authorization',
  'cookie',
  'cookies',
  'credential',
  'credentials',
  'jwt',
  'otp',
  'cvv',
  'cvc',
  'ssn',
]);

/** Keys never touched: ids, counts and names that carry no personal data and must stay exact. */
export const DEFAULT_ALLOW_KEYS: readonly string[] = Object.freeze([
  'trace_id',
  'span_id',
  'trace_flags',
  'traceId',
  'spanId',
  'traceFlags',
  `${GEN_AI_USAGE_PREFIX}*`,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_TYPE,
  ATTR_MCP_METHOD_NAME,
  ATTR_SIGHTLINE_REDACTION_COUNT,
]);

/** Default `maxStringLength`. */
export const DEFAULT_MAX_STRING_LENGTH = 65_536;
/** Default `maxDepth`. */
export const DEFAULT_MAX_DEPTH = 16;

/** Whether each built-in detector is on by default: all but `ip`. */
export const DEFAULT_DETECTORS: Readonly<Record<BuiltinDetectorName, boolean>> = Object.freeze({
  anthropic_key: true,
  openai_key: true,
  deepseek_key: true,
  google_api_key: true,
  groq_key: true,
  aws_access_key: true,
  aws_session_token: true,
  bedrock_api_key: true,
  github_token: true,
  gitlab_token: true,
  slack_token: true,
  stripe_key: true,
  private_key: true,
  jwt: true,
  url_password: true,
  cli_credential: true,
  auth_header: true,
  bearer_token: true,
  secret_assignment: true,
  known_secret: true,
  card: true,
  iban: true,
  ssn: true,
  email: true,
  phone: true,
  ip: false,
  sensitive_key: true,
});
