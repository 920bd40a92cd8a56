/**
 * What every OTLP transport of one SDK shares with the shutdown logic: whether the SDK is draining
 * (shutting down, so that a receiver which is not there is not retried for seconds) and one abort for
 * every request and retry wait still open when the shutdown deadline passes.
 *
 * After `abort()`, nothing a transport started keeps the event loop alive: requests are destroyed, waits
 * end, new sends fail at once as unsent.
 */
export class ExportControl {
  private readonly _abort = new AbortController();
  private _draining = false;

  /** Aborted once the shutdown deadline passes (or the process exits). */
  get signal(): AbortSignal {
    return this._abort.signal;
  }

  /** True from the start of shutdown: a refused connection is final then (the receiver is not there). */
  get draining(): boolean {
    return this._draining;
  }

  get aborted(): boolean {
    return this._abort.signal.aborted;
  }

  startDraining(): void {
    this._draining = true;
  }

  /** Ends every open request and retry wait; later sends fail at once. Idempotent. */
  abort(): void {
    this._draining = true;
    if (!this._abort.signal.aborted) this._abort.abort(new UnsentExportError('export aborted at the shutdown deadline'));
  }

  /**
   * Waits `millis` without keeping the process alive; resolves `false` at once if aborted (before or
   * during the wait), `true` when the time is up.
   */
  sleep(millis: number): Promise<boolean> {
    const signal = this._abort.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, millis);
      timer.unref();
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * An export that did not reach the receiver, or whose outcome the receiver did not give, and that may be
 * sent again (connection refused or reset, timeout, 429/502/503/504, aborted at shutdown): what the
 * export stage keeps for a later attempt or writes to the spool, instead of counting it lost.
 */
export class UnsentExportError extends Error {
  override readonly name = 'UnsentExportError';
  /** The receiver answered `429` or `503` with `Retry-After`: when it asked to be tried again, in ms from now. */
  readonly retryAfterMillis: number | undefined;

  constructor(message: string, options?: { cause?: unknown; retryAfterMillis?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfterMillis = options?.retryAfterMillis;
  }
}

/** Whether `error` says the export may be sent again later (see {@link UnsentExportError}). */
export function isUnsent(error: unknown): error is UnsentExportError {
  return error instanceof UnsentExportError;
}
