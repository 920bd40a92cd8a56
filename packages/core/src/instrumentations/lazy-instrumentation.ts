import { registerHooks } from 'node:module';
import { diag, type LoggerProvider, type MeterProvider, type TracerProvider } from '@opentelemetry/api';
import type { Instrumentation, InstrumentationConfig } from '@opentelemetry/instrumentation';
import { Hook as ImportHook } from 'import-in-the-middle';
import { VERSION } from '../version.js';
import { onFirstResolve } from './first-resolve.js';

/** One instrumentation package, described without loading it. */
export interface LazyInstrumentationSpec {
  /** The `instrumentationName` of what it loads (one name for a package of several). */
  readonly name: string;
  /** The packages its instrumentations hook: their module definitions' names. */
  readonly modules: readonly string[];
  /** Loads the package, synchronously, and builds its instrumentations with `config`. */
  load(config: InstrumentationConfig): Instrumentation[];
}

/**
 * An instrumentation whose code is loaded when the app first resolves a module it instruments, not at
 * start-up. It watches module resolution (`require` and `import`, see {@link onFirstResolve}): the first
 * time a bare specifier names one of its packages (`pino`, `openai/resources/…`), before that package's code
 * runs, it loads the instrumentation package and builds its instrumentations, which hook that load and every
 * later one themselves, exactly as if they had been built at start-up. Until then it costs one entry in a
 * map; an app that never loads an instrumented library never loads its instrumentation.
 *
 * The names are also registered with import-in-the-middle at once (a hook that does nothing), so that an ES
 * module of the package is wrapped by the loader even when the loader learns its module list at start-up
 * (Node's loader thread). Providers and configuration set before the load are handed over at the load;
 * `disable()` before it means nothing is loaded.
 */
export class LazyInstrumentation implements Instrumentation {
  readonly instrumentationName: string;
  /** The version of this loader (`@sightline/core`): the loaded instrumentations have their own. */
  readonly instrumentationVersion = VERSION;
  private _config: InstrumentationConfig;
  private _enabled = false;
  private _watching = false;
  private _loaded: Instrumentation[] | undefined;
  private _tracerProvider: TracerProvider | undefined;
  private _meterProvider: MeterProvider | undefined;
  private _loggerProvider: LoggerProvider | undefined;

  constructor(
    private readonly _spec: LazyInstrumentationSpec,
    config: InstrumentationConfig = {},
    private readonly _register: typeof registerHooks | undefined = registerHooks,
  ) {
    this.instrumentationName = _spec.name;
    this._config = { enabled: true, ...config };
    if (this._config.enabled) this.enable();
  }

  /** The instrumentations loaded so far: none until an instrumented module is resolved. */
  get loaded(): readonly Instrumentation[] {
    return this._loaded ?? [];
  }

  enable(): void {
    this._enabled = true;
    if (this._loaded !== undefined) {
      for (const instrumentation of this._loaded) instrumentation.enable();
      return;
    }
    if (this._watching) return;
    this._watching = true;
    new ImportHook([...this._spec.modules], { internals: true }, (exports) => exports);
    // Without in-thread resolve hooks (not on any supported Node), load now: correct, only not lazy.
    if (typeof this._register !== 'function') this._load();
    else onFirstResolve(this._spec.modules, () => this._enabled && this._loaded === undefined && void this._load(), this._register);
  }

  disable(): void {
    this._enabled = false;
    for (const instrumentation of this._loaded ?? []) instrumentation.disable();
  }

  setTracerProvider(tracerProvider: TracerProvider): void {
    this._tracerProvider = tracerProvider;
    for (const instrumentation of this._loaded ?? []) instrumentation.setTracerProvider(tracerProvider);
  }

  setMeterProvider(meterProvider: MeterProvider): void {
    this._meterProvider = meterProvider;
    for (const instrumentation of this._loaded ?? []) instrumentation.setMeterProvider(meterProvider);
  }

  setLoggerProvider(loggerProvider: LoggerProvider): void {
    this._loggerProvider = loggerProvider;
    for (const instrumentation of this._loaded ?? []) instrumentation.setLoggerProvider?.(loggerProvider);
  }

  setConfig(config: InstrumentationConfig): void {
    this._config = { ...config };
    for (const instrumentation of this._loaded ?? []) instrumentation.setConfig(config);
  }

  getConfig(): InstrumentationConfig {
    return this._config;
  }

  private _load(): void {
    let loaded: Instrumentation[] = [];
    try {
      loaded = this._spec.load({ ...this._config, enabled: true });
    } catch (error) {
      diag.error(`sightline: ${this._spec.name} could not be loaded; ${this._spec.modules.join(', ')} stay uninstrumented: ${String(error)}`);
    }
    this._loaded = loaded;
    for (const instrumentation of loaded) {
      if (this._tracerProvider) instrumentation.setTracerProvider(this._tracerProvider);
      if (this._meterProvider) instrumentation.setMeterProvider(this._meterProvider);
      if (this._loggerProvider) instrumentation.setLoggerProvider?.(this._loggerProvider);
    }
  }
}
