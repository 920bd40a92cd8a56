import {
  context,
  diag,
  INVALID_SPAN_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type AttributeValue,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  type TimeInput,
  type Tracer,
} from '@opentelemetry/api';
import { str } from '../../../internal/adapters/adapter.js';
import { withFrameworkModelCall } from '../../../internal/framework-call.js';
import type { LlmCall } from '../../../internal/llm-call.js';
import * as semconv from '../../../semconv.js';
import { OpenSpan } from '../../open-span.js';
import { finishReason, providerName, readOutput, readUsage } from '../events.js';
import { chatAdapter, embeddingsAdapter, operationSpanStart, toolResultAttributes, toolSpanStart, type AiSdkHost } from '../model-calls.js';
import { modelCallEvent, outputContent, spanRole, toolArguments, toolResult, usageOf, type SpanRole } from './span-attributes.js';

/**
 * The tracer `ai` 6 is given (`experimental_telemetry.tracer`): it makes none of the SDK's `ai.*` spans
 * and translates them into ours, the same as the `ai` 7 path makes — `invoke_agent` for
 * `ai.generateText` / `ai.streamText` / `ai.generateObject` / `ai.streamObject`, a `chat {model}` model
 * call for each `ai.*.doGenerate` / `ai.*.doStream`, an `embeddings {model}` one for each
 * `ai.embed(Many).doEmbed`, `execute_tool {tool}` for each `ai.toolCall`, nothing for the rest — from the
 * attributes the SDK sets on them. The SDK runs each step inside `startActiveSpan`, so the model span is
 * active (with the framework mark) while the provider call runs, and the tool span while the tool runs.
 * Nothing here throws to the SDK.
 */
export class SpanTranslator {
  private readonly _host: AiSdkHost;
  /** Our operation and model spans → the operation's context: the parent of the model and tool spans. */
  private readonly _operations = new WeakMap<Span, Context>();

  constructor(host: AiSdkHost) {
    this._host = host;
  }

  /** This translator as the `Tracer` the SDK calls. */
  get tracer(): Tracer {
    return this as unknown as Tracer;
  }

  startSpan(name: string, options?: SpanOptions, ctx: Context = context.active()): Span {
    return this._start(name, options, ctx);
  }

  startActiveSpan(name: string, ...args: unknown[]): unknown {
    const fn = args[args.length - 1] as (span: Span) => unknown;
    const options = args.length >= 2 ? (args[0] as SpanOptions | undefined) : undefined;
    const ctx = args.length >= 3 ? ((args[1] as Context | undefined) ?? context.active()) : context.active();
    const span = this._start(name, options, ctx);
    return context.with(span.activeContext, () => span.run(fn));
  }

  private _start(name: string, options: SpanOptions | undefined, parent: Context): TranslatedSpan {
    const attributes: Attributes = { ...options?.attributes };
    const role = spanRole(name);
    try {
      return this._translate(role, name, attributes, parent);
    } catch (problem) {
      diag.debug(`@sightline/instrumentation-llm: AI SDK span ${name} could not be recorded`, problem);
      return new TranslatedSpan('none', attributes, parent, undefined, undefined, this._host);
    }
  }

  private _translate(role: SpanRole, name: string, attributes: Attributes, parent: Context): TranslatedSpan {
    const { telemetry } = this._host;
    const provider = providerName(attributes['ai.model.provider']);
    const endpoint = { provider, address: undefined, port: undefined };
    const operation = this._operationContext(parent) ?? parent;
    switch (role) {
      case 'operation':
      case 'object-operation': {
        const start = operationSpanStart(attributes['ai.telemetry.functionId'], provider, attributes['ai.model.id'], role === 'object-operation');
        const root = new OpenSpan(telemetry, start, parent);
        this._operations.set(root.span, root.context);
        return new TranslatedSpan(role, attributes, root.context, root, undefined, this._host);
      }
      case 'model':
      case 'stream-model':
      case 'embed-model': {
        const embed = role === 'embed-model';
        const params = { event: modelCallEvent(attributes), stream: role === 'stream-model' };
        const call = this._host.startModelCall(embed ? embeddingsAdapter : chatAdapter, params, endpoint, embed ? parent : operation);
        if (call === undefined) return new TranslatedSpan('none', attributes, parent, undefined, undefined, this._host);
        if (name.startsWith('ai.generateObject') || name.startsWith('ai.streamObject')) call.span.setAttribute(semconv.ATTR_GEN_AI_OUTPUT_TYPE, 'json');
        this._operations.set(call.span, operation);
        const active = withFrameworkModelCall(call.context, { owner: 'framework', covered: false });
        return new TranslatedSpan(role, attributes, active, undefined, call, this._host);
      }
      case 'tool': {
        const args = telemetry.config.captureMessageContent ? toolArguments(attributes) : undefined;
        const start = toolSpanStart(telemetry, attributes['ai.toolCall.name'], str(attributes['ai.toolCall.id']) ?? '', args);
        const tool = new OpenSpan(telemetry, start, operation);
        return new TranslatedSpan(role, attributes, tool.context, tool, undefined, this._host);
      }
      default:
        return new TranslatedSpan('none', attributes, parent, undefined, undefined, this._host);
    }
  }

