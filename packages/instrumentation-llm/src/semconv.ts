/**
 * The semantic-convention names this package emits, pinned here so a convention change is one edit.
 *
 * Default: the last released OpenTelemetry semantic conventions (v1.41, as shipped in
 * `@opentelemetry/semantic-conventions` 1.45 `incubating`). Names that exist only in the GenAI conventions'
 * own repository (open-telemetry/semantic-conventions-genai) are marked "latest" and are used instead of
 * their v1.41 counterpart only with `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental`.
 * Names under `sightline.` are ours, for facts the conventions have no name for.
 */

// Operation and provider.
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const GEN_AI_OPERATION_CHAT = 'chat';
export const GEN_AI_OPERATION_EMBEDDINGS = 'embeddings';
export const GEN_AI_OPERATION_GENERATE_CONTENT = 'generate_content';

/** `gen_ai.provider.name` values (v1.41 registry; `moonshot_ai` from the GenAI repository). */
export const PROVIDER_OPENAI = 'openai';
export const PROVIDER_ANTHROPIC = 'anthropic';
export const PROVIDER_GCP_GEMINI = 'gcp.gemini';
export const PROVIDER_GCP_VERTEX_AI = 'gcp.vertex_ai';
export const PROVIDER_GROQ = 'groq';
export const PROVIDER_DEEPSEEK = 'deepseek';
export const PROVIDER_AZURE_OPENAI = 'azure.ai.openai';
export const PROVIDER_X_AI = 'x_ai';
export const PROVIDER_MISTRAL_AI = 'mistral_ai';
export const PROVIDER_PERPLEXITY = 'perplexity';
export const PROVIDER_MOONSHOT_AI = 'moonshot_ai';
export const PROVIDER_AZURE_AI_INFERENCE = 'azure.ai.inference';
/**
 * OpenAI-compatible hosts the registry has no value for: Sightline's names, in the registry's style
 * (lower case, `_` between words). See docs/llm.md, "Providers behind the openai SDK".
 */
export const PROVIDER_OPENROUTER = 'openrouter';
export const PROVIDER_TOGETHER_AI = 'together_ai';
export const PROVIDER_FIREWORKS_AI = 'fireworks_ai';

// Request.
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
export const ATTR_GEN_AI_REQUEST_TOP_P = 'gen_ai.request.top_p';
export const ATTR_GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
export const ATTR_GEN_AI_REQUEST_STOP_SEQUENCES = 'gen_ai.request.stop_sequences';
export const ATTR_GEN_AI_REQUEST_SEED = 'gen_ai.request.seed';
export const ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY = 'gen_ai.request.frequency_penalty';
export const ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY = 'gen_ai.request.presence_penalty';
export const ATTR_GEN_AI_REQUEST_CHOICE_COUNT = 'gen_ai.request.choice.count';
export const ATTR_GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream';
export const ATTR_GEN_AI_REQUEST_ENCODING_FORMATS = 'gen_ai.request.encoding_formats';
export const ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT = 'gen_ai.embeddings.dimension.count';
export const ATTR_GEN_AI_OUTPUT_TYPE = 'gen_ai.output.type';
/**
 * Reasoning effort / thinking level. From the GenAI repository: v1.41 has no name for the concept, so it
 * is recorded in both modes (it replaces nothing).
 */
export const ATTR_GEN_AI_REQUEST_REASONING_LEVEL = 'gen_ai.request.reasoning.level';
/** A thinking budget in tokens (Anthropic `thinking.budget_tokens`, Gemini `thinkingConfig.thinkingBudget`). */
export const ATTR_SIGHTLINE_REQUEST_THINKING_BUDGET = 'sightline.gen_ai.request.thinking_budget';

// Response.
export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';

// Usage.
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = 'gen_ai.usage.cache_creation.input_tokens';
/** latest: the GenAI repository renamed `cache_creation` to `cache_write`. */
export const ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS_LATEST = 'gen_ai.usage.cache_write.input_tokens';
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';

// Content (opt-in), recorded as JSON strings in the shapes of the GenAI JSON schemas.
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages';
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages';
export const ATTR_GEN_AI_SYSTEM_INSTRUCTIONS = 'gen_ai.system_instructions';

