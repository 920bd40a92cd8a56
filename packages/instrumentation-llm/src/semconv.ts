/**
 * The semantic-convention names this package emits. Every name the registry has is imported from
 * `@opentelemetry/semantic-conventions` (stable entry point, or `/incubating` for the GenAI names, which
 * the build inlines: see `tsup.shared.ts`); this file declares only what the registry lacks.
 *
 * Default: the names of the installed registry (semantic conventions v1.41 GenAI names, which 1.45 marks
 * as moved to open-telemetry/semantic-conventions-genai, not replaced). Names that exist only in that
 * repository's unreleased drafts are marked "draft" and are emitted only with
 * `OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental`. Names under `sightline.` are ours, for facts
 * the conventions have no name for. `test/semconv-registry.test.ts` (root) checks all of it.
 */

export {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from '@opentelemetry/semantic-conventions';

export {
  // Operation and provider.
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  GEN_AI_OPERATION_NAME_VALUE_CHAT as GEN_AI_OPERATION_CHAT,
  GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS as GEN_AI_OPERATION_EMBEDDINGS,
  GEN_AI_OPERATION_NAME_VALUE_GENERATE_CONTENT as GEN_AI_OPERATION_GENERATE_CONTENT,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT as GEN_AI_OPERATION_INVOKE_AGENT,
  GEN_AI_OPERATION_NAME_VALUE_CREATE_AGENT as GEN_AI_OPERATION_CREATE_AGENT,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL as GEN_AI_OPERATION_EXECUTE_TOOL,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW as GEN_AI_OPERATION_INVOKE_WORKFLOW,
  GEN_AI_OPERATION_NAME_VALUE_RETRIEVAL as GEN_AI_OPERATION_RETRIEVAL,
  GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION as GEN_AI_OPERATION_TEXT_COMPLETION,
  GEN_AI_PROVIDER_NAME_VALUE_OPENAI as PROVIDER_OPENAI,
  GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC as PROVIDER_ANTHROPIC,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI as PROVIDER_GCP_GEMINI,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI as PROVIDER_GCP_VERTEX_AI,
  GEN_AI_PROVIDER_NAME_VALUE_GROQ as PROVIDER_GROQ,
  GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK as PROVIDER_DEEPSEEK,
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI as PROVIDER_AZURE_OPENAI,
  GEN_AI_PROVIDER_NAME_VALUE_X_AI as PROVIDER_X_AI,
  GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI as PROVIDER_MISTRAL_AI,
  GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY as PROVIDER_PERPLEXITY,
  GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK as PROVIDER_AWS_BEDROCK,
  GEN_AI_PROVIDER_NAME_VALUE_COHERE as PROVIDER_COHERE,
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_INFERENCE as PROVIDER_AZURE_AI_INFERENCE,
  // Request.
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_OUTPUT_TYPE,
  // Response.
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  // Usage.
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  // Content (opt-in), recorded as JSON strings in the shapes of the GenAI JSON schemas.
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  // Metrics.
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  ATTR_GEN_AI_TOKEN_TYPE,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT as GEN_AI_TOKEN_TYPE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT as GEN_AI_TOKEN_TYPE_OUTPUT,
  // Events.
  EVENT_GEN_AI_CLIENT_OPERATION_EXCEPTION,
  // Agents, tools and framework operations.
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_DESCRIPTION,
  ATTR_GEN_AI_AGENT_VERSION,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_WORKFLOW_NAME,
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_DESCRIPTION,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
} from '@opentelemetry/semantic-conventions/incubating';

/** `gen_ai.provider.name` value from the GenAI repository (the installed registry has no member for it). */
export const PROVIDER_MOONSHOT_AI = 'moonshot_ai';
/**
 * `gen_ai.provider.name` of `ollama` calls: a well-known value of neither the installed registry nor the
 * GenAI repository; the conventions allow a custom value when none applies, and `ollama` is the package and
 * server name, lower-case like the registry's values.
 */
export const PROVIDER_OLLAMA = 'ollama';
/**
 * OpenAI-compatible hosts the registry has no value for: Sightline's names, in the registry's style
 * (lower case, `_` between words). See docs/llm.md, "Providers behind the openai SDK".
 */
export const PROVIDER_OPENROUTER = 'openrouter';
export const PROVIDER_TOGETHER_AI = 'together_ai';
export const PROVIDER_FIREWORKS_AI = 'fireworks_ai';

/** Explicit bucket advice from the conventions (seconds). */
export const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
/** Explicit bucket advice from the conventions (tokens). */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

// ---- Draft names (GenAI conventions repository, unreleased): emitted only with the opt-in below. ----

/** The `OTEL_SEMCONV_STABILITY_OPT_IN` value that selects the GenAI repository's latest names. */
export const SEMCONV_OPT_IN_GEN_AI_LATEST = 'gen_ai_latest_experimental';
/** draft: reasoning effort / thinking level (the installed registry has no name for the concept). */
export const ATTR_GEN_AI_REQUEST_REASONING_LEVEL_DRAFT = 'gen_ai.request.reasoning.level';
/** draft: replaces `gen_ai.usage.cache_creation.input_tokens`. */
export const ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS_DRAFT = 'gen_ai.usage.cache_write.input_tokens';

// ---- Sightline's own names (no convention exists). ----

/** A thinking budget in tokens (Anthropic `thinking.budget_tokens`, Gemini `thinkingConfig.thinkingBudget`). */
export const ATTR_SIGHTLINE_REQUEST_THINKING_BUDGET = 'sightline.gen_ai.request.thinking_budget';
/** Tool calls the model asked for, recorded without content (the conventions only carry them in content). */
export const ATTR_SIGHTLINE_TOOL_CALL_NAMES = 'sightline.gen_ai.response.tool_call.names';
export const ATTR_SIGHTLINE_TOOL_CALL_IDS = 'sightline.gen_ai.response.tool_call.ids';
/** Set on a span ended by the idle bound because its stream or promise was never consumed. */
export const ATTR_SIGHTLINE_ABANDONED = 'sightline.gen_ai.abandoned';
/** The framework that made a span (`langchain`, `ai-sdk`). */
export const ATTR_SIGHTLINE_FRAMEWORK = 'sightline.gen_ai.framework';
/** LangChain run type of a span (`chain`, `llm`, `tool`, `retriever`, …). */
export const ATTR_SIGHTLINE_LANGCHAIN_RUN_TYPE = 'sightline.langchain.run_type';
/** LangGraph node a span ran in. */
export const ATTR_SIGHTLINE_LANGGRAPH_NODE = 'sightline.langchain.langgraph.node';
/** Documents a retrieval returned. */
export const ATTR_SIGHTLINE_RETRIEVAL_DOCUMENT_COUNT = 'sightline.gen_ai.retrieval.document.count';

/**
 * Span names, as patterns of the attributes they are made of (the GenAI conventions: `{gen_ai.operation.name}
 * {gen_ai.request.model}` for inference, `… {gen_ai.agent.name}` / `{gen_ai.tool.name}` / `{gen_ai.workflow.name}`
 * / `{gen_ai.data_source.id}` for agents, tools, workflows and retrievals); the operation alone when the second
 * part is unknown.
 */
export const SPAN_NAME_PATTERNS: readonly string[] = [
  '{gen_ai.operation.name}',
  '{gen_ai.operation.name} {gen_ai.request.model}',
  '{gen_ai.operation.name} {gen_ai.agent.name}',
  '{gen_ai.operation.name} {gen_ai.tool.name}',
  '{gen_ai.operation.name} {gen_ai.workflow.name}',
  '{gen_ai.operation.name} {gen_ai.data_source.id}',
];

// Cost (ours: the conventions have no cost names). USD, from the token counts and the price table.
/** The call's cost on its span, in USD. */
export const ATTR_SIGHTLINE_USAGE_COST = 'sightline.gen_ai.usage.cost';
/** Histogram, `{USD}`, the attributes of `gen_ai.client.token.usage` (input and output cost apart). */
export const METRIC_SIGHTLINE_GEN_AI_CLIENT_COST = 'sightline.gen_ai.client.cost';
/** Counter, `{call}`: calls that reported tokens for a model with no price (no cost recorded). */
export const METRIC_SIGHTLINE_GEN_AI_CLIENT_COST_UNPRICED = 'sightline.gen_ai.client.cost.unpriced';
/** Bucket advice (USD per call and token type): half-decades from $0.00001 to $30. */
export const COST_BUCKETS = [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
