/**
 * The preload entry: `node --import @sightline/core/register app.mjs` or
 * `node --require @sightline/core/register app.cjs`. Starts the SDK from the environment alone inside the
 * registration of the ESM loader hooks, so that on every Node version the loader knows each module the
 * instrumentations patch before the app's first import (no top-level await: this file also ships as
 * CommonJS). This is the only module of the package with side effects.
 */
import { bootstrap } from './bootstrap.js';
import { registerLoaderHooks } from './esm-hooks.js';

registerLoaderHooks(() => {
  bootstrap();
});
