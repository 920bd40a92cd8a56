export { McpInstrumentation } from './mcp-instrumentation.js';
export type { McpInstrumentationConfig } from './types.js';
