/**
 * Per-connection facts: which side of the session this `Protocol` instance is (the one that sends
 * `initialize` is the client), the negotiated protocol version, the transport kind and session id, and
 * when the session started (for the session-duration histograms).
 */
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_MCP_SESSION_ID,
  ATTR_NETWORK_TRANSPORT,
  NETWORK_TRANSPORT_VALUE_PIPE,
  NETWORK_TRANSPORT_VALUE_TCP,
} from '../semconv.js';

/** The fields of the SDK's `Protocol` (1.x and 2.x) we read; all may be absent. */
export interface ProtocolLike {
  _transport?: TransportLike;
  _requestMessageId?: unknown;
  _negotiatedProtocolVersion?: unknown;
}

/** The fields of an SDK transport we read or wrap. */
export interface TransportLike {
  sessionId?: unknown;
  send?: (message: unknown, ...rest: unknown[]) => unknown;
}

/** What is known about one `Protocol` instance's session. */
export interface SessionState {
  role: 'client' | 'server' | undefined;
  protocolVersion: string | undefined;
  /** `performance.now()` at `connect()`. */
  startedAt: number | undefined;
}

const sessions = new WeakMap<object, SessionState>();
const transportKinds = new WeakMap<object, string | null>();

const HANDSHAKE_METHODS = new Set(['initialize', 'server/discover']);

export function sessionOf(instance: object): SessionState {
  let state = sessions.get(instance);
  if (state === undefined) {
    state = { role: undefined, protocolVersion: undefined, startedAt: undefined };
    sessions.set(instance, state);
  }
  return state;
}

/** Notes the role of an instance from a handshake method it sends (`client`) or receives (`server`). */
export function noteHandshake(state: SessionState, method: string, role: 'client' | 'server'): void {
  if (state.role === undefined && HANDSHAKE_METHODS.has(method)) state.role = role;
}

/** Notes the protocol version from an `initialize` result. */
export function noteInitializeResult(state: SessionState, method: string, result: unknown): void {
  if (method !== 'initialize' || typeof result !== 'object' || result === null) return;
  const version = (result as { protocolVersion?: unknown }).protocolVersion;
  if (typeof version === 'string' && version.length <= 64) state.protocolVersion = version;
}

export function protocolVersionOf(instance: ProtocolLike, state: SessionState): string | undefined {
  const negotiated = instance._negotiatedProtocolVersion;
  return typeof negotiated === 'string' ? negotiated : state.protocolVersion;
}

/** `pipe` for stdio transports, `tcp` for HTTP and SSE ones, `undefined` for in-memory and unknown ones. */
export function networkTransportOf(transport: object | undefined): string | undefined {
  if (transport === undefined) return undefined;
  let kind = transportKinds.get(transport);
  if (kind === undefined) {
    const name = (transport as { constructor?: { name?: unknown } }).constructor?.name;
    const text = typeof name === 'string' ? name : '';
    kind = /stdio/i.test(text) ? NETWORK_TRANSPORT_VALUE_PIPE : /http|sse/i.test(text) ? NETWORK_TRANSPORT_VALUE_TCP : null;
    transportKinds.set(transport, kind);
  }
  return kind ?? undefined;
}

/** Adds `mcp.session.id`, `mcp.protocol.version` and `network.transport` when known. */
export function addSessionAttributes(attributes: Attributes, instance: ProtocolLike, state: SessionState): void {
  const transport = instance._transport;
  const sessionId = transport?.sessionId;
  if (typeof sessionId === 'string' && sessionId.length <= 256) attributes[ATTR_MCP_SESSION_ID] = sessionId;
  const version = protocolVersionOf(instance, state);
  if (version !== undefined) attributes[ATTR_MCP_PROTOCOL_VERSION] = version;
  const network = networkTransportOf(transport);
  if (network !== undefined) attributes[ATTR_NETWORK_TRANSPORT] = network;
}
