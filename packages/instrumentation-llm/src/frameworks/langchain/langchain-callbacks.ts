import { context, diag, SpanKind, type Attributes, type Context } from '@opentelemetry/api';
import type { Adapter } from '../../internal/adapters/adapter.js';
import { obj, str } from '../../internal/adapters/adapter.js';
import { contentAttribute } from '../../internal/content.js';
import { frameworkModelCall, type FrameworkModelCall } from '../../internal/framework-call.js';
import type { CallStart, LlmCall } from '../../internal/llm-call.js';
import type { Endpoint } from '../../internal/server-info.js';
import type { Telemetry } from '../../internal/telemetry.js';
import { agentSpan, toolSpan, type GenAiSpanStart } from '../../operation-spans.js';
import * as semconv from '../../semconv.js';
import { OpenSpan } from '../open-span.js';
import { className, modelRequest, providerName, readResult } from './runs.js';

/** What the callbacks need from their instrumentation. */
export interface LangChainHost {
  readonly telemetry: Telemetry;
  startModelCall(adapter: Adapter, params: unknown, endpoint: Endpoint, parent: Context, startedAt: CallStart['startedAt']): LlmCall | undefined;
}

const FRAMEWORK = 'langchain';
/** The handler's name: LangChain de-duplicates handlers by it. */
export const HANDLER_NAME = 'sightline_langchain';
/** Open runs beyond this are not traced (an app that never ends them must not grow the map). */
const MAX_OPEN_RUNS = 10_000;

/** A chat-model run seen at its start; its span is made at the end, unless a provider instrumentation traced it. */
interface PendingModelCall {
  readonly parent: Context;
  readonly startedAt: { wall: number; perf: number };
  readonly params: { metadata: unknown; extraParams: unknown; serialized: unknown; messages: unknown };
  readonly framework: FrameworkModelCall | undefined;
}

type Run = { readonly span: OpenSpan } | { readonly model: PendingModelCall };

const chatAdapter: Adapter = {
  operation: semconv.GEN_AI_OPERATION_CHAT,
  request(params, attributes) {
    const p = params as PendingModelCall['params'];
    attributes[semconv.ATTR_SIGHTLINE_FRAMEWORK] = FRAMEWORK;
    return modelRequest(p.metadata, p.extraParams, attributes) ?? className(p.serialized);
  },
  isStream: (params) => obj(obj((params as PendingModelCall['params']).extraParams).invocation_params).stream === true,
  response() {},
};

/**
 * A LangChain.js callback handler (duck-typed: LangChain calls any object with a `name` and these
 * methods). Chains, tools, retrievers and LangGraph graphs become spans, each the child of its parent run's
 * span, so one invocation is one trace:
 *
 * - a LangGraph graph (`LangGraph`, or a run whose class is `CompiledStateGraph`): `invoke_agent {name}`;
 * - any other chain or runnable: an INTERNAL span named after the run;
 * - a tool: `execute_tool {name}` with `gen_ai.tool.call.id`;
 * - a retriever: `retrieval {name}`;
 * - a chat model: `chat {model}` — unless the provider's SDK is traced by our provider instrumentation
 *   (`@langchain/openai` over `openai`, …), whose span then is the model call's one span.
 *
 * `awaitHandlers` is set so LangChain runs the start callbacks before the run's body: the context wrappers
 * (see `langchain-instrumentation.ts`) then find the run's span and make it active for the body.
 */
export class LangChainCallbacks {
  readonly name = HANDLER_NAME;
  readonly awaitHandlers = true;
  readonly raiseError = false;
  readonly ignoreCustomEvent = true;
  /** Counted, not silent: runs not traced because {@link MAX_OPEN_RUNS} were open. */
  dropped = 0;
  private readonly _runs = new Map<string, Run>();
  private readonly _host: LangChainHost;

  constructor(host: LangChainHost) {
    this._host = host;
  }

  get openRuns(): number {
    return this._runs.size;
  }

  /** The context of run `runId`'s span (what its body and children run in), if it is traced. */
  contextOf(runId: unknown): Context | undefined {
    if (typeof runId !== 'string') return undefined;
    const run = this._runs.get(runId);
    if (run === undefined) return undefined;
    return 'span' in run ? run.span.context : run.model.parent;
  }

  handleChainStart(serialized: unknown, inputs: unknown, runId: unknown, parentRunId: unknown, _tags: unknown, metadata: unknown, runType: unknown, runName: unknown): void {
    this._guard('handleChainStart', () => {
      const name = str(runName) ?? className(serialized) ?? 'chain';
      const cls = className(serialized);
      let start: GenAiSpanStart;
      if (name === 'LangGraph' || cls === 'CompiledStateGraph' || cls === 'CompiledGraph') {
        start = agentSpan({ name: name === 'LangGraph' ? undefined : name });
      } else {
        start = { name, kind: SpanKind.INTERNAL, attributes: {} };
      }
      const node = str(obj(metadata).langgraph_node);
      if (node !== undefined) start.attributes[semconv.ATTR_SIGHTLINE_LANGGRAPH_NODE] = node;
      if (typeof runType === 'string') start.attributes[semconv.ATTR_SIGHTLINE_LANGCHAIN_RUN_TYPE] = runType;
      this._startSpan(runId, parentRunId, start);
    });
  }

  handleChainEnd(_outputs: unknown, runId: unknown): void {
    this._end(runId, undefined);
  }

  handleChainError(error: unknown, runId: unknown): void {
    this._end(runId, error);
  }

