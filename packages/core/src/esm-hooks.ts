import { diag } from '@opentelemetry/api';
import * as nodeModule from 'node:module';
import { isMainThread, parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createAddHookMessageChannel } from 'import-in-the-middle';

/** import-in-the-middle's in-thread hooks. */
interface SyncHooksModule {
  register(): void;
  supportsSyncHooks(): boolean;
}

/**
 * Loaded when first needed, not at start-up: it is an ES module, and the CommonJS build must load on Node's
 * loader thread, where `require()` of an ES module throws (see {@link isLoaderThread}).
 */
function syncHooksModule(): SyncHooksModule {
  return nodeModule.createRequire(import.meta.url)('import-in-the-middle/register-hooks.mjs') as SyncHooksModule;
}

/** How the ESM loader hooks were registered. */
export type LoaderHooksMode = 'sync' | 'async' | 'unavailable';

/** Result of {@link registerLoaderHooks}. */
export interface LoaderHooks {
  /** `sync`: in-thread `module.registerHooks` (Node >= 22.22.3 / 24.11.1); `async`: `module.register` on the loader thread. */
  readonly mode: LoaderHooksMode;
  /**
   * Resolves once the loader has seen every instrumentation's hook: at once in `sync` mode, and for the
   * hooks added by the `start` function given to {@link registerLoaderHooks}. Only instrumentations enabled
   * later, on the `async` path, need it: an ESM preload that adds them awaits it.
   */
  whenReady(): Promise<void>;
}

const HOOKS_KEY = Symbol.for('sightline.loader-hooks.v1');
type WithHooks = typeof globalThis & { [HOOKS_KEY]?: LoaderHooks };

const unavailable: LoaderHooks = { mode: 'unavailable', whenReady: () => Promise.resolve() };

/**
 * The module lists the instrumentations sent to the loader's port while nobody listened yet, taken off the
 * port. Each is answered with the acknowledgement the loader would have sent, so that the channel's count
 * of unacknowledged lists (what `whenReady` waits for) stays right.
 */
function takeQueuedModules(port: MessagePort): string[] {
  const modules: string[] = [];
  for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) {
    const list: unknown = received.message;
    if (Array.isArray(list)) for (const name of list) if (typeof name === 'string') modules.push(name);
    port.postMessage('ack');
  }
  return modules;
}

/**
 * Registers the hooks around `start`. On the `async` path the loader thread learns the modules to hook
 * from messages it acknowledges later, so a module the app imports right after the preload could be
 * loaded before the loader has read them. Instead, `start` runs first, its instrumentations' module lists
 * are taken off the port and given to the loader as its initial `include` list, and `module.register()`
 * returns only once the loader's `initialize` has applied them: no race, no waiting, and it works the
 * same from a CommonJS preload, which cannot await.
 */
function registerOnce(start: () => void): LoaderHooks {
  const syncHooks = syncHooksModule();
  if (syncHooks.supportsSyncHooks()) {
    syncHooks.register();
    start();
    return { mode: 'sync', whenReady: () => Promise.resolve() };
  }
  if (typeof nodeModule.register !== 'function') {
    start();
    return unavailable;
  }
  const { registerOptions, addHookMessagePort, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  try {
    start();
  } finally {
    const include = takeQueuedModules(addHookMessagePort);
    nodeModule.register('import-in-the-middle/hook.mjs', import.meta.url, {
      ...registerOptions,
      data: { ...registerOptions.data, include },
    });
  }
  return { mode: 'async', whenReady: () => waitForAllMessagesAcknowledged() };
}

/**
 * Whether this is Node's module loader thread, which `module.register()` starts and on which Node runs the
 * `--require` preloads again: the only thread that is not the main one and has no `parentPort` (a Worker
 * the app starts has one). Nothing of ours may run there: no second SDK, and `module.register()` from
 * there crashes the process on Node 22.
 */
function isLoaderThread(): boolean {
  return !isMainThread && parentPort === null;
}

/**
 * Registers the import-in-the-middle ESM loader hooks, once per process, so that libraries loaded with
 * `import` are patched by the instrumentations (`require`d ones are patched without it), and runs `start`
 * — your `bootstrap()` call — so that the loader knows every module its instrumentations hook before the
 * app's first import, on every Node version. Must run before the app's imports: the `register` preload
 * does it. Never throws (but rethrows what `start` throws): on failure, one diag line and ESM libraries
 * stay unpatched. Called again, it runs `start` and returns the hooks already registered. On Node's
 * loader thread it does nothing, `start` included.
 */
export function registerLoaderHooks(start: () => void = () => {}): LoaderHooks {
  if (isLoaderThread()) return unavailable;
  const g = globalThis as WithHooks;
  const existing = g[HOOKS_KEY];
  if (existing !== undefined) {
    start();
    return existing;
  }
  let started = false;
  const once = (): void => {
    if (started) return;
    started = true;
    start();
  };
  let hooks: LoaderHooks;
  try {
    hooks = registerOnce(once);
  } catch (error) {
    diag.warn(`sightline: could not register the ESM loader hooks; ESM libraries stay unpatched: ${String(error)}`);
    hooks = unavailable;
    once();
  }
  g[HOOKS_KEY] = hooks;
  return hooks;
}
