/**
 * Session boundaries: `connect()` starts the session clock, `_onclose()` records the session duration
 * (client or server histogram, by the side that sent `initialize`) and ends the server spans still
 * waiting for a response with `error.type` `connection_closed`.
 */
import { existingTracker } from './response-tracker.js';
import { networkTransportOf, protocolVersionOf, sessionOf, type ProtocolLike } from './session.js';
import type { Telemetry } from './telemetry.js';
import type { AnyFunction } from './functions.js';

export function wrapConnect(original: AnyFunction): AnyFunction {
  return function tracedConnect(this: ProtocolLike, ...args: unknown[]): unknown {
    try {
      const state = sessionOf(this);
      state.startedAt ??= performance.now();
    } catch {
      // Never in the way of the connection.
    }
    return original.apply(this, args);
  };
}

function recordSession(telemetry: Telemetry, instance: ProtocolLike): void {
  const state = sessionOf(instance);
  const startedAt = state.startedAt;
  state.startedAt = undefined;
  if (startedAt === undefined || state.role === undefined) return;
  const histogram = state.role === 'client' ? telemetry.instruments.clientSession : telemetry.instruments.serverSession;
  // The values of SESSION_KEYS, in its order.
  histogram.record((performance.now() - startedAt) / 1000, [protocolVersionOf(instance, state), networkTransportOf(instance._transport)]);
}

export function wrapOnClose(telemetry: Telemetry, original: AnyFunction): AnyFunction {
  return function tracedOnClose(this: ProtocolLike, ...args: unknown[]): unknown {
    try {
      existingTracker(this._transport)?.endAll('connection_closed');
      recordSession(telemetry, this);
    } catch {
      // Never in the way of the close.
    }
    return original.apply(this, args);
  };
}
