import { diag } from '@opentelemetry/api';
import { InstrumentationNodeModuleFile } from '@opentelemetry/instrumentation';
import type { Hook } from 'require-in-the-middle';
import { inRange, moduleDefinitions } from '../../internal/supported-version.js';
import { LlmInstrumentationBase } from '../../internal/llm-instrumentation-base.js';
import { unwrapMethod, wrapMethod } from '../../internal/wrap-method.js';
import { LLAMAINDEX_SUPPORTED_VERSIONS, LLAMAINDEX_WORKFLOW_SUPPORTED_VERSIONS } from '../../supported-versions.js';
import type { Telemetry } from '../../internal/telemetry.js';
import { tracedLlmEvent, type ChatHost } from './chat-call.js';
import { CJS_AGENT, CJS_DECORATOR, hookLlamaIndexCommonJs } from './commonjs-hook.js';
import { tracedAgentRun, tracedCallTool, tracedRetrieve, type OperationHost } from './operations.js';

interface DecoratorModule {
  wrapLLMEvent?: Function;
}
interface AgentModule {
  callTool?: Function;
}
interface WorkflowModule {
  AgentWorkflow?: { prototype: { run?: Function } };
}
interface RetrieverModule {
  BaseRetriever?: { prototype: { retrieve?: Function } };
}

/**
 * Traces LlamaIndex.TS (`llamaindex` 0.12, `@llamaindex/core` 0.6) by wrapping four functions, in the ESM
 * and CommonJS builds:
 *
 * - `@llamaindex/core/decorator`'s `wrapLLMEvent`, the decorator every LLM class applies to its `chat`: each model call is
 *   `chat {model}` (unless a provider instrumentation traced the SDK underneath: then that span is the one);
 * - `@llamaindex/core/agent`'s `callTool`, which the agents run every tool call through: `execute_tool {name}`;
 * - `@llamaindex/core/retriever`'s `BaseRetriever.prototype.retrieve`: `retrieval {class}`;
 * - and `@llamaindex/workflow`'s `AgentWorkflow.prototype.run`: `invoke_agent {name}`.
 *
 * Each span is active while the wrapped code runs, so provider SDK, HTTP and MCP calls nest under it. Why not
 * `Settings.callbackManager`: its events carry no model, report no failure and are dispatched in a microtask
 * after the body started (see docs/llm.md, "LlamaIndex.TS").
 */
export class LlamaIndexInstrumentation extends LlmInstrumentationBase {
  declare private _commonJsHook: Hook | undefined;
  /** The CommonJS `@llamaindex/core` subpaths loaded while hooked, patched again when re-enabled. */
  declare private _commonJsModules: Map<unknown, string> | undefined;

  override enable(): void {
    super.enable();
    if (this._commonJsHook === undefined) {
      const modules = new Map<unknown, string>();
      const warned = new Set<string | undefined>();
      this._commonJsModules = modules;
      this._commonJsHook = hookLlamaIndexCommonJs((subpath, moduleExports, version) => {
        if (!inRange(version, LLAMAINDEX_SUPPORTED_VERSIONS)) {
          // One line per version, not one per subpath.
          if (warned.has(version)) return;
          warned.add(version);
          diag.warn(`@sightline/instrumentation-llm: @llamaindex/core ${version ?? '(unknown version)'} is outside the supported range ${LLAMAINDEX_SUPPORTED_VERSIONS}; it stays unpatched`);
          return;
        }
        modules.set(moduleExports, subpath);
        if (this._enabled) this._patchCommonJs(moduleExports, subpath);
      });
      return;
    }
    for (const [moduleExports, subpath] of this._commonJsModules ?? []) this._patchCommonJs(moduleExports, subpath);
  }

