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

/** Where a shadowed `APIPromise` keeps its observer. */
const OBSERVER = Symbol('sightline.api-promise.observer');

type Shadowed = ApiPromiseLike & { [OBSERVER]?: Observer };

/**
 * What the shadowing methods of one `APIPromise` need: its own methods, the call and, unless the promise
 * was derived by `_thenUnwrap` (whose result the original promise reports), how to read the result. One
 * object per promise, read by shared methods: no closures per call.
 */
class Observer {
  /** The body is being parsed (or a helper parses it): the call ends with the parsed result. */
  parsing = false;

  constructor(
    readonly call: LlmCall,
    readonly adapter: Adapter | undefined,
    readonly parse: ApiPromiseLike['parse'],
    readonly asResponse: ApiPromiseLike['asResponse'],
    readonly thenUnwrap: ApiPromiseLike['_thenUnwrap'],
  ) {}

  /** The parsed result arrived. */
  result(value: unknown): void {
    const { call, adapter } = this;
    if (adapter === undefined || call.ended) return;
    try {
      if (isStream(value)) observeStream(value, call, adapter);
      else completeCall(call, adapter, value);
    } catch {
      call.end();
    }
  }

  /** The result's promise and its rejection handler, as `then` arguments. */
  readonly onResult = (value: unknown): void => this.result(value);
  readonly onError = (error: unknown): void => this.call.end(error);
}

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
  shadow(promise, call, adapter);
}

function shadow(promise: Shadowed, call: LlmCall, adapter: Adapter | undefined): void {
  promise[OBSERVER] = new Observer(call, adapter, promise.parse, promise.asResponse, promise._thenUnwrap);
  promise.parse = shadowParse;
  promise.asResponse = shadowAsResponse;
  promise._thenUnwrap = shadowThenUnwrap;
}

function shadowParse(this: Shadowed): Promise<unknown> {
  const observer = this[OBSERVER]!;
  const parsed = observer.parse.call(this);
  if (!observer.parsing) {
    observer.parsing = true;
    parsed.then(observer.onResult, observer.onError);
  }
  return parsed;
}

function shadowAsResponse(this: Shadowed): Promise<unknown> {
  const observer = this[OBSERVER]!;
  const response = observer.asResponse.call(this);
  // Only the raw response is wanted: the call ends with its arrival, without a parsed body.
  if (!observer.parsing) response.then(() => observer.call.end(), observer.onError);
  return response;
}

function shadowThenUnwrap(this: Shadowed, transform: (data: unknown, props: unknown) => unknown): ApiPromiseLike {
  const observer = this[OBSERVER]!;
  observer.parsing = true;
  const next = observer.thenUnwrap.call(this, (data: unknown, props: unknown) => {
    observer.result(data);
    return transform(data, props);
  });
  // Errors skip the transform: the derived promise reports them.
  if (isApiPromise(next)) shadow(next, observer.call, undefined);
  return next;
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
