import type { Instrumentation } from '@opentelemetry/instrumentation';
import { AnthropicInstrumentation } from './anthropic-instrumentation.js';
import { BedrockInstrumentation } from './bedrock-instrumentation.js';
import { CohereInstrumentation } from './cohere-instrumentation.js';
import { AiSdkInstrumentation } from './frameworks/ai-sdk/ai-sdk-instrumentation.js';
import { LangChainInstrumentation } from './frameworks/langchain/langchain-instrumentation.js';
import { GoogleGenAIInstrumentation } from './google-genai-instrumentation.js';
import { GroqInstrumentation } from './groq-instrumentation.js';
import { MistralInstrumentation } from './mistral-instrumentation.js';
import { OllamaInstrumentation } from './ollama-instrumentation.js';
import { OpenAIInstrumentation } from './openai-instrumentation.js';
import type { LlmInstrumentationConfig } from './types.js';

/**
 * One instrumentation per provider SDK (OpenAI and OpenAI-compatible endpoints such as DeepSeek,
 * Anthropic, Google GenAI, Groq, AWS Bedrock Runtime, Mistral, Cohere, Ollama) and framework, all with
 * `config`. Pass them to `bootstrap({ instrumentations })`,
 * `NodeSDK` or `registerInstrumentations`.
 */
export function createLlmInstrumentations(config: LlmInstrumentationConfig = {}): Instrumentation[] {
  return [
    new OpenAIInstrumentation(config),
    new AnthropicInstrumentation(config),
    new GoogleGenAIInstrumentation(config),
    new GroqInstrumentation(config),
    new BedrockInstrumentation(config),
    new MistralInstrumentation(config),
    new CohereInstrumentation(config),
    new OllamaInstrumentation(config),
    new AiSdkInstrumentation(config),
    new LangChainInstrumentation(config),
  ];
}
