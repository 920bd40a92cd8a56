import { context, diag, logs, metrics, propagation, trace, type AnyValue } from '@opentelemetry/api';
import {
  defaultResource,
  detectResources,
  type DetectedResourceAttributes,
  hostDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { installCrashHandlers, type RecordExceptionOptions, type SecurityEventAttributes } from '@sightline/audit';
import { InProcessMetrics, type MetricsSnapshot } from '@sightline/metrics';
import { createRedactor, redactMetricReader, type Redactor } from '@sightline/redaction';
import { createSampling, type SamplingControls } from '@sightline/sampling';
import { createComponents, type SightlineComponents } from './components.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import { resolveConfig } from './config/resolve-config.js';
import { globalState } from './internal/global-state.js';
import { installSdkGuards } from './safety/install-guards.js';
import { SafetyCounters } from './safety/safety-counters.js';
import { bridgeLegacyLogsApi } from './internal/legacy-logs-bridge.js';
import { settleWithin } from './internal/settle-within.js';
import { getLogger } from './logger/logger.js';
import { getLogLevel, setLogLevel } from './logger/level-control.js';
import { composePipeline, type Pipeline } from './pipeline.js';
import { installExitHooks, installExitWriter } from './process/exit-hooks.js';
import type { Engine } from './engine/engine.js';
import { startEngine } from './engine/start-engine.js';
import { ExportSupervisor } from './export/export-supervisor.js';
import { protoFallbacks } from './export/otlp-proto/serializers.js';
import { OneLineDiagLogger } from './diag/one-line-diag-logger.js';
import { ExportControl } from './export/transport/export-control.js';
import type { BootstrapOptions, DropCounts, SightlineHandle } from './types.js';

function zeroDrops(): DropCounts {
  const sanitized = new SafetyCounters().getSanitizedCounts();
  return {
    logs: { queue_full: 0, export_failed: 0, shutdown: 0 },
    spans: { queue_full: 0, export_failed: 0, shutdown: 0 },
    sanitized,
    stageErrors: {},
    encoderFallbacks: { logs: 0, spans: 0 },
  };
}

/** What every handle does the same way: the module-level logger API. */
abstract class LoggingHandle {
  readonly getLogger = getLogger;
  readonly setLogLevel = (spec: string): void => void setLogLevel(spec);
  readonly getLogLevel = getLogLevel;
}

/** The handle of an SDK that is not running (`OTEL_SDK_DISABLED=true`, or start-up failed): silent, working. */
class SilentHandle extends LoggingHandle implements SightlineHandle {
  readonly enabled = false;
  private readonly _metrics = new InProcessMetrics();
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    const state = globalState();
    if (state.handle === this) state.handle = undefined;
    return Promise.resolve();
  }
  getDropCounts(): DropCounts {
    return zeroDrops();
  }
  getMetrics(): Promise<MetricsSnapshot> {
    return this._metrics.getMetrics();
  }
  resetMetrics(): Promise<void> {
    return this._metrics.resetMetrics();
  }
  securityEvent(): void {}
  recordException(): void {}
  /** Controls that work and change nothing that is exported (nothing is). */
  readonly sampling: SamplingControls = createSampling({ enabled: false }).controls;
  readonly redaction: Redactor = createRedactor({ enabled: false });
}

/** The handle of a running SDK. */
class RunningHandle extends LoggingHandle implements SightlineHandle {
  readonly enabled = true;
  private _shutdown: Promise<void> | undefined;
  private _removeExitHooks: (() => void) | undefined;
  private _removeCrashHandlers: (() => void) | undefined;
  private readonly _removeExitWriter: () => void;

  private readonly _unbridge = bridgeLegacyLogsApi(logs.getLoggerProvider());

  constructor(
    private readonly _sdk: Engine,
    private readonly _pipeline: Pipeline,
    private readonly _components: SightlineComponents,
    private readonly _config: ResolvedConfig,
    private readonly _supervisor: ExportSupervisor,
  ) {
    super();
    // Whatever ends the process — process.exit(), a crash, a signal raised again — what is still queued is
    // spooled and the summary printed, synchronously. Stays installed until shutdown is complete.
    this._removeExitWriter = installExitWriter(() => finishReporting(_supervisor));
    if (_config.handleProcessExit) this._removeExitHooks = installExitHooks(() => this.shutdown());
    if (_config.features.captureCrashes) {
      this._removeCrashHandlers = installCrashHandlers({
        reporter: _components.exceptions,
        flush: (timeoutMillis, final) => (final ? this._finalFlush(timeoutMillis) : this.forceFlush(timeoutMillis)),
        flushTimeoutMillis: _config.shutdownTimeoutMillis,
      });
    }
  }

  get sampling(): SamplingControls {
    return this._components.sampling;
  }

  get redaction(): Redactor {
    return this._components.redactor;
  }

