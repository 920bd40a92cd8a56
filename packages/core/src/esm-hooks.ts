import { diag } from '@opentelemetry/api';
import * as nodeModule from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { register as registerSyncHooks, supportsSyncHooks } from 'import-in-the-middle/register-hooks.mjs';

/** How the ESM loader hooks were registered. */
export type LoaderHooksMode = 'sync' | 'async' | 'unavailable';

/** Result of {@link registerLoaderHooks}. */
export interface LoaderHooks {
  /** `sync`: in-thread `module.registerHooks` (Node >= 22.22.3 / 24.11.1); `async`: `module.register` on the loader thread. */
  readonly mode: LoaderHooksMode;
  /**
   * Resolves once the loader has seen every instrumentation's hook (at once in `sync` mode).
   * An ESM preload should await it after `bootstrap()` and before the app's own imports run.
   */
  whenReady(): Promise<void>;
}

const HOOKS_KEY = Symbol.for('sightline.loader-hooks.v1');
type WithHooks = typeof globalThis & { [HOOKS_KEY]?: LoaderHooks };

function registerOnce(): LoaderHooks {
  if (supportsSyncHooks()) {
    registerSyncHooks();
    return { mode: 'sync', whenReady: () => Promise.resolve() };
  }
  if (typeof nodeModule.register === 'function') {
    const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
    nodeModule.register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
    return { mode: 'async', whenReady: () => waitForAllMessagesAcknowledged() };
  }
  return { mode: 'unavailable', whenReady: () => Promise.resolve() };
}

/**
 * Registers the import-in-the-middle ESM loader hooks, once per process, so that libraries loaded with
 * `import` are patched by the instrumentations (`require`d ones are patched without it). Must run
 * before the app's imports: the `register` preload does it. Never throws: on failure, one diag line
 * and ESM libraries stay unpatched.
 */
export function registerLoaderHooks(): LoaderHooks {
  const g = globalThis as WithHooks;
  const existing = g[HOOKS_KEY];
  if (existing !== undefined) return existing;
  let hooks: LoaderHooks;
  try {
    hooks = registerOnce();
  } catch (error) {
    diag.warn(`sightline: could not register the ESM loader hooks; ESM libraries stay unpatched: ${String(error)}`);
    hooks = { mode: 'unavailable', whenReady: () => Promise.resolve() };
  }
  g[HOOKS_KEY] = hooks;
  return hooks;
}
