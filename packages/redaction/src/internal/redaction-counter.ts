import { diag } from '@opentelemetry/api';

/** Totals of redacted values, by type and overall, and the `onRedact` callback. */
export class RedactionCounter {
  private readonly _byType = new Map<string, number>();
  private readonly _onRedact: ((type: string, count: number) => void) | undefined;
  private _total = 0;
  private _callbackFailed = false;

  constructor(onRedact?: (type: string, count: number) => void) {
    this._onRedact = onRedact;
  }

  add(type: string): void {
    this._total++;
    this._byType.set(type, (this._byType.get(type) ?? 0) + 1);
    if (this._onRedact === undefined) return;
    try {
      this._onRedact(type, 1);
    } catch (err) {
      if (!this._callbackFailed) diag.warn('@sightline/redaction: the onRedact callback threw; later errors are not reported', err);
      this._callbackFailed = true;
    }
  }

  get total(): number {
    return this._total;
  }

  byType(): Record<string, number> {
    return Object.fromEntries(this._byType);
  }
}