  securityEvent(name: string, attributes?: SecurityEventAttributes): void {
    this._components.securityEvents.emit(name, attributes);
  }

  recordException(error: unknown, options?: RecordExceptionOptions): void {
    this._components.exceptions.record(error, options);
  }

  forceFlush(timeoutMillis = this._config.shutdownTimeoutMillis): Promise<void> {
    const { logProcessors, spanProcessors, metricReaders } = this._pipeline;
    const work = Promise.allSettled([
      ...logProcessors.map((p) => p.forceFlush()),
      ...spanProcessors.map((p) => p.forceFlush()),
      ...metricReaders.map((r) => r.forceFlush()),
    ]);
    return settleWithin(work, timeoutMillis, 'forceFlush');
  }

  /**
   * The flush before a crash ends the process: nothing is retried, and what is still open when the
   * flush deadline passes is aborted, so that the `exit` event spools it within the timeout.
   */
  private async _finalFlush(timeoutMillis: number): Promise<void> {
    this._supervisor.startDraining();
    await this.forceFlush(flushDeadline(timeoutMillis));
    this._supervisor.control.abort();
  }

  shutdown(): Promise<void> {
    this._shutdown ??= this._doShutdown();
    return this._shutdown;
  }

  getMetrics(): Promise<MetricsSnapshot> {
    return this._components.inProcess.getMetrics();
  }

  resetMetrics(): Promise<void> {
    return this._components.inProcess.resetMetrics();
  }

  getDropCounts(): DropCounts {
    const counts = zeroDrops();
    for (const stage of this._pipeline.logExportStages) add(counts.logs, stage.getDropCounts());
    for (const stage of this._pipeline.spanExportStages) add(counts.spans, stage.getDropCounts());
    counts.sanitized = this._pipeline.safety.getSanitizedCounts();
    counts.stageErrors = this._pipeline.safety.getStageErrors();
    counts.encoderFallbacks = { logs: protoFallbacks.logs, spans: protoFallbacks.traces };
    return counts;
  }

  private async _doShutdown(): Promise<void> {
    this._removeExitHooks?.();
    this._removeCrashHandlers?.();
    // From here a receiver that is not there is not retried. Logs and spans flush first, so that the
    // MeterProvider's final collection sees their export outcomes; then every provider shuts down. One
    // deadline bounds both and keeps the process alive until then (our sockets and timers do not).
    // At the deadline whatever is still open is aborted and what is still held goes to the spool.
    this._supervisor.startDraining();
    const { logProcessors, spanProcessors } = this._pipeline;
    const flushed = Promise.allSettled([
      ...[...logProcessors, ...spanProcessors].map((p) => p.forceFlush()),
      this._supervisor.replayDone,
    ]);
    await settleWithin(
      flushed.then(() => this._sdk.shutdown()),
      flushDeadline(this._config.shutdownTimeoutMillis),
      'shutdown',
      true,
    );
    finishReporting(this._supervisor);
    this._removeExitWriter();
    const state = globalState();
    if (state.handle === this) {
      // Unregister the shut-down providers so that a later bootstrap() can register new ones.
      for (const api of [logs, trace, metrics, propagation, context]) api.disable();
      this._unbridge();
      state.handle = undefined;
      state.active = false;
      state.generation++;
    }
  }
}

/**
 * The part of a shutdown timeout given to flushing: the rest (a fifth, at most 200 ms) is kept for what
 * must still happen before the process ends — spooling what was not sent, the summary, Node's own exit.
 */
function flushDeadline(timeoutMillis: number): number {
  return Math.max(1, timeoutMillis - Math.min(200, Math.floor(timeoutMillis / 5)));
}

function add(into: Record<string, number>, from: Record<string, number>): void {
  for (const key of Object.keys(from)) into[key] = (into[key] ?? 0) + (from[key] ?? 0);
}

function buildResource(config: ResolvedConfig, redactor: Redactor) {
  const detected = detectResources({ detectors: [serviceInstanceIdDetector, processDetector, hostDetector, osDetector] });
  const explicit = { ...config.resourceAttributes };
  if (config.serviceName !== undefined) explicit[ATTR_SERVICE_NAME] = config.serviceName;
  const resource = defaultResource().merge(detected).merge(resourceFromAttributes(explicit));
  // Resource attributes go out with every export: `process.command_args` may carry `--token=…`. Values
  // that detectors still compute (promises) are redacted when they settle.
  const redacted: DetectedResourceAttributes = {};
  for (const [key, value] of resource.getRawAttributes()) {
    const name = redactor.redactKey(key);
    if (Object.hasOwn(redacted, name)) continue; // the first occurrence wins, as in Resource.attributes
    redacted[name] =
      value instanceof Promise ? value.then((v) => redactor.redactAttribute(key, v) as AnyValue) : (redactor.redactAttribute(key, value) as AnyValue);
  }
  return resourceFromAttributes(redacted, { schemaUrl: resource.schemaUrl });
}

