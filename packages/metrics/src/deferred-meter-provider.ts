import {
  diag,
  type BatchObservableCallback,
  type BatchObservableResult,
  type Context,
  type Meter,
  type MeterOptions,
  type MeterProvider,
  type MetricAttributes,
  type MetricOptions,
  type Observable,
  type ObservableCallback,
} from '@opentelemetry/api';

type Sync = { add(value: number, attributes?: MetricAttributes, context?: Context): void } & {
  record(value: number, attributes?: MetricAttributes, context?: Context): void;
};

/** A synchronous instrument that forwards to the real one once it exists; before that, measurements are dropped. */
class DeferredSync implements Sync {
  real: Partial<Sync> | undefined;
  add(value: number, attributes?: MetricAttributes, context?: Context): void {
    this.real?.add?.(value, attributes, context);
  }
  record(value: number, attributes?: MetricAttributes, context?: Context): void {
    this.real?.record?.(value, attributes, context);
  }
}

/** An observable whose callbacks move to the real observable once it exists. */
class DeferredObservable implements Observable {
  real: Observable | undefined;
  readonly callbacks = new Set<ObservableCallback>();
  addCallback(callback: ObservableCallback): void {
    this.callbacks.add(callback);
    this.real?.addCallback(callback);
  }
  removeCallback(callback: ObservableCallback): void {
    this.callbacks.delete(callback);
    this.real?.removeCallback(callback);
  }
}

type Kind = 'Gauge' | 'Histogram' | 'Counter' | 'UpDownCounter' | 'ObservableGauge' | 'ObservableCounter' | 'ObservableUpDownCounter';

/** A meter whose instruments come to life when {@link bind} gives it the real meter. */
class DeferredMeter implements Meter {
  private real: Meter | undefined;
  private readonly pending: Array<(real: Meter) => void> = [];
  /** Batch callbacks, as registered and as wrapped for the real observables. */
  private readonly batches: Array<{ callback: BatchObservableCallback; observables: Observable[]; wrapped?: BatchObservableCallback }> = [];

  constructor(
    readonly name: string,
    readonly version: string | undefined,
    readonly options: MeterOptions | undefined,
  ) {}

  bind(real: Meter): void {
    this.real = real;
    for (const create of this.pending.splice(0)) create(real);
    for (const batch of this.batches) this.registerBatch(real, batch);
  }

  createGauge(name: string, options?: MetricOptions) {
    return this.sync('Gauge', name, options);
  }
  createHistogram(name: string, options?: MetricOptions) {
    return this.sync('Histogram', name, options);
  }
  createCounter(name: string, options?: MetricOptions) {
    return this.sync('Counter', name, options);
  }
  createUpDownCounter(name: string, options?: MetricOptions) {
    return this.sync('UpDownCounter', name, options);
  }
  createObservableGauge(name: string, options?: MetricOptions) {
    return this.observable('ObservableGauge', name, options);
  }
  createObservableCounter(name: string, options?: MetricOptions) {
    return this.observable('ObservableCounter', name, options);
  }
  createObservableUpDownCounter(name: string, options?: MetricOptions) {
    return this.observable('ObservableUpDownCounter', name, options);
  }

  addBatchObservableCallback(callback: BatchObservableCallback, observables: Observable[]): void {
    const batch = { callback, observables: [...observables] };
    this.batches.push(batch);
    if (this.real !== undefined) this.registerBatch(this.real, batch);
  }

  removeBatchObservableCallback(callback: BatchObservableCallback, observables: Observable[]): void {
    const index = this.batches.findIndex((b) => b.callback === callback && b.observables.length === observables.length && b.observables.every((o, i) => o === observables[i]));
    if (index === -1) return;
    const [batch] = this.batches.splice(index, 1);
    if (this.real !== undefined && batch.wrapped !== undefined) this.real.removeBatchObservableCallback(batch.wrapped, batch.observables.map(realOf));
  }

  private sync(kind: Kind, name: string, options?: MetricOptions): DeferredSync {
    const instrument = new DeferredSync();
    const create = (real: Meter) => (instrument.real = real[`create${kind}` as 'createCounter'](name, options) as Partial<Sync>);
    if (this.real !== undefined) create(this.real);
    else this.pending.push(create);
    return instrument;
  }

  private observable(kind: Kind, name: string, options?: MetricOptions): DeferredObservable {
    const instrument = new DeferredObservable();
    const create = (real: Meter) => {
      instrument.real = real[`create${kind}` as 'createObservableCounter'](name, options);
      for (const callback of instrument.callbacks) instrument.real.addCallback(callback);
    };
    if (this.real !== undefined) create(this.real);
    else this.pending.push(create);
    return instrument;
  }

  /** Registers a batch callback with the real meter, translating our observables to the real ones. */
  private registerBatch(real: Meter, batch: (typeof this.batches)[number]): void {
    batch.wrapped = (result: BatchObservableResult) =>
      batch.callback({ observe: (observable, value, attributes) => result.observe(realOf(observable), value, attributes) });
    real.addBatchObservableCallback(batch.wrapped, batch.observables.map(realOf));
  }
}

function realOf(observable: Observable): Observable {
  return observable instanceof DeferredObservable && observable.real !== undefined ? observable.real : observable;
}

/**
 * A MeterProvider to hand to components that need one at construction, before the real one exists —
 * such as the official OTLP exporters' `selfObsMeterProvider` (`otel.sdk.exporter.*.exported`,
 * `.inflight`, `otel.sdk.exporter.operation.duration`), built before the SDK creates its MeterProvider.
 * `setDelegate(real)` brings every meter and instrument created so far to life; measurements taken
 * before that are dropped (the components above take none before the SDK starts). Set once.
 */
export class DeferredMeterProvider implements MeterProvider {
  private delegate: MeterProvider | undefined;
  private readonly meters: DeferredMeter[] = [];

  getMeter(name: string, version?: string, options?: MeterOptions): Meter {
    if (this.delegate !== undefined) return this.delegate.getMeter(name, version, options);
    const meter = new DeferredMeter(name, version, options);
    this.meters.push(meter);
    return meter;
  }

  /** The real provider; later calls are ignored. */
  setDelegate(delegate: MeterProvider): void {
    if (this.delegate !== undefined) return;
    this.delegate = delegate;
    for (const meter of this.meters.splice(0)) {
      try {
        meter.bind(delegate.getMeter(meter.name, meter.version, meter.options));
      } catch (error) {
        diag.error(`sightline: the instruments of meter ${meter.name} could not be created: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
