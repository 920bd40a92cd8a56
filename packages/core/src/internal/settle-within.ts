import { diag } from '@opentelemetry/api';

/**
 * Waits for `work` at most `timeoutMillis`; never rejects. A timeout or a failure is reported as one
 * diag line naming `what`. The timer does not keep the process alive.
 */
export function settleWithin(work: Promise<unknown>, timeoutMillis: number, what: string): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      diag.warn(`sightline: ${what} did not finish within ${timeoutMillis} ms; continuing`);
      resolve();
    }, timeoutMillis);
    timer.unref();
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
