import {
  context,
  diag,
  SeverityNumber,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { priceCall, recordCost } from '../cost/cost-instruments.js';
import * as semconv from '../semconv.js';
import { contentAttribute, parseArguments, type ChatMessage, type MessagePart } from './content.js';
import type { Endpoint } from './server-info.js';
import { errorType } from './error-type.js';
import { callContext, callOf } from './call-context.js';
import type { Reapable } from './idle-reaper.js';
import { TOKEN_TYPE_INDEX, type Telemetry } from './telemetry.js';

/** A tool call the model asked for; `args` is accumulated only when content is captured. */
export interface ToolCallState {
  id: string | undefined;
  name: string | undefined;
  args: string;
}

/** One generation (choice / candidate) as the response or the stream reports it. */
export interface ChoiceState {
  finish: string | undefined;
  text: string;
  reasoning: string;
  toolCalls: ToolCallState[];
}

/** What the instrumentation knows when the call starts. */
export interface CallStart {
  readonly operation: string;
  readonly model: string | undefined;
  readonly endpoint: Endpoint;
  readonly stream: boolean;
  /**
   * When the call really started, for a span started after the fact (a framework model call known to
   * be untraced by a provider instrumentation only once it ended): `Date.now()` and `performance.now()`.
   */
  readonly startedAt?: { readonly wall: number; readonly perf: number };
}

/**
 * One LLM call: its CLIENT span, its metrics and, when it fails, its exception log record. Adapters fill
 * the response fields; `end()` writes everything once and is idempotent. Nothing here throws to the app.
 */
export class LlmCall implements Reapable {
  readonly span: Span;
  readonly context: Context;
  readonly capture: boolean;
  readonly stream: boolean;
  lastActivity: number;
  active = false;
  reaperPrev: Reapable | undefined = undefined;
  reaperNext: Reapable | undefined = undefined;
  responseId: string | undefined;
  responseModel: string | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  cacheReadTokens: number | undefined;
  cacheCreationTokens: number | undefined;
  reasoningTokens: number | undefined;
  /** Generations by index; finish reasons and tool calls are read from here at the end. */
  readonly choices: ChoiceState[] = [];
  /** Output messages set whole by an adapter (non-chat shapes), when content is captured. */
  outputMessages: ChatMessage[] | undefined;
  private readonly _telemetry: Telemetry;
  private _request: CallStart;
  private readonly _start: number;
  private _firstChunk: number | undefined;
  private _lastChunk = 0;
  /** Seconds from each chunk to the next, after the first: `gen_ai.client.operation.time_per_output_chunk`. */
  private _chunkGaps: number[] | undefined;
  private _resendCount = 0;
  private _ended = false;

  constructor(telemetry: Telemetry, start: CallStart, attributes: Attributes, parent: Context) {
    this._telemetry = telemetry;
    this.capture = telemetry.config.captureMessageContent;
    this.stream = start.stream;
    const name = start.model === undefined ? start.operation : `${start.operation} ${start.model}`;
    this.span = telemetry.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes, startTime: start.startedAt?.wall }, parent);
    // The span's context also carries the call, for the retry counter (`activeCall`).
    this.context = callContext(parent, this.span, this);
    this._request = start;
    const now = performance.now();
    this._start = start.startedAt?.perf ?? now;
    this.lastActivity = now;
    telemetry.reaper.add(this);
  }

  /** The generation at `index`, created on first use. */
  choice(index: number): ChoiceState {
    let choice = this.choices[index];
    if (choice === undefined) {
      choice = { finish: undefined, text: '', reasoning: '', toolCalls: [] };
      this.choices[index] = choice;
    }
    return choice;
  }

  /**
   * Records a streamed chunk's arrival (time to first chunk, time per output chunk, idle bound). The gaps
   * are recorded when the call ends, with the attributes known only then (response model, error type).
   */
  chunk(): void {
    this.active = true;
    const now = performance.now();
    if (this._firstChunk === undefined) this._firstChunk = now;
    else (this._chunkGaps ??= []).push((now - this._lastChunk) / 1000);
    this._lastChunk = now;
  }

  /** Records that the response arrived (a stream is now waiting to be read). */
  touch(): void {
    this.lastActivity = performance.now();
  }

  /**
   * Sets where the request went when that is known only once it answered (a framework reports the
   * endpoint with the response): the span's `server.*` attributes and the metrics' endpoint.
   */
  setEndpoint(endpoint: Endpoint): void {
    if (this._ended) return;
    this._request = { ...this._request, endpoint };
    if (endpoint.address !== undefined) {
      this.span.setAttribute(semconv.ATTR_SERVER_ADDRESS, endpoint.address);
      if (endpoint.port !== undefined) this.span.setAttribute(semconv.ATTR_SERVER_PORT, endpoint.port);
    }
  }

  /** Records an SDK attempt; `retryCount` is 0 for the first one. */
  attempt(retryCount: number): void {
    if (retryCount > this._resendCount) this._resendCount = retryCount;
  }

  /** Ends the call, failed when `error` is given. Idempotent; never throws. */
  end(error?: unknown): void {
    if (this._ended) return;
    this._ended = true;
    this._telemetry.reaper.delete(this);
    try {
      this._finish(error, false);
    } catch (problem) {
      diag.debug('@sightline/instrumentation-llm: could not record a call', problem);
      this.span.end();
    }
  }

  /** Ends a call whose result was never consumed (see `idleTimeoutMillis`). */
  abandon(): void {
    if (this._ended) return;
    this._ended = true;
    try {
      this._finish(undefined, true);
    } catch {
      this.span.end();
    }
  }

  /** `gen_ai.provider.name` of the call. */
  get provider(): string {
    return this._request.endpoint.provider;
  }

  get ended(): boolean {
    return this._ended;
  }

  private _finish(error: unknown, abandoned: boolean): void {
    const { instruments, config } = this._telemetry;
    // Straight onto the span, one attribute at a time (what the SDK's setAttributes does with an object).
    const span = this.span;
    if (this.responseId !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_RESPONSE_ID, this.responseId);
    if (this.responseModel !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_RESPONSE_MODEL, this.responseModel);
    this._usageAttributes(span);
    if (this._resendCount > 0) span.setAttribute(semconv.ATTR_HTTP_REQUEST_RESEND_COUNT, this._resendCount);
    if (this._firstChunk !== undefined) {
      span.setAttribute(semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, (this._firstChunk - this._start) / 1000);
    }
    if (this.choices.length > 0) this._choiceAttributes(span);
    if (this.capture && this.outputMessages !== undefined) {
      const output = contentAttribute(this.outputMessages, config);
      if (output !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_OUTPUT_MESSAGES, output);
    }
    if (abandoned) span.setAttribute(semconv.ATTR_SIGHTLINE_ABANDONED, true);
    const cost = priceCall(config.prices, this._request.endpoint.provider, this.responseModel, this._request.model, this);
    if (cost) span.setAttribute(semconv.ATTR_SIGHTLINE_USAGE_COST, cost.input + cost.output);
    let type: string | undefined;
    if (error !== undefined) {
      type = errorType(error);
      span.setAttribute(semconv.ATTR_ERROR_TYPE, type);
      span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
    }
    span.end();

    const end = performance.now();
    const { operation, model, endpoint } = this._request;
    // One value array for every record of the call, in the key order of the histograms (see telemetry.ts).
    const values: unknown[] = [
      operation,
      endpoint.provider,
      model,
      endpoint.address,
      endpoint.address === undefined ? undefined : endpoint.port,
      this.responseModel,
      type,
      undefined,
    ];
    instruments.duration.record((end - this._start) / 1000, values);
    if (this._firstChunk !== undefined) instruments.timeToFirstChunk.record((this._firstChunk - this._start) / 1000, values);
    if (this._chunkGaps !== undefined) {
      for (const gap of this._chunkGaps) instruments.timePerOutputChunk.record(gap, values);
    }
    if (this.inputTokens !== undefined) {
      values[TOKEN_TYPE_INDEX] = semconv.GEN_AI_TOKEN_TYPE_INPUT;
      instruments.tokenUsage.record(this.inputTokens, values);
    }
    if (this.outputTokens !== undefined) {
      values[TOKEN_TYPE_INDEX] = semconv.GEN_AI_TOKEN_TYPE_OUTPUT;
      instruments.tokenUsage.record(this.outputTokens, values);
    }
    recordCost(instruments, cost, values, this.inputTokens !== undefined, this.outputTokens !== undefined);
    if (type !== undefined) this._emitException(error, type);
  }

  private _usageAttributes(span: Span): void {
    if (this.inputTokens !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS, this.inputTokens);
    if (this.outputTokens !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, this.outputTokens);
    if (this.cacheReadTokens !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, this.cacheReadTokens);
    if (this.cacheCreationTokens !== undefined) {
      const name = this._telemetry.config.latestGenAiConventions
        ? semconv.ATTR_GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS_DRAFT
        : semconv.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS;
      span.setAttribute(name, this.cacheCreationTokens);
    }
    if (this.reasoningTokens !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, this.reasoningTokens);
  }

  /** Finish reasons and tool calls of the generations; arrays made only for what is there. */
  private _choiceAttributes(span: Span): void {
    let finishReasons: string[] | undefined;
    let toolNames: string[] | undefined;
    let toolIds: string[] | undefined;
    const messages: ChatMessage[] | undefined = this.capture && this.outputMessages === undefined ? [] : undefined;
    const choices = this.choices;
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i];
      if (choice === undefined) continue;
      const finish = choice.finish;
      if (finish !== undefined) {
        if (finishReasons === undefined) finishReasons = [finish];
        else finishReasons.push(finish);
      }
      const tools = choice.toolCalls;
      for (let j = 0; j < tools.length; j++) {
        const tool = tools[j];
        if (tool === undefined) continue;
        if (tool.name !== undefined) (toolNames ??= []).push(tool.name);
        if (tool.id !== undefined) (toolIds ??= []).push(tool.id);
      }
      if (messages !== undefined) messages.push(outputMessage(choice));
    }
    if (finishReasons !== undefined) span.setAttribute(semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS, finishReasons);
    if (toolNames !== undefined) span.setAttribute(semconv.ATTR_SIGHTLINE_TOOL_CALL_NAMES, toolNames);
    if (toolIds !== undefined) span.setAttribute(semconv.ATTR_SIGHTLINE_TOOL_CALL_IDS, toolIds);
    if (messages !== undefined) this.outputMessages = messages;
  }

  private _emitException(error: unknown, type: string): void {
    const attributes: Attributes = {
      [semconv.ATTR_EXCEPTION_TYPE]: exceptionType(error),
      [semconv.ATTR_ERROR_TYPE]: type,
      [semconv.ATTR_GEN_AI_OPERATION_NAME]: this._request.operation,
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: this._request.endpoint.provider,
    };
    const model = this._request.model;
    if (model !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_MODEL] = model;
    const message = messageOf(error);
    if (message !== undefined) attributes[semconv.ATTR_EXCEPTION_MESSAGE] = message;
    const stack = (error as { stack?: unknown } | null)?.stack;
    if (typeof stack === 'string') attributes[semconv.ATTR_EXCEPTION_STACKTRACE] = stack;
    this._telemetry.logger.emit({
      eventName: semconv.EVENT_GEN_AI_CLIENT_OPERATION_EXCEPTION,
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      context: this.context,
      attributes,
    });
  }
}

function messageOf(error: unknown): string | undefined {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  return typeof message === 'string' ? message : undefined;
}

function exceptionType(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { constructor?: { name?: unknown } }).constructor?.name : undefined;
  return typeof name === 'string' && name !== '' ? name : typeof error;
}

function outputMessage(choice: ChoiceState): ChatMessage {
  const parts: MessagePart[] = [];
  if (choice.reasoning !== '') parts.push({ type: 'reasoning', content: choice.reasoning });
  if (choice.text !== '') parts.push({ type: 'text', content: choice.text });
  for (const tool of choice.toolCalls) {
    if (tool === undefined) continue;
    parts.push({ type: 'tool_call', id: tool.id, name: tool.name ?? '', arguments: parseArguments(tool.args) });
  }
  const message: ChatMessage = { role: 'assistant', parts };
  if (choice.finish !== undefined) message.finish_reason = choice.finish;
  return message;
}

/**
 * The open call whose context `ctx` is or was made from (while the SDK sends the request: the retry
 * counter, Bedrock's attempt middleware), if any.
 */
export function activeCall(ctx: Context = context.active()): LlmCall | undefined {
  const call = callOf(ctx);
  return call instanceof LlmCall && !call.ended ? call : undefined;
}
