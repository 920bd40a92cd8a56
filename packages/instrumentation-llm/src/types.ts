import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { HistogramAggregator } from '@sightline/metrics';

/** Options shared by every instrumentation of this package. Defaults apply once, in the constructor. */
export interface LlmInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record message content: prompts, completions, system instructions and tool-call arguments, as
   * `gen_ai.input.messages`, `gen_ai.output.messages` and `gen_ai.system_instructions` (JSON strings in the
   * GenAI JSON-schema shapes). Default `false`.
   * Env: `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` (`true`/`false`), read when this is unset.
   */
  captureMessageContent?: boolean;
  /**
   * Longest captured content attribute, in UTF-16 code units; longer JSON is cut and marked
   * `...[TRUNCATED:<n> chars]`. Applies only when content is captured. Default 16384.
   */
  maxContentLength?: number;
  /**
   * Called on every captured content attribute (the JSON string) before it is set on the span; returns the
   * redacted string. Under Sightline's `bootstrap()` the redaction span processor already scans every
   * attribute before export; pass e.g. `createRedactor().redact` from `@sightline/redaction` when you use
   * this instrumentation with a plain OpenTelemetry SDK. Its exceptions drop the attribute. Default: none.
   */
  redactContent?: (json: string) => string;
  /**
   * Use the GenAI conventions repository's latest names where they differ from the released v1.41 ones
   * (today `gen_ai.usage.cache_write.input_tokens` instead of `gen_ai.usage.cache_creation.input_tokens`).
   * Default `false`. Env: `OTEL_SEMCONV_STABILITY_OPT_IN` containing `gen_ai_latest_experimental`.
   */
  latestGenAiConventions?: boolean;
  /**
   * OpenAI-wire chat streams report token usage only when the request sets
   * `stream_options: { include_usage: true }`. With `true`, a streamed chat request that does not set
   * `stream_options` gets it; the stream then ends with one extra chunk whose `choices` is empty, which
   * code reading `chunk.choices[0]` without a check does not expect. Default `false`.
   */
  includeStreamUsage?: boolean;
  /**
   * A call whose result is never consumed (a stream never read to its end, a promise never awaited) has
   * its span ended after this many milliseconds without activity, with `sightline.gen_ai.abandoned=true`.
   * Default 900000 (15 minutes, above the SDKs' 10-minute request timeout).
   */
  idleTimeoutMillis?: number;
  /**
   * Aggregate the GenAI client histograms (`gen_ai.client.operation.duration`, `gen_ai.client.token.usage`,
   * `gen_ai.client.operation.time_to_first_chunk`) in this `HistogramAggregator` of `@sightline/metrics`
   * instead of through the MeterProvider's histogram instruments: the same data for a fraction of the cost
   * per call. The aggregator must publish to every metric reader (`aggregator.attach(reader)` or its
   * `createProducer()` in the reader's `metricProducers`). `bootstrap()` passes one. Default: none (the
   * MeterProvider's instruments; Views apply). Read when the meter provider is set.
   */
  histogramAggregator?: HistogramAggregator;
}
