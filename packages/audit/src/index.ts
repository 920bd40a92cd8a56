export { AlertProcessor } from './alert-processor.js';
export { AuditTrailProcessor } from './audit-trail-processor.js';
export { BreadcrumbsProcessor } from './breadcrumbs-processor.js';
export { installCrashHandlers } from './crash-handlers.js';
export { exceptionAttributes, exceptionType } from './exception-attributes.js';
export type { ExceptionLimits } from './exception-attributes.js';
export { ExceptionReporter } from './exception-reporter.js';
export { computeFingerprint, FINGERPRINT_FRAMES } from './fingerprint.js';
export type { FingerprintInput } from './fingerprint.js';
export { ExceptionGroupingProcessor } from './grouping-processor.js';
export { createPseudonymizer } from './pseudonymizer.js';
export { SecurityEvents, securityEventName } from './security-events.js';
export type { SecurityEventAttributes } from './security-events.js';
export { verifyAuditTrail } from './verify-audit-trail.js';
export type { TamperKind, VerifyOptions, VerifyProblem, VerifyResult } from './verify-audit-trail.js';
export {
  ATTR_API_KEY_DIGEST,
  ATTR_BREADCRUMBS,
  ATTR_ENDUSER_PSEUDO_ID,
  ATTR_EXCEPTION_FINGERPRINT,
  EVENT_EXCEPTION,
  METRIC_EXCEPTIONS,
  SECURITY_EVENT_PREFIX,
  SECURITY_EVENTS,
} from './semconv.js';
export type {
  Alert,
  AlertOptions,
  AlertStats,
  AuditTrailOptions,
  AuditTrailStats,
  BreadcrumbsOptions,
  CrashHandlerOptions,
  ExceptionReporterOptions,
  ExceptionSeverity,
  FsyncPolicy,
  GroupingOptions,
  PseudonymizerOptions,
  RecordExceptionOptions,
  SecretKey,
  SecurityEventOptions,
} from './types.js';
