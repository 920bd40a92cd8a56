export {
  AI_SDK_SUPPORTED_VERSIONS,
  ANTHROPIC_SUPPORTED_VERSIONS,
  BEDROCK_SUPPORTED_VERSIONS,
  COHERE_SUPPORTED_VERSIONS,
  GOOGLE_GENAI_SUPPORTED_VERSIONS,
  GROQ_SUPPORTED_VERSIONS,
  LANGCHAIN_SUPPORTED_VERSIONS,
  MISTRAL_SUPPORTED_VERSIONS,
  OLLAMA_SUPPORTED_VERSIONS,
  OPENAI_SUPPORTED_VERSIONS,
} from './supported-versions.js';
export { OpenAIInstrumentation } from './openai-instrumentation.js';
export { AnthropicInstrumentation } from './anthropic-instrumentation.js';
export { GoogleGenAIInstrumentation } from './google-genai-instrumentation.js';
export { GroqInstrumentation } from './groq-instrumentation.js';
export { BedrockInstrumentation } from './bedrock-instrumentation.js';
export { MistralInstrumentation } from './mistral-instrumentation.js';
export { CohereInstrumentation } from './cohere-instrumentation.js';
export { OllamaInstrumentation } from './ollama-instrumentation.js';
export { createLlmInstrumentations } from './create-llm-instrumentations.js';
export type { LlmInstrumentationConfig, LlmInstrumentationsOptions, LlmProviders } from './types.js';
export { agentSpan, toolSpan } from './operation-spans.js';
export type { AgentSpanOptions, GenAiSpanStart, ToolSpanOptions } from './operation-spans.js';
export { AiSdkInstrumentation } from './frameworks/ai-sdk/ai-sdk-instrumentation.js';
export { LangChainInstrumentation } from './frameworks/langchain/langchain-instrumentation.js';
export { LlamaIndexInstrumentation } from './frameworks/llamaindex/llamaindex-instrumentation.js';
export { DEFAULT_PRICES, DEFAULT_PRICES_AS_OF } from './cost/default-prices.js';
export type { ModelPrice, PriceTable } from './cost/price-table.js';
