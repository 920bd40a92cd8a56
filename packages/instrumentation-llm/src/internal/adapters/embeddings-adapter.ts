import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import type { LlmCall } from '../llm-call.js';
import { obj, setNumber, setStrings, str, type Adapter } from './adapter.js';

/** Where one SDK's embeddings request and response keep what the conventions need. */
export interface EmbeddingsFields {
  /** The requested dimension count (`gen_ai.embeddings.dimension.count`) in the request params. */
  dimensionCount(params: Record<string, unknown>): unknown;
  /** The requested encoding formats (`gen_ai.request.encoding_formats`), for APIs that take them. */
  encodingFormats?(params: Record<string, unknown>): unknown;
  /** Reads the response (id, model, input tokens) into the call. */
  response(result: Record<string, unknown>, call: LlmCall): void;
}

/** The adapter of an embeddings call: never streamed, the model in `params.model`, no captured content. */
export function embeddingsAdapter(fields: EmbeddingsFields): Adapter {
  return {
    operation: semconv.GEN_AI_OPERATION_EMBEDDINGS,

    request(params: unknown, attributes: Attributes): string | undefined {
      const p = obj(params);
      if (fields.encodingFormats !== undefined) {
        setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_ENCODING_FORMATS, fields.encodingFormats(p));
      }
      setNumber(attributes, semconv.ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT, fields.dimensionCount(p));
      return str(p.model);
    },

    isStream: () => false,

    response(result: unknown, call: LlmCall): void {
      fields.response(obj(result), call);
    },
  };
}
