import { context, diag, type Context } from '@opentelemetry/api';
import { obj, str } from '../../internal/adapters/adapter.js';
import { withFrameworkModelCall } from '../../internal/framework-call.js';
import type { LlmCall } from '../../internal/llm-call.js';
import { endpointFor } from '../../internal/server-info.js';
import * as semconv from '../../semconv.js';
import { OpenSpan } from '../open-span.js';
import { finishReason, providerName, readOutput, readUsage } from './events.js';
import { chatAdapter, embeddingsAdapter, operationSpanStart, toolResultAttributes, toolSpanStart, type AiSdkHost } from './model-calls.js';

/** One AI SDK operation (`callId`): its parent span, its open model call and its open tool executions. */
interface Operation {
  readonly root: OpenSpan | undefined;
  readonly stream: boolean;
  readonly object: boolean;
  model: LlmCall | undefined;
  modelContext: Context | undefined;
  readonly embeds: Map<string, LlmCall>;
  readonly tools: Map<string, OpenSpan>;
}

const TEXT_OPERATIONS = new Set(['ai.generateText', 'ai.streamText', 'ai.generateObject', 'ai.streamObject']);
const STREAMING = new Set(['ai.streamText', 'ai.streamObject']);
const OBJECT = new Set(['ai.generateObject', 'ai.streamObject']);
const EMBED = new Set(['ai.embed', 'ai.embedMany']);
/** Open operations beyond this are not traced (an app that never ends them must not grow the map). */
const MAX_OPEN_OPERATIONS = 10_000;

function event(value: unknown): Record<string, unknown> {
  return obj(value);
}

/**
 * A telemetry integration (the `Telemetry` interface of `ai` 7, registered in
 * `globalThis.AI_SDK_TELEMETRY_INTEGRATIONS`): each text or object operation is one `invoke_agent` span
 * with one `chat {model}` span per model call and one `execute_tool {tool}` span per tool execution under
 * it; `embed` / `embedMany` make one `embeddings {model}` span per model call. The model and tool spans are
 * active while the SDK runs the provider call and the tool, so HTTP spans, MCP calls and anything the tool
 * does nest under them. Every method catches what it throws.
 */
export class AiSdkTelemetry {
  private readonly _operations = new Map<string, Operation>();
  private readonly _host: AiSdkHost;
  /** Counted, not silent: operations not traced because {@link MAX_OPEN_OPERATIONS} were open. */
  dropped = 0;

  constructor(host: AiSdkHost) {
    this._host = host;
  }

  get openOperations(): number {
    return this._operations.size;
  }

  onStart(raw: unknown): void {
    guard('onStart', () => {
      const e = event(raw);
      const callId = str(e.callId);
      const operationId = str(e.operationId);
      if (callId === undefined || operationId === undefined) return;
      if (this._operations.size >= MAX_OPEN_OPERATIONS) {
        this.dropped++;
        return;
      }
      let root: OpenSpan | undefined;
      if (TEXT_OPERATIONS.has(operationId)) {
        const start = operationSpanStart(e.functionId, providerName(e.provider), e.modelId, OBJECT.has(operationId));
        root = new OpenSpan(this._host.telemetry, start, context.active());
      } else if (!EMBED.has(operationId)) {
        return;
      }
      this._operations.set(callId, {
        root,
        stream: STREAMING.has(operationId),
        object: OBJECT.has(operationId),
        model: undefined,
        modelContext: undefined,
        embeds: new Map(),
        tools: new Map(),
      });
    });
  }

  onLanguageModelCallStart(raw: unknown): void {
    guard('onLanguageModelCallStart', () => this._startModelCall(event(raw)));
  }

  onObjectStepStart(raw: unknown): void {
    guard('onObjectStepStart', () => this._startModelCall(event(raw)));
  }

  onLanguageModelCallEnd(raw: unknown): void {
    guard('onLanguageModelCallEnd', () => {
      const e = event(raw);
      const call = this._takeModelCall(e);
      if (call === undefined) return;
      readUsage(e.usage, call);
      call.responseId = str(e.responseId) ?? call.responseId;
      call.responseModel = str(e.modelId) ?? call.responseModel;
      readOutput(e.content, finishReason(e.finishReason), call);
      this._endpoint(e.request, call);
      call.end();
    });
  }

  onObjectStepEnd(raw: unknown): void {
    guard('onObjectStepEnd', () => {
      const e = event(raw);
      const call = this._takeModelCall(e);
      if (call === undefined) return;
      readUsage(e.usage, call);
      const response = obj(e.response);
      call.responseId = str(response.id) ?? call.responseId;
      call.responseModel = str(response.modelId) ?? call.responseModel;
      const finish = finishReason(e.finishReason);
      call.choice(0).finish = finish;
      if (call.capture && typeof e.objectText === 'string') call.choice(0).text = e.objectText;
      call.end();
    });
  }

  onStepError(raw: unknown): void {
    guard('onStepError', () => {
      const e = event(raw);
      const operation = this._operations.get(str(e.callId) ?? '');
      if (operation?.model === undefined) return;
      operation.model.end(e.error ?? new Error('AI SDK step failed'));
      operation.model = undefined;
      operation.modelContext = undefined;
    });
  }

