export { createRedactor } from './create-redactor.js';
export { secretValuesFromEnv } from './secret-values-from-env.js';
export { RedactionLogRecordProcessor } from './log-record-processor.js';
export { RedactionSpanProcessor } from './span-processor.js';
export { MetricRedaction, redactMetricReader } from './metric-redaction.js';
export { DEFAULT_ALLOW_KEYS, DEFAULT_DETECTORS, DEFAULT_SENSITIVE_KEYS } from './defaults.js';
export { ATTR_SIGHTLINE_REDACTION_COUNT } from './semconv.js';
export type {
  BuiltinDetectorName,
  CustomPattern,
  DetectorSwitches,
  RedactionMode,
  Redactor,
  RedactorOptions,
} from './types.js';
