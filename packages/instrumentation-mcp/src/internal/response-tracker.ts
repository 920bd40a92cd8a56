/**
 * Ends server spans when their response leaves: the transport's `send` is wrapped once per transport
 * and matches outgoing JSON-RPC responses to the pending server calls by id. This sees every response
 * the SDK writes (handler results, handler errors, "method not found", parse and era errors) without
 * touching the handlers themselves. Requests answered nowhere end on cancellation or connection close.
 */
import type { McpCall } from './mcp-call.js';
import type { TransportLike } from './session.js';

export class ResponseTracker {
  readonly pending = new Map<unknown, McpCall>();

  /** Registers a call awaiting its response; a call already waiting under the same id is ended first. */
  add(id: unknown, call: McpCall): void {
    this.pending.get(id)?.endWithType('duplicate_request_id');
    this.pending.set(id, call);
  }

  /** Removes and returns the call waiting under `id`. */
  take(id: unknown): McpCall | undefined {
    const call = this.pending.get(id);
    if (call !== undefined) this.pending.delete(id);
    return call;
  }

  /** Ends every waiting call, e.g. with `connection_closed`. */
  endAll(errorType: string): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.endWithType(errorType);
  }
}

const trackers = new WeakMap<object, ResponseTracker>();

type Send = (message: unknown, ...rest: unknown[]) => unknown;

function observe(tracker: ResponseTracker, message: unknown): void {
  if (tracker.pending.size === 0 || typeof message !== 'object' || message === null) return;
  const response = message as { id?: unknown; result?: unknown; error?: unknown; method?: unknown };
  if (response.id === undefined || response.method !== undefined) return;
  if (response.result === undefined && response.error === undefined) return;
  tracker.take(response.id)?.endWithResponse(response);
}

/**
 * The tracker of `transport`, wrapping its `send` on first use; `undefined` when the transport has no
 * `send` function or cannot be changed (then no server spans are made on it).
 */
export function trackerFor(transport: TransportLike | undefined): ResponseTracker | undefined {
  if (transport === undefined || transport === null) return undefined;
  const existing = trackers.get(transport);
  if (existing !== undefined) return existing;
  const send = transport.send;
  if (typeof send !== 'function') return undefined;
  const tracker = new ResponseTracker();
  const tracedSend: Send = function (this: unknown, message: unknown, ...rest: unknown[]) {
    try {
      observe(tracker, message);
    } catch {
      // Never in the way of the response.
    }
    return send.call(this, message, ...rest);
  };
  try {
    transport.send = tracedSend;
    if (transport.send !== tracedSend) return undefined;
  } catch {
    return undefined;
  }
  trackers.set(transport, tracker);
  return tracker;
}

/** The tracker of `transport` if one was made. */
export function existingTracker(transport: TransportLike | undefined): ResponseTracker | undefined {
  return transport === undefined || transport === null ? undefined : trackers.get(transport);
}
