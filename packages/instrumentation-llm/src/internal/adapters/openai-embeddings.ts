import { num, obj, str } from './adapter.js';
import { embeddingsAdapter } from './embeddings-adapter.js';

/** Embeddings on the OpenAI wire format (`client.embeddings.create`). */
export const openAiEmbeddingsAdapter = embeddingsAdapter({
  dimensionCount: (p) => p.dimensions,
  encodingFormats: (p) => p.encoding_format,
  response(r, call) {
    call.responseModel = str(r.model);
    call.inputTokens = num(obj(r.usage).prompt_tokens);
  },
});
