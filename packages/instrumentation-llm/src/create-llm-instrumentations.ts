import type { Instrumentation } from '@opentelemetry/instrumentation';
import { AnthropicInstrumentation } from './anthropic-instrumentation.js';
import { BedrockInstrumentation } from './bedrock-instrumentation.js';
import { CohereInstrumentation } from './cohere-instrumentation.js';
import { AiSdkInstrumentation } from './frameworks/ai-sdk/ai-sdk-instrumentation.js';
import { LangChainInstrumentation } from './frameworks/langchain/langchain-instrumentation.js';
import { LlamaIndexInstrumentation } from './frameworks/llamaindex/llamaindex-instrumentation.js';
import { GoogleGenAIInstrumentation } from './google-genai-instrumentation.js';
import { GroqInstrumentation } from './groq-instrumentation.js';
import { MistralInstrumentation } from './mistral-instrumentation.js';
import { OllamaInstrumentation } from './ollama-instrumentation.js';
import { OpenAIInstrumentation } from './openai-instrumentation.js';
import type { LlmInstrumentationsOptions, LlmProviders } from './types.js';

const FACTORIES: Record<keyof LlmProviders, (config: LlmInstrumentationsOptions) => Instrumentation> = {
  openai: (config) => new OpenAIInstrumentation(config),
  anthropic: (config) => new AnthropicInstrumentation(config),
  googleGenAI: (config) => new GoogleGenAIInstrumentation(config),
  groq: (config) => new GroqInstrumentation(config),
  bedrock: (config) => new BedrockInstrumentation(config),
  mistral: (config) => new MistralInstrumentation(config),
  cohere: (config) => new CohereInstrumentation(config),
  ollama: (config) => new OllamaInstrumentation(config),
  aiSdk: (config) => new AiSdkInstrumentation(config),
  langchain: (config) => new LangChainInstrumentation(config),
  llamaindex: (config) => new LlamaIndexInstrumentation(config),
};

/**
 * One instrumentation per provider SDK and framework (OpenAI and OpenAI-compatible endpoints such as
 * DeepSeek, Anthropic, Google GenAI, Groq, AWS Bedrock Runtime, Mistral, Cohere, Ollama, the Vercel AI SDK, LangChain.js, LlamaIndex.TS), all with `config`, except
 * those `config.providers` turns off. Pass them to `bootstrap({ instrumentations })`, `NodeSDK` or
 * `registerInstrumentations`; `bootstrap({ llm: config })` does it for you.
 */
export function createLlmInstrumentations(config: LlmInstrumentationsOptions = {}): Instrumentation[] {
  const { providers = {}, ...options } = config;
  return (Object.keys(FACTORIES) as (keyof LlmProviders)[])
    .filter((provider) => providers[provider] !== false)
    .map((provider) => FACTORIES[provider](options));
}
