/**
 * The versions of each library this package instruments, in one place: each instrumentation's module
 * definition carries its range (the instrumentation framework patches only those versions; any other one
 * gets one diagnostic line and stays unpatched). The package README's table lists the same ranges, and
 * `test/supported-versions.test.ts` checks that it does.
 */

/** `openai`: the majors this instrumentation is tested with. */
export const OPENAI_SUPPORTED_VERSIONS = '>=6 <8';

/** `@anthropic-ai/sdk`: the majors this instrumentation is tested with. */
export const ANTHROPIC_SUPPORTED_VERSIONS = '>=0 <2';

/** `@google/genai`: the majors this instrumentation is tested with. */
export const GOOGLE_GENAI_SUPPORTED_VERSIONS = '>=2 <4';

/** `groq-sdk`: the majors this instrumentation is tested with. */
export const GROQ_SUPPORTED_VERSIONS = '>=0 <2';

/** `@aws-sdk/client-bedrock-runtime`: the major this instrumentation is tested with (3.1178). */
export const BEDROCK_SUPPORTED_VERSIONS = '>=3 <4';

/** `@mistralai/mistralai`: the major this instrumentation is tested with. */
export const MISTRAL_SUPPORTED_VERSIONS = '>=2 <3';

/** `cohere-ai`: the major this instrumentation is tested with. */
export const COHERE_SUPPORTED_VERSIONS = '>=8 <9';

/** `ollama`: the major this instrumentation is tested with. */
export const OLLAMA_SUPPORTED_VERSIONS = '>=0 <1';

/**
 * `ai` (Vercel AI SDK): the majors this instrumentation is tested with (7 through its telemetry
 * integrations, 6 through its `ai.*` spans).
 */
export const AI_SDK_SUPPORTED_VERSIONS = '>=6 <8';

/** `@langchain/core`: the majors this instrumentation is tested with. */
export const LANGCHAIN_SUPPORTED_VERSIONS = '>=1 <2';

/**
 * `@llamaindex/core` (LlamaIndex.TS): the 0.6 line `llamaindex` 0.12 depends on, tested with 0.6.22
 * (`llamaindex` 0.12.1). The registry marks `@llamaindex/core` deprecated; see docs/llm.md.
 */
export const LLAMAINDEX_SUPPORTED_VERSIONS = '>=0.6.22 <0.7.0';

/** `@llamaindex/workflow` (LlamaIndex.TS agents): the 1.1 line `llamaindex` 0.12 depends on, tested with 1.1.24. */
export const LLAMAINDEX_WORKFLOW_SUPPORTED_VERSIONS = '>=1.1.24 <1.2.0';
