import { diag, type Meter, type MeterProvider } from '@opentelemetry/api';

/**
 * Instruments registered on a MeterProvider that may arrive after the reporter was built, or change:
 * `bind(provider)` unregisters from the previous one and registers on the new one; `undefined` stops
 * reporting. A registration that throws is reported in one diag line and leaves nothing registered.
 */
export class MeterBinding {
  private _provider: MeterProvider | undefined;
  private _unregister: (() => void) | undefined;

  /**
   * @param meterName the meter the instruments are created on
   * @param what what is reported, for the diag line (e.g. `sightline.log.records`)
   * @param register creates the instruments on `meter` and returns how to remove them
   */
  constructor(
    private readonly meterName: string,
    private readonly what: string,
    private readonly register: (meter: Meter) => () => void,
  ) {}

  bind(provider: MeterProvider | undefined): void {
    if (provider === this._provider) return;
    this._unregister?.();
    this._unregister = undefined;
    this._provider = provider;
    if (provider === undefined) return;
    try {
      this._unregister = this.register(provider.getMeter(this.meterName));
    } catch (error) {
      diag.error(`sightline: cannot report ${this.what}: ${describeError(error)}`);
    }
  }
}

/** An error's message (else its name), or the value as text: for diag lines. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
