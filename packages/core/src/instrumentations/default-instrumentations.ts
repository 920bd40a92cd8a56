import { createRequire } from 'node:module';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type * as Bunyan from '@opentelemetry/instrumentation-bunyan';
import type * as Pino from '@opentelemetry/instrumentation-pino';
import type * as Winston from '@opentelemetry/instrumentation-winston';
import type * as Llm from '@sightline/instrumentation-llm';
import type * as Mcp from '@sightline/instrumentation-mcp';
import { LazyInstrumentation, type LazyInstrumentationSpec } from './lazy-instrumentation.js';

/** The options `bootstrap({ llm, mcp })` hands to the Sightline instrumentations. */
export interface DefaultInstrumentationsOptions {
  /** Options of every LLM instrumentation, and which providers and frameworks to instrument. */
  readonly llm?: Llm.LlmInstrumentationsOptions;
  /** Options of the MCP instrumentation. */
  readonly mcp?: Mcp.McpInstrumentationConfig;
}

/** A default instrumentation package, and which of {@link DefaultInstrumentationsOptions} configures it. */
interface DefaultInstrumentationSpec extends LazyInstrumentationSpec {
  readonly options?: keyof DefaultInstrumentationsOptions;
}

/** `require` from this package: the instrumentation packages are its dependencies. */
const load = createRequire(import.meta.url);

/**
 * The instrumentation packages `bootstrap()` enables, each described by the modules it hooks, so that its
 * code loads only when the app loads one of them (see {@link LazyInstrumentation}). The module lists are
 * those of the packages' own module definitions (a test holds them equal).
 */
export const DEFAULT_INSTRUMENTATIONS: readonly DefaultInstrumentationSpec[] = [
  {
    name: '@opentelemetry/instrumentation-pino',
    modules: ['pino'],
    load: (config) => [new (load('@opentelemetry/instrumentation-pino') as typeof Pino).PinoInstrumentation(config)],
  },
  {
    name: '@opentelemetry/instrumentation-winston',
    modules: ['winston'],
    load: (config) => [new (load('@opentelemetry/instrumentation-winston') as typeof Winston).WinstonInstrumentation(config)],
  },
  {
    name: '@opentelemetry/instrumentation-bunyan',
    modules: ['bunyan'],
    load: (config) => [new (load('@opentelemetry/instrumentation-bunyan') as typeof Bunyan).BunyanInstrumentation(config)],
  },
  {
    name: '@sightline/instrumentation-mcp',
    options: 'mcp',
    modules: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/client', '@modelcontextprotocol/server'],
    load: (config) => [new (load('@sightline/instrumentation-mcp') as typeof Mcp).McpInstrumentation(config)],
  },
  {
    name: '@sightline/instrumentation-llm',
    options: 'llm',
    modules: [
      'openai', '@anthropic-ai/sdk', '@google/genai', 'groq-sdk', '@aws-sdk/client-bedrock-runtime', '@mistralai/mistralai',
      'cohere-ai', 'ollama', 'ai', '@langchain/core', '@llamaindex/core', '@llamaindex/workflow',
    ],
    load: (config) => (load('@sightline/instrumentation-llm') as typeof Llm).createLlmInstrumentations(config),
  },
];

/** One lazy instrumentation per default package, each with its options. */
export function createDefaultInstrumentations(options: DefaultInstrumentationsOptions = {}): Instrumentation[] {
  return DEFAULT_INSTRUMENTATIONS.map((spec) => new LazyInstrumentation(spec, spec.options === undefined ? {} : options[spec.options]));
}