/** `service.name` as the resource will have it, without reading the resource (its detectors may be async). */
function serviceNameOf(config: ResolvedConfig): string {
  const fromAttributes = config.resourceAttributes[ATTR_SERVICE_NAME];
  return config.serviceName ?? (typeof fromAttributes === 'string' ? fromAttributes : 'unknown_service:node');
}

function start(config: ResolvedConfig): SightlineHandle {
  const components = createComponents(config);
  const control = new ExportControl();
  const pipeline = composePipeline(
    {
      ...config,
      logStages: components.logStages,
      spanStages: components.spanStages,
      spanProcessors: [...components.spanProcessors, ...config.spanProcessors],
    },
    { control, selfObs: components.selfObs },
    components.safety,
  );
  const state = globalState();
  state.safety = pipeline.safety;
  state.logLimits = config.logLimits;
  pipeline.metricReaders.push(...components.metricReaders);
  // Our instrumentations' histograms reach every reader through the aggregator's producer (before the
  // redaction wrapper below, so that their attributes are redacted too).
  if (components.histogramAggregator !== undefined) for (const reader of pipeline.metricReaders) components.histogramAggregator.attach(reader);
  // Metric attributes are redacted at collection (once per attribute set), never on the record() path.
  if (config.features.redaction !== false) for (const reader of pipeline.metricReaders) redactMetricReader(reader, components.redactor);
  const supervisor = new ExportSupervisor({
    control,
    logStages: pipeline.logExportStages,
    spanStages: pipeline.spanExportStages,
    spool: config.spool,
    serviceName: serviceNameOf(config),
    otlp: {
      logs: config.exporters.logs.includes('otlp') ? config.otlp.logs : undefined,
      traces: config.exporters.traces.includes('otlp') ? config.otlp.traces : undefined,
    },
    shutdownTimeoutMillis: config.shutdownTimeoutMillis,
  });
  const sdk = startEngine({
    resource: buildResource(config, components.redactor),
    sampler: components.sampler,
    logRecordProcessors: pipeline.logProcessors,
    spanProcessors: pipeline.spanProcessors,
    metricReaders: pipeline.metricReaders,
    views: [...components.views, ...config.views],
    instrumentations: [...components.instrumentations, ...config.instrumentations],
    propagators: config.propagators,
  });
  installSdkGuards();
  const meterProvider = metrics.getMeterProvider();
  components.connect(meterProvider);
  for (const stage of [...pipeline.logExportStages, ...pipeline.spanExportStages]) stage.setMeterProvider(meterProvider);
  const handle = new RunningHandle(sdk, pipeline, components, config, supervisor);
  void supervisor.replaySpool();
  return handle;
}

/** Sightline's and the SDK's diagnostics: one line each, repeats and floods counted (one per process). */
const diagLogger = new OneLineDiagLogger();

/** At the very end (shutdown done, or the process exiting): what was lost, spooled or not printed. */
function finishReporting(supervisor: ExportSupervisor): void {
  supervisor.finish();
  diagLogger.flushSuppressed();
}

/**
 * Starts the OpenTelemetry SDK for logs, traces and metrics (its providers built directly; `NodeSDK` only
 * for what only it serves, see `startEngine`), configured from
 * `options` over the standard `OTEL_*` and our `SIGHTLINE_*` environment variables.
 *
 * Calling it again returns the running handle with a diagnostic warning: one process has one SDK.
 * With `OTEL_SDK_DISABLED=true` nothing starts and a silent handle is returned. Never throws: a bad
 * setting is reported in one diag line and replaced by its safe default.
 */
export function bootstrap(options: BootstrapOptions = {}): SightlineHandle {
  const state = globalState();
  if (state.handle !== undefined) {
    diag.warn('sightline: bootstrap() called again; returning the SDK that is already running');
    return state.handle;
  }
  let handle: SightlineHandle;
  try {
    const { config, problems } = resolveConfig(options);
    diag.setLogger(diagLogger, { logLevel: config.diagLogLevel, suppressOverrideMessage: true });
    for (const problem of problems) diag.warn(`sightline: ${problem}`);
    setLogLevel(config.logLevel);
    handle = config.disabled ? new SilentHandle() : start(config);
  } catch (error) {
    diag.error(`sightline: the SDK could not start; telemetry is off: ${error instanceof Error ? error.stack : String(error)}`);
    handle = new SilentHandle();
  }
  state.handle = handle;
  state.active = handle.enabled;
  state.generation++;
  return handle;
}

/** The handle of the SDK that `bootstrap()` or the `register` preload started, if one runs. */
export function getSightline(): SightlineHandle | undefined {
  return globalState().handle;
}
