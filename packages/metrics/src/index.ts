export { sightlineViews } from './views.js';
export {
  GEN_AI_COST_BUCKETS,
  GEN_AI_DURATION_BUCKETS,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  MCP_DURATION_BUCKETS,
  METRIC_SIGHTLINE_AUDIT_DROPPED,
  METRIC_SIGHTLINE_EXPORT_ENCODER_FALLBACKS,
  METRIC_SIGHTLINE_GEN_AI_CLIENT_COST,
  METRIC_SIGHTLINE_LOG_RECORDS,
  METRIC_SIGHTLINE_LOG_SAMPLED_OUT,
  METRIC_SIGHTLINE_REDACTIONS,
} from './semconv.js';
export { DEFAULT_MAX_SERIES, LogCountingProcessor } from './log-counting-processor.js';
export { DEFAULT_SNAPSHOT_HISTOGRAMS, InProcessMetrics } from './in-process-metrics.js';
export { MAX_SOURCE_KEYS, registerPipelineMetrics } from './pipeline-metrics.js';
export { DEFAULT_CARDINALITY_LIMIT, HistogramAggregator } from './histogram-aggregator.js';
export { meterHistogram } from './meter-histogram.js';
export { DeferredMeterProvider } from './deferred-meter-provider.js';
export { describeError, MeterBinding } from './meter-binding.js';
export type {
  ErrorRate,
  HistogramAggregatorOptions,
  HistogramDescription,
  HistogramSummary,
  InProcessMetricsOptions,
  KeyedHistogram,
  LogCountingOptions,
  LogCounts,
  MetricsSnapshot,
  PipelineMetricSources,
  SeverityClass,
  SightlineViewsOptions,
} from './types.js';
