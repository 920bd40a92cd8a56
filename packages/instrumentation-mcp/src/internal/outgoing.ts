/**
 * Outgoing requests and notifications (`Protocol.request` / `notification` in SDK 1.x, the
 * `_requestWithSchemaViaCodec` / `_notificationViaCodec` funnels in 2.x): one CLIENT span each, the W3C
 * context injected into the message's `params._meta`, the SDK's call made inside the span. The SDK's
 * promise is returned as is: its value, its rejection and its timing reach the caller unchanged.
 */
import { context, SpanKind, trace } from '@opentelemetry/api';
import { McpCall } from './mcp-call.js';
import { describeMessage } from './message-info.js';
import { withTraceMeta } from './meta-context.js';
import { addSessionAttributes, noteHandshake, sessionOf, type ProtocolLike } from './session.js';
import type { Telemetry } from './telemetry.js';
import { recordToolArguments } from './tool-payload.js';
import type { AnyFunction } from './functions.js';

/**
 * Wraps an outgoing funnel whose message is argument `messageIndex`.
 *
 * @param kind `request` (expects a response, gets `jsonrpc.request.id`) or `notification`
 */
export function wrapOutgoing(telemetry: Telemetry, original: AnyFunction, messageIndex: number, kind: 'request' | 'notification'): AnyFunction {
  return function tracedOutgoing(this: ProtocolLike, ...args: unknown[]): unknown {
    let call: McpCall | undefined;
    let idBefore: unknown;
    let ctx = context.active();
    try {
      const info = describeMessage(args[messageIndex]);
      if (info !== undefined) {
        const session = sessionOf(this);
        if (kind === 'request') noteHandshake(session, info.method, 'client');
        const attributes = info.attributes;
        addSessionAttributes(attributes, this, session);
        const span = telemetry.tracer.startSpan(info.spanName, { kind: SpanKind.CLIENT, attributes }, ctx);
        call = new McpCall(telemetry, span, 'client', info, attributes, this, session, performance.now());
        if (info.isToolCall) recordToolArguments(span, telemetry.payload, info.toolArguments);
        ctx = trace.setSpan(ctx, span);
        args[messageIndex] = withTraceMeta(args[messageIndex] as object, ctx);
        idBefore = this._requestMessageId;
      }
    } catch {
      // Telemetry failure: send the message as the app gave it.
    }
    if (call === undefined) return original.apply(this, args);
    let result: unknown;
    try {
      // Reflect.apply as the callback: no closure allocated per call.
      result = context.with(ctx, Reflect.apply, undefined, original, this, args);
    } catch (error) {
      call.endWithError(error);
      throw error;
    }
    if (kind === 'request' && typeof idBefore === 'number' && this._requestMessageId === idBefore + 1) call.setRequestId(idBefore);
    call.endWhenSettled(result, kind === 'request');
    return result;
  };
}
