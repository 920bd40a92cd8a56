/**
 * How an MCP operation ended, in convention terms: `error.type` (the JSON-RPC error code, `tool_error`
 * for a tool result with `isError: true`), `rpc.status_code` (a JSON-RPC error code from the
 * peer) and the status description (the error message).
 */
import { ERROR_TYPE_VALUE_OTHER, ERROR_TYPE_VALUE_TOOL_ERROR } from '../semconv.js';

/** The end of an operation; all fields absent for a success. */
export interface Outcome {
  errorType?: string;
  statusCode?: string;
  message?: string;
}

/** Longest status description kept. */
const MAX_MESSAGE = 1024;

export const SUCCESS: Outcome = Object.freeze({});

function cut(value: string): string {
  return value.length > MAX_MESSAGE ? value.slice(0, MAX_MESSAGE) : value;
}

function messageOf(value: unknown): string | undefined {
  return typeof value === 'string' ? cut(value) : undefined;
}

/** The first text block of a tool result, its error message by the SDKs' convention. */
function toolErrorMessage(result: { content?: unknown }): string | undefined {
  if (!Array.isArray(result.content)) return undefined;
  for (const block of result.content as unknown[]) {
    if (typeof block === 'object' && block !== null && (block as { type?: unknown }).type === 'text') {
      return messageOf((block as { text?: unknown }).text);
    }
  }
  return undefined;
}

/** The outcome of a successful JSON-RPC result: `tool_error` for a `tools/call` result with `isError: true`. */
export function outcomeOfResult(isToolCall: boolean, result: unknown): Outcome {
  if (!isToolCall || typeof result !== 'object' || result === null) return SUCCESS;
  if ((result as { isError?: unknown }).isError !== true) return SUCCESS;
  return { errorType: ERROR_TYPE_VALUE_TOOL_ERROR, message: toolErrorMessage(result as { content?: unknown }) };
}

/** The outcome of a JSON-RPC `error` object as sent on the wire. */
export function outcomeOfJsonRpcError(error: unknown): Outcome {
  if (typeof error !== 'object' || error === null) return { errorType: ERROR_TYPE_VALUE_OTHER };
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'number' && Number.isFinite(code)) {
    const text = String(code);
    return { errorType: text, statusCode: text, message: messageOf(message) };
  }
  return { errorType: ERROR_TYPE_VALUE_OTHER, message: messageOf(message) };
}

/**
 * The outcome of an error a request rejected with: a numeric `code` is a JSON-RPC code (from the peer,
 * or the SDK's own, e.g. -32001 request timeout in SDK 1.x); a string `code` is an SDK 2.x local error
 * (`REQUEST_TIMEOUT`, `CONNECTION_CLOSED`, …); otherwise the error's class name.
 */
export function outcomeOfError(error: unknown): Outcome {
  if (typeof error !== 'object' || error === null) return { errorType: ERROR_TYPE_VALUE_OTHER, message: messageOf(error) };
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'number' && Number.isFinite(code)) return outcomeOfJsonRpcError(error);
  if (typeof code === 'string' && code !== '') return { errorType: cut(code), message: messageOf(message) };
  const name = (error as { name?: unknown }).name;
  return { errorType: typeof name === 'string' && name !== '' ? cut(name) : ERROR_TYPE_VALUE_OTHER, message: messageOf(message) };
}
