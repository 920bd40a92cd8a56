import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { HistogramAggregator } from '@sightline/metrics';

/** Options of `McpInstrumentation`. Defaults are applied once, in the constructor. */
export interface McpInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record tool-call arguments and results on `tools/call` spans as `gen_ai.tool.call.arguments` and
   * `gen_ai.tool.call.result` (JSON strings, cut to `maxCapturedLength`, passed through `redact`).
   * Default: `true` when `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` is `true`, else `false`.
   * Env: `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` (read once, at construction).
   */
  captureContent?: boolean;
  /** Longest captured argument or result JSON, in UTF-16 code units; the rest is cut. Default 4096. No env var. */
  maxCapturedLength?: number;
  /**
   * Applied to every captured value before it is set on a span, e.g. a `@sightline/redaction`
   * redactor's `redactAttribute`. Its exceptions drop the value. Default: none (the pipeline's
   * redaction processor still applies). No env var.
   */
  redact?: (attribute: string, value: string) => string;
  /**
   * Record, for every `tools/call`, the UTF-8 size of its arguments and result JSON
   * (`sightline.mcp.tool.arguments.size`, `sightline.mcp.tool.result.size`) and a keyed digest of its arguments
   * (`sightline.mcp.tool.arguments.digest`): equal arguments give equal digests, nothing readable is kept.
   * Default `true`. No env var.
   */
  recordArgumentsDigest?: boolean;
  /**
   * Key of `sightline.mcp.tool.arguments.digest` (SipHash-2-4 keyed with the first 16 bytes of this key's SHA-256).
   * Default: 32 random bytes per process, so digests correlate only within one process; give every
   * process the same key to correlate across them. No env var.
   */
  argumentsDigestKey?: string | Uint8Array;
  /**
   * Aggregate the MCP operation and session histograms in this `HistogramAggregator` of
   * `@sightline/metrics` instead of through the MeterProvider's histogram instruments: the same data for a
   * fraction of the cost per call. The aggregator must publish to every metric reader
   * (`aggregator.attach(reader)` or its `createProducer()` in the reader's `metricProducers`). `bootstrap()`
   * passes one. Default: none (the MeterProvider's instruments; Views apply). No env var.
   */
  histogramAggregator?: HistogramAggregator;
}
