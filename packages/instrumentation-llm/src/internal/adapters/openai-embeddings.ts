import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import type { LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setStrings, str, type Adapter } from './adapter.js';

/** Embeddings on the OpenAI wire format (`client.embeddings.create`). */
export const openAiEmbeddingsAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_EMBEDDINGS,

  request(params: unknown, attributes: Attributes): string | undefined {
    const p = obj(params);
    setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_ENCODING_FORMATS, p.encoding_format);
    setNumber(attributes, semconv.ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, p.dimensions);
    return str(p.model);
  },

  isStream: () => false,

  response(result: unknown, call: LlmCall): void {
    const r = obj(result);
    call.responseModel = str(r.model);
    call.inputTokens = num(obj(r.usage).prompt_tokens);
  },
};
