/** The signals after which pending telemetry is flushed. */
const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Flushes on `SIGTERM`/`SIGINT` and when the event loop empties (`beforeExit`), keeping the process's
 * own exit behaviour: after a signal, if no other listener handles it, the signal is raised again so the
 * process ends as it would have without us. `process.exit()` called by the app cannot be delayed (its
 * `exit` event is synchronous): call `shutdown()` first there.
 * Returns a function that removes the hooks.
 */
export function installExitHooks(shutdown: () => Promise<void>): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    remove();
    const handledByApp = process.listenerCount(signal) > 0;
    void shutdown().finally(() => {
      if (!handledByApp) process.kill(process.pid, signal);
    });
  };
  const onBeforeExit = (): void => {
    remove();
    void shutdown();
  };
  function remove(): void {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    process.removeListener('beforeExit', onBeforeExit);
  }
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('beforeExit', onBeforeExit);
  return remove;
}
