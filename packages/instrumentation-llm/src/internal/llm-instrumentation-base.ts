import { context, diag, type Attributes, type Context, type LoggerProvider, type TracerProvider } from '@opentelemetry/api';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import * as semconv from '../semconv.js';
import type { LlmInstrumentationConfig } from '../types.js';
import type { Adapter } from './adapters/adapter.js';
import { contentAttribute } from './content.js';
import { frameworkModelCall } from './framework-call.js';
import { IdleReaper } from './idle-reaper.js';
import { LlmCall, type CallStart } from './llm-call.js';
import { resolveConfig, type ResolvedLlmConfig } from './resolve-config.js';
import type { Endpoint } from './server-info.js';
import { createInstruments, type GenAiInstruments, type Telemetry } from './telemetry.js';

export const PACKAGE_NAME = '@sightline/instrumentation-llm';
export const PACKAGE_VERSION = '0.1.0';

/**
 * What every provider instrumentation shares: resolved options, the tracer, meter instruments and
 * logger, and starting a call. Fields are `declare`d because the base constructor calls `setConfig()`
 * and `_updateMetricInstruments()` before subclass field initialisers would run.
 */
export abstract class LlmInstrumentationBase extends InstrumentationBase<LlmInstrumentationConfig> {
  declare private _resolved: ResolvedLlmConfig;
  declare private _instruments: GenAiInstruments;
  declare private _telemetry: Telemetry | undefined;
  declare private _reaper: IdleReaper;

  constructor(config: LlmInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  override setConfig(config: LlmInstrumentationConfig = {}): void {
    super.setConfig(config);
    this._resolved = resolveConfig(this._config);
    this._reaper = new IdleReaper(this._resolved.idleTimeoutMillis);
    this._telemetry = undefined;
  }

  override setTracerProvider(tracerProvider: TracerProvider): void {
    super.setTracerProvider(tracerProvider);
    this._telemetry = undefined;
  }

  override setLoggerProvider(loggerProvider: LoggerProvider): void {
    super.setLoggerProvider(loggerProvider);
    this._telemetry = undefined;
  }

  protected override _updateMetricInstruments(): void {
    this._instruments = createInstruments(this.meter, { name: PACKAGE_NAME, version: PACKAGE_VERSION }, this._config.histogramAggregator);
    this._telemetry = undefined;
  }

  /** The resolved options (defaults and environment applied). */
  protected get resolvedConfig(): ResolvedLlmConfig {
    return this._resolved;
  }

  /** The tracer, instruments, logger, options and idle bound every span of this instrumentation uses. */
  protected get telemetry(): Telemetry {
    return this._currentTelemetry();
  }

  private _currentTelemetry(): Telemetry {
    return (this._telemetry ??= {
      tracer: this.tracer,
      logger: this.logger,
      instruments: this._instruments,
      config: this._resolved,
      reaper: this._reaper,
    });
  }

  /**
   * Starts the span of a call the app is making with `params`, as a child of `parent` (default: the active
   * context). `undefined` when our code fails, or when a framework already records this model call (see
   * `FrameworkModelCall`): the app's call then runs untraced by us.
   */
  startCall(
    adapter: Adapter,
    params: unknown,
    endpoint: Endpoint,
    parent: Context = context.active(),
    startedAt?: CallStart['startedAt'],
  ): LlmCall | undefined {
    try {
      const framework = frameworkModelCall(parent);
      if (framework !== undefined) {
        if (framework.owner === 'framework') return undefined;
        framework.covered = true;
      }
      const telemetry = this._currentTelemetry();
      const attributes: Attributes = {
        [semconv.ATTR_GEN_AI_OPERATION_NAME]: adapter.operation,
        [semconv.ATTR_GEN_AI_PROVIDER_NAME]: endpoint.provider,
      };
      const model = adapter.request(params, attributes);
      // Draft names (unreleased GenAI conventions) only with the opt-in: without it, the concept is not recorded.
      if (!telemetry.config.latestGenAiConventions && semconv.ATTR_GEN_AI_REQUEST_REASONING_LEVEL_DRAFT in attributes) {
        delete attributes[semconv.ATTR_GEN_AI_REQUEST_REASONING_LEVEL_DRAFT];
      }
      if (model !== undefined) attributes[semconv.ATTR_GEN_AI_REQUEST_MODEL] = model;
      const stream = adapter.isStream(params);
      attributes[semconv.ATTR_GEN_AI_REQUEST_STREAM] = stream;
      if (endpoint.address !== undefined) {
        attributes[semconv.ATTR_SERVER_ADDRESS] = endpoint.address;
        attributes[semconv.ATTR_SERVER_PORT] = endpoint.port;
      }
      if (telemetry.config.captureMessageContent && adapter.input !== undefined) {
        const input = adapter.input(params);
        const messages = contentAttribute(input?.messages, telemetry.config);
        if (messages !== undefined) attributes[semconv.ATTR_GEN_AI_INPUT_MESSAGES] = messages;
        const system = contentAttribute(input?.system, telemetry.config);
        if (system !== undefined) attributes[semconv.ATTR_GEN_AI_SYSTEM_INSTRUCTIONS] = system;
      }
      return new LlmCall(telemetry, { operation: adapter.operation, model, endpoint, stream, startedAt }, attributes, parent);
    } catch (problem) {
      diag.debug(`${PACKAGE_NAME}: could not start a span`, problem);
      return undefined;
    }
  }
}
