import { context, diag, type Context } from '@opentelemetry/api';
import type { Adapter } from '../../internal/adapters/adapter.js';
import { withFrameworkModelCall, type FrameworkModelCall } from '../../internal/framework-call.js';
import type { CallStart, LlmCall } from '../../internal/llm-call.js';
import { endpointFor, type Endpoint } from '../../internal/server-info.js';
import * as semconv from '../../semconv.js';
import { chatRequest, inputMessages, isStreamRequest, providerOf, readChunk, readResponse, type ChatRequest } from './chat-shapes.js';

/** What the chat wrapper needs from its instrumentation. */
export interface ChatHost {
  isEnabled(): boolean;
  startCall(adapter: Adapter, params: unknown, endpoint: Endpoint, parent: Context, startedAt: CallStart['startedAt']): LlmCall | undefined;
}

export const FRAMEWORK = 'llamaindex';

const chatAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_CHAT,
  request(params, attributes) {
    attributes[semconv.ATTR_SIGHTLINE_FRAMEWORK] = FRAMEWORK;
    return chatRequest(params as ChatRequest, attributes);
  },
  isStream: (params) => isStreamRequest(params as ChatRequest),
  input: (params) => ({ messages: inputMessages(params as ChatRequest) }),
  response() {},
};

type AsyncIteratorLike = AsyncIterator<unknown> & { return?(value?: unknown): Promise<IteratorResult<unknown>>; throw?(e?: unknown): Promise<IteratorResult<unknown>> };

/**
 * One LlamaIndex model call (a decorated `chat` of an LLM class). The body runs in a context marked as a
 * framework model call whose provider span wins: a provider SDK we patch (`@anthropic-ai/sdk` under
 * `@llamaindex/anthropic`, …) marks it covered and this records nothing; otherwise (`@llamaindex/openai`
 * over `openai` 5, fetch-based classes) the `chat {model}` span is made here, started when `chat` was called.
 */
class ChatCall {
  private readonly _mark: FrameworkModelCall = { owner: 'provider', covered: false };
  readonly context: Context;
  private readonly _parent: Context;
  private readonly _startedAt = { wall: Date.now(), perf: performance.now() };
  private _call: LlmCall | undefined;
  private _done = false;

  constructor(
    private readonly _host: ChatHost,
    private readonly _request: ChatRequest,
  ) {
    this._parent = context.active();
    this.context = withFrameworkModelCall(this._parent, this._mark);
  }

  /** The span, made once it is known no provider instrumentation traced the call. */
  private _open(): LlmCall | undefined {
    if (this._call === undefined && !this._mark.covered) {
      const endpoint = endpointFor(baseUrlOf(this._request.llm), providerOf(this._request.llm));
      this._call = this._host.startCall(chatAdapter, this._request, endpoint, this._parent, this._startedAt);
    }
    return this._call;
  }

  chunk(chunk: unknown): void {
    this._guard(() => {
      const call = this._open();
      if (call === undefined) return;
      call.chunk();
      readChunk(chunk, call);
    });
  }

  /** Ends the call: with the complete response, failed with `error`, or (stream read to its end / broken off) as is. */
  end(response: unknown, error: unknown): void {
    if (this._done) return;
    this._done = true;
    this._guard(() => {
      const call = this._open();
      if (call === undefined) return;
      if (response !== undefined) readResponse(response, call);
      call.end(error);
    });
  }

  private _guard(fn: () => void): void {
    try {
      fn();
    } catch (problem) {
      diag.debug('@sightline/instrumentation-llm: a LlamaIndex model call could not be recorded', problem);
    }
  }

  /** The streamed response with its async iterator wrapped: the body runs in the call's context, each chunk is read. */
  wrapStream(response: Record<PropertyKey, unknown>): void {
    const make = response[Symbol.asyncIterator];
    if (typeof make !== 'function') return;
    const chat = this;
    response[Symbol.asyncIterator] = function sightlineChunks(this: unknown): AsyncIteratorLike {
      const inner = context.with(chat.context, () => Reflect.apply(make, this, []) as AsyncIteratorLike);
      const step = async (run: () => Promise<IteratorResult<unknown>>, broke: boolean): Promise<IteratorResult<unknown>> => {
        let result: IteratorResult<unknown>;
        try {
          result = await context.with(chat.context, run);
        } catch (error) {
          chat.end(undefined, error);
          throw error;
        }
        if (result.done === true || broke) chat.end(undefined, undefined);
        else chat.chunk(result.value);
        return result;
      };
      return {
        next: (...args: [] | [unknown]) => step(() => inner.next(...args), false),
        return: (value?: unknown) => step(() => (inner.return === undefined ? Promise.resolve({ done: true, value }) : inner.return(value)), true),
        throw: (error?: unknown) => step(() => (inner.throw === undefined ? Promise.reject(error) : inner.throw(error)), false),
        [Symbol.asyncIterator]() {
          return this;
        },
      } as AsyncIteratorLike;
    };
  }
}

function baseUrlOf(llm: unknown): unknown {
  return (llm as { baseURL?: unknown } | null | undefined)?.baseURL;
}

/**
 * Wraps LlamaIndex's `wrapLLMEvent` decorator (what every LLM class of `@llamaindex/*` applies to its
 * `chat`): the decorated method is traced around LlamaIndex's own event wrapper.
 */
export function tracedLlmEvent(host: ChatHost, original: Function): Function {
  return function sightlineWrapLLMEvent(this: unknown, method: unknown, decoratorContext: unknown): unknown {
    const decorated = Reflect.apply(original, this, [method, decoratorContext]) as Function;
    if (typeof decorated !== 'function') return decorated;
    return async function sightlineChat(this: unknown, ...params: unknown[]): Promise<unknown> {
      if (!host.isEnabled()) return Reflect.apply(decorated, this, params);
      const chat = new ChatCall(host, { llm: this, params: params[0] });
      let response: unknown;
      try {
        response = await context.with(chat.context, () => Reflect.apply(decorated, this, params) as Promise<unknown>);
      } catch (error) {
        chat.end(undefined, error);
        throw error;
      }
      if (typeof response === 'object' && response !== null && Symbol.asyncIterator in response) chat.wrapStream(response as Record<PropertyKey, unknown>);
      else chat.end(response, undefined);
      return response;
    };
  };
}
