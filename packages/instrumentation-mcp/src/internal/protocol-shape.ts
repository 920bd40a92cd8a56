/**
 * Which methods of the SDK's `Protocol` class carry outgoing requests and notifications, per SDK line,
 * and which ones both lines share. An unknown shape is left unpatched.
 */

/** Where outgoing messages go through, and at which argument the message is. */
export interface ProtocolShape {
  request: string;
  requestIndex: number;
  notification: string;
  notificationIndex: number;
}

/** SDK 2.x: every outgoing request (`request()`, `ctx.mcpReq.send`, retries) goes through one funnel. */
const SHAPE_V2: ProtocolShape = {
  request: '_requestWithSchemaViaCodec',
  requestIndex: 1,
  notification: '_notificationViaCodec',
  notificationIndex: 1,
};

/** SDK 1.x: `request()` and `notification()` themselves (handlers' `sendRequest` calls `request()`). */
const SHAPE_V1: ProtocolShape = { request: 'request', requestIndex: 0, notification: 'notification', notificationIndex: 0 };

/** Patched on both lines: incoming dispatch, cancellation, connection start and close. */
export const SHARED_METHODS = ['_onrequest', '_onnotification', '_oncancel', '_onclose', 'connect'] as const;

/** The shape of a `Protocol.prototype`, or `undefined` when it is not one we know. */
export function detectShape(proto: unknown): ProtocolShape | undefined {
  if (typeof proto !== 'object' || proto === null) return undefined;
  const has = (name: string) => typeof (proto as Record<string, unknown>)[name] === 'function';
  if (!SHARED_METHODS.every(has)) return undefined;
  if (has(SHAPE_V2.request) && has(SHAPE_V2.notification)) return SHAPE_V2;
  if (has('_requestWithSchema') || has('_requestWithSchemaViaCodec')) return undefined;
  if (has(SHAPE_V1.request) && has(SHAPE_V1.notification)) return SHAPE_V1;
  return undefined;
}
