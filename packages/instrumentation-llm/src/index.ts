export { OpenAIInstrumentation, OPENAI_SUPPORTED_VERSIONS } from './openai-instrumentation.js';
export { AnthropicInstrumentation, ANTHROPIC_SUPPORTED_VERSIONS } from './anthropic-instrumentation.js';
export { GoogleGenAIInstrumentation, GOOGLE_GENAI_SUPPORTED_VERSIONS } from './google-genai-instrumentation.js';
export { GroqInstrumentation, GROQ_SUPPORTED_VERSIONS } from './groq-instrumentation.js';
export { createLlmInstrumentations } from './create-llm-instrumentations.js';
export type { LlmInstrumentationConfig } from './types.js';
export { agentSpan, toolSpan } from './operation-spans.js';
export type { AgentSpanOptions, GenAiSpanStart, ToolSpanOptions } from './operation-spans.js';
export { AiSdkInstrumentation, AI_SDK_SUPPORTED_VERSIONS } from './frameworks/ai-sdk/ai-sdk-instrumentation.js';
