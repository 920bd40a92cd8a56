/**
 * The preload entry: `node --import @sightline/core/register app.mjs` or
 * `node --require @sightline/core/register app.cjs`. Registers the ESM loader hooks, then starts the
 * SDK from the environment alone. This is the only module of the package with side effects.
 */
import { bootstrap } from './bootstrap.js';
import { registerLoaderHooks } from './esm-hooks.js';

const hooks = registerLoaderHooks();
bootstrap();
if (hooks.mode === 'async') {
  // Without top-level await (this file also ships as CommonJS), the loader thread acknowledges the
  // instrumentations' hooks asynchronously; Node versions with in-thread hooks need no wait at all.
  void hooks.whenReady();
}
