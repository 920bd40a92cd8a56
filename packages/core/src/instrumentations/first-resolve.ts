import type { registerHooks } from 'node:module';
import { diag } from '@opentelemetry/api';

/** A caller waiting for the first resolution of any of its packages. */
interface Waiter {
  readonly packages: readonly string[];
  readonly callback: () => void;
}

/** The waiters, by package name. */
const waiting = new Map<string, Waiter[]>();
let hooks: ReturnType<typeof registerHooks> | undefined;
let running = false;

type RequireFn = (this: unknown, id: string) => unknown;
/** `Module.prototype` of the CommonJS loader, whose `require` every module's `require` calls. */
const modulePrototype = (process.getBuiltinModule('node:module') as unknown as { prototype: { require: RequireFn } }).prototype;
/** The `require` this file wrapped, while it is wrapped. */
let wrappedRequire: RequireFn | undefined;
/** The specifier of the `require` that called back, until that `require` returns. */
let repeat: string | undefined;

/**
 * Wraps `Module.prototype.require` so that a `require` whose resolution called back is made once more
 * when it returns. Hooks the callback installed on `require` (require-in-the-middle, which every
 * OpenTelemetry instrumentation uses for CommonJS) come after the call already under way, so they would
 * never see that first load; the repeated call goes through them, finds the module in the cache and lets
 * them patch it — the same exports object the app receives, patched before the app's code runs on.
 */
function wrapRequire(): void {
  if (wrappedRequire !== undefined) return;
  const original = modulePrototype.require;
  wrappedRequire = original;
  modulePrototype.require = function sightlineFirstRequire(this: unknown, id: string): unknown {
    let exports: unknown;
    try {
      exports = original.apply(this, arguments as unknown as [string]);
    } catch (error) {
      if (repeat === id) repeat = undefined; // the app's own error, untouched; nothing to repeat
      throw error;
    }
    if (repeat === undefined || repeat !== id) return exports;
    repeat = undefined;
    try {
      return modulePrototype.require.call(this, id);
    } catch (error) {
      // A hook that throws must not reach the app: it keeps what its own require returned, unpatched.
      diag.warn(`sightline: instrumenting ${id} failed; it stays uninstrumented: ${String(error)}`);
      return exports;
    } finally {
      if (hooks === undefined) unwrapRequire();
    }
  };
}

/** Takes the wrapper away, unless something wrapped it in turn (then it stays, a pass-through). */
function unwrapRequire(): void {
  repeat = undefined;
  if (wrappedRequire === undefined) return;
  if (modulePrototype.require.name === 'sightlineFirstRequire') modulePrototype.require = wrappedRequire;
  wrappedRequire = undefined;
}

/** The package a bare specifier names (`@scope/name/sub/path` → `@scope/name`), else `undefined`. */
export function packageOf(specifier: string): string | undefined {
  const first = specifier.charCodeAt(0);
  // Relative, absolute, URLs and builtins (`./x`, `/x`, `file:`, `node:`) are never a package's first entry.
  if (first === 46 /* . */ || first === 47 /* / */ || specifier.includes(':')) return undefined;
  const slash = specifier.indexOf('/');
  if (first !== 64 /* @ */) return slash === -1 ? specifier : specifier.slice(0, slash);
  if (slash === -1) return undefined;
  const second = specifier.indexOf('/', slash + 1);
  return second === -1 ? specifier : specifier.slice(0, second);
}

/**
 * Calls `callback` once, the first time a bare specifier naming one of `packages` is resolved by `require`
 * or `import` on this thread — before that package's code loads. One in-thread resolve hook
 * (`module.registerHooks`) serves every caller; it is removed when nobody waits any more. What the callback
 * loads resolves through the same hook without recursion.
 */
export function onFirstResolve(packages: readonly string[], callback: () => void, register: typeof registerHooks): void {
  const waiter: Waiter = { packages, callback };
  for (const name of packages) {
    const list = waiting.get(name);
    if (list === undefined) waiting.set(name, [waiter]);
    else list.push(waiter);
  }
  wrapRequire();
  hooks ??= register({
    resolve(specifier, context, nextResolve) {
      if (!running && waiting.size > 0) {
        const name = packageOf(specifier);
        const waiters = name === undefined ? undefined : waiting.get(name);
        if (waiters !== undefined) {
          for (const waiter of waiters) forget(waiter);
          if (context.conditions?.includes('require') === true) repeat = specifier;
          running = true;
          try {
            for (const waiter of waiters) waiter.callback();
          } finally {
            running = false;
          }
          if (waiting.size === 0) {
            hooks?.deregister();
            hooks = undefined;
            // A `require` under way still needs the wrapper; it takes it away when it returns.
            if (repeat === undefined) unwrapRequire();
          }
        }
      }
      return nextResolve(specifier, context);
    },
  });
}

/** Removes a waiter from every package it waits for. */
function forget(waiter: Waiter): void {
  for (const name of waiter.packages) {
    const rest = waiting.get(name)?.filter((other) => other !== waiter) ?? [];
    if (rest.length === 0) waiting.delete(name);
    else waiting.set(name, rest);
  }
}
