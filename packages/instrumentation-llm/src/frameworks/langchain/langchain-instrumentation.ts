import { context, type Context } from '@opentelemetry/api';
import { InstrumentationNodeModuleFile } from '@opentelemetry/instrumentation';
import { moduleDefinitions } from '../../internal/supported-version.js';
import { LANGCHAIN_SUPPORTED_VERSIONS } from '../../supported-versions.js';
import type { Adapter } from '../../internal/adapters/adapter.js';
import { withFrameworkModelCall } from '../../internal/framework-call.js';
import type { CallStart, LlmCall } from '../../internal/llm-call.js';
import { LlmInstrumentationBase } from '../../internal/llm-instrumentation-base.js';
import type { Endpoint } from '../../internal/server-info.js';
import type { Telemetry } from '../../internal/telemetry.js';
import { unwrapMethod, wrapMethod } from '../../internal/wrap-method.js';
import { HANDLER_NAME, LangChainCallbacks, type LangChainHost } from './langchain-callbacks.js';


interface CallbackManagerLike {
  handlers?: Array<{ name?: unknown }>;
  addHandler?(handler: unknown, inherit?: boolean): void;
}
interface ManagerModule {
  CallbackManager?: { _configureSync?: Function };
}
interface SingletonModule {
  AsyncLocalStorageProviderSingleton?: { runWithConfig?: Function };
}
interface ChatModelsModule {
  BaseChatModel?: { prototype: { _generateUncached?: Function; _streamIterator?: Function } };
}
interface WithCallbacks {
  callbacks?: { getParentRunId?(): unknown; _parentRunId?: unknown } | unknown[];
}

function parentRunId(config: unknown): unknown {
  const callbacks = (config as WithCallbacks | null | undefined)?.callbacks;
  if (callbacks === undefined || Array.isArray(callbacks) || typeof callbacks !== 'object' || callbacks === null) return undefined;
  return typeof callbacks.getParentRunId === 'function' ? callbacks.getParentRunId() : callbacks._parentRunId;
}

/** `inheritableHandlers` with our handler added (an array, a CallbackManager or nothing, as LangChain takes). */
function withHandler(handlers: unknown, ours: LangChainCallbacks): unknown {
  if (handlers === undefined || handlers === null) return [ours];
  if (Array.isArray(handlers)) return handlers.some((h) => (h as { name?: unknown })?.name === HANDLER_NAME) ? handlers : [...handlers, ours];
  const manager = handlers as CallbackManagerLike;
  if (typeof manager.addHandler === 'function' && !manager.handlers?.some((h) => h?.name === HANDLER_NAME)) manager.addHandler(ours, true);
  return handlers;
}

/**
 * Traces LangChain.js (`@langchain/core` 1.x) through its callback system: our handler is added to every
 * callback manager LangChain configures (`CallbackManager._configureSync`), and three context wrappers make
 * each run's span active for the run's body, so provider SDK calls, HTTP and MCP calls made inside nest
 * under it: `AsyncLocalStorageProviderSingleton.runWithConfig` (tools, lambdas) and the chat models'
 * `_generateUncached` / `_streamIterator` (which also tell a provider instrumentation that it is tracing a
 * LangChain model call, so the model call has one span). See `docs/llm.md`, "LangChain.js".
 */
export class LangChainInstrumentation extends LlmInstrumentationBase {
  declare private _callbacks: LangChainCallbacks | undefined;

  /** The callback handler added to LangChain's managers (one per instrumentation). */
  get callbacks(): LangChainCallbacks {
    if (this._callbacks === undefined) {
      const host: LangChainHost = {
        telemetry: undefined as unknown as Telemetry,
        startModelCall: (adapter: Adapter, params: unknown, endpoint: Endpoint, parent: Context, startedAt: CallStart['startedAt']): LlmCall | undefined =>
          this.startCall(adapter, params, endpoint, parent, startedAt),
      };
      Object.defineProperty(host, 'telemetry', { get: () => this.telemetry });
      this._callbacks = new LangChainCallbacks(host);
    }
    return this._callbacks;
  }

