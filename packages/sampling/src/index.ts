export { createSampling } from './create-sampling.js';
export { samplingOptionsFromConfig } from './options-from-config.js';
export type { OtelSamplerName, SamplingConfigValues } from './options-from-config.js';
export { ATTR_SAMPLING_THRESHOLD } from './semconv.js';
export { estimateRecordBytes as estimateLogRecordBytes, valueBytes as estimateValueBytes } from './internal/record-size.js';
export type {
  AttributeMatcher,
  DropReason,
  LogSamplingRule,
  RetentionOptions,
  RetentionStats,
  Sampling,
  SamplingControls,
  SamplingDropCounts,
  SamplingOptions,
  SamplingSettings,
  SamplingUpdate,
  SpanSamplingRule,
  StringMatcher,
} from './types.js';
