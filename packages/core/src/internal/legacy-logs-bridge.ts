import type { LoggerProvider } from '@opentelemetry/api';

/**
 * Libraries built on the pre-1.10 logs API package (`@opentelemetry/api-logs`, e.g. the official
 * `@opentelemetry/winston-transport`) look their LoggerProvider up under their own global key, which the
 * 1.10 API no longer sets. Registering ours there too, with that package's versioned-getter protocol
 * (compatibility version 1), sends their records through the same pipeline.
 */
const LEGACY_LOGS_KEY = Symbol.for('io.opentelemetry.js.api.logs');
const LEGACY_COMPATIBILITY_VERSION = 1;

type LegacyGetter = (version: number) => LoggerProvider | undefined;
type WithLegacyLogs = typeof globalThis & { [LEGACY_LOGS_KEY]?: LegacyGetter };

/** Registers `provider` for `@opentelemetry/api-logs` users, unless one is already registered there. Returns an undo. */
export function bridgeLegacyLogsApi(provider: LoggerProvider): () => void {
  const g = globalThis as WithLegacyLogs;
  if (g[LEGACY_LOGS_KEY] !== undefined) return () => {};
  const getter: LegacyGetter = (version) => (version === LEGACY_COMPATIBILITY_VERSION ? provider : undefined);
  g[LEGACY_LOGS_KEY] = getter;
  return () => {
    if (g[LEGACY_LOGS_KEY] === getter) delete g[LEGACY_LOGS_KEY];
  };
}
