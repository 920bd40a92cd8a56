/** Promises that resolve when any export in flight settles (or everything is abandoned): what `flush()` waits on. */
export class SettleWaiters {
  private waiters: Array<() => void> = [];

  /** Resolves at the next {@link wake}. */
  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves every promise {@link next} has returned so far. */
  wake(): void {
    const waiters = this.waiters;
    if (waiters.length === 0) return;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