  onEmbedStart(raw: unknown): void {
    guard('onEmbedStart', () => {
      const e = event(raw);
      const operation = this._operations.get(str(e.callId) ?? '');
      const embedCallId = str(e.embedCallId);
      if (operation === undefined || embedCallId === undefined) return;
      const endpoint = { provider: providerName(e.provider), address: undefined, port: undefined };
      const call = this._host.startModelCall(embeddingsAdapter, { event: e, stream: false }, endpoint, operation.root?.context ?? context.active());
      if (call !== undefined) operation.embeds.set(embedCallId, call);
    });
  }

  onEmbedEnd(raw: unknown): void {
    guard('onEmbedEnd', () => {
      const e = event(raw);
      const operation = this._operations.get(str(e.callId) ?? '');
      const embedCallId = str(e.embedCallId) ?? '';
      const call = operation?.embeds.get(embedCallId);
      if (operation === undefined || call === undefined) return;
      operation.embeds.delete(embedCallId);
      readUsage(e.usage, call);
      call.end();
    });
  }

  onToolExecutionStart(raw: unknown): void {
    guard('onToolExecutionStart', () => {
      const e = event(raw);
      const operation = this._operations.get(str(e.callId) ?? '');
      const toolCall = obj(e.toolCall);
      const toolCallId = str(toolCall.toolCallId);
      if (operation === undefined || toolCallId === undefined) return;
      const { telemetry } = this._host;
      const start = toolSpanStart(telemetry, toolCall.toolName, toolCallId, toolCall.input);
      operation.tools.set(toolCallId, new OpenSpan(telemetry, start, operation.root?.context ?? context.active()));
    });
  }

  onToolExecutionEnd(raw: unknown): void {
    guard('onToolExecutionEnd', () => {
      const e = event(raw);
      const operation = this._operations.get(str(e.callId) ?? '');
      const toolCallId = str(obj(e.toolCall).toolCallId) ?? '';
      const tool = operation?.tools.get(toolCallId);
      if (operation === undefined || tool === undefined) return;
      operation.tools.delete(toolCallId);
      const output = obj(e.toolOutput);
      if (output.type === 'tool-error') {
        tool.end(output.error ?? new Error('tool failed'));
        return;
      }
      tool.end(undefined, 'output' in output ? toolResultAttributes(this._host.telemetry, output.output) : undefined);
    });
  }

  onEnd(raw: unknown): void {
    guard('onEnd', () => this._finish(event(raw), undefined));
  }

  onAbort(raw: unknown): void {
    guard('onAbort', () => this._finish(event(raw), undefined));
  }

  onError(raw: unknown): void {
    guard('onError', () => {
      const e = event(raw);
      this._finish(e, e.error ?? new Error('AI SDK operation failed'));
    });
  }

  /** Runs the provider call with its model span active; the provider instrumentations then add no span. */
  executeLanguageModelCall<T>(options: { callId?: unknown; execute: () => PromiseLike<T> }): PromiseLike<T> {
    const operation = this._operations.get(str(options.callId) ?? '');
    const parent = operation?.modelContext;
    if (parent === undefined) return options.execute();
    return context.with(withFrameworkModelCall(parent, { owner: 'framework', covered: false }), options.execute);
  }

  /** Runs the tool with its `execute_tool` span active, so what the tool does (MCP calls) nests under it. */
  executeTool<T>(options: { callId?: unknown; toolCallId?: unknown; execute: () => PromiseLike<T> }): PromiseLike<T> {
    const tool = this._operations.get(str(options.callId) ?? '')?.tools.get(str(options.toolCallId) ?? '');
    if (tool === undefined) return options.execute();
    return context.with(tool.context, options.execute);
  }

  /** The model call open in the event's operation, detached from it (the step ends), if any. */
  private _takeModelCall(e: Record<string, unknown>): LlmCall | undefined {
    const operation = this._operations.get(str(e.callId) ?? '');
    const call = operation?.model;
    if (operation === undefined || call === undefined) return undefined;
    operation.model = undefined;
    operation.modelContext = undefined;
    return call;
  }

  private _startModelCall(e: Record<string, unknown>): void {
    const operation = this._operations.get(str(e.callId) ?? '');
    if (operation === undefined) return;
    const endpoint = { provider: providerName(e.provider), address: undefined, port: undefined };
    const parent = operation.root?.context ?? context.active();
    const call = this._host.startModelCall(chatAdapter, { event: e, stream: operation.stream }, endpoint, parent);
    if (call === undefined) return;
    if (operation.object) call.span.setAttribute(semconv.ATTR_GEN_AI_OUTPUT_TYPE, 'json');
    operation.model?.end();
    operation.model = call;
    operation.modelContext = call.context;
  }

  private _endpoint(request: unknown, call: LlmCall): void {
    const url = str(obj(request).url);
    if (url === undefined) return;
    const resolved = endpointFor(url, call.provider);
    call.setEndpoint({ provider: call.provider, address: resolved.address, port: resolved.port });
  }

  private _finish(e: Record<string, unknown>, error: unknown): void {
    const callId = str(e.callId) ?? '';
    const operation = this._operations.get(callId);
    if (operation === undefined) return;
    this._operations.delete(callId);
    operation.model?.end(error);
    for (const call of operation.embeds.values()) call.end(error);
    for (const tool of operation.tools.values()) tool.end(error);
    operation.root?.end(error);
  }
}

function guard(what: string, fn: () => void): void {
  try {
    fn();
  } catch (problem) {
    diag.debug(`@sightline/instrumentation-llm: AI SDK ${what} could not be recorded`, problem);
  }
}
