import { diag } from '@opentelemetry/api';
import type { Adapter } from './adapters/adapter.js';
import { callSink, completeCall } from './call-sink.js';
import type { LlmCall } from './llm-call.js';
import { observeIterator } from './observe-iterator.js';

/** The parts of a Stainless `APIPromise` (openai, @anthropic-ai/sdk, groq-sdk) that are observed. */
interface ApiPromiseLike {
  parse(): Promise<unknown>;
  asResponse(): Promise<unknown>;
  _thenUnwrap(transform: (data: unknown, props: unknown) => unknown): ApiPromiseLike;
}

/** The parts of a Stainless `Stream` that are observed. */
interface StreamLike {
  iterator: (...args: unknown[]) => AsyncIterator<unknown>;
}

function isApiPromise(value: unknown): value is ApiPromiseLike {
  const p = value as Partial<ApiPromiseLike> | null;
  return (
    typeof p === 'object' && p !== null &&
    typeof p.parse === 'function' && typeof p.asResponse === 'function' && typeof p._thenUnwrap === 'function'
  );
}

function isStream(value: unknown): value is StreamLike {
  return typeof value === 'object' && value !== null && typeof (value as Partial<StreamLike>).iterator === 'function';
}

let warnedShape = false;

/**
 * Observes the outcome of `promise`, the very `APIPromise` the SDK returned, which is returned to the app
 * unchanged in type and behaviour: only its own `parse`, `asResponse` and `_thenUnwrap` are shadowed, so
 * the body is parsed exactly when the app asks for it (`await`, `.withResponse()`, a helper's
 * `_thenUnwrap`), never by us. A streamed body's `Stream` is observed in place the same way.
 */
export function observeApiPromise(promise: unknown, call: LlmCall, adapter: Adapter): void {
  if (!isApiPromise(promise)) {
    if (!warnedShape) {
      warnedShape = true;
      diag.warn('@sightline/instrumentation-llm: the SDK returned no APIPromise; its calls get spans without response data');
    }
    call.end();
    return;
  }
  const onResult = (value: unknown): void => {
    if (call.ended) return;
    try {
      if (isStream(value)) observeStream(value, call, adapter);
      else completeCall(call, adapter, value);
    } catch {
      call.end();
    }
  };
  const onError = (error: unknown): void => call.end(error);
  shadow(promise, onResult, onError, call);
}

function shadow(promise: ApiPromiseLike, onResult: (value: unknown) => void, onError: (error: unknown) => void, call: LlmCall): void {
  const { parse, asResponse, _thenUnwrap: thenUnwrap } = promise;
  let parsing = false;
  promise.parse = function (this: ApiPromiseLike) {
    const parsed = parse.call(this);
    if (!parsing) {
      parsing = true;
      parsed.then(onResult, onError);
    }
    return parsed;
  };
  promise.asResponse = function (this: ApiPromiseLike) {
    const response = asResponse.call(this);
    // Only the raw response is wanted: the call ends with its arrival, without a parsed body.
    if (!parsing) response.then(() => call.end(), onError);
    return response;
  };
  promise._thenUnwrap = function (this: ApiPromiseLike, transform) {
    parsing = true;
    const next = thenUnwrap.call(this, (data: unknown, props: unknown) => {
      onResult(data);
      return transform(data, props);
    });
    // Errors skip the transform: the derived promise reports them.
    if (isApiPromise(next)) shadow(next, () => undefined, onError, call);
    return next;
  };
}

function observeStream(stream: StreamLike, call: LlmCall, adapter: Adapter): void {
  call.touch();
  const iterator = stream.iterator;
  let observed = false;
  stream.iterator = function (this: unknown, ...args: unknown[]) {
    const it = iterator.apply(this, args);
    if (!observed) {
      observed = true;
      observeIterator(it, callSink(call, adapter));
    }
    return it;
  };
}
