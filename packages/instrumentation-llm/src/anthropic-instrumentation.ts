import { PROVIDER_ANTHROPIC } from './semconv.js';
import { anthropicMessagesAdapter } from './internal/adapters/anthropic-messages.js';
import { restoreSdkSpans, silenceSdkSpans } from './internal/anthropic-sdk-spans.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { retryCounterWrapper, stainlessMethodWrapper } from './internal/stainless-wrapper.js';
import { moduleDefinitions, reportShapeMismatch } from './internal/supported-version.js';
import { ANTHROPIC_SUPPORTED_VERSIONS } from './supported-versions.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';


interface AnthropicModule {
  Anthropic?: AnthropicClass;
  BaseAnthropic?: { prototype: object };
  default?: AnthropicClass;
}
interface AnthropicClass {
  prototype: object;
  Messages?: { prototype: object };
  Beta?: { Messages?: { prototype: object } };
}

function targets(exports: AnthropicModule) {
  const Anthropic = exports?.Anthropic ?? exports?.default;
  const messages = Anthropic?.Messages?.prototype;
  if (Anthropic === undefined || messages === undefined) return undefined;
  const client = exports.BaseAnthropic?.prototype ?? Anthropic.prototype;
  return { client, messages, betaMessages: Anthropic.Beta?.Messages?.prototype };
}

/**
 * Traces `@anthropic-ai/sdk` (majors 0 and 1) messages: `messages.create` (plain and `stream: true`), the
 * `messages.stream()` helper (which calls `create`), and `beta.messages.create`. The SDK's own spans (1.x,
 * 0.x since 0.134) are switched off while this is enabled, so one call makes one span (see `docs/llm.md`,
 * "Anthropic").
 */
export class AnthropicInstrumentation extends LlmInstrumentationBase {
  protected init() {
    return moduleDefinitions(
      '@anthropic-ai/sdk',
      ANTHROPIC_SUPPORTED_VERSIONS,
      (exports: AnthropicModule, version?: string) => this._patch(exports, version),
      (exports: AnthropicModule) => this._unpatch(exports),
    );
  }

  private _patch(exports: AnthropicModule, version: string | undefined): AnthropicModule {
    const t = targets(exports);
    if (t === undefined || !silenceSdkSpans(t.client)) {
      reportShapeMismatch('@anthropic-ai/sdk', version, t === undefined ? 'Anthropic.Messages' : 'shadowable _tracer');
      return exports;
    }
    const wrapper = stainlessMethodWrapper(this, anthropicMessagesAdapter, PROVIDER_ANTHROPIC);
    wrapMethod(t.messages, 'create', wrapper);
    if (t.betaMessages !== undefined) wrapMethod(t.betaMessages, 'create', wrapper);
    wrapMethod(t.client, 'buildRequest', retryCounterWrapper);
    return exports;
  }

  private _unpatch(exports: AnthropicModule): void {
    const t = targets(exports);
    if (t === undefined) return;
    unwrapMethod(t.messages, 'create');
    if (t.betaMessages !== undefined) unwrapMethod(t.betaMessages, 'create');
    unwrapMethod(t.client, 'buildRequest');
    restoreSdkSpans(t.client);
  }
}
