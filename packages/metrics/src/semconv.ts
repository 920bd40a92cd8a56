/**
 * The names this package reads and writes. Every name the registry has is imported from
 * `@opentelemetry/semantic-conventions` (stable, or `/incubating` for the GenAI and MCP names, which the
 * build inlines so that nothing of `/incubating` is loaded at run time: see `tsup.shared.ts`); this file
 * declares only what the registry lacks: the recommended bucket boundaries (from the GenAI conventions,
 * `docs/gen-ai/gen-ai-metrics.md` and `docs/gen-ai/mcp.md`) and our own names, under `sightline.*`.
 */

export { ATTR_ERROR_TYPE, ATTR_NETWORK_TRANSPORT, ATTR_OTEL_EVENT_NAME, ATTR_RPC_STATUS_CODE } from '@opentelemetry/semantic-conventions';
export {
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
  METRIC_MCP_CLIENT_SESSION_DURATION,
  METRIC_MCP_SERVER_SESSION_DURATION,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  /**
   * Read, never emitted: the provider's name before `gen_ai.provider.name` (deprecated), which other
   * instrumentations still emit; kept by the views so their series are not merged.
   */
  ATTR_GEN_AI_SYSTEM,
} from '@opentelemetry/semantic-conventions/incubating';

// ---- Recommended explicit bucket boundaries ----

/** `gen_ai.client.token.usage`: powers of 4 from 1 to 4^13. */
export const GEN_AI_TOKEN_USAGE_BUCKETS: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
/** Every GenAI client duration (operation, time to first chunk, time per output chunk): 10 ms doubling to 81.92 s. */
export const GEN_AI_DURATION_BUCKETS: readonly number[] = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
/**
 * `sightline.gen_ai.client.cost` (USD per call and token type): half-decades from $0.00001 (a few tokens of
 * the cheapest models) to $30 (a long prompt and answer on the dearest ones).
 */
export const GEN_AI_COST_BUCKETS: readonly number[] = [
  0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30,
];
/** Every MCP duration (client and server, operation and session): 10 ms to 5 min. */
export const MCP_DURATION_BUCKETS: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

// ---- Sightline's own metrics (no semantic convention exists for them) ----

/** `{USD}`: cost of one GenAI operation per token type, from `@sightline/instrumentation-llm`'s price table. */
export const METRIC_SIGHTLINE_GEN_AI_CLIENT_COST = 'sightline.gen_ai.client.cost';

/**
 * `{log_record}`, observable counter: log records that reached the metrics stage (kept by sampling), by
 * {@link ATTR_SIGHTLINE_LOG_SEVERITY}, {@link ATTR_SIGHTLINE_LOG_SCOPE} and {@link ATTR_OTEL_EVENT_NAME}.
 */
export const METRIC_SIGHTLINE_LOG_RECORDS = 'sightline.log.records';
/**
 * Severity class of a counted record: `trace|debug|info|warn|error|fatal|unspecified`. (The log data
 * model's severity is a record field; there is no attribute for it.)
 */
export const ATTR_SIGHTLINE_LOG_SEVERITY = 'sightline.log.severity';
/**
 * Instrumentation scope (logger) name of a counted record. Not `otel.scope.name`: metric exporters put
 * that on every point for the *meter's* scope, and the Prometheus exporter would emit the label twice.
 */
export const ATTR_SIGHTLINE_LOG_SCOPE = 'sightline.log.scope';

/** `{redaction}`, observable counter: values replaced by the redaction stage, by {@link ATTR_SIGHTLINE_REDACTION_TYPE}. */
export const METRIC_SIGHTLINE_REDACTIONS = 'sightline.redactions';
export const ATTR_SIGHTLINE_REDACTION_TYPE = 'sightline.redaction.type';

/**
 * `{log_record}`, observable counter: log records dropped on purpose by the sampling stage, by
 * {@link ATTR_SIGHTLINE_SAMPLING_REASON}. Not `otel.sdk.processor.log.processed`: a record sampled out is
 * not a failed one, and that metric's `error.type` means failure.
 */
export const METRIC_SIGHTLINE_LOG_SAMPLED_OUT = 'sightline.log.sampled_out';
export const ATTR_SIGHTLINE_SAMPLING_REASON = 'sightline.sampling.reason';

/**
 * `{error}`, observable counter: calls to a pipeline stage (a log or span processor) that threw, by
 * {@link ATTR_SIGHTLINE_PIPELINE_STAGE}; the record went on to the next stage.
 */
export const METRIC_SIGHTLINE_PIPELINE_STAGE_ERRORS = 'sightline.pipeline.stage.errors';
/** The stage, as `<signal>.<stage>`: `logs.redaction`, `logs.processors[0]`, `spans.export.otlp`. */
export const ATTR_SIGHTLINE_PIPELINE_STAGE = 'sightline.pipeline.stage';

/**
 * `{field}`, observable counters: fields or arguments of log records and spans that could not be encoded or
 * had the wrong type, coerced or dropped where the record entered the pipeline (the record was kept), by
 * {@link ATTR_SIGHTLINE_SANITIZE_REASON}.
 */
export const METRIC_SIGHTLINE_LOG_SANITIZED = 'sightline.log.sanitized';
export const METRIC_SIGHTLINE_SPAN_SANITIZED = 'sightline.span.sanitized';
/** Why: `invalid_argument`, `invalid_value`, `coerced`, `attribute_count_limit`, `nested_limit`, `api_error`. */
export const ATTR_SIGHTLINE_SANITIZE_REASON = 'sightline.sanitize.reason';

/**
 * `{request}`, observable counter: OTLP export requests that Sightline's protobuf encoder did not cover and
 * upstream's serializer encoded instead (same bytes, nothing lost), by {@link ATTR_SIGHTLINE_PIPELINE_STAGE}
 * (`logs.export.otlp`, `spans.export.otlp`).
 */
export const METRIC_SIGHTLINE_EXPORT_ENCODER_FALLBACKS = 'sightline.export.encoder_fallbacks';

/**
 * `{entry}`, observable counter: audit trail entries (records, markers) lost, by {@link ATTR_ERROR_TYPE}:
 * `queue_full` (the write queue was full), `write_failed` (the file could not be opened or written).
 */
export const METRIC_SIGHTLINE_AUDIT_DROPPED = 'sightline.audit.dropped';

/** The value that stands for everything past a cardinality bound. */
export const OTHER = 'other';
