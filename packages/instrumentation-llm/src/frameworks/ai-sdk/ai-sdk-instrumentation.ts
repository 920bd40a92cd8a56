import type { Context } from '@opentelemetry/api';
import { moduleDefinitions } from '../../internal/supported-version.js';
import { AI_SDK_SUPPORTED_VERSIONS } from '../../supported-versions.js';
import type { Adapter } from '../../internal/adapters/adapter.js';
import type { LlmCall } from '../../internal/llm-call.js';
import { LlmInstrumentationBase } from '../../internal/llm-instrumentation-base.js';
import type { Endpoint } from '../../internal/server-info.js';
import type { Telemetry } from '../../internal/telemetry.js';
import { AiSdkTelemetry } from './ai-sdk-telemetry.js';
import type { AiSdkHost, ModelCallParams } from './model-calls.js';
import { addIntegration, removeIntegration } from './integration-registry.js';
import { patchExports, unpatchExports, type TelemetrySource } from './v6/patch-exports.js';
import { SpanTranslator } from './v6/span-translator.js';

/** `ai` 6 is traced through its `ai.*` spans; `ai` 7 through its telemetry-integration interface. */
function isMajor6(version: string | undefined): boolean {
  return version !== undefined && version.startsWith('6.');
}


/**
 * Traces the Vercel AI SDK with no change to the app — `ai` 7 through its telemetry-integration interface,
 * `ai` 6 by running its operations with `experimental_telemetry` and a tracer of ours that translates the
 * SDK's `ai.*` spans — into the same spans and metrics: `generateText`, `streamText`, `generateObject`, `streamObject` (one `invoke_agent` span, a
 * `chat {model}` span per model call, an `execute_tool {tool}` span per tool execution) and `embed` /
 * `embedMany` (an `embeddings {model}` span per model call), usage as the SDK reports it, streams
 * included, and the GenAI client metrics. `@ai-sdk/otel`'s own integrations are not called meanwhile
 * (see `docs/llm.md`, "Vercel AI SDK").
 */
export class AiSdkInstrumentation extends LlmInstrumentationBase {
  declare private _integration: AiSdkTelemetry | undefined;
  declare private _translator: SpanTranslator | undefined;
  declare private _host: AiSdkHost | undefined;

  protected init() {
    return moduleDefinitions(
      'ai',
      AI_SDK_SUPPORTED_VERSIONS,
      (exports: Record<string, unknown>, version?: string) => {
        if (isMajor6(version)) return patchExports(exports, () => this._telemetrySource());
        addIntegration(this.integration);
        return exports;
      },
      (exports: Record<string, unknown>, version?: string) => {
        if (isMajor6(version)) unpatchExports(exports);
        else removeIntegration();
      },
    );
  }

  /** The integration object registered with `ai` 7 (one per instrumentation). */
  get integration(): AiSdkTelemetry {
    return (this._integration ??= new AiSdkTelemetry(this._aiSdkHost()));
  }

  /** The tracer `ai` 6 operations run with (one per instrumentation). */
  get translator(): SpanTranslator {
    return (this._translator ??= new SpanTranslator(this._aiSdkHost()));
  }

  private _telemetrySource(): TelemetrySource {
    return { tracer: this.translator.tracer, captureMessageContent: this.resolvedConfig.captureMessageContent };
  }

  private _aiSdkHost(): AiSdkHost {
    if (this._host === undefined) {
      const host: AiSdkHost = {
        telemetry: undefined as unknown as Telemetry,
        startModelCall: (adapter: Adapter, params: ModelCallParams, endpoint: Endpoint, parent: Context): LlmCall | undefined =>
          this.startCall(adapter, params, endpoint, parent),
      };
      Object.defineProperty(host, 'telemetry', { get: () => this.telemetry });
      this._host = host;
    }
    return this._host;
  }
}
