import { PROVIDER_OLLAMA } from './semconv.js';
import type { Adapter } from './internal/adapters/adapter.js';
import { ollamaChatAdapter, ollamaEmbedAdapter, ollamaGenerateAdapter } from './internal/adapters/ollama.js';
import { runAsyncCall } from './internal/async-call.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { endpointFor } from './internal/server-info.js';
import { moduleDefinitions, reportShapeMismatch } from './internal/supported-version.js';
import { OLLAMA_SUPPORTED_VERSIONS } from './supported-versions.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';

interface OllamaModule {
  Ollama?: { prototype: object };
}

const METHODS: ReadonlyArray<readonly [string, Adapter]> = [
  ['chat', ollamaChatAdapter],
  ['generate', ollamaGenerateAdapter],
  ['embed', ollamaEmbedAdapter],
  ['embeddings', ollamaEmbedAdapter],
];

/** The prototype that defines `chat`: the browser `Ollama` class, which the Node one extends. */
function target(exports: OllamaModule): Record<string, unknown> | undefined {
  let proto = exports?.Ollama?.prototype as Record<string, unknown> | undefined | null;
  while (proto != null && !Object.prototype.hasOwnProperty.call(proto, 'chat')) proto = Object.getPrototypeOf(proto) as typeof proto;
  return proto ?? undefined;
}

/**
 * Traces `ollama` (0.6): `chat` and `generate` (plain and streamed: the last NDJSON object of a stream
 * carries `prompt_eval_count` and `eval_count`), `embed` and `embeddings`. The default instance
 * (`import ollama from 'ollama'`) and `new Ollama({ host })` share the patched prototype. Provider
 * `ollama` (not a well-known value: see `docs/llm.md`), server address and port from `host`.
 */
export class OllamaInstrumentation extends LlmInstrumentationBase {
  protected init() {
    return moduleDefinitions(
      'ollama',
      OLLAMA_SUPPORTED_VERSIONS,
      (exports: OllamaModule, version?: string) => this._patch(exports, version),
      (exports: OllamaModule) => this._unpatch(exports),
    );
  }

  private _patch(exports: OllamaModule, version: string | undefined): OllamaModule {
    const proto = target(exports);
    if (proto === undefined) {
      reportShapeMismatch('ollama', version, 'Ollama.prototype.chat');
      return exports;
    }
    for (const [name, adapter] of METHODS) {
      wrapMethod(proto, name, (original) => {
        const instrumentation = this;
        return function sightlineOllama(this: { config?: { host?: unknown } } | undefined, params: unknown): unknown {
          const endpoint = endpointFor(this?.config?.host, PROVIDER_OLLAMA);
          return runAsyncCall(instrumentation, adapter, params, endpoint, original, this, arguments);
        };
      });
    }
    return exports;
  }

  private _unpatch(exports: OllamaModule): void {
    const proto = target(exports);
    if (proto === undefined) return;
    for (const [name] of METHODS) unwrapMethod(proto, name);
  }
}
