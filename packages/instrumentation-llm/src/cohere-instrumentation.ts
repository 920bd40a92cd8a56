import { InstrumentationNodeModuleFile } from '@opentelemetry/instrumentation';
import { PROVIDER_COHERE } from './semconv.js';
import type { Adapter } from './internal/adapters/adapter.js';
import { cohereChatAdapter, cohereChatStreamAdapter, cohereEmbedAdapter } from './internal/adapters/cohere.js';
import { runAsyncCall, type ResultShape } from './internal/async-call.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { endpointFor } from './internal/server-info.js';
import { moduleDefinitions, reportShapeMismatch } from './internal/supported-version.js';
import { COHERE_SUPPORTED_VERSIONS } from './supported-versions.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';

/** Where `CohereClientV2` keeps the v2 resource (`V2Client`), which this file defines. */
const V2_CLIENT_FILE = 'cohere-ai/api/resources/v2/client/Client.js';
/** Cohere's API when a client sets neither `baseUrl` nor `environment` (`CohereEnvironment.Production`). */
const DEFAULT_BASE_URL = 'https://api.cohere.com';

interface V2ClientFile {
  V2Client?: { prototype: object };
}
interface V2Client {
  _options?: { baseUrl?: unknown; environment?: unknown };
}

/** The internal methods each public one calls; they resolve to `{ data, rawResponse }`. */
const METHODS: ReadonlyArray<readonly [string, Adapter]> = [
  ['__chat', cohereChatAdapter],
  ['__chatStream', cohereChatStreamAdapter],
  ['__embed', cohereEmbedAdapter],
];

const WITH_RAW_RESPONSE: ResultShape = {
  response: (value) => (value as { data?: unknown } | null)?.data,
  stream: (value) => (value as { data?: unknown } | null)?.data,
};

/**
 * Traces `cohere-ai` (major 8), the v2 API of `CohereClientV2`: `chat`, `chatStream` (server-sent events,
 * usage in `message-end`) and `embed`. The public methods return an `HttpResponsePromise` built on the
 * internal `__chat`/`__chatStream`/`__embed`, which are the ones wrapped: the app's promise, its
 * `.withRawResponse()` and the stream it yields are the SDK's own.
 */
export class CohereInstrumentation extends LlmInstrumentationBase {
  protected init() {
    const file = new InstrumentationNodeModuleFile(
      V2_CLIENT_FILE,
      [COHERE_SUPPORTED_VERSIONS],
      (exports: V2ClientFile, version?: string) => this._patch(exports, version),
      (exports: V2ClientFile) => this._unpatch(exports),
    );
    return moduleDefinitions('cohere-ai', COHERE_SUPPORTED_VERSIONS, undefined, undefined, [file]);
  }

  private _patch(exports: V2ClientFile, version: string | undefined): V2ClientFile {
    const proto = exports?.V2Client?.prototype as Record<string, unknown> | undefined;
    const missing = proto === undefined ? 'V2Client' : METHODS.find(([name]) => typeof proto[name] !== 'function')?.[0];
    if (proto === undefined || missing !== undefined) {
      reportShapeMismatch('cohere-ai', version, `V2Client.prototype.${missing ?? ''}`);
      return exports;
    }
    for (const [name, adapter] of METHODS) {
      wrapMethod(proto, name, (original) => {
        const instrumentation = this;
        return function sightlineCohere(this: V2Client | undefined, params: unknown): unknown {
          const options = this?._options;
          // A supplier function (not a string) leaves the address unknown.
          const base = options?.baseUrl ?? options?.environment ?? DEFAULT_BASE_URL;
          return runAsyncCall(instrumentation, adapter, params, endpointFor(base, PROVIDER_COHERE), original, this, arguments, WITH_RAW_RESPONSE);
        };
      });
    }
    return exports;
  }

  private _unpatch(exports: V2ClientFile): void {
    const proto = exports?.V2Client?.prototype;
    if (proto === undefined) return;
    for (const [name] of METHODS) unwrapMethod(proto, name);
  }
}
