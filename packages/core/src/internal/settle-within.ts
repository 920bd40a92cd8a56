import { diag } from '@opentelemetry/api';

/**
 * Waits for `work` at most `timeoutMillis`; never rejects. A timeout or a failure is reported as one
 * diag line naming `what`. The timer keeps the process alive only with `keepAlive` (shutdown must
 * finish even when everything it waits for is `unref()`'d); it is cleared as soon as `work` settles.
 */
export function settleWithin(work: Promise<unknown>, timeoutMillis: number, what: string, keepAlive = false): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      diag.warn(`sightline: ${what} did not finish within ${timeoutMillis} ms; continuing`);
      resolve();
    }, timeoutMillis);
    if (!keepAlive) timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        diag.warn(`sightline: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
        resolve();
      },
    );
  });
}
