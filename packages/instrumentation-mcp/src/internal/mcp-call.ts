/**
 * One traced MCP operation, client or server side: its span, its start time, and how it ends: the span
 * status and attributes, the tool payload summary and one measurement on the operation-duration histogram.
 * Every method is idempotent and never throws.
 */
import { SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_JSONRPC_REQUEST_ID,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_NETWORK_TRANSPORT,
  ATTR_RPC_STATUS_CODE,
} from '../semconv.js';
import { isThenable } from './functions.js';
import type { MessageInfo } from './message-info.js';
import { outcomeOfError, outcomeOfJsonRpcError, outcomeOfResult, SUCCESS, type Outcome } from './outcome.js';
import { noteInitializeResult, protocolVersionOf, type ProtocolLike, type SessionState } from './session.js';
import type { Telemetry } from './telemetry.js';
import { recordToolResult } from './tool-payload.js';

export class McpCall {
  private _ended = false;

  constructor(
    private readonly _telemetry: Telemetry,
    readonly span: Span,
    private readonly _kind: 'client' | 'server',
    private readonly _info: MessageInfo,
    /** The span's start attributes, reused for the metric. */
    private readonly _attributes: Attributes,
    private readonly _instance: ProtocolLike,
    private readonly _session: SessionState,
    private readonly _startedAt: number,
  ) {}

  /** Sets `jsonrpc.request.id` (known only once the SDK has assigned it). */
  setRequestId(id: unknown): void {
    if (typeof id === 'number' || (typeof id === 'string' && id.length <= 256)) {
      this.span.setAttribute(ATTR_JSONRPC_REQUEST_ID, String(id));
    }
  }

  /** The request resolved (client) or its JSON-RPC result was sent (server). */
  endWithResult(result: unknown): void {
    if (this._ended) return;
    try {
      noteInitializeResult(this._session, this._info.method, result);
      const outcome = outcomeOfResult(this._info.isToolCall, result);
      if (this._info.isToolCall) recordToolResult(this.span, this._telemetry.payload, result, outcome === SUCCESS);
      this._finish(outcome);
    } catch {
      this._finish(SUCCESS);
    }
  }

  /**
   * Ends with the outcome of `result`: at once for a plain value, when it settles for a thenable (its
   * value recorded when `recordValue`, e.g. a request's result; a rejection as an error).
   */
  endWhenSettled(result: unknown, recordValue: boolean): void {
    if (!isThenable(result)) {
      this.endWithResult(undefined);
      return;
    }
    result.then(
      (value) => this.endWithResult(recordValue ? value : undefined),
      (error: unknown) => this.endWithError(error),
    );
  }

  /** The request rejected (client side). */
  endWithError(error: unknown): void {
    if (!this._ended) this._finish(outcomeOfError(error));
  }

  /** A JSON-RPC response went out (server side). */
  endWithResponse(message: { result?: unknown; error?: unknown }): void {
    if (this._ended) return;
    if (message.error !== undefined) this._finish(outcomeOfJsonRpcError(message.error));
    else this.endWithResult(message.result);
  }

  /** Ended without a response: `cancelled`, `connection_closed`. */
  endWithType(errorType: string, message?: string): void {
    if (!this._ended) this._finish({ errorType, message });
  }

  private _finish(outcome: Outcome): void {
    this._ended = true;
    try {
      const seconds = (performance.now() - this._startedAt) / 1000;
      const span = this.span;
      const attributes = this._attributes;
      let version = attributes[ATTR_MCP_PROTOCOL_VERSION];
      if (version === undefined) {
        version = protocolVersionOf(this._instance, this._session);
        if (version !== undefined) span.setAttribute(ATTR_MCP_PROTOCOL_VERSION, version);
      }
      if (outcome.errorType !== undefined) {
        span.setAttribute(ATTR_ERROR_TYPE, outcome.errorType);
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.message });
      }
      if (outcome.statusCode !== undefined) span.setAttribute(ATTR_RPC_STATUS_CODE, outcome.statusCode);
      // The values of OPERATION_KEYS, in its order.
      const values = [
        attributes[ATTR_MCP_METHOD_NAME],
        attributes[ATTR_GEN_AI_TOOL_NAME],
        attributes[ATTR_GEN_AI_PROMPT_NAME],
        attributes[ATTR_GEN_AI_OPERATION_NAME],
        version,
        attributes[ATTR_NETWORK_TRANSPORT],
        outcome.errorType,
        outcome.statusCode,
      ];
      span.end();
      const { instruments } = this._telemetry;
      (this._kind === 'client' ? instruments.clientOperation : instruments.serverOperation).record(seconds, values);
    } catch {
      // Telemetry failure: the operation itself is unaffected.
    }
  }
}
