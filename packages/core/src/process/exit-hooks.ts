/** The signals after which pending telemetry is flushed. */
const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Flushes on `SIGTERM`/`SIGINT` and when the event loop empties (`beforeExit`), keeping the process's
 * own exit behaviour: after a signal, if no other listener handles it, the signal is raised again so the
 * process ends as it would have without us. Returns a function that removes the hooks.
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

/**
 * Runs `onExit` in the process's synchronous `exit` event — `process.exit()`, the end of a crash, a
 * signal raised again — where no asynchronous work can run any more: the last chance to write what is
 * still queued to disk and to say what was lost. Returns a function that removes the hook.
 */
export function installExitWriter(onExit: () => void): () => void {
  const listener = (): void => {
    try {
      onExit();
    } catch {
      // nothing may escape into the exit path of the application
    }
  };
  process.on('exit', listener);
  return () => process.removeListener('exit', listener);
}
