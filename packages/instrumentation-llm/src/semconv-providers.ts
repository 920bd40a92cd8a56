/**
 * The convention names used by the Bedrock, Mistral, Cohere and Ollama instrumentations, taken from
 * `@opentelemetry/semantic-conventions/incubating` (v1.41 registry) rather than retyped. The one value the
 * registry has no entry for is marked as ours.
 */
import {
  GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION,
  GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK,
  GEN_AI_PROVIDER_NAME_VALUE_COHERE,
  GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
} from '@opentelemetry/semantic-conventions/incubating';

/** `gen_ai.provider.name` of `@aws-sdk/client-bedrock-runtime` calls (well-known value). */
export const PROVIDER_AWS_BEDROCK = GEN_AI_PROVIDER_NAME_VALUE_AWS_BEDROCK;
/** `gen_ai.provider.name` of `@mistralai/mistralai` calls (well-known value). */
export const PROVIDER_MISTRAL = GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI;
/** `gen_ai.provider.name` of `cohere-ai` calls (well-known value). */
export const PROVIDER_COHERE = GEN_AI_PROVIDER_NAME_VALUE_COHERE;
/**
 * `gen_ai.provider.name` of `ollama` calls. Not a well-known value of the v1.41 registry (nor of the GenAI
 * repository's): the conventions allow a custom value when none applies; `ollama` is the package and
 * server name, lower-case like the registry's values.
 */
export const PROVIDER_OLLAMA = 'ollama';

/** `gen_ai.operation.name` of a prompt-in, text-out call (Ollama `generate`). */
export const GEN_AI_OPERATION_TEXT_COMPLETION = GEN_AI_OPERATION_NAME_VALUE_TEXT_COMPLETION;
