import { context } from '@opentelemetry/api';
import type { Adapter } from './adapters/adapter.js';
import { callSink, completeCall } from './call-sink.js';
import type { LlmCall } from './llm-call.js';
import type { LlmInstrumentationBase } from './llm-instrumentation-base.js';
import { observeIterable } from './observe-iterable.js';
import type { Endpoint } from './server-info.js';

/** Where a resolved value keeps what the adapter reads. */
export interface ResultShape {
  /** The response the adapter reads (default: the value itself). */
  response?(value: unknown): unknown;
  /** The async iterable of a streamed call (default: the value itself). */
  stream?(value: unknown): unknown;
}

const IDENTITY: ResultShape = {};

/**
 * Runs `original` (an SDK method that returns a promise) as the call `params` describes: the span is
 * active while the SDK sends the request, the promise's value is read by `adapter` (a stream is observed
 * in place, its chunks read as the app reads them) and handed to the app unchanged. A synchronous throw
 * or a rejection is recorded and passed on as is. Without a span (our failure, or a framework's model
 * call) the method runs untouched.
 */
export function runAsyncCall(
  instrumentation: LlmInstrumentationBase,
  adapter: Adapter,
  params: unknown,
  endpoint: Endpoint,
  original: Function,
  self: unknown,
  args: ArrayLike<unknown>,
  shape: ResultShape = IDENTITY,
): unknown {
  const call = instrumentation.startCall(adapter, params, endpoint);
  if (call === undefined) return Reflect.apply(original, self, args);
  let result: unknown;
  try {
    result = context.with(call.context, Reflect.apply, undefined, original, self, args);
  } catch (error) {
    call.end(error);
    throw error;
  }
  if (typeof (result as PromiseLike<unknown> | null)?.then !== 'function') {
    call.end();
    return result;
  }
  return (result as Promise<unknown>).then(
    (value) => {
      settle(call, adapter, value, shape);
      return value;
    },
    (error: unknown) => {
      call.end(error);
      throw error;
    },
  );
}

function settle(call: LlmCall, adapter: Adapter, value: unknown, shape: ResultShape): void {
  try {
    if (call.stream) {
      call.touch();
      if (!observeIterable(shape.stream === undefined ? value : shape.stream(value), callSink(call, adapter))) call.end();
    } else completeCall(call, adapter, shape.response === undefined ? value : shape.response(value));
  } catch {
    call.end();
  }
}
