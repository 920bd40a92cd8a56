import type { Context } from '@opentelemetry/api';
import { moduleDefinitions } from '../../internal/supported-version.js';
import { AI_SDK_SUPPORTED_VERSIONS } from '../../supported-versions.js';
import type { Adapter } from '../../internal/adapters/adapter.js';
import type { LlmCall } from '../../internal/llm-call.js';
import { LlmInstrumentationBase } from '../../internal/llm-instrumentation-base.js';
import type { Endpoint } from '../../internal/server-info.js';
import type { Telemetry } from '../../internal/telemetry.js';
import { AiSdkTelemetry, type AiSdkHost, type ModelCallParams } from './ai-sdk-telemetry.js';
import { addIntegration, removeIntegration } from './integration-registry.js';


/**
 * Traces the Vercel AI SDK (`ai` 7) through its telemetry-integration interface, with no change to the
 * app: `generateText`, `streamText`, `generateObject`, `streamObject` (one `invoke_agent` span, a
 * `chat {model}` span per model call, an `execute_tool {tool}` span per tool execution) and `embed` /
 * `embedMany` (an `embeddings {model}` span per model call), usage as the SDK reports it, streams
 * included, and the GenAI client metrics. `@ai-sdk/otel`'s own integrations are not called meanwhile
 * (see `docs/llm.md`, "Vercel AI SDK").
 */
export class AiSdkInstrumentation extends LlmInstrumentationBase {
  declare private _integration: AiSdkTelemetry | undefined;

  protected init() {
    return moduleDefinitions(
      'ai',
      AI_SDK_SUPPORTED_VERSIONS,
      (exports: unknown) => {
        addIntegration(this.integration);
        return exports;
      },
      () => removeIntegration(),
    );
  }

  /** The integration object registered with the AI SDK (one per instrumentation). */
  get integration(): AiSdkTelemetry {
    if (this._integration === undefined) {
      const host: AiSdkHost = {
        telemetry: undefined as unknown as Telemetry,
        startModelCall: (adapter: Adapter, params: ModelCallParams, endpoint: Endpoint, parent: Context): LlmCall | undefined =>
          this.startCall(adapter, params, endpoint, parent),
      };
      Object.defineProperty(host, 'telemetry', { get: () => this.telemetry });
      this._integration = new AiSdkTelemetry(host);
    }
    return this._integration;
  }
}
