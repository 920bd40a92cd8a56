import { context } from '@opentelemetry/api';
import type { Adapter } from './adapters/adapter.js';
import { observeApiPromise } from './api-promise.js';
import { activeCall } from './llm-call.js';
import type { LlmInstrumentationBase } from './llm-instrumentation-base.js';
import { endpointFor } from './server-info.js';

/** The client a Stainless resource (`client.chat.completions`, `client.messages`, …) holds. */
interface StainlessClient {
  baseURL?: unknown;
  /** @anthropic-ai/sdk clients name their own provider (`anthropic`, or the cloud platform's). */
  _genAIProviderName?: unknown;
}

/**
 * Wraps a Stainless resource method (`create`): starts the call's span, runs the SDK with the span active
 * (so HTTP instrumentation nests each attempt under it), and observes the `APIPromise` it returns —
 * which is what the app gets back, the same object. A throw from the SDK is recorded and rethrown as is.
 */
export function stainlessMethodWrapper(
  instrumentation: LlmInstrumentationBase,
  adapter: Adapter,
  defaultProvider: string,
  prepareParams?: (params: unknown) => unknown,
): (original: Function) => Function {
  return (original) =>
    function sightlineCreate(this: { _client?: StainlessClient } | undefined, params: unknown): unknown {
      // `arguments`, not a rest parameter: no array is allocated per call and every argument is passed on.
      const client = this?._client;
      const provider = typeof client?._genAIProviderName === 'string' ? client._genAIProviderName : defaultProvider;
      const call = instrumentation.startCall(adapter, params, endpointFor(client?.baseURL, provider));
      if (call === undefined) return original.apply(this, arguments);
      let args: ArrayLike<unknown> = arguments;
      if (prepareParams !== undefined) {
        const copy = Array.from(arguments);
        copy[0] = prepareParams(params);
        args = copy;
      }
      let result: unknown;
      try {
        // Reflect.apply as the callback: no closure per call.
        result = context.with(call.context, Reflect.apply, undefined, original, this, args);
      } catch (error) {
        call.end(error);
        throw error;
      }
      try {
        observeApiPromise(result, call, adapter);
      } catch {
        call.end();
      }
      return result;
    };
}

/**
 * Wraps a Stainless client's `buildRequest(options, { retryCount })`, which runs once per HTTP attempt
 * inside the call's context: the call then records `http.request.resend_count`.
 */
export function retryCounterWrapper(original: Function): Function {
  return function sightlineBuildRequest(this: unknown, _options: unknown, attempt?: { retryCount?: unknown }): unknown {
    const retryCount = attempt?.retryCount;
    if (typeof retryCount === 'number' && retryCount > 0) activeCall()?.attempt(retryCount);
    return original.apply(this, arguments);
  };
}
