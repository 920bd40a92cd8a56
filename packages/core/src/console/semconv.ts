/**
 * The semantic-convention attribute names the console formats read, pinned as constants
 * (semantic conventions 1.45: MCP and GenAI are still in development there).
 */

/** `service.name`, the only resource attribute the JSON log lines carry. */
export const ATTR_SERVICE_NAME = 'service.name';

/** `exception.type` of an exception event or log record. */
export const ATTR_EXCEPTION_TYPE = 'exception.type';
/** `exception.message` of an exception event or log record. */
export const ATTR_EXCEPTION_MESSAGE = 'exception.message';
/** `exception.stacktrace`: printed as an indented block by the pretty format. */
export const ATTR_EXCEPTION_STACKTRACE = 'exception.stacktrace';
/** `error.type`: the class of error that ended an operation. */
export const ATTR_ERROR_TYPE = 'error.type';

/** `mcp.method.name`: the JSON-RPC method of an MCP request (`tools/call`, `resources/read`, …). */
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
/** `mcp.resource.uri`: the resource of `resources/read` and friends. */
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri';

/** `gen_ai.operation.name`: `chat`, `text_completion`, `embeddings`, `execute_tool`, `invoke_agent`, … */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
/** `gen_ai.tool.name`: the tool of an MCP `tools/call` or a GenAI `execute_tool`. */
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
/** `gen_ai.prompt.name`: the prompt of an MCP `prompts/get`. */
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';
/** `gen_ai.agent.name`: the agent of `invoke_agent` / `create_agent`. */
export const ATTR_GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
/** `gen_ai.request.model`: the model asked for. */
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
/** `gen_ai.response.model`: the model that answered. */
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
/** `gen_ai.provider.name`: `openai`, `anthropic`, `aws.bedrock`, … */
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
/** `gen_ai.system`: the deprecated predecessor of `gen_ai.provider.name`, still emitted by older instrumentations. */
export const ATTR_GEN_AI_SYSTEM = 'gen_ai.system';
/** `gen_ai.usage.input_tokens`. */
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
/** `gen_ai.usage.output_tokens`. */
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
/** `gen_ai.response.finish_reasons`: why the model stopped (`stop`, `tool_calls`, `length`, …). */
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
