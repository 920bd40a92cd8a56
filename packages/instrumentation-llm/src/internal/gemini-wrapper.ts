import { context } from '@opentelemetry/api';
import { PROVIDER_GCP_GEMINI, PROVIDER_GCP_VERTEX_AI } from '../semconv.js';
import type { Adapter } from './adapters/adapter.js';
import { callSink, completeCall } from './call-sink.js';
import type { LlmInstrumentationBase } from './llm-instrumentation-base.js';
import { observeIterator } from './observe-iterator.js';
import { endpointFor, type Endpoint } from './server-info.js';

/** The `ApiClient` a `Models` instance of `@google/genai` holds. */
interface ApiClient {
  isVertexAI?(): boolean;
  getBaseUrl?(): string;
}

const endpoints = new WeakMap<object, Endpoint>();

function endpointOf(apiClient: ApiClient | undefined): Endpoint {
  if (apiClient === undefined) return endpointFor(undefined, PROVIDER_GCP_GEMINI);
  let endpoint = endpoints.get(apiClient);
  if (endpoint === undefined) {
    const provider = apiClient.isVertexAI?.() === true ? PROVIDER_GCP_VERTEX_AI : PROVIDER_GCP_GEMINI;
    let baseUrl: string | undefined;
    try {
      baseUrl = apiClient.getBaseUrl?.();
    } catch {
      baseUrl = undefined;
    }
    endpoint = endpointFor(baseUrl, provider);
    endpoints.set(apiClient, endpoint);
  }
  return endpoint;
}

function isAsyncIterator(value: unknown): value is AsyncIterator<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { next?: unknown }).next === 'function';
}

/**
 * Wraps one of `Models`' internal request methods (`generateContentInternal`,
 * `generateContentStreamInternal`, `embedContentInternal`), each one HTTP request: the public methods
 * are per-instance arrow functions, so these prototype methods are where every call passes. The promise
 * resolves to the very value the SDK produced; a stream's async generator is observed in place.
 */
export function geminiMethodWrapper(instrumentation: LlmInstrumentationBase, adapter: Adapter): (original: Function) => Function {
  return (original) =>
    function sightlineGemini(this: { apiClient?: ApiClient } | undefined, ...args: unknown[]): unknown {
      const call = instrumentation.startCall(adapter, args[0], endpointOf(this?.apiClient));
      if (call === undefined) return original.apply(this, args);
      let result: Promise<unknown>;
      try {
        result = context.with(call.context, original as (...a: unknown[]) => Promise<unknown>, this, ...args);
      } catch (error) {
        call.end(error);
        throw error;
      }
      return result.then(
        (value) => {
          if (call.stream && isAsyncIterator(value)) {
            call.touch();
            try {
              observeIterator(value, callSink(call, adapter));
            } catch {
              call.end();
            }
          } else completeCall(call, adapter, value);
          return value;
        },
        (error: unknown) => {
          call.end(error);
          throw error;
        },
      );
    };
}
