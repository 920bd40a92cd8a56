import { PROVIDER_MISTRAL_AI } from './semconv.js';
import type { Adapter } from './internal/adapters/adapter.js';
import { mistralCompleteAdapter, mistralEmbeddingsAdapter, mistralStreamAdapter } from './internal/adapters/mistral.js';
import { runAsyncCall } from './internal/async-call.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { endpointFor } from './internal/server-info.js';
import { moduleDefinitions, reportShapeMismatch } from './internal/supported-version.js';
import { MISTRAL_SUPPORTED_VERSIONS } from './supported-versions.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';

interface MistralModule {
  Mistral?: { prototype: object };
}

/** The resource getters of `Mistral` and the methods of the resource each returns. */
const RESOURCES: Readonly<Record<string, ReadonlyArray<readonly [string, Adapter]>>> = {
  chat: [
    ['complete', mistralCompleteAdapter],
    ['parse', mistralCompleteAdapter],
    ['stream', mistralStreamAdapter],
    ['parseStream', mistralStreamAdapter],
  ],
  embeddings: [['create', mistralEmbeddingsAdapter]],
};

/** A Speakeasy resource (`Chat`, `Embeddings`): its base URL is a `URL` (or unset: the SDK's default). */
interface Resource {
  _baseURL?: { href?: unknown } | null;
}

/**
 * Traces `@mistralai/mistralai` (major 2, ESM only): `chat.complete`, `chat.parse`, `chat.stream` and
 * `chat.parseStream` (server-sent events; Mistral reports usage in the last chunk without being asked),
 * and `embeddings.create`. The resource classes are not exported: the `Mistral` getters that create
 * them are wrapped, and the first resource they return has its class's prototype patched.
 */
export class MistralInstrumentation extends LlmInstrumentationBase {
  private readonly _getters = new Map<object, Map<string, PropertyDescriptor>>();
  private readonly _resources = new Map<object, ReadonlyArray<readonly [string, Adapter]>>();

  protected init() {
    return moduleDefinitions(
      '@mistralai/mistralai',
      MISTRAL_SUPPORTED_VERSIONS,
      (exports: MistralModule, version?: string) => this._patch(exports, version),
      (exports: MistralModule) => this._unpatch(exports),
    );
  }

  private _patch(exports: MistralModule, version: string | undefined): MistralModule {
    const proto = exports?.Mistral?.prototype;
    const missing = Object.keys(RESOURCES).find((name) => typeof (proto && Object.getOwnPropertyDescriptor(proto, name)?.get) !== 'function');
    if (proto === undefined || missing !== undefined || this._getters.has(proto)) {
      if (!this._getters.has(proto ?? {})) reportShapeMismatch('@mistralai/mistralai', version, `Mistral.prototype.${missing ?? ''} getter`);
      return exports;
    }
    const originals = new Map<string, PropertyDescriptor>();
    for (const [name, methods] of Object.entries(RESOURCES)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
      originals.set(name, descriptor);
      const get = descriptor.get!;
      const instrumentation = this;
      Object.defineProperty(proto, name, {
        ...descriptor,
        get(this: object) {
          const resource: unknown = get.call(this);
          if (typeof resource === 'object' && resource !== null) instrumentation._patchResource(Object.getPrototypeOf(resource) as object, methods);
          return resource;
        },
      });
    }
    this._getters.set(proto, originals);
    return exports;
  }

  private _patchResource(proto: object, methods: ReadonlyArray<readonly [string, Adapter]>): void {
    if (this._resources.has(proto)) return;
    this._resources.set(proto, methods);
    for (const [name, adapter] of methods) {
      wrapMethod(proto, name, (original) => {
        const instrumentation = this;
        return function sightlineMistral(this: Resource | undefined, params: unknown): unknown {
          const endpoint = endpointFor(this?._baseURL?.href, PROVIDER_MISTRAL_AI);
          return runAsyncCall(instrumentation, adapter, params, endpoint, original, this, arguments);
        };
      });
    }
  }

  private _unpatch(exports: MistralModule): void {
    const proto = exports?.Mistral?.prototype;
    const originals = proto === undefined ? undefined : this._getters.get(proto);
    if (proto === undefined || originals === undefined) return;
    for (const [name, descriptor] of originals) Object.defineProperty(proto, name, descriptor);
    this._getters.delete(proto);
    for (const [resource, methods] of this._resources) for (const [name] of methods) unwrapMethod(resource, name);
    this._resources.clear();
  }
}
