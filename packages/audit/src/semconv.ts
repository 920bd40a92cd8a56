/**
 * The names this package reads and writes, in one place.
 *
 * `exception.*`, `error.type`, `enduser.pseudo.id` and the `exception` event name are OpenTelemetry semantic
 * conventions, imported from `@opentelemetry/semantic-conventions` (`enduser.pseudo.id` from `/incubating`,
 * which the build inlines: see `tsup.shared.ts`). The conventions have no
 * attribute for a grouping fingerprint, for breadcrumbs or for an API-key digest, so those are `sightline.*`.
 */
export {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
} from '@opentelemetry/semantic-conventions';

/** `exception`: event name of exceptions caught by global handlers (semantic conventions, exceptions in logs). */
export { EVENT_EXCEPTION } from '@opentelemetry/semantic-conventions';

/** `enduser.pseudo.id` (semantic conventions, development): a pseudonymous end-user identifier. */
export { ATTR_ENDUSER_PSEUDO_ID } from '@opentelemetry/semantic-conventions/incubating';

/** The grouping key of an exception record: 16 lowercase hex digits, or the user's own value. */
export const ATTR_EXCEPTION_FINGERPRINT = 'sightline.exception.fingerprint';

/** The records of the same trace that led to an error record, as a JSON array string. */
export const ATTR_BREADCRUMBS = 'sightline.breadcrumbs';

/** Short keyed digest that tells API keys apart without revealing them. */
export const ATTR_API_KEY_DIGEST = 'sightline.api_key.digest';
/** On a security event: how many of the attributes passed were left out (not attribute values, or past 128). */
export const ATTR_SECURITY_DROPPED_ATTRIBUTES = 'sightline.security.dropped_attributes';

/** Event names of security events start with this (the project's convention; sampling always keeps them). */
export const SECURITY_EVENT_PREFIX = 'security.';

/** The security events this package names; any other `security.<name>` is accepted too. */
export const SECURITY_EVENTS = {
  authenticationSuccess: 'security.authentication.success',
  authenticationFailure: 'security.authentication.failure',
  tokenRefresh: 'security.token.refresh',
  permissionDenied: 'security.permission.denied',
  apiKeyUsed: 'security.api_key.used',
} as const;

/** Counter of exception records, by `exception.type` and fingerprint (bounded; the rest is `other`). */
export const METRIC_EXCEPTIONS = 'sightline.exceptions';

/** Value that replaces fingerprints and types past the cardinality bound. */
export const OTHER = 'other';
