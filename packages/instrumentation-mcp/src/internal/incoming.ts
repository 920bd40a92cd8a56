/**
 * Incoming requests (`Protocol._onrequest`, SDK 1.x and 2.x): one SERVER span each, parented on the
 * context extracted from `params._meta` (the ambient context, e.g. an HTTP server span, is linked), and
 * the SDK's dispatch run inside it, so the handler and everything it does (logs, LLM calls, HTTP calls)
 * belong to the span. The handler itself is not wrapped: its results and errors reach the SDK as before.
 */
import { context, SpanKind, trace, type Context, type Link } from '@opentelemetry/api';
import { McpCall } from './mcp-call.js';
import { describeMessage } from './message-info.js';
import { extractMetaContext } from './meta-context.js';
import { dispatchObserved } from './notification-handler.js';
import { existingTracker, trackerFor } from './response-tracker.js';
import { addSessionAttributes, noteHandshake, sessionOf, type ProtocolLike } from './session.js';
import type { Telemetry } from './telemetry.js';
import { recordToolArguments } from './tool-payload.js';
import type { AnyFunction } from './functions.js';

/** Context of the request: the `_meta` parent when there is one (the ambient span then linked), else the ambient context. */
function parentContext(ambient: Context, params: unknown): { parent: Context; links: Link[] | undefined } {
  const parent = extractMetaContext(ambient, params);
  if (parent === ambient) return { parent, links: undefined };
  const remote = trace.getSpanContext(parent);
  const local = trace.getSpanContext(ambient);
  const links = local !== undefined && remote !== local && local.spanId !== remote?.spanId ? [{ context: local }] : undefined;
  return { parent, links };
}

export function wrapOnRequest(telemetry: Telemetry, original: AnyFunction): AnyFunction {
  return function tracedOnRequest(this: ProtocolLike, ...args: unknown[]): unknown {
    let call: McpCall | undefined;
    let ctx: Context | undefined;
    let id: unknown;
    try {
      const request = args[0] as { id?: unknown; params?: unknown } | undefined;
      const info = describeMessage(request);
      if (info !== undefined) {
        const { parent, links } = parentContext(context.active(), request!.params);
        ctx = parent;
        const tracker = trackerFor(this._transport);
        if (tracker !== undefined) {
          const session = sessionOf(this);
          noteHandshake(session, info.method, 'server');
          const attributes = info.attributes;
          addSessionAttributes(attributes, this, session);
          const span = telemetry.tracer.startSpan(info.spanName, { kind: SpanKind.SERVER, attributes, links }, parent);
          call = new McpCall(telemetry, span, 'server', info, attributes, this, session, performance.now());
          id = request!.id;
          call.setRequestId(id);
          if (info.isToolCall) recordToolArguments(span, telemetry.payload, info.toolArguments);
          tracker.add(id, call);
          ctx = trace.setSpan(parent, span);
        }
      }
    } catch {
      // Telemetry failure: dispatch as if uninstrumented.
    }
    if (ctx === undefined) return original.apply(this, args);
    try {
      return context.with(ctx, Reflect.apply, undefined, original, this, args);
    } catch (error) {
      if (call !== undefined) {
        existingTracker(this._transport)?.take(id);
        call.endWithError(error);
      }
      throw error;
    }
  };
}

/**
 * `_onnotification`: one SERVER span per incoming notification, parented like a request's, from the
 * dispatch until its handler settles (see `dispatchObserved`). The SDK runs the handler on a later
 * microtask inside the span's context, so its logs and spans join the trace.
 */
export function wrapOnNotification(telemetry: Telemetry, original: AnyFunction): AnyFunction {
  return function tracedOnNotification(this: ProtocolLike, ...args: unknown[]): unknown {
    let call: McpCall | undefined;
    let ctx: Context | undefined;
    let method = '';
    try {
      const notification = args[0] as { params?: unknown } | undefined;
      const info = describeMessage(notification);
      if (info !== undefined) {
        const { parent, links } = parentContext(context.active(), notification!.params);
        const session = sessionOf(this);
        addSessionAttributes(info.attributes, this, session);
        const span = telemetry.tracer.startSpan(info.spanName, { kind: SpanKind.SERVER, attributes: info.attributes, links }, parent);
        call = new McpCall(telemetry, span, 'server', info, info.attributes, this, session, performance.now());
        ctx = trace.setSpan(parent, span);
        method = (notification as { method: string }).method;
      }
    } catch {
      // Telemetry failure: dispatch as if uninstrumented.
    }
    if (call === undefined) return original.apply(this, args);
    const dispatch = () => original.apply(this, args);
    try {
      return context.with(ctx!, dispatchObserved, undefined, this, method, call, dispatch);
    } catch (error) {
      call.endWithError(error);
      throw error;
    }
  };
}

/** `_oncancel`: the cancelled request's span ends with `error.type` `cancelled` (the SDK sends no response). */
export function wrapOnCancel(original: AnyFunction): AnyFunction {
  return function tracedOnCancel(this: ProtocolLike, ...args: unknown[]): unknown {
    try {
      const params = (args[0] as { params?: { requestId?: unknown; reason?: unknown } } | undefined)?.params;
      const call = existingTracker(this._transport)?.take(params?.requestId);
      call?.endWithType('cancelled', typeof params?.reason === 'string' ? params.reason.slice(0, 1024) : undefined);
    } catch {
      // Never in the way of the cancellation.
    }
    return original.apply(this, args);
  };
}