  override disable(): void {
    super.disable();
    for (const [moduleExports, subpath] of this._commonJsModules ?? []) {
      if (subpath === CJS_DECORATOR) this._unpatch(moduleExports as object, 'wrapLLMEvent');
      else if (subpath === CJS_AGENT) this._unpatch(moduleExports as object, 'callTool');
      else this._unpatch((moduleExports as RetrieverModule)?.BaseRetriever?.prototype, 'retrieve');
    }
  }

  private _patchCommonJs(moduleExports: unknown, subpath: string): void {
    if (subpath === CJS_DECORATOR) this._patchDecorator(moduleExports as DecoratorModule);
    else if (subpath === CJS_AGENT) this._patchAgent(moduleExports as AgentModule);
    else this._patchRetriever(moduleExports as RetrieverModule);
  }

  private _host(): ChatHost & OperationHost {
    const instrumentation = this;
    return {
      isEnabled: () => instrumentation.isEnabled(),
      get telemetry(): Telemetry {
        return instrumentation.telemetry;
      },
      startCall: (adapter, params, endpoint, parent, startedAt) => instrumentation.startCall(adapter, params, endpoint, parent, startedAt),
    };
  }

  protected init() {
    const range = LLAMAINDEX_SUPPORTED_VERSIONS;
    const decorator = (e: DecoratorModule) => this._patchDecorator(e);
    const undecorator = (e: DecoratorModule) => this._unpatch(e, 'wrapLLMEvent');
    const agent = (e: AgentModule) => this._patchAgent(e);
    const unagent = (e: AgentModule) => this._unpatch(e, 'callTool');
    const retriever = (e: RetrieverModule) => this._patchRetriever(e);
    const unretriever = (e: RetrieverModule) => this._unpatch(e?.BaseRetriever?.prototype, 'retrieve');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hooks pass untyped module exports
    const files = (path: string, patch: (exports: any) => unknown, unpatch: (exports: any) => void) =>
      ['cjs', 'js'].map((ext) => new InstrumentationNodeModuleFile(`@llamaindex/core/${path}/dist/index.${ext}`, [range], patch, unpatch));
    return [
      // ESM (import-in-the-middle): the package's files; CommonJS: see `enable()`.
      ...moduleDefinitions('@llamaindex/core', range, undefined, undefined, [
        ...files('decorator', decorator, undecorator),
        ...files('agent', agent, unagent),
        ...files('retriever', retriever, unretriever),
      ]),
      ...moduleDefinitions<WorkflowModule>(
        '@llamaindex/workflow',
        LLAMAINDEX_WORKFLOW_SUPPORTED_VERSIONS,
        (e) => this._patchWorkflow(e),
        (e) => this._unpatch(e?.AgentWorkflow?.prototype, 'run'),
      ),
    ];
  }

  private _unpatch(target: object | undefined, name: string): void {
    if (target !== undefined && target !== null) unwrapMethod(target, name);
  }

  /** Wraps `wrapLLMEvent`: LLM classes defined afterwards (provider packages loaded later) are traced. */
  _patchDecorator(exports: DecoratorModule): DecoratorModule {
    if (exports !== undefined && exports !== null) wrapMethod(exports, 'wrapLLMEvent', (original) => tracedLlmEvent(this._host(), original));
    return exports;
  }

  _patchAgent(exports: AgentModule): AgentModule {
    if (exports !== undefined && exports !== null) wrapMethod(exports, 'callTool', (original) => tracedCallTool(this._host(), original));
    return exports;
  }

  _patchWorkflow(exports: WorkflowModule): WorkflowModule {
    const prototype = exports?.AgentWorkflow?.prototype;
    if (prototype !== undefined) wrapMethod(prototype, 'run', (original) => tracedAgentRun(this._host(), original));
    return exports;
  }

  _patchRetriever(exports: RetrieverModule): RetrieverModule {
    const prototype = exports?.BaseRetriever?.prototype;
    if (prototype !== undefined) wrapMethod(prototype, 'retrieve', (original) => tracedRetrieve(this._host(), original));
    return exports;
  }
}