  handleToolStart(serialized: unknown, input: unknown, runId: unknown, parentRunId: unknown, _tags: unknown, _metadata: unknown, runName: unknown, toolCallId: unknown): void {
    this._guard('handleToolStart', () => {
      const s = obj(serialized);
      const start = toolSpan({ name: str(runName) ?? str(s.name) ?? className(serialized) ?? 'tool', callId: str(toolCallId), type: 'function' });
      const { config } = this._host.telemetry;
      if (config.captureMessageContent) {
        const args = contentAttribute(parseMaybeJson(input), config);
        if (args !== undefined) start.attributes[semconv.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS] = args;
      }
      this._startSpan(runId, parentRunId, start);
    });
  }

  handleToolEnd(output: unknown, runId: unknown): void {
    const { config } = this._host.telemetry;
    let attributes: Attributes | undefined;
    if (config.captureMessageContent) {
      const content = obj(output).content ?? output;
      const result = contentAttribute(content, config);
      if (result !== undefined) attributes = { [semconv.ATTR_GEN_AI_TOOL_CALL_RESULT]: result };
    }
    this._end(runId, undefined, attributes);
  }

  handleToolError(error: unknown, runId: unknown): void {
    this._end(runId, error);
  }

  handleRetrieverStart(serialized: unknown, query: unknown, runId: unknown, parentRunId: unknown, _tags: unknown, _metadata: unknown, runName: unknown): void {
    this._guard('handleRetrieverStart', () => {
      const name = str(runName) ?? className(serialized) ?? 'retriever';
      const attributes: Attributes = {
        [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_RETRIEVAL,
        [semconv.ATTR_GEN_AI_DATA_SOURCE_ID]: name,
      };
      const { config } = this._host.telemetry;
      if (config.captureMessageContent && typeof query === 'string') attributes[semconv.ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT] = query;
      this._startSpan(runId, parentRunId, { name: `${semconv.GEN_AI_OPERATION_RETRIEVAL} ${name}`, kind: SpanKind.INTERNAL, attributes });
    });
  }

  handleRetrieverEnd(documents: unknown, runId: unknown): void {
    this._end(runId, undefined, Array.isArray(documents) ? { [semconv.ATTR_SIGHTLINE_RETRIEVAL_DOCUMENT_COUNT]: documents.length } : undefined);
  }

  handleRetrieverError(error: unknown, runId: unknown): void {
    this._end(runId, error);
  }

  handleChatModelStart(serialized: unknown, messages: unknown, runId: unknown, parentRunId: unknown, extraParams: unknown, _tags: unknown, metadata: unknown): void {
    this._modelStart(serialized, messages, runId, parentRunId, extraParams, metadata);
  }

  handleLLMStart(serialized: unknown, prompts: unknown, runId: unknown, parentRunId: unknown, extraParams: unknown, _tags: unknown, metadata: unknown): void {
    this._modelStart(serialized, prompts, runId, parentRunId, extraParams, metadata);
  }

  handleLLMEnd(output: unknown, runId: unknown): void {
    this._modelEnd(runId, output, undefined);
  }

  handleLLMError(error: unknown, runId: unknown): void {
    this._modelEnd(runId, undefined, error);
  }

  private _modelStart(serialized: unknown, messages: unknown, runId: unknown, parentRunId: unknown, extraParams: unknown, metadata: unknown): void {
    this._guard('handleChatModelStart', () => {
      if (typeof runId !== 'string' || !this._room()) return;
      const active = context.active();
      this._runs.set(runId, {
        model: {
          parent: this.contextOf(parentRunId) ?? active,
          startedAt: { wall: Date.now(), perf: performance.now() },
          params: { metadata, extraParams, serialized, messages },
          // Set by the chat-model context wrapper; a provider instrumentation marks it covered.
          framework: frameworkModelCall(active),
        },
      });
    });
  }

  private _modelEnd(runId: unknown, output: unknown, error: unknown): void {
    this._guard('handleLLMEnd', () => {
      if (typeof runId !== 'string') return;
      const run = this._runs.get(runId);
      if (run === undefined || !('model' in run)) return;
      this._runs.delete(runId);
      const pending = run.model;
      if (pending.framework?.covered === true) return;
      const endpoint = { provider: providerName(pending.params.metadata), address: undefined, port: undefined };
      const call = this._host.startModelCall(chatAdapter, pending.params, endpoint, pending.parent, pending.startedAt);
      if (call === undefined) return;
      if (output !== undefined) readResult(output, call);
      call.end(error);
    });
  }

  private _room(): boolean {
    if (this._runs.size < MAX_OPEN_RUNS) return true;
    this.dropped++;
    return false;
  }

  private _startSpan(runId: unknown, parentRunId: unknown, start: GenAiSpanStart): void {
    if (typeof runId !== 'string' || !this._room()) return;
    start.attributes[semconv.ATTR_SIGHTLINE_FRAMEWORK] = FRAMEWORK;
    const parent = this.contextOf(parentRunId) ?? context.active();
    this._runs.set(runId, { span: new OpenSpan(this._host.telemetry, start, parent) });
  }

  private _end(runId: unknown, error: unknown, attributes?: Attributes): void {
    this._guard('end', () => {
      if (typeof runId !== 'string') return;
      const run = this._runs.get(runId);
      if (run === undefined || !('span' in run)) return;
      this._runs.delete(runId);
      run.span.end(error, attributes);
    });
  }

  private _guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (problem) {
      diag.debug(`@sightline/instrumentation-llm: LangChain ${what} could not be recorded`, problem);
    }
  }
}

function parseMaybeJson(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}
