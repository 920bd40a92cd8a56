export { McpInstrumentation } from './mcp-instrumentation.js';
export type { McpInstrumentationConfig } from './types.js';
export { SDK_V1_SUPPORTED_VERSIONS, SDK_V2_SUPPORTED_VERSIONS } from './supported-versions.js';
