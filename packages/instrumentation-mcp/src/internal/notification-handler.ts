/**
 * Ends a notification's SERVER span when its handler finishes. The SDK (1.x and 2.x alike) reads the
 * handler from `_notificationHandlers` (or `fallbackNotificationHandler`) synchronously in
 * `_onnotification` and calls it on a later microtask without reporting when it is done, so for the
 * length of that synchronous call the handler is swapped for a wrapper that calls it with the same
 * arguments and returns the same value, and observes its settlement. A notification the SDK drops without
 * calling a handler ends its span once the microtasks have run (the next macrotask).
 */
import type { McpCall } from './mcp-call.js';
import type { AnyFunction } from './functions.js';

/** The fields of `Protocol` the notification dispatch reads. */
interface NotificationDispatcher {
  _notificationHandlers?: unknown;
  fallbackNotificationHandler?: unknown;
}

/** `handler` wrapped so that `call` ends with it; every outcome reaches the SDK unchanged. */
function observed(handler: AnyFunction, call: McpCall, state: { invoked: boolean }): AnyFunction {
  return function sightlineNotificationHandler(this: unknown): unknown {
    state.invoked = true;
    let result: unknown;
    try {
      result = handler.apply(this, arguments as unknown as unknown[]);
    } catch (error) {
      call.endWithError(error);
      throw error;
    }
    call.endWhenSettled(result, false);
    return result;
  };
}

/**
 * Runs `dispatch` (the SDK's `_onnotification`) with the handler for `method` swapped for one that ends
 * `call` when it settles, and restores the handler before returning. Returns what `dispatch` returns.
 */
export function dispatchObserved(protocol: object, method: string, call: McpCall, dispatch: () => unknown): unknown {
  const instance = protocol as NotificationDispatcher;
  const state = { invoked: false };
  const handlers = instance._notificationHandlers;
  const own = handlers instanceof Map ? (handlers.get(method) as unknown) : undefined;
  const fallback = instance.fallbackNotificationHandler;
  let restore: (() => void) | undefined;
  try {
    if (typeof own === 'function') {
      (handlers as Map<string, unknown>).set(method, observed(own as AnyFunction, call, state));
      restore = () => (handlers as Map<string, unknown>).set(method, own);
    } else if (own === undefined && typeof fallback === 'function') {
      instance.fallbackNotificationHandler = observed(fallback as AnyFunction, call, state);
      restore = () => (instance.fallbackNotificationHandler = fallback);
    }
  } catch {
    restore = undefined;
  }
  try {
    return dispatch();
  } finally {
    restore?.();
    if (restore === undefined) call.endWithResult(undefined);
    else setImmediate(() => state.invoked || call.endWithResult(undefined)).unref();
  }
}