  /** The operation an active span of ours belongs to (the SDK may start a step in the previous step's context). */
  private _operationContext(ctx: Context): Context | undefined {
    const span = trace.getSpan(ctx);
    return span === undefined ? undefined : this._operations.get(span);
  }
}

/**
 * One `ai.*` span as the SDK sees it: it keeps the attributes the SDK sets and, when the SDK ends it,
 * ends ours with them. A span the SDK marks failed (`recordException`, status ERROR) ends with the error the
 * SDK's callback rejects with, when it does, so `error.type` is the error's class as on the `ai` 7 path.
 */
class TranslatedSpan implements Span {
  readonly activeContext: Context;
  private readonly _role: SpanRole;
  private readonly _attributes: Attributes;
  private readonly _open: OpenSpan | undefined;
  private readonly _call: LlmCall | undefined;
  private readonly _host: AiSdkHost;
  private _exception: unknown;
  private _failed = false;
  private _pending = false;
  private _endRequested = false;
  private _done = false;

  constructor(role: SpanRole, attributes: Attributes, activeContext: Context, open: OpenSpan | undefined, call: LlmCall | undefined, host: AiSdkHost) {
    this._role = role;
    this._attributes = attributes;
    this.activeContext = activeContext;
    this._open = open;
    this._call = call;
    this._host = host;
  }

  /** Runs the SDK's callback; its rejection is the error this span ends with. */
  run(fn: (span: Span) => unknown): unknown {
    // Pending from the start: an async callback may fail and end the span before it first awaits.
    this._pending = true;
    let result: unknown;
    try {
      result = fn(this);
    } catch (error) {
      this._settle(error, true);
      throw error;
    }
    if (this._role === 'none' || typeof (result as PromiseLike<unknown> | null)?.then !== 'function') {
      this._settle(undefined, false);
    } else {
      (result as PromiseLike<unknown>).then(
        () => this._settle(undefined, false),
        (error: unknown) => this._settle(error, true),
      );
    }
    return result;
  }

  /** The callback settled: a rejection ends the span with its error, else a deferred end happens now. */
  private _settle(error: unknown, rejected: boolean): void {
    this._pending = false;
    if (rejected) this._finish(error);
    else if (this._endRequested) this._finish(this._exception);
  }

  spanContext(): SpanContext {
    return (this._open?.span ?? this._call?.span)?.spanContext() ?? INVALID_SPAN_CONTEXT;
  }

  setAttribute(key: string, value: AttributeValue): this {
    this._attributes[key] = value;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    if (typeof attributes === 'object' && attributes !== null) Object.assign(this._attributes, attributes);
    return this;
  }

  addEvent(name: string): this {
    if (name === 'ai.stream.firstChunk') this._call?.chunk();
    return this;
  }

  addLink(_link: Link): this {
    return this;
  }

  addLinks(_links: Link[]): this {
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (status?.code === SpanStatusCode.ERROR) {
      this._failed = true;
      this._exception ??= new Error(status.message ?? 'AI SDK operation failed');
    }
    return this;
  }

  updateName(_name: string): this {
    return this;
  }

  recordException(exception: unknown, _time?: TimeInput): void {
    this._exception = exception;
  }

  isRecording(): boolean {
    return this._role !== 'none';
  }

  end(_endTime?: TimeInput): void {
    if (this._failed && this._pending) this._endRequested = true;
    else this._finish(this._failed ? this._exception : undefined);
  }

  private _finish(error: unknown): void {
    if (this._done || this._role === 'none') return;
    this._done = true;
    try {
      const a = this._attributes;
      const call = this._call;
      if (call !== undefined) {
        readUsage(usageOf(a), call);
        if (this._role !== 'embed-model') {
          call.responseId = str(a['ai.response.id']) ?? call.responseId;
          call.responseModel = str(a['ai.response.model']) ?? call.responseModel;
          readOutput(outputContent(a), finishReason(a['ai.response.finishReason']), call);
        }
        call.end(error);
      } else if (this._role === 'tool') {
        const { telemetry } = this._host;
        const captured = error === undefined && telemetry.config.captureMessageContent;
        this._open?.end(error, captured ? toolResultAttributes(telemetry, toolResult(a)) : undefined);
      } else {
        this._open?.end(error);
      }
    } catch (problem) {
      diag.debug('@sightline/instrumentation-llm: an AI SDK span could not be recorded', problem);
      this._call?.end(error);
      this._open?.end(error);
    }
  }
}
