import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { PriceTable } from './cost/price-table.js';
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
   * Also emit the names that exist only in the GenAI conventions repository's unreleased drafts, spelled as
   * there (today `gen_ai.usage.cache_write.input_tokens` instead of `gen_ai.usage.cache_creation.input_tokens`,
   * and `gen_ai.request.reasoning.level`, not recorded otherwise). Default `false`.
   * Env: `OTEL_SEMCONV_STABILITY_OPT_IN` containing `gen_ai_latest_experimental`.
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
   * Model prices (USD per million tokens) laid over the shipped table (docs/cost.md), by
   * `gen_ai.provider.name` then model name: `{ openai: { 'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 } } }`.
   * A family name also prices its date-versioned snapshots (`gpt-4o-2024-08-06`). A call whose model has no
   * price gets no cost and is counted in `sightline.gen_ai.client.cost.unpriced`. Default: none.
   * Env: `SIGHTLINE_GENAI_PRICES_FILE`, the path of a JSON file of the same shape, read once at start-up and
   * applied before this option.
   */
  prices?: PriceTable;
  /**
   * Aggregate the GenAI client histograms (`gen_ai.client.operation.duration`, `gen_ai.client.token.usage`,
   * `gen_ai.client.operation.time_to_first_chunk`, `gen_ai.client.operation.time_per_output_chunk`,
   * `sightline.gen_ai.client.cost`) in this `HistogramAggregator` of `@sightline/metrics`
   * instead of through the MeterProvider's histogram instruments: the same data for a fraction of the cost
   * per call. The aggregator must publish to every metric reader (`aggregator.attach(reader)` or its
   * `createProducer()` in the reader's `metricProducers`). `bootstrap()` passes one. Default: none (the
   * MeterProvider's instruments; Views apply). Read when the meter provider is set.
   */
  histogramAggregator?: HistogramAggregator;
}

/** The instrumentations {@link LlmInstrumentationsOptions.providers} turns on and off. */
export interface LlmProviders {
  /** `openai` (and OpenAI-compatible endpoints). Default `true`. */
  openai?: boolean;
  /** `@anthropic-ai/sdk`. Default `true`. */
  anthropic?: boolean;
  /** `@google/genai`. Default `true`. */
  googleGenAI?: boolean;
  /** `groq-sdk`. Default `true`. */
  groq?: boolean;
  /** `@aws-sdk/client-bedrock-runtime`. Default `true`. */
  bedrock?: boolean;
  /** `@mistralai/mistralai`. Default `true`. */
  mistral?: boolean;
  /** `cohere-ai`. Default `true`. */
  cohere?: boolean;
  /** `ollama`. Default `true`. */
  ollama?: boolean;
  /** `ai` (Vercel AI SDK). Default `true`. */
  aiSdk?: boolean;
  /** `@langchain/core` (LangChain.js, LangGraph). Default `true`. */
  langchain?: boolean;
  /** `@llamaindex/core` (LlamaIndex.TS: `llamaindex`, `@llamaindex/*` LLM classes, `@llamaindex/workflow` agents). Default `true`. */
  llamaindex?: boolean;
}

/** Options of `createLlmInstrumentations()` and of `bootstrap({ llm })`: every instrumentation's options, and which to create. */
export interface LlmInstrumentationsOptions extends LlmInstrumentationConfig {
  /** Which instrumentations to create; one set to `false` is left out. Default: all. */
  providers?: LlmProviders;
}
