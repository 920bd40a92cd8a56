import { diag } from '@opentelemetry/api';
import { ExceptionReporter } from './exception-reporter.js';
import { unhandledRejectionsMode } from './internal/unhandled-rejections-mode.js';
import type { CrashHandlerOptions } from './types.js';

const DEFAULT_FLUSH_TIMEOUT_MILLIS = 2000;
/** One set of handlers per process, even when the ESM and the CommonJS build are both loaded. */
const INSTALLED = Symbol.for('sightline.audit.crashHandlers');

type ProcessWithMarker = NodeJS.Process & { [INSTALLED]?: () => void };

/**
 * Records `uncaughtException` and unhandled rejections as `exception` log records and flushes them before the
 * process goes down, without changing how it goes down:
 *
 * - The record is emitted from `uncaughtExceptionMonitor`, before any other handler runs: FATAL when the
 *   process is about to end, ERROR when the application has its own `uncaughtException` listener.
 * - When ours is the only `uncaughtException` listener, the process waits for `flush` (at most
 *   `flushTimeoutMillis`), then removes its handlers and raises the same error again so that Node prints it and
 *   exits exactly as it would have (exit code 1; the unhandled-rejection path re-rejects, which reproduces
 *   Node's own output byte for byte). When the application has its own listener, it decides; we only flush.
 * - Rejections Node does not raise (`--unhandled-rejections=warn|none`) become ERROR records; Node's
 *   warnings are unchanged. With `warn-with-error-code` they are not recorded (a listener would change the
 *   exit code).
 *
 * Returns a function that removes the handlers. Installing twice returns the first installation's remover.
 */
export function installCrashHandlers(options: CrashHandlerOptions): () => void {
  const proc = process as ProcessWithMarker;
  const existing = proc[INSTALLED];
  if (existing !== undefined) {
    diag.warn('sightline: crash handlers are already installed; keeping the first ones');
    return existing;
  }
  const reporter = options.reporter ?? new ExceptionReporter();
  const timeout = options.flushTimeoutMillis ?? DEFAULT_FLUSH_TIMEOUT_MILLIS;
  const mode = unhandledRejectionsMode();
  let crashing = false;

  const appHandles = (): boolean => process.listenerCount('uncaughtException') > 1;

  const onMonitor = (error: unknown): void => {
    reporter.record(error, { severity: appHandles() ? 'error' : 'fatal' });
  };

  const onUncaught = (error: unknown, origin: NodeJS.UncaughtExceptionOrigin): void => {
    if (appHandles()) {
      void flushQuietly(false);
      return;
    }
    if (crashing) return;
    crashing = true;
    let done = false;
    const raiseAgain = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      remove();
      // A re-rejected error is printed by Node exactly as the original was; it needs the default rejection
      // mode and no application listener to reach Node's own handler. Otherwise rethrow from a fresh tick.
      const rejectable = (mode === 'throw' || mode === 'strict') && process.listenerCount('unhandledRejection') === 0;
      if (rejectable || origin === 'unhandledRejection') void Promise.reject(error);
      else
        setImmediate(() => {
          throw error;
        });
    };
    // Deliberately not unref()'d: the process must not end quietly (exit code 0) while the flush is pending.
    const timer = setTimeout(raiseAgain, timeout);
    flushQuietly(true).then(raiseAgain, raiseAgain);
  };

  const onRejection = (reason: unknown): void => {
    reporter.record(reason, { severity: 'error' });
  };

  /** `final`: the process is about to end (nothing will be retried later). */
  function flushQuietly(final: boolean): Promise<void> {
    try {
      return Promise.resolve(options.flush(timeout, final)).catch(() => undefined);
    } catch {
      return Promise.resolve();
    }
  }

  const listensToRejections = mode === 'warn' || mode === 'none';
  function remove(): void {
    process.removeListener('uncaughtExceptionMonitor', onMonitor);
    process.removeListener('uncaughtException', onUncaught);
    if (listensToRejections) process.removeListener('unhandledRejection', onRejection);
    if (proc[INSTALLED] === remove) delete proc[INSTALLED];
  }
  process.on('uncaughtExceptionMonitor', onMonitor);
  process.on('uncaughtException', onUncaught);
  if (listensToRejections) process.on('unhandledRejection', onRejection);
  proc[INSTALLED] = remove;
  return remove;
}