/** Tool calls the model asked for, recorded without content (the conventions only carry them in content). */
export const ATTR_SIGHTLINE_TOOL_CALL_NAMES = 'sightline.gen_ai.response.tool_call.names';
export const ATTR_SIGHTLINE_TOOL_CALL_IDS = 'sightline.gen_ai.response.tool_call.ids';
/** Set on a span ended by the idle bound because its stream or promise was never consumed. */
export const ATTR_SIGHTLINE_ABANDONED = 'sightline.gen_ai.abandoned';

// General (stable names, from the package).
export {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from '@opentelemetry/semantic-conventions';

// Metrics.
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK = 'gen_ai.client.operation.time_to_first_chunk';
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
export const GEN_AI_TOKEN_TYPE_INPUT = 'input';
export const GEN_AI_TOKEN_TYPE_OUTPUT = 'output';
/** Explicit bucket advice from the conventions (seconds). */
export const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
/** Explicit bucket advice from the conventions (tokens). */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

// Events.
/** The exception log record of a failed call (severity WARN, in the span's trace). */
export const EVENT_GEN_AI_CLIENT_OPERATION_EXCEPTION = 'gen_ai.client.operation.exception';

/** The `OTEL_SEMCONV_STABILITY_OPT_IN` value that selects the GenAI repository's latest names. */
export const SEMCONV_OPT_IN_GEN_AI_LATEST = 'gen_ai_latest_experimental';

// Agents, tools and framework operations (GenAI agent spans, development status; names as in
// `@opentelemetry/semantic-conventions` 1.45 `incubating`).
export const GEN_AI_OPERATION_INVOKE_AGENT = 'invoke_agent';
export const GEN_AI_OPERATION_CREATE_AGENT = 'create_agent';
export const GEN_AI_OPERATION_EXECUTE_TOOL = 'execute_tool';
export const GEN_AI_OPERATION_INVOKE_WORKFLOW = 'invoke_workflow';
export const GEN_AI_OPERATION_RETRIEVAL = 'retrieval';
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
export const ATTR_GEN_AI_AGENT_ID = 'gen_ai.agent.id';
export const ATTR_GEN_AI_AGENT_DESCRIPTION = 'gen_ai.agent.description';
export const ATTR_GEN_AI_AGENT_VERSION = 'gen_ai.agent.version';
export const ATTR_GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';
export const ATTR_GEN_AI_WORKFLOW_NAME = 'gen_ai.workflow.name';
export const ATTR_GEN_AI_DATA_SOURCE_ID = 'gen_ai.data_source.id';
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const ATTR_GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
export const ATTR_GEN_AI_TOOL_DESCRIPTION = 'gen_ai.tool.description';
export const ATTR_GEN_AI_TOOL_TYPE = 'gen_ai.tool.type';
/** Opt-in content of a tool call (JSON strings). */
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
/** Opt-in content of a retrieval: the query text. */
export const ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT = 'gen_ai.retrieval.query.text';
/** The framework that made a span (`langchain`, `ai-sdk`): ours, the conventions have no name for it. */
export const ATTR_SIGHTLINE_FRAMEWORK = 'sightline.gen_ai.framework';

// Cost (ours: the conventions have no cost names). USD, from the token counts and the price table.
/** The call's cost on its span, in USD. */
export const ATTR_SIGHTLINE_USAGE_COST = 'sightline.gen_ai.usage.cost';
/** Histogram, `{USD}`, the attributes of `gen_ai.client.token.usage` (input and output cost apart). */
export const METRIC_SIGHTLINE_GEN_AI_CLIENT_COST = 'sightline.gen_ai.client.cost';
/** Counter, `{call}`: calls that reported tokens for a model with no price (no cost recorded). */
export const METRIC_SIGHTLINE_GEN_AI_CLIENT_COST_UNPRICED = 'sightline.gen_ai.client.cost.unpriced';
/** Bucket advice (USD per call and token type): half-decades from $0.00001 to $30. */
export const COST_BUCKETS = [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