  protected init() {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hooks pass untyped module exports
    const files = (path: string, patch: (exports: any) => unknown, unpatch: (exports: any) => void) =>
      ['cjs', 'js'].map((ext) => new InstrumentationNodeModuleFile(`@langchain/core/dist/${path}.${ext}`, [LANGCHAIN_SUPPORTED_VERSIONS], patch, unpatch));
    return moduleDefinitions('@langchain/core', LANGCHAIN_SUPPORTED_VERSIONS, undefined, undefined, [
      ...files('callbacks/manager', (e: ManagerModule) => this._patchManager(e), (e: ManagerModule) => this._unpatch(e.CallbackManager, '_configureSync')),
      ...files('singletons/async_local_storage/index', (e: SingletonModule) => this._patchSingleton(e), (e: SingletonModule) =>
        this._unpatch(e.AsyncLocalStorageProviderSingleton, 'runWithConfig'),
      ),
      ...files('language_models/chat_models', (e: ChatModelsModule) => this._patchChatModels(e), (e: ChatModelsModule) => {
        this._unpatch(e.BaseChatModel?.prototype, '_generateUncached');
        this._unpatch(e.BaseChatModel?.prototype, '_streamIterator');
      }),
    ]);
  }

  private _unpatch(target: object | undefined, name: string): void {
    if (target !== undefined) unwrapMethod(target, name);
  }

  _patchManager(exports: ManagerModule): ManagerModule {
    const manager = exports?.CallbackManager;
    if (manager === undefined) return exports;
    const instrumentation = this;
    wrapMethod(manager, '_configureSync', (original) =>
      function sightlineConfigure(this: unknown, inheritableHandlers: unknown): unknown {
        if (instrumentation.isEnabled()) {
          try {
            arguments[0] = withHandler(inheritableHandlers, instrumentation.callbacks);
          } catch {
            // The app's handlers stay as they were.
          }
        }
        return original.apply(this, arguments);
      },
    );
    return exports;
  }

  _patchSingleton(exports: SingletonModule): SingletonModule {
    const singleton = exports?.AsyncLocalStorageProviderSingleton;
    if (singleton === undefined) return exports;
    const instrumentation = this;
    wrapMethod(singleton, 'runWithConfig', (original) =>
      function sightlineRunWithConfig(this: unknown, config: unknown): unknown {
        const ctx = instrumentation._callbacks?.contextOf(parentRunId(config));
        return ctx === undefined ? original.apply(this, arguments) : context.with(ctx, Reflect.apply, undefined, original, this, arguments);
      },
    );
    return exports;
  }

  _patchChatModels(exports: ChatModelsModule): ChatModelsModule {
    const prototype = exports?.BaseChatModel?.prototype;
    if (prototype === undefined) return exports;
    const instrumentation = this;
    const modelContext = (config: unknown): Context => {
      const parent = instrumentation._callbacks?.contextOf(parentRunId(config)) ?? context.active();
      return withFrameworkModelCall(parent, { owner: 'provider', covered: false });
    };
    // _generateUncached(messages, parsedOptions, handledOptions, startedRunManagers): the handled options carry the callbacks.
    wrapMethod(prototype, '_generateUncached', (original) =>
      function sightlineGenerate(this: unknown, _messages: unknown, _parsed: unknown, handled: unknown): unknown {
        if (!instrumentation.isEnabled()) return original.apply(this, arguments);
        return context.with(modelContext(handled), Reflect.apply, undefined, original, this, arguments);
      },
    );
    // _streamIterator(input, options) is an async generator: its body runs in the context of each next().
    wrapMethod(prototype, '_streamIterator', (original) =>
      function sightlineStream(this: unknown, _input: unknown, options: unknown): unknown {
        if (!instrumentation.isEnabled()) return original.apply(this, arguments);
        const ctx = modelContext(options);
        const iterator = context.with(ctx, Reflect.apply, undefined, original, this, arguments) as AsyncIterator<unknown> & AsyncIterable<unknown>;
        const next = iterator.next;
        const ret = iterator.return;
        const thr = iterator.throw;
        return {
          next: (...args: [] | [unknown]) => context.with(ctx, () => next.apply(iterator, args)),
          return: ret === undefined ? undefined : (value?: unknown) => context.with(ctx, () => ret.call(iterator, value)),
          throw: thr === undefined ? undefined : (error?: unknown) => context.with(ctx, () => thr.call(iterator, error)),
          [Symbol.asyncIterator]() {
            return this;
          },
        };
      },
    );
    return exports;
  }
}
